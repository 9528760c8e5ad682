package kmemviz.app;

import java.util.concurrent.Callable;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** How the TestFX tests start the window: the real app, animation instant, no pop-up notifications. */
final class AppFixture {
    private AppFixture() {}

    static Wiring start(Stage stage) {
        KmemvizApp app = new KmemvizApp();
        app.start(stage);
        Wiring w = app.wiring();
        w.animator.speedProperty().set(1.0);          // instant: the views follow the core at once
        w.bridge.setReportPanel(null);
        return w;
    }

    /** Runs on the FX thread and waits for the answer. */
    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}
