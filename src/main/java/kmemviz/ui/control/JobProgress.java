package kmemviz.ui.control;

import java.util.concurrent.CancellationException;

/** What a {@link BackgroundJob} reports while it runs, and how it learns it should stop. Can be called on any thread. */
public interface JobProgress {
    /** {@code done} of {@code total} steps (commands run, events applied). */
    void progress(long done, long total);

    /** A line for the status bar. */
    void message(String text);

    /** True once the user asked to cancel; the job then stops at its next check. */
    boolean cancelled();

    /** Stops the job here if the user asked to cancel. */
    default void checkCancelled() {
        if (cancelled()) throw new CancellationException();
    }
}
