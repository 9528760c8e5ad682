package kmemviz.core.kernel;

/**
 * How a long core operation (a seek, a script run) reports to whoever runs it: work done out of a total, and whether
 * it should stop. The core calls it on its own thread between commands, never inside one, and a cancelled operation
 * leaves the kernel exactly as it was before it started. A JavaFX Task passes its updateProgress and isCancelled.
 */
public interface Progress {
    /** For callers with nobody to tell: reports nowhere, never cancels. */
    Progress NONE = new Progress() {
        @Override public void progress(long done, long total) {}
        @Override public boolean cancelled() { return false; }
    };

    /** {@code done} of {@code total} units (commands replayed or run) are finished. */
    void progress(long done, long total);

    /** Whether the operation should stop at the next command boundary. */
    boolean cancelled();
}
