package kmemviz.ui.control;

import javafx.application.Platform;

/** The one place that hops onto the FX thread; everything else in the UI already runs there. */
public final class FxThread {
    private FxThread() {}

    /** Runs now if on the FX thread, else at the next pulse. Can be called on any thread. */
    public static void run(Runnable r) {
        if (Platform.isFxApplicationThread()) r.run();
        else Platform.runLater(r);
    }

    public static void check() {
        assert Platform.isFxApplicationThread() : "must run on the FX thread, not " + Thread.currentThread().getName();
    }
}
