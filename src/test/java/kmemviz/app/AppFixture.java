package kmemviz.app;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;

/** How the TestFX tests start the window: the real app, animation instant, no pop-up notifications. */
final class AppFixture {
    private AppFixture() {}

    static Wiring start(Stage stage) {
        // The window reopens at the size it closed at (KmemvizApp saves it in the preferences): without this, a test
        // class found the window at whatever size an earlier class left, e.g. 1280x720 after a presentation test, and
        // what it sees (what a scroll pane shows, where a figure's parts sit) depended on which classes ran before it.
        Preferences saved = Preferences.userNodeForPackage(KmemvizApp.class);
        saved.remove("width");
        saved.remove("height");
        KmemvizApp app = new KmemvizApp();
        app.start(stage);
        Wiring w = app.wiring();
        w.animator.speedProperty().set(1.0);          // instant: the views follow the core at once
        w.bridge.setReportPanel(null);
        return w;
    }

    /** Waits until no background job owns the kernel and the FX thread has handled what the job handed back. */
    static void idle(Wiring w) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Hides every window but {@code stage} (dialogs, tooltips), so that the next test class clicks on the stage. */
    static void hidePopups(Stage stage) throws Exception {
        fx(() -> {
            for (Window popup : List.copyOf(Window.getWindows())) if (popup != stage) popup.hide();
            return null;
        });
    }

    /** Runs on the FX thread and waits for the answer. */
    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}
