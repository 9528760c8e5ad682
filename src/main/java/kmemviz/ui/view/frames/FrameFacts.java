package kmemviz.ui.view.frames;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.GfpBit;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Zone;
import kmemviz.ui.view.ShownMemory;

/** Reads what the core knows about one frame, as label/value rows for the tooltip and the inspector. */
public final class FrameFacts {
    public record Fact(String label, String value) {}

    private FrameFacts() {}

    public static List<Fact> frame(PhysicalMemory mem, int pfn) {
        List<Fact> out = new ArrayList<>();
        FrameTable f = mem.frames();
        out.add(new Fact("pfn", String.format("0x%x (%d)", pfn, pfn)));
        out.add(new Fact("physical address", String.format("0x%x", (long) pfn << Profile.PAGE_SHIFT)));
        Zone z = mem.zoneOf(pfn);
        out.add(new Fact("zone", z == null ? "none" : String.format("%s (pfn 0x%x-0x%x)", z.name(), z.startPfn(), z.endPfn() - 1)));
        Owner o = f.owner(pfn);
        out.add(new Fact("owner", o.label()));
        int head = f.blockHead(pfn);
        if (head != FrameTable.NO_PFN && o != Owner.HOLE && o != Owner.RESERVED) {
            int order = f.headOrder(head);
            out.add(new Fact("block", String.format("head pfn 0x%x, order %d (%d page%s)%s", head, order, 1 << order,
                    order == 0 ? "" : "s", o != Owner.FREE ? "" : f.onPcpList(head) ? ", " + pcpList(mem, z, head) + " (not in the buddy lists)"
                            : ", on free_area[" + order + "]")));
        }
        return out;
    }

    /**
     * Which per-CPU list holds the block at {@code head}: the zone's lists walked (they hold at most pcp->high pages
     * per CPU), as "on CPU k's per-CPU list (order o, type T)".
     */
    static String pcpList(PhysicalMemory mem, Zone z, int head) {
        for (int cpu = 0; z != null && z.hasPcp() && cpu < mem.profile().nrCpus(); cpu++)
            for (int i = 0; i < z.pcpNrLists(); i++)
                for (int p = z.pcpListHead(cpu, i); p != FrameTable.NO_PFN; p = mem.buddy().nextFree(p))
                    if (p == head) return onList(cpu, z.pcpListOrder(i), z.pcpListType(i));
        return "on a per-CPU list";
    }

    /** The words the tooltip and the inspector use for a block on a per-CPU list. */
    public static String onList(int cpu, int order, kmemviz.core.mm.MigrateType type) {
        return String.format("on CPU %d's per-CPU list (order %d, type %s)", cpu, order, type.kernelName());
    }

    public static List<Fact> allocation(Allocation a, String variable) {
        List<Fact> out = new ArrayList<>();
        out.add(new Fact("allocation", "#" + a.id() + (variable == null ? "" : " in " + variable)));
        out.add(new Fact("call", a.call()));
        out.add(new Fact("api", a.api().function() + " (free it with " + a.api().freeFunction() + ")"));
        if (a.isBlock()) out.add(new Fact("frames", String.format("pfn 0x%x-0x%x, order %d", a.pfn(), a.pfn() + a.nrPages() - 1, a.order())));
        else out.add(new Fact("frames", pagesOf(a)));
        out.add(new Fact("size", String.format("%,d bytes (%s)", a.sizeBytes(), pages(a.nrPages()))
                + (a.requestedBytes() > 0 && a.requestedBytes() != a.sizeBytes() ? String.format(", requested %,d", a.requestedBytes()) : "")));
        out.add(new Fact("gfp", String.format("%s (0x%x)", Gfp.format(a.gfp()), a.gfp())));
        out.add(new Fact("context", a.context() == null ? "" : a.context().keyword()));
        if (!a.caller().isEmpty()) out.add(new Fact("caller", a.caller()));
        out.add(new Fact("owner", a.owner().label()));
        out.add(new Fact("zeroed", a.zeroed() ? "yes" : "no"));
        return out;
    }

    /** "1 page", "16 pages". */
    static String pages(long n) { return String.format("%,d page%s", n, n == 1 ? "" : "s"); }

    /** A page-by-page allocation's frames: one range when the pages happen to be contiguous, else scattered. */
    static String pagesOf(Allocation a) {
        kmemviz.core.mm.IntList p = a.pages();
        if (p == null || p.isEmpty()) return pages(a.nrPages());
        boolean contiguous = true;
        for (int i = 1; i < p.size() && contiguous; i++) contiguous = p.get(i) == p.get(i - 1) + 1;
        return contiguous && p.size() > 1
                ? String.format("pfn 0x%x-0x%x (%s, contiguous by chance)", p.get(0), p.get(p.size() - 1), pages(p.size()))
                : pages(p.size()) + (p.size() > 1 ? ", scattered" : "");
    }

    /** The set bits of a mask, one row each: name and one-line meaning. */
    public static List<Fact> gfpBits(int gfp) {
        List<Fact> out = new ArrayList<>();
        for (GfpBit b : Gfp.bits()) if ((gfp & b.mask()) != 0) out.add(new Fact(b.name(), b.meaning()));
        return out;
    }

    /**
     * The tooltip of a frame while a background job owns the kernel: only what the views' own copy holds (the
     * core may be halfway through a command), and a word on when the rest comes back.
     */
    public static String shownTooltip(ShownMemory shown, int pfn) {
        int id = shown.allocIds()[pfn];
        short list = shown.pcpLists()[pfn];
        String pcp = list == ShownMemory.NO_PCP ? "" : "\n" + onList(ShownMemory.pcpCpu(list),
                shown.pcpOrders()[ShownMemory.pcpPindex(list)], shown.pcpType(ShownMemory.pcpPindex(list)));
        return String.format("pfn: 0x%x (%d)%nphysical address: 0x%x%nowner: %s%s%s%n(busy: a task owns the kernel; "
                + "the frame's details follow when it ends)", pfn, pfn, (long) pfn << Profile.PAGE_SHIFT,
                Owner.of(shown.owners()[pfn]).label(), pcp, id == 0 ? "" : String.format("%nallocation #%d", id));
    }

    /** The tooltip of a frame: the frame facts, then its allocation's call. */
    public static String tooltip(PhysicalMemory mem, int pfn) {
        StringBuilder sb = new StringBuilder();
        for (Fact f : frame(mem, pfn)) sb.append(f.label()).append(": ").append(f.value()).append('\n');
        Allocation a = mem.allocations().get(mem.frames().allocId(pfn));
        if (a != null) sb.append("allocation #").append(a.id()).append(": ").append(a.call()).append('\n');
        return sb.toString().strip();
    }
}
