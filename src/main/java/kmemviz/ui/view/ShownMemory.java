package kmemviz.ui.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Zone;

/**
 * What the views show of physical memory: their own copy of frame owners, allocation ids, free-block heads and
 * per-zone free counts, so an animation can lag the core by a few events. {@link #apply} replays one recorded
 * event on the copy (nothing here decides anything: it moves what the core reported); {@link #settle} copies
 * the touched range back from the core, which stays the only truth. Listeners hear dirty pfn ranges.
 *
 * <p>A block on a per-CPU list is FREE but no buddy block (free order -1), and counts in its zone's per-CPU
 * pages, not in its free pages (NR_FREE_PAGES leaves pcp->count out, as the kernel's does). Each of its frames
 * knows its list ({@link #pcpLists()}: the CPU and pindex) and has the list's migrate type, so a pcp page of
 * another type than its pageblock's makes the pageblock mixed: it is not on the buddy lists, where every free page
 * has its pageblock's type. The lists' sizes, per CPU, are {@link #pcp()}'s to show.
 *
 * <p>Migrate types: each pageblock's type, and for each allocated frame the type its allocation asked for
 * (gfp_migratetype() of its mask), with per-pageblock counts of allocated frames by type, kept up on every
 * allocation and free, so a pageblock is known to be mixed (pages of another type inside) without a scan.
 * Free frames in the buddy lists are always of their pageblock's type, as 6.12 keeps them.
 *
 * <p>FX thread only, except {@link #capture}, which the thread that owns the kernel calls.
 */
public final class ShownMemory {
    /** Hears which frames changed, and when the zone figures changed. */
    public interface Listener {
        void framesChanged(int pfnLo, int pfnHi);

        default void countsChanged() {}

        /** The pageblock starting at {@code pfn} took another migrate type (its frames' range fires too). */
        default void pageblockTypeChanged(int pfn) {}

        /** The animation settled: the shown copy is level with the core again. */
        default void settled() {}

        /** A new machine (or a replay): everything, including the zone list, is new. */
        default void reset() {}

        /** A compaction's scanners moved, pages moved or the run ended: see {@link #compaction()}. */
        default void compactionChanged() {}
    }

    private static final byte FREE = Owner.FREE.code();
    /** {@link #pcpLists()} of a frame on no per-CPU list. */
    public static final short NO_PCP = 0;
    /** pindex values per CPU in a {@link #pcpLists()} code: NR_PCP_LISTS is at most 14. */
    private static final int PCP_LIST_SLOTS = 16;
    /** {@link #frameTypes()} of a frame no allocation holds. */
    public static final byte NO_TYPE = -1;
    private final List<Listener> listeners = new ArrayList<>();
    private final ShownCompaction compaction = new ShownCompaction();
    private PhysicalMemory memory;
    private byte[] owner = new byte[0];
    private int[] allocId = new int[0];
    private byte[] freeOrder = new byte[0];
    private short[] pcpList = new short[0];
    /** pindex_to_order() and the list's migrate type of each pindex (the same in every zone), for pcp frames. */
    private byte[] pindexOrder = new byte[0], pindexType = new byte[0];
    private long[][] nrFree = new long[0][];
    private long[] freePages = new long[0];
    private long[] pcpPages = new long[0];
    private long[] watermarkBoost = new long[0];
    private final PcpShown pcp = new PcpShown();
    private byte[] frameType = new byte[0];
    private byte[] blockType = new byte[0];
    private int[] usedByType = new int[0];
    private int pageblockOrder = 9;
    private int touchedLo = Integer.MAX_VALUE, touchedHi;
    private boolean detached;
    /** The arrays the last swap retired, reused by the next {@link #capture} (a 4M-frame machine's copy is 24 MiB). */
    private Capture spare;

    public void addListener(Listener l) { listeners.add(l); }

    /** The core's memory: read it only while {@link #detached()} is false, for a background job may be changing it. */
    public PhysicalMemory memory() { return memory; }

