package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import kmemviz.ui.lesson.LessonController;
import kmemviz.ui.lesson.LessonScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson player in the window: keys, buttons, the timeline and recording reach the states a headless run does. */
@ExtendWith(ApplicationExtension.class)
class LessonPlayerFxTest {
    private Wiring w;
    private LessonController lesson;

    @Start
    void start(Stage stage) {
        w = AppFixture.start(stage);
        lesson = w.lesson.controller;
    }

    static String proc(Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (Report r : Report.values()) if (r != Report.events) sb.append(r.render(k, List.of()));
        return sb.toString();
    }

    static String headless(String text, int steps) {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        for (ScriptLine l : new LessonScript("t.kmv", text).steps().subList(0, steps)) k.execute(l.command());
        return proc(k);
    }

    private String openTour() throws Exception {
        String text = Files.readString(Path.of("assets/scripts/tour.kmv"));
        fx(() -> { lesson.open("tour.kmv", text); return null; });
        return text;
    }

    @Test
    void clickerKeysStepForwardAndBackAndHomeRestarts(FxRobot robot) throws Exception {
        String text = openTour();
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.PAGE_DOWN);
        robot.type(KeyCode.RIGHT);
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(3);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 3));
        robot.type(KeyCode.LEFT);
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(2);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 2));
        robot.type(KeyCode.PAGE_UP);
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.HOME);
        assertThat(fx(() -> lesson.player().cursor())).isZero();
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 0));
        robot.type(KeyCode.B);
        assertThat(fx(() -> w.lesson.stage.blank().isVisible())).isTrue();
    }

    @Test
    void aClickOnAScriptLineAndTheTimelineJumpThere(FxRobot robot) throws Exception {
        String text = openTour();
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node cell = robot.lookup("#script-lines .list-cell").<javafx.scene.control.ListCell<?>>match(
                c -> c.getText() != null && c.getText().contains("alloc_pages(GFP_KERNEL | __GFP_DMA, 2)")).query();
        var bounds = cell.localToScreen(cell.getBoundsInLocal());
        robot.clickOn(new javafx.geometry.Point2D(bounds.getMinX() + 60, bounds.getCenterY()));   // a long line's cell is wider than the pane
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(4);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 4));
        fx(() -> { w.lesson.stage.timeline().slider().setValue(11); return null; });
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(11);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 11));
    }

    @Test
    void playRunsToTheEndAndShowsTheLastNote(FxRobot robot) throws Exception {
        String text = openTour();
        int steps = fx(() -> lesson.player().size());
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> !lesson.isPlaying()));
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(steps);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, steps));
        assertThat(fx(() -> w.lesson.stage.caption().text())).startsWith("Blocks of orders 0-5");
    }

    @Test
    void aDetourThroughTheToolbarEndsWithTheModelWhereTheLessonWas(FxRobot robot) throws Exception {
        String text = openTour();
        for (int i = 0; i < 5; i++) robot.type(KeyCode.RIGHT);
        robot.clickOn("#lesson-try-it-yourself");
        robot.clickOn("#allocate");
        robot.clickOn("#allocate");
        assertThat(fx(() -> w.lesson.stage.bannerText())).contains("lesson waits at step 5");
        robot.clickOn("#back-to-lesson");
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 5));
        robot.type(KeyCode.RIGHT);
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(6);
        assertThat(fx(() -> w.kernel.history().size())).isEqualTo(7);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 6));
    }

    @Test
    void toolbarActionsRecordedIntoAScriptReplayToTheSameState(FxRobot robot) throws Exception {
        fx(() -> { lesson.startRecording(); return null; });
        robot.clickOn("#allocate");
        robot.clickOn("#allocate");
        robot.clickOn("#free");
        String script = fx(() -> lesson.player().script().text());
        assertThat(script.lines()).hasSize(4).first().asString().startsWith("machine classroom");
        LessonScript saved = new LessonScript("rec.kmv", script);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(script, saved.steps().size()));
    }
}
