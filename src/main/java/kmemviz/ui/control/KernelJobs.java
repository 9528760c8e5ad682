package kmemviz.ui.control;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import kmemviz.core.cmd.Command;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;

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

    /** Where a job's failure is shown (the File controller's error dialog); the status line says it too. */
    public void onFailure(Consumer<String> show) { onFailure = show; }

    /** Runs {@code job} with the kernel; {@code onDone} (may be null) runs on the FX thread after the repaint, on success only. */
    public <T> void run(String title, BackgroundJob<T> job, Consumer<T> onDone) {
        FxThread.check();
        // Refused before the hand-over: a second job must not detach the views or flip busy under the first.
        if (runner.busyProperty().get()) throw new IllegalStateException("'" + title + "' must wait: a background job owns the kernel");
        Kernel kernel = runner.kernel();
        bridge.detach();
        runner.busyProperty().set(true);
        background.submit(title, progress -> {
            int mark = kernel.history().size();
            try {
                return job.run(progress);
            } catch (CancellationException e) {
                progress.message("Cancelling " + title + "…");
                rollback(kernel, mark);
                throw e;
            }
        }, new BackgroundRunner.Done<T>() {
            @Override public void succeeded(T result) {
                handBack();
                if (onDone != null) onDone.accept(result);
            }

            @Override public void cancelled() {
                handBack();
                bridge.statusProperty().set("Cancelled " + title + ": the model is as it was before");
            }

            @Override public void failed(Throwable error) {
                handBack();
                bridge.statusProperty().set(title + " stopped: " + error.getMessage());
                onFailure.accept(String.valueOf(error.getMessage()));
            }
        });
    }

    /** Runs commands in order, checking for a cancel before each and reporting commands done of total. Worker thread. */
    public static void runAll(Kernel kernel, List<Command> commands, JobProgress progress) {
        for (int i = 0; i < commands.size(); i++) {
            progress.checkCancelled();
            Outcome out = kernel.execute(commands.get(i));
            progress.progress(i + 1, commands.size());
            progress.message(out.command().text());
        }
        progress.checkCancelled();          // a cancel during the last command takes the whole job back too
    }

    /** Above this many frames, booting and replaying the history take long enough to leave the FX thread. */
    public static final int LARGE_MACHINE_FRAMES = 1_000_000;

    /**
     * Above this many commands, undo's replay from boot outlasts a frame even on a small machine (a rough bound:
     * a few microseconds a command; it goes once checkpoints make undo cost the same at any length).
     */
    static final int LONG_HISTORY = 2_000;

    /** Whether an undo or redo (a replay from boot) should leave the FX thread. */
    public boolean replayIsLong() {
        Kernel k = runner.kernel();
        return k.memory().frames().nrFrames() >= LARGE_MACHINE_FRAMES || k.history().size() > LONG_HISTORY;
    }

    /**
     * Takes the kernel back to the history length it had at the start of the job: undo what the job did, or redo
     * what it undid. History and state come back exactly. The redo list comes back exactly after a cancelled undo
     * or redo; after a cancelled script it holds the script's commands, as the script's first command had dropped
     * the old one (Kernel.rollback(mark) will restore it). Each undo replays from boot, so a long script on a large machine
     * takes a while to roll back. Worker thread.
     */
    // swapped for Kernel.rollback(mark) when checkpoints land
    static void rollback(Kernel kernel, int historyLength) {
        while (kernel.history().size() > historyLength) kernel.undo();
        while (kernel.history().size() < historyLength && kernel.canRedo()) kernel.redo();
    }

    private void handBack() {
        runner.busyProperty().set(false);
        bridge.attach();
    }
}