    /** True while a background job owns the kernel: until the next {@link #resetFrom}, only this copy may be read. */
    public boolean detached() { return detached; }

    /** A background job takes the kernel; the copy stays as it is until {@link #resetFrom}. */
    public void detach() { detached = true; }

    public byte[] owners() { return owner; }

    public int[] allocIds() { return allocId; }

    public byte[] freeOrders() { return freeOrder; }

    /**
     * For each frame, the per-CPU list its block is on ({@link #pcpCode}), or {@link #NO_PCP}: every frame of the
     * block carries it, so a painter needs no search.
     */
    public short[] pcpLists() { return pcpList; }

    /** The code of CPU {@code cpu}'s list {@code pindex} in {@link #pcpLists()}. */
    public static short pcpCode(int cpu, int pindex) { return (short) (1 + cpu * PCP_LIST_SLOTS + pindex); }

    public static int pcpCpu(short code) { return (code - 1) / PCP_LIST_SLOTS; }

    public static int pcpPindex(short code) { return (code - 1) % PCP_LIST_SLOTS; }

    /** pindex_to_order() of each list, by pindex (empty on a machine without per-CPU lists). */
    public byte[] pcpOrders() { return pindexOrder; }

    /** The migrate type of list {@code pindex}. */
    public MigrateType pcpType(int pindex) { return MigrateType.values()[pindexType[pindex]]; }

    public int nrFrames() { return owner.length; }

    /**
     * The migrate type (value) each frame's allocation asked for, or for a frame on a per-CPU list that list's,
     * or {@link #NO_TYPE}.
     */
    public byte[] frameTypes() { return frameType; }

    /** The migrate type (value) of each pageblock, indexed by {@code pfn >> pageblockOrder()}. */
    public byte[] pageblockTypes() { return blockType; }

    /** pageblock_order of the machine shown. */
    public int pageblockOrder() { return pageblockOrder; }

    /** Whether any pageblock is of type {@code type}, or any allocated frame: what a legend of the types lists. */
    public boolean typeShown(MigrateType type) {
        int t = type.ordinal();
        for (byte b : blockType) if (b == t) return true;
        for (int i = t; i < usedByType.length; i += MigrateType.COUNT) if (usedByType[i] > 0) return true;
        return false;
    }

    /**
     * Frames in pageblock {@code block}, allocated or on a per-CPU list, whose type is not the pageblock's: what
     * makes it mixed. O(migrate types).
     */
    public int foreignPages(int block) {
        int sum = 0, base = block * MigrateType.COUNT;
        for (int t = 0; t < MigrateType.COUNT; t++) if (t != blockType[block]) sum += usedByType[base + t];
        return sum;
    }

    /** The shown nr_free of free_area[order] of the zone at {@code zoneIdx} in {@code memory().zones()}. */
    public long nrFree(int zoneIdx, int order) { return nrFree[zoneIdx][order]; }

    public long freePages(int zoneIdx) { return freePages[zoneIdx]; }

    /** The shown pages on the per-CPU lists of the zone at {@code zoneIdx}, all CPUs together. */
    public long pcpPages(int zoneIdx) { return pcpPages[zoneIdx]; }

    /** The shown watermark_boost of the zone at {@code zoneIdx}: kswapd taking it off plays as its event does. */
    public long watermarkBoost(int zoneIdx) { return watermarkBoost[zoneIdx]; }

    /**
     * Shows a run that a background job made, ended, from its COMPACT_* events ({@link ShownCompaction#lastRun}):
     * the frames are the job's already, so only the scanners and the moves are taken from them.
     */
    public void showCompaction(List<MmEvent> run) {
        for (MmEvent e : run) compaction.apply(e);
        fireCompaction();
    }

    /** The latest compaction run as far as its events have played. */
    public ShownCompaction compaction() { return compaction; }

    /** The per-CPU lists as shown, list by list. */
    public PcpShown pcp() { return pcp; }

    /** A new machine or a replayed state: copy everything from the core. FX thread, with the kernel idle. */
    public void resetFrom(PhysicalMemory mem) {
        resetFrom(capture(mem));
    }

