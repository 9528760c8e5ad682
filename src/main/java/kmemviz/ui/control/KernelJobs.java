package kmemviz.ui.control;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Compact;
import kmemviz.core.cmd.Touch;
import kmemviz.core.cmd.Vmalloc;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Progress;
import kmemviz.core.kernel.Outcome;
import kmemviz.ui.view.ShownMemory;

/**
 * Hands the kernel to a {@link BackgroundJob} and takes it back: the animation is finished, the views are detached
 * ({@link KernelBridge#detach()}) and the controls disabled ({@link CommandRunner#busyProperty()}) while the job
 * runs; afterwards the views follow again with one full repaint. A cancelled job is rolled back on the worker
 * before it ends, so the model is what it was before the job. The jobs of the window (boot, undo, redo, scripts,
 * Compare) all come through here. FX thread.
 */
public final class KernelJobs {
    private final CommandRunner runner;
    private final KernelBridge bridge;
    private final BackgroundRunner background;
    private Consumer<String> onFailure = message -> {};

    public KernelJobs(CommandRunner runner, KernelBridge bridge, BackgroundRunner background) {
        this.runner = runner;
        this.bridge = bridge;
        this.background = background;
    }

    public BackgroundRunner background() { return background; }

    public CommandRunner runner() { return runner; }

    /** Says in the status bar that something outside the kernel happened (a session saved, a PNG written). */
    public void tell(String status) { bridge.statusProperty().set(status); }

    /** Where a job's failure is shown (the File controller's error dialog); the status line says it too. */
    public void onFailure(Consumer<String> show) { onFailure = show; }

    /**
     * Runs {@code job} with the kernel; {@code onDone} (may be null) runs on the FX thread after the repaint, on success
     * only, when the controls are free again.
     */
    public <T> void run(String title, BackgroundJob<T> job, Consumer<T> onDone) { run(title, null, job, onDone); }

    /**
     * ... and a cancel puts the kernel back at {@code cancelTo} rather than where this job started: a script that
     * runs in parts (one job up to each compaction the window plays) is cancelled whole. Null: where it started.
     */
    public <T> void run(String title, Kernel.Mark cancelTo, BackgroundJob<T> job, Consumer<T> onDone) {
        FxThread.check();
        // Refused before the hand-over: a second job must not detach the views or flip busy under the first.
        if (runner.busyProperty().get()) throw new IllegalStateException("'" + title + "' must wait: a background job owns the kernel");
        Kernel kernel = runner.kernel();
        Kernel.Mark start = cancelTo;
        bridge.detach();
        runner.busyProperty().set(true);
        // The views' copy of the state the job leaves, made on the job's thread; the Done methods run after it.
        ShownMemory.Capture[] handed = new ShownMemory.Capture[1];
        background.submit(title, progress -> {
            Kernel.Mark mark = start != null ? start : kernel.mark();
            try {
                return job.run(progress);
            } catch (CancellationException e) {
                progress.message("Cancelling " + title + "…");
                kernel.rollback(mark);           // state, history and redo steps exactly as before the job
                throw e;
            } finally {
                handed[0] = bridge.capture();
            }
        }, new BackgroundRunner.Done<T>() {
            @Override public void succeeded(T result) {
                handBack(handed[0], () -> { if (onDone != null) onDone.accept(result); });
            }

            @Override public void cancelled() {
                handBack(handed[0], () -> bridge.statusProperty().set("Cancelled " + title + ": the model is as it was before"));
            }

            @Override public void failed(Throwable error) {
                handBack(handed[0], () -> {
                    String why = FileController.describe(error);
                    bridge.statusProperty().set(title + " stopped: " + why);
                    onFailure.accept(why);
                });
            }
        });
    }

