package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.mm.Gfp;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The window's close button asks as Ctrl+Q does when commands are not saved, and closes at once when none are. */
class CloseRequestFxTest extends AppFxTest {
    /** Runs the stage's close handler as the title bar's button would; completes with whether it kept the window open. */
    private CompletableFuture<Boolean> requestClose() {
        CompletableFuture<Boolean> kept = new CompletableFuture<>();
        Platform.runLater(() -> {
            WindowEvent e = new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST);
            stage.getOnCloseRequest().handle(e);           // a question blocks here in a nested event loop
            kept.complete(e.isConsumed());
        });
        return kept;
    }

    private static Button dialogButton(FxRobot robot, String text) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals(text)).findFirst().orElseThrow(() -> new AssertionError("no button " + text));
    }

    @Test
    void withNothingUnsavedTheWindowClosesWithoutAQuestion() throws Exception {
        assertThat(requestClose().get(10, TimeUnit.SECONDS)).as("kept open").isFalse();
    }

    /**
     * A built-in lesson only watched leaves nothing to save (its file holds every step it ran); one action recorded
     * into it is a line the file does not hold, and quitting asks.
     */
    @Test
    void steppingThroughALessonAsksNothingOnQuitAndOneRecordedActionAsks(FxRobot robot) throws Exception {
        var lesson = kmemviz.core.lesson.LessonCatalogue.builtIn().lessons().get(1);
        AppFixture.fx(() -> { w.lesson.open(lesson, 30); return null; });
        org.testfx.util.WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> AppFixture.fx(() -> !w.runner.busyProperty().get()));
        AppFixture.fx(() -> { w.lesson.controller.next(); return null; });
        assertThat(AppFixture.fx(() -> w.files.unsavedCommands())).as("unsaved after watching " + lesson.id()).isZero();
        assertThat(requestClose().get(10, TimeUnit.SECONDS)).as("kept open").isFalse();

        AppFixture.fx(() -> { w.lesson.controller.startRecording(); return null; });
        robot.clickOn("#allocate");
        assertThat(AppFixture.fx(() -> w.files.unsavedCommands())).as("unsaved after recording an allocation").isPositive();
        CompletableFuture<Boolean> asked = requestClose();
        robot.clickOn(dialogButton(robot, "Cancel"));
        assertThat(asked.get(10, TimeUnit.SECONDS)).as("kept open after Cancel").isTrue();
    }

    @Test
    void withUnsavedCommandsCancelKeepsTheWindowOpenAndQuitWithoutSavingLetsItClose(FxRobot robot) throws Exception {
        AppFixture.fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));

        CompletableFuture<Boolean> cancelled = requestClose();
        Button cancel = dialogButton(robot, "Cancel");
        assertThat(cancelled).as("the question waits for an answer").isNotDone();
        robot.clickOn(cancel);
        assertThat(cancelled.get(10, TimeUnit.SECONDS)).as("kept open after Cancel").isTrue();

        CompletableFuture<Boolean> lost = requestClose();
        robot.clickOn(dialogButton(robot, "Quit without saving"));
        assertThat(lost.get(10, TimeUnit.SECONDS)).as("kept open after Quit without saving").isFalse();
    }
}
