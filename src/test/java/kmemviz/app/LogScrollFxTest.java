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
    void withALineWiderThanTheLogInViewTheLastLineIsWhollyShownAboveTheHorizontalBar(FxRobot robot) throws Exception {
        // the report's wide Mem-Info lines are lines of their own, above the last ones: a command wider than the
        // log ends the script, so that the horizontal bar comes with the lines in view
        String wide = FAILING + "a_page_whose_variable_name_is_long_enough_for_its_command_to_be_wider_than_the_event_log_at_1600_px_"
                + "even_in_a_small_monospace_font = alloc_pages(GFP_KERNEL, 0)\n";
        AppFixture.fx(() -> { w.files.runScript("fail.kmv", wide); return null; });
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#event-log").queryAs(ListView.class);
        assertThat(horizontalBarShown(list)).as("a line in view is wider than the log").isTrue();
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

    /**
     * The list takes every line as one fixed height: the cells, measured by their skin once the fixed size is
     * lifted, are that high (each kind of line: bold commands, italic notes, the report's lines), also after the
     * presentation mode gives the log a larger font.
     */
    @Test
    void theFixedCellSizeIsTheMeasuredHeightOfEveryLineAlsoInPresentationMode(FxRobot robot) throws Exception {
        AppFixture.fx(() -> { w.files.runScript("fail.kmv", FAILING); return null; });
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#event-log").queryAs(ListView.class);
        double plain = AppFixture.fx(list::getFixedCellSize);
        assertThat(measuredHeights(list)).as("cells measured without a fixed size").containsOnly(plain);
        AppFixture.fx(() -> { w.themes.presentationProperty().set(true); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        double presented = AppFixture.fx(list::getFixedCellSize);
        assertThat(presented).as("fixed size in presentation mode").isGreaterThan(plain);
        assertThat(measuredHeights(list)).as("cells measured in presentation mode").containsOnly(presented);
    }

    /** The heights the shown cells' skins give when the list no longer fixes them (it is fixed again after). */
    private static java.util.Set<Double> measuredHeights(ListView<?> list) throws Exception {
        return AppFixture.fx(() -> {
            double fixed = list.getFixedCellSize();
            list.setFixedCellSize(-1);
            list.applyCss();
            list.layout();
            java.util.Set<Double> heights = new java.util.HashSet<>();
            for (Node n : list.lookupAll(".list-cell"))
                if (n instanceof IndexedCell<?> c && c.isVisible() && !c.isEmpty()) heights.add(c.prefHeight(-1));
            list.setFixedCellSize(fixed);
            return heights;
        });
    }

    /** An allocation failure's report is one line of the log a line, of its kind, and they give its text back. */
    @Test
    void aKernelReportIsOneLineOfItsKindALineThatJoinBackToItsText(FxRobot robot) throws Exception {
        String report = failingReport();
        var log = AppFixture.fx(() -> java.util.List.copyOf(w.log.entries()));
        int first = firstLineOf(report, log);
        var lines = log.subList(first, first + report.split("\n", -1).length);
        assertThat(lines).as("the report's lines").allMatch(e -> e.kind() == EventLogView.Kind.FAILURE);
        assertThat(text(lines)).isEqualTo(report);
    }

    /** A click on one line of a report and Copy take the whole report, as when the report was one entry. */
    @Test
    void copyWithOneLineOfAReportSelectedTakesTheWholeReportAndAnotherLineAlone(FxRobot robot) throws Exception {
        String report = failingReport();
        ListView<?> list = robot.lookup("#event-log").queryAs(ListView.class);
        var log = AppFixture.fx(() -> java.util.List.copyOf(w.log.entries()));
        int first = firstLineOf(report, log);
        String copied = AppFixture.fx(() -> { list.getSelectionModel().clearAndSelect(first + 3); return text(w.log.copied()); });
        assertThat(copied).isEqualTo(report);
        String command = AppFixture.fx(() -> { list.getSelectionModel().clearAndSelect(first - 1); return text(w.log.copied()); });
        assertThat(command).as("the line before the report, alone").isEqualTo(log.get(first - 1).text()).doesNotContain("\n");
    }

    /** Runs {@link #FAILING} and returns the text of its allocation failure's report. */
    private String failingReport() throws Exception {
        java.util.List<kmemviz.core.mm.KernelReport> reports = new java.util.ArrayList<>();
        AppFixture.fx(() -> {
            w.bridge.subscribe(new kmemviz.core.kernel.KernelListener() {
                @Override public void report(kmemviz.core.mm.KernelReport r) { reports.add(r); }
            });
            w.files.runScript("fail.kmv", FAILING);
            return null;
        });
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(reports).as("the script's reports").isNotEmpty().allMatch(r -> r.text().equals(reports.get(0).text()));
        assertThat(reports.get(0).text()).as("a report of several lines").contains("\n");
        return reports.get(0).text();
    }

    private static int firstLineOf(String report, java.util.List<EventLogView.Entry> log) {
        int first = log.stream().map(EventLogView.Entry::text).toList().indexOf(report.split("\n", -1)[0]);
        assertThat(first).as("the report's first line in the log").isPositive();
        return first;
    }

    private static String text(java.util.List<EventLogView.Entry> lines) {
        return lines.stream().map(EventLogView.Entry::text).collect(java.util.stream.Collectors.joining("\n"));
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
