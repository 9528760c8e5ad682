package kmemviz.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import kmemviz.core.cmd.Command;
import kmemviz.core.mm.Profiles;
import kmemviz.ui.control.CallingThreadRunner;
import kmemviz.ui.control.KernelJobs;
import kmemviz.ui.export.ExportFiles;
import kmemviz.ui.export.ExportFormat;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.ExportView;
import kmemviz.ui.export.FigureLayout;
import kmemviz.ui.export.ImageFiles;
import kmemviz.ui.export.Raster;
import kmemviz.ui.export.fx.FigureFiles;
import kmemviz.ui.export.fx.FigureRenderer;
import kmemviz.ui.theme.Themes;

/**
 * The headless window of {@code kmemviz export} (Monocle's software pipeline, no display): runs a script to a step
 * and writes the figures of its views, one file per view and format, a gif frame per step.
 */
public final class FigureExport {
    private FigureExport() {}

    /**
     * What the command line asked for.
     *
     * @param at  the step named in file names, or -1 (the end, unnamed)
     * @param end the step the pictures show; a gif runs {@code from..end}
     */
    public record Request(String base, int at, int end, int from, ExportSettings settings, int scale, int delayMs,
                          List<ExportView> views, List<ExportFormat> formats, Path out) {}

    /**
     * The files written, and where the time went: building the window and running the script, then drawing and
     * writing the figures (wall time, and the process's CPU time, which a busy machine does not inflate).
     */
    public record Result(List<Path> files, long scriptMs, long exportMs, long exportCpuMs) {}

    /**
     * Boots a window of {@code widthPx x heightPx} headless, runs {@code commands} as the request says and writes
     * its files; returns their paths. Starts the JavaFX toolkit on Monocle unless it runs already (in the tests).
     */
    public static Result headless(int widthPx, int heightPx, List<Command> commands, Request r) {
        boolean started = startToolkit();
        try {
            CompletableFuture<Result> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    done.complete(write(window(widthPx, heightPx), commands, r));
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (started) Platform.exit();
        }
    }

    private static boolean startToolkit() {
        setIfUnset("glass.platform", "Monocle");
        setIfUnset("monocle.platform", "Headless");
        setIfUnset("prism.order", "sw");
        setIfUnset("headless.geometry", "4096x4096-32");
        CompletableFuture<Void> up = new CompletableFuture<>();
        try {
            Platform.startup(() -> up.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            return false;
        }
        up.join();
        Platform.setImplicitExit(false);
        return true;
    }

    private static void setIfUnset(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }

    /** The window as the app builds it, in the light theme, animation instant, jobs run at once. FX thread. */
    static Wiring window(int widthPx, int heightPx) {
        Themes.setUserAgentStylesheet();
        Wiring w = new Wiring(Profiles.builtIn("classroom"), new CallingThreadRunner());
        Scene scene = new Scene(w.root(), widthPx, heightPx);
        w.themes.install(scene);
        w.animator.speedProperty().set(1.0);
        w.bridge.setReportPanel(null);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        return w;
    }

    private static Result write(Wiring w, List<Command> commands, Request r) {
        long t0 = System.nanoTime();
        Figures figures = new Figures(w);
        List<Path> written = new ArrayList<>();
        Map<ExportView, ExportFiles.Pending> gifs = new LinkedHashMap<>();
        Map<ExportView, ImageFiles.GifSequence> sequences = new LinkedHashMap<>();
        try {
            boolean gif = r.formats().contains(ExportFormat.GIF);
            int step = gif ? r.from() : r.end();
            run(w, commands.subList(0, step));
            w.root.applyCss();
            w.root.layout();
            long t1 = System.nanoTime(), cpu1 = cpuNanos();
            if (gif) {
                for (ExportView v : r.views()) {
                    ExportFiles.Pending p = new ExportFiles.Pending(file(r, v, ExportFormat.GIF));
                    gifs.put(v, p);
                    sequences.put(v, new ImageFiles.GifSequence(p.out(), r.delayMs()));
                }
                for (; ; step++) {
                    String caption = r.base() + ".kmv, step " + step;
                    for (ExportView v : r.views()) {
                        ImageFiles.GifSequence seq = sequences.get(v);
                        Raster frame = figures.capture(v, r.settings(), caption,
                                f -> FigureRenderer.render(f, FigureLayout.of(f, r.settings()), r.scale()));
                        seq.add(frame);
                    }
                    if (step == r.end()) break;
                    run(w, commands.subList(step, step + 1));
                }
                for (ExportView v : r.views()) {
                    sequences.get(v).close();
                    gifs.get(v).commit();
                    written.add(gifs.get(v).target());
                }
            }
            String caption = r.base() + ".kmv" + (r.at() < 0 ? "" : ", step " + r.at());
            for (ExportView v : r.views())
                for (ExportFormat fmt : r.formats()) {
                    if (fmt == ExportFormat.GIF) continue;
                    ExportFiles.Content c = figures.capture(v, r.settings(), caption, f -> FigureFiles.encode(f, r.settings(), fmt, r.scale()));
                    Path target = file(r, v, fmt);
                    ExportFiles.writeAtomically(target, c);
                    written.add(target);
                }
            return new Result(written, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000, (cpuNanos() - cpu1) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ExportFiles.Pending p : gifs.values()) {
                try {
                    p.abort();
                } catch (IOException ignored) {
                    // the export failed already; that error is the one reported
                }
            }
        }
    }

    /** CPU time of the whole process: the FX thread, Prism's render thread (snapshots), and the collector. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Path file(Request r, ExportView v, ExportFormat f) {
        return r.out().resolve(ExportFiles.fileName(r.base(), r.at(), v, f, r.scale(), r.settings().theme()));
    }

    /** Runs commands as a job of the window (views detached, one repaint after), at once on this thread. */
    private static void run(Wiring w, List<Command> commands) {
        if (commands.isEmpty()) return;
        w.jobs.run("script", p -> { KernelJobs.runAll(w.kernel, commands, p); return null; }, null);
    }
}
