package kmemviz.app;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Timestamps on the way to the window's first frame, for {@code kmemviz bench startup}. Off unless the system
 * property {@value #PROPERTY} is set; its value is the launch time in epoch milliseconds (the bench sets it just
 * before it starts the JVM), and each mark prints {@code startup PHASE MS CPU_MS}: the milliseconds since then, and the
 * CPU time all of the JVM's threads have used, which on a shared machine shows the work apart from the waiting.
 */
public final class StartupTrace {
    public static final String PROPERTY = "kmemviz.startupTrace";
    private static final long LAUNCHED = Long.getLong(PROPERTY, -1);

    private StartupTrace() {}

    public static void mark(String phase) {
        if (LAUNCHED < 0) return;
        long wallMs = System.currentTimeMillis() - LAUNCHED;
        long cpuMs = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        System.out.println("startup " + phase + " " + wallMs + " " + cpuMs);
    }

    /**
     * Runs {@code then} on the FX thread once the scene's first pulse has been rendered. The first pulse lays the
     * scene out (CSS, layout) and hands it to the render thread; the pulse after it starts only when that rendering is
     * done, so the first timer tick after the first layout is the first frame on screen.
     */
    static void afterFirstFrame(Scene scene, Runnable then) {
        boolean[] laidOut = {false};
        Runnable onLayout = () -> laidOut[0] = true;
        scene.addPostLayoutPulseListener(onLayout);
        new AnimationTimer() {
            @Override public void handle(long now) {
                if (!laidOut[0]) return;
                stop();
                scene.removePostLayoutPulseListener(onLayout);
                then.run();
            }
        }.start();
    }
}
