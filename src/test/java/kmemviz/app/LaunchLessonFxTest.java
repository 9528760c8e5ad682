package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import kmemviz.core.lesson.LessonCatalogue;
import kmemviz.ui.lesson.HeadlessRuns;
import kmemviz.ui.lesson.LessonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** `--lesson=ID --step=N` at launch: the application itself opens the lesson in the player, at that step. */
class LaunchLessonFxTest {
    private KmemvizApp app;

    @AfterEach
    void close() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void theLessonOpensAtTheStepTheCommandLineNames() throws Exception {
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);   // a whole start-up, on a loaded CI machine
        FxToolkit.registerPrimaryStage();
        app = (KmemvizApp) FxToolkit.setupApplication(KmemvizApp.class, "--lesson=buddy-allocator", "--step=5");
        Wiring w = app.wiring();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.lesson.controller.isOpen() && !w.runner.busyProperty().get()));
        var lesson = LessonCatalogue.builtIn().byId("buddy-allocator").orElseThrow();
        assertThat(fx(() -> w.lesson.controller.player().script().name())).isEqualTo(lesson.file());
        assertThat(fx(() -> w.lesson.controller.player().cursor())).isEqualTo(5);
        assertThat(fx(() -> HeadlessRuns.proc(w.kernel))).isEqualTo(HeadlessRuns.afterEachStep(new LessonScript(lesson.file(), lesson.text()))[5]);
    }
}
