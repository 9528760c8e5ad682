package kmemviz.ui.control;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import kmemviz.core.cmd.Command;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;

/**
 * How every controller reaches the core: finish any animation, then {@code kernel.execute(command)}. While a
 * background job runs ({@link KernelJobs}) the kernel belongs to it, and {@link #busyProperty()} disables the controls.
 */
public final class CommandRunner {
    private final Kernel kernel;
    private final Animator animator;
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");

    public CommandRunner(Kernel kernel, Animator animator) {
        this.kernel = kernel;
        this.animator = animator;
    }

    public Kernel kernel() { return kernel; }

    public Animator animator() { return animator; }

    /** True while a background job owns the kernel; set by {@link KernelJobs}. */
    public BooleanProperty busyProperty() { return busy; }

    public Outcome execute(Command c) {
        FxThread.check();
        if (busy.get()) throw new IllegalStateException("a background job owns the kernel; '" + c.text() + "' must wait");
        animator.finish();
        return kernel.execute(c);
    }
}
