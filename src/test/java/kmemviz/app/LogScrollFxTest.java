package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import kmemviz.ui.view.EventLogView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The event log follows its last line to the very end, also when a long kernel line brings a horizontal scroll bar. */
class LogScrollFxTest extends AppFxTest {
    private static final String FAILING = """
            machine classroom
            t = user_process("firefox", 3MiB)
            a = alloc_pages(GFP_KERNEL, 8)
            b = alloc_pages(GFP_KERNEL, 8)
            """;

    @Override
    void started() {
        stage.setWidth(1600);
        stage.setHeight(1000);
    }

    @Test
    void afterAScriptWhoseReportsAreWiderThanTheLogTheLastLineIsWhollyShown(FxRobot robot) throws Exception {
        AppFixture.fx(() -> { w.files.runScript("fail.kmv", FAILING); return null; });
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#event-log").queryAs(ListView.class);
        assertThat(horizontalBarShown(list)).as("a Mem-Info line is wider than the log").isTrue();
        assertLastLineShown(list);
    }

    @Test
    void afterUndoAndRedoTheLastLineIsWhollyShown(FxRobot robot) throws Exception {
        AppFixture.fx(() -> { w.files.runScript("fail.kmv", FAILING); return null; });
        AppFixture.idle(w);
        AppFixture.fx(() -> { w.history.undo(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        AppFixture.fx(() -> { w.history.redo(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#event-log").queryAs(ListView.class);
        assertLastLineShown(list);
    }

    /** 3,000 commands: the script's job hands back its last 5,000 lines in one batch (KernelBridge). */
    private static String longScript() {
        StringBuilder s = new StringBuilder("machine classroom\n");
        for (int i = 0; i < 1500; i++) s.append("p").append(i).append(" = alloc_pages(GFP_KERNEL, 0)\n__free_pages(p").append(i).append(", 0)\n");
        return s.toString();
    }

    @Test
    void afterAJobHandsBackThousandsOfLinesTheLastLineIsWhollyShown(FxRobot robot) throws Exception {
        AppFixture.fx(() -> { w.files.runScript("long.kmv", longScript()); return null; });
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#event-log").queryAs(ListView.class);
        assertThat(AppFixture.fx(() -> list.getItems().size())).as("lines in the log").isGreaterThan(4000);
        assertLastLineShown(list);
    }

    @Test
    void aJobsLinesBringTheLogBackToItsEndAfterTheUserScrolledUp(FxRobot robot) throws Exception {
        AppFixture.fx(() -> { w.files.runScript("long.kmv", longScript()); return null; });
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#event-log").queryAs(ListView.class);
        AppFixture.fx(() -> { list.scrollTo(0); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        AppFixture.fx(() -> { w.files.runScript("fail.kmv", FAILING); return null; });
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
        assertLastLineShown(list);
    }

    private static boolean horizontalBarShown(ListView<?> list) throws Exception {
        return AppFixture.fx(() -> list.lookupAll(".scroll-bar").stream()
                .anyMatch(n -> n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible()));
    }

    /** The cell of the last entry lies above the horizontal scroll bar (when there is one) and inside the list. */
    private static void assertLastLineShown(ListView<?> list) throws Exception {
        Object[] check = AppFixture.fx(() -> {
            int last = list.getItems().size() - 1;
            Bounds cell = null;
            for (Node n : list.lookupAll(".list-cell"))
                if (n instanceof IndexedCell<?> c && c.getIndex() == last && c.isVisible()) cell = c.localToScene(c.getLayoutBounds());
            double bottom = list.localToScene(list.getLayoutBounds()).getMaxY() - list.getInsets().getBottom();
            for (Node n : list.lookupAll(".scroll-bar"))
                if (n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible())
                    bottom = Math.min(bottom, b.localToScene(b.getLayoutBounds()).getMinY());
            EventLogView.Entry entry = (EventLogView.Entry) list.getItems().get(last);
            return new Object[] {cell, bottom, entry.text()};
        });
        Bounds cell = (Bounds) check[0];
        assertThat(cell).as("a cell shows the last line, %s", check[2]).isNotNull();
        assertThat(cell.getMaxY()).as("the last line's bottom against the log's visible bottom").isLessThanOrEqualTo((double) check[1] + 0.5);
    }
}