    /**
     * Runs a command a controller built: at once if it takes microseconds, as a background job if it can outlast a
     * frame ({@link #isLong}); {@code then} gets its outcome on the FX thread either way (after the repaint for a job).
     */
    public void execute(Command c, Consumer<Outcome> then) {
        if (!isLong(c)) {
            then.accept(runner.execute(c));
            return;
        }
        Kernel kernel = runner.kernel();
        run(c.text(), p -> {
            Outcome out = kernel.execute(c, coreProgress(p));   // a touch reports accesses done and stops when cancelled
            p.checkCancelled();                  // a cancel during the command takes it back
            return out;
        }, out -> {
            tell(out.message());                 // what the command did, as when it runs on the FX thread
            then.accept(out);
        });
    }

    /**
     * From this size on a vmalloc() leaves the FX thread: vmalloc(256 MiB) on x86_64-16g spends some 40 ms
     * allocating and mapping its 65,536 pages one by one, so 16 MiB costs a few ms. kmalloc() needs no such limit:
     * above KMALLOC_MAX_SIZE (4 MiB here) it fails at once.
     */
    public static final long LONG_VMALLOC_BYTES = 16L << 20;

    /**
     * From this many accesses on a touch leaves the FX thread: when every access walks the page tables (random over
     * a 1 GiB vmalloc on x86_64-16g) 10^6 take 0.3-0.9 s of CPU, so 10,000 stay under a 16 ms frame. The TLB
     * panel's Random workload (1,000 accesses) and a sequential touch of a 4 MiB buffer (1,024) run at once.
     */
    public static final long LONG_TOUCH_ACCESSES = 10_000;

    /**
     * Whether a command can outlast a frame: a large vmalloc(), a touch of many accesses (one above
     * {@link Touch#MAX_ACCESSES} is refused at once), or compaction on a large machine (compacting x86_64-16g takes
     * about a second; on a small one it is quick and its scanners animate in the views). The other commands take
     * microseconds.
     */
    public boolean isLong(Command c) {
        return c instanceof Vmalloc v && v.size() >= LONG_VMALLOC_BYTES || c instanceof Compact && replayIsLong()
                || c instanceof Touch t && longTouch(runner.kernel().accesses(t));
    }

    private static boolean longTouch(long accesses) { return accesses >= LONG_TOUCH_ACCESSES && accesses <= Touch.MAX_ACCESSES; }

    /** Runs commands in order, checking for a cancel before each and reporting commands done of total. Worker thread. */
    public static void runAll(Kernel kernel, List<Command> commands, JobProgress progress) {
        for (int i = 0; i < commands.size(); i++) {
            progress.checkCancelled();
            Outcome out = kernel.execute(commands.get(i), coreProgress(progress));   // a replay line reports and cancels too
            progress.progress(i + 1, commands.size());
            progress.message(String.format("%,d of %,d: %s", i + 1, commands.size(), out.command().text()));
        }
        progress.checkCancelled();          // a cancel during the last command takes the whole job back too
    }

    /** The core's view of a job's progress, for a command that reports while it runs (a replay). Any thread. */
    public static Progress coreProgress(JobProgress p) {
        return new Progress() {
            @Override public void progress(long done, long total) { p.progress(done, total); }

            @Override public boolean cancelled() { return p.cancelled(); }
        };
    }

    /** Above this many frames, booting and replaying the history take long enough to leave the FX thread. */
    public static final int LARGE_MACHINE_FRAMES = 1_000_000;

    /**
     * Whether an undo or redo should leave the FX thread. Checkpoints make the model's part cost the same at any
     * history length (milliseconds); what outlasts a frame on a large machine is the views' full reset after it.
     */
    public boolean replayIsLong() {
        return runner.kernel().memory().frames().nrFrames() >= LARGE_MACHINE_FRAMES;
    }

    /**
     * Gives the views the job's state over a few frames ({@link KernelBridge#attach}), freeing the controls before
     * the UI subscribers hear of it, then runs {@code then}.
     */
    private void handBack(ShownMemory.Capture state, Runnable then) {
        bridge.attach(state, background::nextFrame, () -> runner.busyProperty().set(false), then);
    }
}
