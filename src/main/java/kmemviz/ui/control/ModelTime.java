package kmemviz.ui.control;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The FX thread's CPU time in model-facing work: taking a command's outcome or a job's state from the kernel and
 * handing it to the views (the hand-back of {@link KernelBridge}, {@link kmemviz.ui.view.ShownMemory}'s swap and
 * the views' resets it calls, the log's new lines, the controllers' refresh from the kernel). What it leaves out is
 * JavaFX's own pulse: CSS, layout and rendering. {@code bench fx} prints the most of it in one frame beside the
 * frame's whole CPU time, since issue 10 asks that the FX thread never waits on the model for more than a frame.
 * Two clock reads per section (about a microsecond each); nested sections count once. FX thread.
 */
public final class ModelTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long totalNs, since;
    private int depth;

    /** Runs {@code work}, adding its CPU time to {@link #totalNs()}. */
    public void run(Runnable work) {
        if (depth++ == 0) since = THREADS.getCurrentThreadCpuTime();
        try {
            work.run();
        } finally {
            if (--depth == 0) totalNs += THREADS.getCurrentThreadCpuTime() - since;
        }
    }

    /** The CPU time of every section so far, in ns. */
    public long totalNs() { return totalNs; }
}
