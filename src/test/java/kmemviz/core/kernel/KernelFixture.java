package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;

/** Helpers for kernel tests: run script text, and a digest of the whole state to compare two states exactly. */
final class KernelFixture {
    private KernelFixture() {}

    static Kernel classroom() { return new Kernel(Profiles.builtIn("classroom")); }

    /** The kernel reports among an outcome's events, in order. */
    static List<KernelReport> reports(Outcome o) {
        return o.events().stream().filter(e -> e.kind() == EventKind.REPORT).map(MmEvent::report).toList();
    }

    /** Runs each line and returns the outcomes. */
    static List<Outcome> run(Kernel k, String script) {
        List<Outcome> out = new ArrayList<>();
        for (ScriptLine line : new ScriptParser("test.kmv").parse(script)) out.add(k.execute(line.command()));
        return out;
    }

    static Outcome last(Kernel k, String script) {
        List<Outcome> all = run(k, script);
        return all.get(all.size() - 1);
    }

    /** Every free list in order, every frame's owner and head order, and the live allocations. */
    static String digest(PhysicalMemory mem) {
        StringBuilder sb = new StringBuilder();
        for (Zone z : mem.zones()) {
            sb.append(z.name()).append(' ').append(z.freePages()).append(':');
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                for (MigrateType t : MigrateType.values()) {
                    sb.append(" [");
                    for (int pfn = z.freeListHead(o, t); pfn != FrameTable.NO_PFN; pfn = mem.buddy().nextFree(pfn)) sb.append(pfn).append(',');
                    sb.append(']');
                }
            }
            sb.append('\n');
        }
        sb.append(Arrays.hashCode(mem.frames().owners())).append(' ');
        for (int pfn = 0; pfn < mem.frames().nrFrames(); pfn++) if (mem.frames().headOrder(pfn) >= 0) sb.append(pfn).append('/').append(mem.frames().headOrder(pfn)).append(' ');
        mem.allocations().all().forEach(a -> sb.append('\n').append(a.id()).append(' ').append(a.call()).append(' ').append(a.pfn()));
        return sb.toString();
    }
}