    /**
     * Copies the core's frames and zone figures into arrays the views do not read yet, for {@link #resetFrom(Capture)}.
     * Called on the thread that owns the kernel: a background job calls it before it hands the kernel back, so the
     * FX thread only swaps arrays (copying 4M frames and walking the free lists costs some 10 ms on x86_64-16g).
     * The arrays are those the previous swap retired, so no capture may be pending when the next one starts.
     */
    public Capture capture(PhysicalMemory mem) {
        FrameTable f = mem.frames();
        int n = f.nrFrames();
        Capture c = spare != null && spare.owner.length == n ? spare : new Capture(new byte[n], new int[n], new byte[n], new short[n]);
        spare = null;
        c.memory = mem;
        f.copyOwners(0, n, c.owner);
        System.arraycopy(f.allocIdsView(), 0, c.allocId, 0, n);
        Arrays.fill(c.freeOrder, (byte) -1);
        for (Zone z : mem.zones())
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++)
                for (MigrateType t : MigrateType.values())
                    for (int p = z.freeListHead(o, t); p != FrameTable.NO_PFN; p = mem.buddy().nextFree(p)) c.freeOrder[p] = (byte) o;
        Arrays.fill(c.pcpList, NO_PCP);
        c.pindex = PcpIndex.of(mem);
        for (Zone z : mem.zones()) {
            if (!z.hasPcp()) continue;
            for (int cpu = 0; cpu < mem.profile().nrCpus(); cpu++)
                for (int i = 0; i < z.pcpNrLists(); i++)
                    for (int p = z.pcpListHead(cpu, i); p != FrameTable.NO_PFN; p = mem.buddy().nextFree(p))
                        Arrays.fill(c.pcpList, p, p + (1 << z.pcpListOrder(i)), pcpCode(cpu, i));
        }
        c.counts = Counts.of(mem);
        c.types = Types.of(mem, c.owner, c.allocId, c.pcpList, c.pindex.type);
        return c;
    }

    /** Shows a {@link #capture}: the arrays are swapped in, not copied. FX thread. */
    public void resetFrom(Capture c) {
        memory = c.memory;
        detached = false;
        if (owner.length > 0) spare = new Capture(owner, allocId, freeOrder, pcpList);
        owner = c.owner;
        allocId = c.allocId;
        freeOrder = c.freeOrder;
        pcpList = c.pcpList;
        pindexOrder = c.pindex.order;
        pindexType = c.pindex.type;
        c.counts.copyTo(this);
        pcp.show(c.counts.pcp(), true);
        frameType = c.types.frameType;
        blockType = c.types.blockType;
        usedByType = c.types.usedByType;
        pageblockOrder = c.types.pageblockOrder;
        touchedLo = Integer.MAX_VALUE;
        touchedHi = 0;
        compaction.clear();
        compaction.takeChanged();
        for (Listener l : listeners) l.countsChanged();
        for (Listener l : listeners) l.reset();
    }

    /**
     * Replays one recorded event on the shown copy; returns its pfn range as {lo, hi}, or null if it has none.
     * A run of order-0 pages (ALLOCATED, FREED) fills its {@code nrPages} frames at once.
     */
    public int[] apply(MmEvent e) {
        int[] range = change(e);
        if (range != null) fire(range[0], range[1]);
        fireCompaction();
        return range;
    }

    /**
     * Replays all of {@code events} (emptying the queue), then tells the listeners once: an instant replay of a
     * large command (vmalloc(256 MiB): thousands of events) costs the views one update, not one per event.
     */
    public void applyAll(java.util.Queue<MmEvent> events) {
        int lo = Integer.MAX_VALUE, hi = 0;
        for (MmEvent e; (e = events.poll()) != null; ) {
            int[] r = change(e);
            if (r != null) { lo = Math.min(lo, r[0]); hi = Math.max(hi, r[1]); }
        }
        if (lo < hi) fire(lo, hi);
        fireCompaction();
    }

    private void fireCompaction() {
        if (compaction.takeChanged()) for (Listener l : listeners) l.compactionChanged();
    }

    private int[] change(MmEvent e) {
        int z = zoneIndex(e);
        int size = e.nrPages();
        int lo = e.pfn(), hi = e.pfn() + size;
        compaction.apply(e);
        switch (e.kind()) {
            case TAKEN -> unqueue(z, e.pfn(), e.order());
            case SPLIT -> {
                // expand(): the upper half becomes a free block; the lower half is what is still being split.
                queue(z, e.pfn(), e.order());
                lo = e.pfn() - size;
            }
            case QUEUED -> queue(z, e.pfn(), e.order());
            case ALLOCATED -> {
                unqueue(z, e.pfn(), e.order());
                Arrays.fill(owner, lo, hi, e.owner().code());
                Arrays.fill(allocId, lo, hi, e.allocId());
                setTypes(lo, hi, (byte) memory.buddy().gfpMigratetype(e.gfp()));
                if (z >= 0) freePages[z] -= size;
            }
            case FREED -> {
                setTypes(lo, hi, NO_TYPE);
                Arrays.fill(owner, lo, hi, FREE);
                Arrays.fill(allocId, lo, hi, 0);
                if (z >= 0) freePages[z] += size;
            }
            case MERGED -> {
                int half = size >> 1;
                unqueue(z, e.pfn(), e.order() - 1);
                unqueue(z, e.pfn() + half, e.order() - 1);
            }
            case PCP_REFILLED, PCP_FREED -> {
                // rmqueue_bulk() took the blocks off the buddy lists (TAKEN, SPLIT), or FREED gave them back
                freePages[z] -= size;
                pcpPages[z] += size;
                pcp.apply(e, z);
                Arrays.fill(pcpList, lo, hi, pcpCode((int) e.count(), e.pindex()));
                setTypes(lo, hi, pindexType[e.pindex()]);
            }
            case COMPACT_FREE_ISOLATED -> {
                // off the buddy lists and out of the free count; its frames stay FREE until a page moves in
                unqueue(z, e.pfn(), e.order());
                if (z >= 0) freePages[z] -= size;
            }
            case COMPACT_MIGRATED -> {
                // the new pages take the moved pages' owner; the old pages' FREED come as their own events
                Arrays.fill(owner, lo, hi, e.owner().code());
                Arrays.fill(allocId, lo, hi, e.allocId());
                for (int i = 0; i < size; i++) setType(lo + i, frameType[(int) e.count() + i]);
                touch((int) e.count(), (int) e.count() + size);
            }
            case PAGEBLOCK_TYPE_CHANGED -> {
                blockType[e.pfn() >> pageblockOrder] = (byte) e.pageblockType().ordinal();
                for (Listener l : listeners) l.pageblockTypeChanged(e.pfn());
            }
            case WATERMARK_BOOST_REMOVED -> {
                if (z >= 0) watermarkBoost[z] = e.gfp();
                for (Listener l : listeners) l.countsChanged();
                return null;
            }
            case PCP_TAKEN, PCP_DRAINED -> {
                // the ALLOCATED that follows a take, or the MERGED and QUEUED of a drain, place the block
                freePages[z] += size;
                pcpPages[z] -= size;
                pcp.apply(e, z);
                Arrays.fill(pcpList, lo, hi, NO_PCP);
                setTypes(lo, hi, NO_TYPE);
            }
            default -> { return null; }
        }
        touch(lo, hi);
        return new int[] {lo, hi};
    }

    /** After the events of a command have played: copy the frames they touched and the zone figures from the core. */
    public void settle() {
        if (touchedLo < touchedHi) {
            FrameTable f = memory.frames();
            int lo = Math.max(0, touchedLo), hi = Math.min(owner.length, touchedHi);
            f.copyOwners(lo, hi, owner);
            System.arraycopy(f.allocIdsView(), lo, allocId, lo, hi - lo);
            // a block on a per-CPU list is free but not in the buddy lists: no buddy outline for it
            for (int p = lo; p < hi; p++) freeOrder[p] = owner[p] == FREE ? (byte) f.buddyOrder(p) : -1;
            // the events placed the per-CPU blocks; a frame the core holds allocated is on no list
            for (int p = lo; p < hi; p++) if (owner[p] != FREE) pcpList[p] = NO_PCP;
            Types.Lookup types = new Types.Lookup(memory);
            for (int p = lo; p < hi; p++) setType(p, pcpList[p] != NO_PCP ? pindexType[pcpPindex(pcpList[p])] : types.of(owner[p], allocId[p]));
            for (int b = lo >> pageblockOrder, last = (hi - 1) >> pageblockOrder; b <= last; b++)
                blockType[b] = (byte) memory.buddy().pageblockType(b << pageblockOrder).ordinal();
            fire(lo, hi);
        }
        touchedLo = Integer.MAX_VALUE;
        touchedHi = 0;
        copyCounts();
        for (Listener l : listeners) l.settled();
    }

    /** Whole-state copy without a zone-list reset, for commands whose effects the events do not locate. */
    public void resyncAll() {
        touchedLo = 0;
        touchedHi = owner.length;
        settle();
    }

    private void setTypes(int lo, int hi, byte type) {
        for (int p = lo; p < hi; p++) setType(p, type);
    }

    /** Gives a frame its allocation's type, moving it between its pageblock's counts. */
    private void setType(int pfn, byte type) {
        byte old = frameType[pfn];
        if (old == type) return;
        int base = (pfn >> pageblockOrder) * MigrateType.COUNT;
        if (old != NO_TYPE) usedByType[base + old]--;
        if (type != NO_TYPE) usedByType[base + type]++;
        frameType[pfn] = type;
    }

    private void queue(int z, int pfn, int order) {
        if (freeOrder[pfn] == order) return;
        freeOrder[pfn] = (byte) order;
        if (z >= 0) nrFree[z][order]++;
    }

    private void unqueue(int z, int pfn, int order) {
        if (pfn < 0 || pfn >= freeOrder.length || order < 0 || freeOrder[pfn] != order) return;
        freeOrder[pfn] = -1;
        if (z >= 0) nrFree[z][order]--;
    }

    private void touch(int lo, int hi) {
        touchedLo = Math.min(touchedLo, lo);
        touchedHi = Math.max(touchedHi, hi);
    }

    private int zoneIndex(MmEvent e) {
        if (e.zone() == null || memory == null) return -1;
        List<Zone> zones = memory.zones();
        for (int i = 0; i < zones.size(); i++) if (zones.get(i).type() == e.zone()) return i;
        return -1;
    }

    private void copyCounts() {
        Counts c = Counts.of(memory);
        c.copyTo(this);
        pcp.show(c.pcp(), false);
        for (Listener l : listeners) l.countsChanged();
    }

    /** The zone figures of the core: nr_free per zone and order, free pages, pages on the per-CPU lists, and those lists. */
    private record Counts(long[][] nrFree, long[] freePages, long[] pcpPages, long[] boost, PcpShown.Snapshot pcp) {
        static Counts of(PhysicalMemory mem) {
            List<Zone> zones = mem.zones();
            long[][] nrFree = new long[zones.size()][BuddyAllocator.NR_PAGE_ORDERS];
            long[] freePages = new long[zones.size()], pcpPages = new long[zones.size()], boost = new long[zones.size()];
            int nrCpus = mem.profile().nrCpus();
            for (int i = 0; i < zones.size(); i++) {
                Zone z = zones.get(i);
                for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) nrFree[i][o] = z.nrFree(o);
                freePages[i] = z.freePages();
                boost[i] = z.watermarkBoost();
                if (z.hasPcp()) for (int cpu = 0; cpu < nrCpus; cpu++) pcpPages[i] += z.pcpCount(cpu);
            }
            return new Counts(nrFree, freePages, pcpPages, boost, PcpShown.Snapshot.of(mem));
        }

        void copyTo(ShownMemory s) {
            s.nrFree = nrFree;
            s.freePages = freePages;
            s.pcpPages = pcpPages;
            s.watermarkBoost = boost;
        }
    }

    /** The migrate types of the frames and pageblocks, and the per-pageblock counts, as {@link #capture} copies them. */
    private record Types(byte[] frameType, byte[] blockType, int[] usedByType, int pageblockOrder) {
        static Types of(PhysicalMemory mem, byte[] owner, int[] allocId, short[] pcpList, byte[] pindexType) {
            BuddyAllocator buddy = mem.buddy();
            int order = buddy.pageblockOrder(), n = owner.length;
            byte[] blockType = new byte[(n >> order) + 1];
            for (int b = 0; b < blockType.length; b++)
                blockType[b] = (byte) (b << order < n ? buddy.pageblockType(b << order).ordinal() : MigrateType.MOVABLE.ordinal());
            byte[] frameType = new byte[n];
            int[] used = new int[blockType.length * MigrateType.COUNT];
            Lookup types = new Lookup(mem);
            for (int p = 0; p < n; p++) {
                byte t = frameType[p] = pcpList[p] != NO_PCP ? pindexType[pcpPindex(pcpList[p])] : types.of(owner[p], allocId[p]);
                if (t != NO_TYPE) used[(p >> order) * MigrateType.COUNT + t]++;
            }
            return new Types(frameType, blockType, used, order);
        }

        /**
         * The type of an allocated frame from the core: its allocation's mask, or for a frame of no allocation the
         * owner's kind (user memory and page cache are movable). Remembers the last allocation, since frames of one
         * come together.
         */
        static final class Lookup {
            private final PhysicalMemory mem;
            private int lastId = -1;
            private byte lastType;

            Lookup(PhysicalMemory mem) { this.mem = mem; }

            byte of(byte owner, int allocId) {
                Owner o = Owner.of(owner);
                if (o == Owner.FREE || o == Owner.HOLE || o == Owner.RESERVED) return NO_TYPE;
                if (allocId != lastId) {
                    var a = allocId > 0 ? mem.allocations().get(allocId) : null;
                    int gfp = a != null ? a.gfp() : o == Owner.USER || o == Owner.PAGE_CACHE ? kmemviz.core.mm.Gfp.MOVABLE : 0;
                    lastType = (byte) mem.buddy().gfpMigratetype(gfp);
                    lastId = allocId > 0 ? allocId : -1;
                }
                return lastType;
            }
        }
    }

    /** pindex_to_order() and each list's migrate type value, by pindex, from a zone with per-CPU lists. */
    private record PcpIndex(byte[] order, byte[] type) {
        static PcpIndex of(PhysicalMemory mem) {
            for (Zone z : mem.zones()) {
                if (!z.hasPcp()) continue;
                byte[] order = new byte[z.pcpNrLists()], type = new byte[z.pcpNrLists()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = (byte) z.pcpListOrder(i);
                    type[i] = (byte) z.pcpListType(i).ordinal();
                }
                return new PcpIndex(order, type);
            }
            return new PcpIndex(new byte[0], new byte[0]);
        }
    }

    /** A copy of the core's frames made by {@link #capture}, waiting to be shown. */
    public static final class Capture {
        private final byte[] owner;
        private final int[] allocId;
        private final byte[] freeOrder;
        private final short[] pcpList;
        private PhysicalMemory memory;
        private PcpIndex pindex;
        private Counts counts;
        private Types types;

        private Capture(byte[] owner, int[] allocId, byte[] freeOrder, short[] pcpList) {
            this.owner = owner;
            this.allocId = allocId;
            this.freeOrder = freeOrder;
            this.pcpList = pcpList;
        }
    }

    private void fire(int lo, int hi) {
        for (Listener l : listeners) l.framesChanged(lo, hi);
        for (Listener l : listeners) l.countsChanged();
    }
}
