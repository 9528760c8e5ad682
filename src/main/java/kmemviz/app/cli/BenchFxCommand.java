package kmemviz.app.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import kmemviz.app.KmemvizApp;
import kmemviz.app.Wiring;
import kmemviz.core.cmd.Vmalloc;
import kmemviz.core.mm.Gfp;
import kmemviz.ui.control.ModelTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long the FX thread is kept from drawing by the model: the real window (headless through Monocle unless
 * {@code --window}) is driven through the work a user starts on x86_64-16g, and for each the longest frame is
 * printed. A frame is the time between two pulses of an {@link AnimationTimer} that runs for the whole bench; what
 * the FX thread did in it (event handlers, a job's hand-back, CSS, layout) is measured as that thread's CPU time
 * ({@code _cpu_ms}, what the work costs when other processes share the cores) and as wall-clock time ({@code _ms},
 * what a user sees, rendering included). The target is one frame, 16 ms. Beside them, {@code _model_ms} is the most
 * CPU time the FX thread spent in one frame on model-facing work ({@link kmemviz.ui.control.ModelTime}: a job's
 * hand-back, the views' copy of the new state, the log's lines, the controllers' refresh from the kernel), which is
 * what issue 10 literally bounds ("never waits on the model for more than one frame"); the rest of a frame is
 * JavaFX's CSS, layout and rendering, and the views' repaints it calls.
 *
 * <p>Scenarios, in order: {@code boot} (File, New machine: x86_64-16g), {@code script} (a script of 10,000
 * commands, the mix of {@code bench history}), {@code undo} (one undo after it), {@code theme} (dark, then light
 * again), {@code vmalloc} (vmalloc(256 MiB) with the Mappings tab shown, which then redraws the new area).
 */
@Command(name = "fx", mixinStandardHelpOptions = true,
        description = "The longest FX-thread frame of boot, a script, undo, a theme toggle and a large vmalloc on x86_64-16g.")
public final class BenchFxCommand implements Callable<Integer> {
    private static final long TIMEOUT_S = 300;
    /** Frames after a job's end that still belong to it: the repaints it caused come in the pulses after the hand-back. */
    private static final int SETTLE_FRAMES = 30;

    @Option(names = "--window", description = "open a real window on $DISPLAY instead of drawing headless")
    boolean window;

    private Wiring w;
    private Meter meter;

    @Override
    public Integer call() throws Exception {
        if (!window) {                 // before the toolkit starts: the same properties as the tests' headless.argLine
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("headless.geometry", "1920x1200-32");
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        try {
            fx(() -> {
                KmemvizApp app = new KmemvizApp();
                app.start(new Stage());
                w = app.wiring();
                w.animator.speedProperty().set(1.0);     // instant: what is timed is the model and the repaint, not the animation
                w.bridge.setReportPanel(null);
                meter = new Meter(w.bridge.modelTime());
                meter.start();
                return null;
            });
            idle();
            scenario("boot", () -> w.files.boot("x86_64-16g"));
            String script = BenchHistoryCommand.mix(10_000, 42).stream().map(kmemviz.core.cmd.Command::text).collect(Collectors.joining("\n"));
            scenario("script", () -> w.files.runScript("bench-fx.kmv", script));
            scenario("undo", () -> w.history.undo());
            scenario("theme", () -> w.themes.darkProperty().set(true));
            scenario("theme_back", () -> w.themes.darkProperty().set(false));
            fx(() -> { selectMappings(); return null; });
            idle();
            scenario("vmalloc", () -> w.jobs.execute(new Vmalloc("big", Vmalloc.Flavor.VMALLOC, 256L << 20, Gfp.KERNEL, ""), out -> {}));
            return 0;
        } finally {
            Platform.exit();
        }
    }

    private void selectMappings() {
        var views = (javafx.scene.control.TabPane) w.root().getScene().lookup("#views");
        views.getSelectionModel().select(w.mappingsTab);
    }

    /** Runs {@code action} on the FX thread, waits until the work it started is over and drawn, and prints its frames. */
    private void scenario(String name, Runnable action) throws Exception {
        fx(() -> { meter.reset(); action.run(); return null; });
        idle();
        long[] worst = fx(() -> new long[] {meter.maxWallNs, meter.maxCpuNs, meter.maxModelNs});
        System.out.printf("fx_%s_longest_ms %.1f ms%n", name, worst[0] / 1e6);
        System.out.printf("fx_%s_longest_cpu_ms %.1f ms%n", name, worst[1] / 1e6);
        System.out.printf("fx_%s_model_ms %.1f ms%n", name, worst[2] / 1e6);
    }

    /** Waits until no background job owns the kernel, then {@value #SETTLE_FRAMES} more frames. */
    private void idle() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (fx(() -> w.runner.busyProperty().get())) {
            if (System.nanoTime() > deadline) throw new TimeoutException("a background job ran for more than " + TIMEOUT_S + " s");
            Thread.sleep(20);
        }
        long until = fx(() -> meter.frames) + SETTLE_FRAMES;
        while (fx(() -> meter.frames) < until) Thread.sleep(20);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /**
     * The longest frame since {@link #reset()}, in wall-clock and FX-thread CPU time, and the most model-facing CPU
     * time in one frame. FX thread.
     */
    private static final class Meter extends AnimationTimer {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final ModelTime model;
        private long lastWall = -1, lastCpu, lastModel;
        long maxWallNs, maxCpuNs, maxModelNs, frames;

        Meter(ModelTime model) { this.model = model; }

        void reset() {
            maxWallNs = maxCpuNs = maxModelNs = 0;
        }

        @Override public void handle(long now) {
            long wall = System.nanoTime(), cpu = threads.getCurrentThreadCpuTime(), inModel = model.totalNs();
            if (lastWall >= 0) {
                maxWallNs = Math.max(maxWallNs, wall - lastWall);
                maxCpuNs = Math.max(maxCpuNs, cpu - lastCpu);
                maxModelNs = Math.max(maxModelNs, inModel - lastModel);
            }
            lastWall = wall;
            lastCpu = cpu;
            lastModel = inModel;
            frames++;
        }
    }
}
