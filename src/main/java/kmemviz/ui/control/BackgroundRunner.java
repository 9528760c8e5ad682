package kmemviz.ui.control;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Runs one {@link BackgroundJob} at a time and hands its end to the FX thread: exactly one of the {@link Done}
 * methods runs once the job has returned, so a callback never overlaps the job. {@link FxBackgroundRunner} runs
 * jobs on a worker thread; {@link CallingThreadRunner} runs them at once on the calling thread, for tests.
 * Submitted and cancelled on the FX thread.
 */
public interface BackgroundRunner {
    /** How a job ended. Runs on the FX thread (on the calling thread for {@link CallingThreadRunner}). */
    interface Done<T> {
        void succeeded(T result);

        /** The job stopped at a {@link JobProgress#checkCancelled()} after {@link #cancel()}. */
        void cancelled();

        void failed(Throwable error);
    }

    /** Runs {@code job}; {@code title} is the first status message. Throws if a job is running already. */
    <T> void submit(String title, BackgroundJob<T> job, Done<T> done);

    /**
     * Runs {@code step} on the FX thread in a frame of its own: after the pulse that lays out and draws what the code
     * before it changed ({@link CallingThreadRunner}: at once). A job's hand-back spreads its views' work this way.
     */
    void nextFrame(Runnable step);

    /** Asks the running job to stop at its next check; it may still finish (then {@link Done#succeeded} runs). */
    void cancel();

    /** True from {@link #submit} until the job's {@link Done} method has run. */
    ReadOnlyBooleanProperty runningProperty();

    /** 0..1 while a job reports progress, -1 (indeterminate) before its first report, 0 when idle. */
    ReadOnlyDoubleProperty progressProperty();

    ReadOnlyStringProperty messageProperty();
}
