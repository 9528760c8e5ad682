package kmemviz.core.kernel;

import kmemviz.core.cmd.Command;
import kmemviz.core.mm.MmListener;
import kmemviz.core.vm.TlbListener;

/**
 * The one path from the core to the outside: the model's events as they happen (pages, slab objects, mappings,
 * kmap, reports: {@link MmListener}; the TLB: {@link TlbListener}), then the command-level notices. Everything
 * arrives on the thread that ran the command; implementations must not call back into the kernel (a command
 * issued from here is refused with an IllegalStateException).
 *
 * <p>Order of delivery, fixed: for each event, the kernel's {@link EventRecorder} first, then the subscribers of
 * {@link Kernel#addKernelListener} in subscription order; after the command's last event, {@link #commandExecuted}
 * in the same order. A subscriber that throws is reported to the others through {@link #subscriberFailed} and
 * still gets the next event; the command and the other subscribers go on (see {@link EventFanOut}).
 */
public interface KernelListener extends MmListener, TlbListener {
    /** A command ran (also on redo); its events are in the outcome. */
    default void commandExecuted(Outcome outcome) {}

    /** Undo took this command back; {@link #stateReset()} follows. */
    default void undone(Command command) {}

    /** The whole state was replaced (a new machine, undo, redo by replay): everything must be redrawn. */
    default void stateReset() {}

    /** {@code subscriber} threw {@code failure} while hearing an event or a notice; the others still heard it. */
    default void subscriberFailed(String subscriber, RuntimeException failure) {}

    /** A subscriber that runs {@code r} after every command and every reset, and hears nothing else. */
    static KernelListener afterEveryChange(Runnable r) {
        return new KernelListener() {
            @Override public void commandExecuted(Outcome outcome) { r.run(); }

            @Override public void stateReset() { r.run(); }

            @Override public String toString() { return "afterEveryChange(" + r + ")"; }
        };
    }
}
