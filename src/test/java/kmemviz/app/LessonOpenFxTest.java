package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import kmemviz.core.lesson.Lesson;
import kmemviz.core.lesson.LessonCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The ways into the lesson player other than File > Open: a script dropped on the window, and the lesson browser. */
class LessonOpenFxTest extends AppFxTest {
    /** Drops {@code file} on the window as a file manager would; returns whether the drop was taken. */
    private boolean drop(File file) throws Exception {
        return fx(() -> {
            Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
            board.setContent(Map.of(DataFormat.FILES, List.of(file)));
            DragEvent e = new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10, TransferMode.COPY, null, null, null);
            Event.fireEvent(w.root, e);
            return e.isDropCompleted();
        });
    }

    @Test
    void aScriptDroppedOnTheWindowOpensInThePlayerAndAnyOtherFileIsLeft(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("notes.pdf"), "%PDF");
        assertThat(drop(other.toFile())).isFalse();
        assertThat(fx(() -> w.lesson.controller.isOpen())).isFalse();

        Path script = Files.writeString(dir.resolve("two-pages.kmv"), "machine classroom\np = alloc_pages(GFP_KERNEL, 1)\n");
        assertThat(drop(script.toFile())).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.lesson.controller.isOpen())).isTrue();
        assertThat(fx(() -> w.lesson.controller.player().script().name())).isEqualTo("two-pages.kmv");
        assertThat(fx(() -> w.lesson.controller.player().size())).isEqualTo(2);
    }

    @Test
    void theLessonBrowserListsTheCourseAndOpensTheChosenLesson(FxRobot robot) throws Exception {
        robot.clickOn("#frame-map");
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#lesson-list").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ListView<Lesson> list = (ListView<Lesson>) robot.lookup("#lesson-list").query();
        List<Lesson> course = LessonCatalogue.builtIn().lessons();
        assertThat(fx(() -> List.copyOf(list.getItems()))).isEqualTo(course);

        fx(() -> { list.getSelectionModel().select(1); return null; });
        robot.clickOn(robot.lookup(".button").match((Button b) -> "Open".equals(b.getText())).queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> w.lesson.controller.isOpen()));
        assertThat(fx(() -> w.lesson.controller.player().script().name())).isEqualTo(course.get(1).file());
        assertThat(fx(() -> w.lesson.controller.player().cursor())).isZero();
    }
}
