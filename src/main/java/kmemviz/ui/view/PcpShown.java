package kmemviz.ui.view;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Zone;

/**
 * What the per-CPU lists panel shows: its own copy of each zone's per-CPU lists (struct per_cpu_pages, one per CPU),
 * kept beside {@link ShownMemory} and fed by the same recorded events, so the panel moves with the map while an
 * animation plays and the FX thread never reads the core while a job owns it.
 *
 * <p>Encoding: per zone (at its index in {@code memory().zones()}), the blocks on each list at
 * {@code cpu * nrLists + pindex} (pindex as order_to_pindex() gives it), and pcp->count and pcp->high per CPU.
 * {@link #apply} moves blocks as a PCP_* event says; pcp->high changes only when the copy {@link #show}s a new
 * {@link Snapshot} of the core (the events do not carry it), which happens when the animation settles.
 *
 * <p>The changes since the last command began ({@link #changes()}): which list gained or lost how many blocks and
 * why (rmqueue_bulk() refill, free_unref_page() free, rmqueue_pcplist() take, free_pcppages_bulk() drain), merged
 * per list and cause, so a command's refill reads "+31 blocks" and not 31 lines. FX thread only, except
 * {@link Snapshot#of}, which the thread that owns the kernel may call.
 */
public final class PcpShown {
    /** One list's change in the current command: {@code blocks} blocks onto it (added) or off it, by {@code kind}. */
    public record Change(int zoneIndex, int cpu, int pindex, EventKind kind, int blocks) {
        public boolean added() { return kind.pcpAdded(); }
    }

    private Snapshot lists = Snapshot.EMPTY;
    private final List<Change> changes = new ArrayList<>();
    private boolean settled = true;

    /** Whether the machine runs with per-CPU lists at all ({@code pcp=on}). */
    public boolean enabled() { return lists.enabled; }

    public int nrCpus() { return lists.nrCpus; }

    /** The CPU the following commands run on ({@code cpu K}), as of the last snapshot. */
    public int currentCpu() { return lists.currentCpu; }

    public int nrZones() { return lists.zones.length; }

    /** The lists of the zone at {@code zoneIndex}, or null when the zone has none (unpopulated, or pcp=off). */
    public ZoneLists zone(int zoneIndex) { return lists.zones[zoneIndex]; }

    /** The lists that changed since the current command's first event, in the order they first changed. */
    public List<Change> changes() { return changes; }

    /** Replays one PCP_* event of the zone at {@code zoneIndex} on the copy; other kinds are ignored. */
    public void apply(MmEvent e, int zoneIndex) {
        if (!e.kind().pcpAdded() && !e.kind().pcpRemoved()) return;
        if (settled) { changes.clear(); settled = false; }
        ZoneLists z = zoneIndex < 0 ? null : lists.zones[zoneIndex];
        if (z == null) return;
        int cpu = (int) e.count(), blocks = e.nrPages() >> e.order(), sign = e.kind().pcpAdded() ? 1 : -1;
        z.blocks[cpu * z.nrLists + e.pindex()] += sign * blocks;
        z.count[cpu] += sign * e.nrPages();
        int last = changes.size() - 1;
        Change c = last < 0 ? null : changes.get(last);
        if (c != null && c.zoneIndex() == zoneIndex && c.cpu() == cpu && c.pindex() == e.pindex() && c.kind() == e.kind())
            changes.set(last, new Change(zoneIndex, cpu, e.pindex(), e.kind(), c.blocks() + blocks));
        else changes.add(new Change(zoneIndex, cpu, e.pindex(), e.kind(), blocks));
    }

    /**
     * Shows the core's lists as {@code s} copied them. The changes stay (they are what the last command did, for the
     * panel to tell) until the next command's first event; {@code forget} drops them (a new machine, undo).
     */
    public void show(Snapshot s, boolean forget) {
        lists = s;
        settled = true;
        if (forget) changes.clear();
    }

    /** One zone's per-CPU lists as shown: sizes from zone_pcp_update(), then blocks per list and pcp->count/high per CPU. */
    public static final class ZoneLists {
        public final String zoneName;
        public final int nrLists, batch, highMin, highMax;
        private final int[] listOrder;
        private final MigrateType[] listType;
        private final int[] blocks, count, high;

        private ZoneLists(Zone z, int nrCpus, PhysicalMemory mem) {
            zoneName = z.name();
            nrLists = z.pcpNrLists();
            batch = z.pcpBatch();
            highMin = z.pcpHighMin();
            highMax = z.pcpHighMax();
            listOrder = new int[nrLists];
            listType = new MigrateType[nrLists];
            for (int i = 0; i < nrLists; i++) {
                listOrder[i] = z.pcpListOrder(i);
                listType[i] = z.pcpListType(i);
            }
            blocks = new int[nrCpus * nrLists];
            count = new int[nrCpus];
            high = new int[nrCpus];
            for (int cpu = 0; cpu < nrCpus; cpu++) {
                count[cpu] = z.pcpCount(cpu);
                high[cpu] = z.pcpHigh(cpu);
                // A list holds at most pcp->high pages: walking it at a snapshot costs little.
                for (int i = 0; i < nrLists; i++)
                    for (int p = z.pcpListHead(cpu, i); p != FrameTable.NO_PFN; p = mem.buddy().nextFree(p)) blocks[cpu * nrLists + i]++;
            }
        }

        /** pindex_to_order() of list {@code pindex}. */
        public int order(int pindex) { return listOrder[pindex]; }

        /** The migrate type of list {@code pindex} (the THP order's non-movable list says Unmovable). */
        public MigrateType type(int pindex) { return listType[pindex]; }

        /** The blocks on CPU {@code cpu}'s list {@code pindex}. */
        public int blocks(int cpu, int pindex) { return blocks[cpu * nrLists + pindex]; }

        /** pcp->count: the pages on all of the CPU's lists. */
        public int count(int cpu) { return count[cpu]; }

        /** pcp->high: 0 until the CPU's lists are first used. */
        public int high(int cpu) { return high[cpu]; }
    }

    /** A copy of the core's per-CPU lists, made on the thread that owns the kernel; each show gets a fresh one. */
    public static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(false, 0, 0, new ZoneLists[0]);
        private final boolean enabled;
        private final int nrCpus, currentCpu;
        private final ZoneLists[] zones;

        private Snapshot(boolean enabled, int nrCpus, int currentCpu, ZoneLists[] zones) {
            this.enabled = enabled;
            this.nrCpus = nrCpus;
            this.currentCpu = currentCpu;
            this.zones = zones;
        }

        public static Snapshot of(PhysicalMemory mem) {
            List<Zone> zs = mem.zones();
            int nrCpus = mem.profile().nrCpus();
            ZoneLists[] zones = new ZoneLists[zs.size()];
            for (int i = 0; i < zones.length; i++) if (zs.get(i).hasPcp()) zones[i] = new ZoneLists(zs.get(i), nrCpus, mem);
            return new Snapshot(mem.profile().pcp(), nrCpus, mem.buddy().cpu(), zones);
        }
    }
}
