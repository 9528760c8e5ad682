package kmemviz.core.cmd;

/**
 * One operation of the command language. {@link #text()} is its line in a script, mirroring the C call,
 * and is what the log, the Undo menu and a saved session show.
 */
public sealed interface Command permits Machine, SetContext, AllocPages, FreePages, UserMemoryCommand, Release,
        Expect, Note, SlabCommand, VmCommand {
    String text();

    /** False for commands that only look (expect, note): they are not undone or redone. */
    default boolean changesState() { return true; }

    /** True for commands whose answer is the point (a page walk, a workload summary): the CLI prints it. */
    default boolean printsResult() { return false; }
}
