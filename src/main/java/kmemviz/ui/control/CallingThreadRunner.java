package kmemviz.ui.control;

import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Runs each job at once on the calling thread, for tests: {@link #submit} returns after the job's {@link Done}
 * method has run. {@link #cancelAfter} makes the job see a cancel after a given number of its progress reports,
 * which stands in for the user's click at a chosen point of the job.
 */
public final class CallingThreadRunner implements BackgroundRunner {
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private long cancelAfterReports = Long.MAX_VALUE;
    private long reports;
    private boolean cancelRequested;

    /** The next job sees a cancel once it has reported progress {@code n} times (0: before its first check). */
    public void cancelAfter(long n) { cancelAfterReports = n; }

    @Override public <T> void submit(String title, BackgroundJob<T> job, Done<T> done) {
        if (running.get()) throw new IllegalStateException("'" + title + "' must wait: another task is running");
        running.set(true);
        message.set(title);
        reports = 0;
        T result;
        try {
            result = job.run(new JobProgress() {
                @Override public void progress(long d, long total) {
                    progress.set(total <= 0 ? -1 : (double) d / total);
                    if (++reports >= cancelAfterReports) cancelRequested = true;
                }
                @Override public void message(String text) { message.set(text); }
                @Override public boolean cancelled() { return cancelRequested || cancelAfterReports == 0; }
            });
        } catch (CancellationException e) {
            end();
            done.cancelled();
            return;
        } catch (Exception e) {
            end();
            done.failed(e);
            return;
        }
        end();
        done.succeeded(result);
    }

    private void end() {
        running.set(false);
        progress.set(0);
        message.set("");
        cancelRequested = false;
        cancelAfterReports = Long.MAX_VALUE;
    }

    @Override public void nextFrame(Runnable step) { step.run(); }

    @Override public void cancel() { if (running.get()) cancelRequested = true; }

    @Override public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    @Override public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    @Override public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
}
