package kmemviz.ui.control;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

/**
 * Runs each job in a {@link Task} on one daemon worker thread, so jobs never overlap; the task's progress and
 * message feed the status bar. Cancel is a flag the job polls, not {@link Task#cancel()}: that would move the
 * task to CANCELLED (and run its handlers) at once, while the worker still holds the kernel and rolls it back.
 * Here the end is reported only when the worker has returned.
 */
public final class FxBackgroundRunner implements BackgroundRunner {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kmemviz-background");
        t.setDaemon(true);                       // a job left running does not keep the JVM alive after the window
        return t;
    });
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private volatile boolean cancelRequested;

    @Override public <T> void submit(String title, BackgroundJob<T> job, Done<T> done) {
        FxThread.check();
        if (running.get()) throw new IllegalStateException("'" + title + "' must wait: another task is running");
        cancelRequested = false;
        Task<T> task = new Task<>() {
            @Override protected T call() throws Exception {             // worker thread: touches no node
                updateMessage(title);
                return job.run(new JobProgress() {
                    @Override public void progress(long d, long total) { updateProgress(d, total); }
                    @Override public void message(String text) { updateMessage(text); }
                    @Override public boolean cancelled() { return cancelRequested; }
                });
            }
        };
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        running.set(true);
        task.setOnSucceeded(e -> { end(); done.succeeded(task.getValue()); });
        task.setOnFailed(e -> {
            end();
            if (task.getException() instanceof CancellationException) done.cancelled();
            else done.failed(task.getException());
        });
        worker.execute(task);
    }

    private void end() {
        progress.unbind();
        progress.set(0);
        message.unbind();
        message.set("");
        running.set(false);
    }

    /**
     * An animation timer's first call comes in the pulse that lays out what ran before it (a job's end comes between
     * pulses), so {@code step} runs at its second, before the layout of the pulse after that.
     */
    @Override public void nextFrame(Runnable step) {
        FxThread.check();
        new AnimationTimer() {
            private int pulses;

            @Override public void handle(long now) {
                if (++pulses < 2) return;
                stop();
                step.run();
            }
        }.start();
    }

    @Override public void cancel() {
        FxThread.check();
        if (running.get()) cancelRequested = true;
    }

    @Override public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    @Override public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    @Override public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
}
