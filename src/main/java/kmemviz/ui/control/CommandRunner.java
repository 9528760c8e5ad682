package kmemviz.ui.control;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import kmemviz.core.cmd.Command;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;

/**
 * How every controller reaches the core: finish any animation, then {@code kernel.execute(command)}. While a
 * script runs in a Task the kernel belongs to the task, and {@link #busyProperty()} disables the controls.
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

    /** True while a Task owns the kernel. */
    public BooleanProperty busyProperty() { return busy; }

    public Outcome execute(Command c) {
        FxThread.check();
        if (busy.get()) throw new IllegalStateException("a script is running; '" + c.text() + "' must wait");
        animator.finish();
        return kernel.execute(c);
    }
}
