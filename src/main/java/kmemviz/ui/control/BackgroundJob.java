package kmemviz.ui.control;

/**
 * Work that can outlast a frame (a boot, an undo, a script, a comparison): plain code with no JavaFX, run by a
 * {@link BackgroundRunner}. It reports through {@link JobProgress} and, when {@link JobProgress#cancelled()} turns
 * true, stops at its next check by throwing {@link java.util.concurrent.CancellationException}.
 */
@FunctionalInterface
public interface BackgroundJob<T> {
    T run(JobProgress progress) throws Exception;
}
