package kmemviz.core.cmd;

/** The virtual-memory calls: vmalloc and friends, task stacks, kmap, page walks, TLB workloads and settings. */
public sealed interface VmCommand extends Command
        permits Vmalloc, Vfree, CreateTask, ExitTask, Kmap, Kunmap, Translate, Touch, TlbCommand {

    @Override
    default <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }

    /** Calls the method of {@code visitor} for this command's type. */
    <R> R accept(Visitor<R> visitor);

    /** One method per type that {@link VmCommand} permits. */
    interface Visitor<R> {
        R visit(Vmalloc c);

        R visit(Vfree c);

        R visit(CreateTask c);

        R visit(ExitTask c);

        R visit(Kmap c);

        R visit(Kunmap c);

        R visit(Translate c);

        R visit(Touch c);

        R visit(TlbCommand c);
    }
}
