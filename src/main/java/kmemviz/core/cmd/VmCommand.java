package kmemviz.core.cmd;

/** The virtual-memory calls: vmalloc and friends, task stacks, kmap, page walks, TLB workloads and settings. */
public sealed interface VmCommand extends Command
        permits Vmalloc, Vfree, CreateTask, ExitTask, Kmap, Kunmap, Translate, Touch, TlbCommand {}
