package kmemviz.ui.control;

import javafx.application.Platform;

/** The check that a method which must run on the FX thread makes (everything in the UI runs there). */
public final class FxThread {
    private FxThread() {}

    public static void check() {
        assert Platform.isFxApplicationThread() : "must run on the FX thread, not " + Thread.currentThread().getName();
    }
}
