package kmemviz.core.cmd;

/**
 * One operation of the command language. {@link #text()} is its line in a script, mirroring the C call,
 * and is what the log, the Undo menu and a saved session show.
 *
 * <p>The family is sealed and dispatched by {@link Visitor}: each record's {@code accept} calls the visit method for
 * its own type, so a new record that no visitor handles does not compile (Java 17 has no pattern-matching switch).
 * The slab and virtual-memory calls are families of their own, {@link SlabCommand} and {@link VmCommand}, with
 * their own visitors, so that the code that runs them handles exactly its family; so are the lesson's stage
 * directions, {@link LessonCommand}, which only the lesson player acts on.
 */
public sealed interface Command permits Machine, SetContext, SetCpu, Drain, Compact, AllocPages, FreePages, UserMemoryCommand,
        Release, Expect, Note, SlabCommand, VmCommand, LessonCommand, Replay {
    String text();

    /** False for commands that only look (expect, note, the lesson's stage directions): they are not undone or redone. */
    default boolean changesState() { return true; }

    /** True for commands whose answer is the point (a page walk, a workload summary): the CLI prints it. */
    default boolean printsResult() { return false; }

    /** Calls the method of {@code visitor} for this command's type. */
    <R> R accept(Visitor<R> visitor);

    /** One method per type that {@link Command} permits. */
    interface Visitor<R> {
        R visit(Machine c);

        R visit(SetContext c);

        R visit(SetCpu c);

        R visit(Drain c);

        R visit(Compact c);

        R visit(AllocPages c);

        R visit(FreePages c);

        R visit(UserMemoryCommand c);

        R visit(Release c);

        R visit(Expect c);

        R visit(Note c);

        /** The slab calls, to be dispatched with a {@link SlabCommand.Visitor}. */
        R visit(SlabCommand c);

        /** The virtual-memory calls, to be dispatched with a {@link VmCommand.Visitor}. */
        R visit(VmCommand c);

        /** The lesson's stage directions, to be dispatched with a {@link LessonCommand.Visitor}. */
        R visit(LessonCommand c);

        R visit(Replay c);
    }
}
