package kmemviz.core.kernel;

/** Command-level notices from the {@link Kernel}, on the thread that ran the command. */
public interface KernelListener {
    /** A command ran (also on redo); its events are in the outcome. */
    default void commandExecuted(Outcome outcome) {}

    /** Undo took this command back; {@link #stateReset()} follows. */
    default void undone(kmemviz.core.cmd.Command command) {}

    /** The whole state was replaced (a new machine, undo, redo by replay): everything must be redrawn. */
    default void stateReset() {}
}
