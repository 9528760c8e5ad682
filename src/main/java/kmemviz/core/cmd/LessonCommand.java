package kmemviz.core.cmd;

/**
 * The stage directions of a lesson: {@code pause}, {@code select}, {@code zoom} and {@code quiz}. None changes the
 * model, so the kernel runs them as no-ops and undo, redo and checkpoints pass over them; the lesson player reads them.
 */
public sealed interface LessonCommand extends Command permits Pause, Select, Zoom, Quiz {

    @Override
    default boolean changesState() { return false; }

    @Override
    default <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }

    /** Calls the method of {@code visitor} for this command's type. */
    <R> R accept(Visitor<R> visitor);

    /** One method per type that {@link LessonCommand} permits. */
    interface Visitor<R> {
        R visit(Pause c);

        R visit(Select c);

        R visit(Zoom c);

        R visit(Quiz c);
    }
}
