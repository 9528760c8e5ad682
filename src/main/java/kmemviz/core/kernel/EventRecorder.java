package kmemviz.core.kernel;

import kmemviz.core.mm.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import kmemviz.core.mm.CompactResult;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.ZoneType;
import kmemviz.core.vm.PageSize;

/**
 * Records a command's events into parallel primitive arrays, so that recording costs no object per event;
 * {@link #events()} turns them into records when someone asks (the log, the animation, a test).
 *
 * <p>A command's events are O(blocks), not O(pages). The model hands out user memory, page cache and vmalloc
 * backing one order-0 page at a time, as the kernel does, so a 512 MiB process would otherwise leave four events
 * per page. Two rules keep the recording to its net effect:
 * <ul>
 *   <li><b>Runs.</b> An order-0 ALLOCATED or FREED of the frame right after the open run of the same kind (same
 *       zone, owner, allocation and mask) widens that run's {@code nrPages}; MAPPED and UNMAPPED of the next 4 KiB
 *       page to the next frame do the same. A run is one event: first pfn, nrPages.</li>
 *   <li><b>Blocks queued and taken again.</b> When a block queued by this command (an upper half from expand(),
 *       a block freed) leaves its list again in the same command, taken (TAKEN) or merged as a buddy (MERGED), it
 *       was never free between two commands: its SPLIT and QUEUED, and the TAKEN or MERGED that consumed it, are
 *       dropped. Blocks are queued and taken in stack order (splits go to the list head, which is where the next
 *       order-0 request takes from; ascending frees merge with the block freed just before), so the search looks
 *       at the few most recently queued blocks only; a block found deeper is simply kept, which is exact too,
 *       since the most recent QUEUED of a pfn and order is the one that put it on its list.</li>
 * </ul>
 * Pages compaction moves form runs too (COMPACT_MIGRATED): old and new pfns both consecutive, same owner.
 * Per-CPU lists follow the same two rules where they can: rmqueue_bulk() refills a list with consecutive blocks,
 * free_unref_page() of consecutive pages adds them one after the other, and free_pcppages_bulk() drains a list
 * from its tail, so each of PCP_REFILLED, PCP_FREED, PCP_TAKEN and PCP_DRAINED widens its open run (same zone, CPU
 * and list, so also the same order) by a block that borders it, above or below. The listener says only that a block went onto or off a list; the cause
 * is read from its neighbours: a pcpAdded() right after pagesFreed() of the block is a free, any other a refill;
 * a pcpRemoved() right before pagesAllocated() of the block is a take, any other (followed by __free_one_page()'s
 * events) a drain.
 *
 * <p>Dropped events become tombstones, compacted away when the arrays are full, so that memory follows the live
 * count. What is left replays to the same frame owners, free-block heads and nr_free as the per-page stream.
 *
 * <p>The TLB's events (hits, misses, fills, evictions, flushes, walks, and how each access ended) are recorded
 * apart, as {@link TlbEvents}, since a touch of N pages makes O(N) of them by nature and none belongs in the log.
 */
public final class EventRecorder implements KernelListener {
    private static final EventKind[] KINDS = EventKind.values();
    private static final ZoneType[] ZONES = ZoneType.values();
    private static final Owner[] OWNERS = Owner.values();
    private static final Watermark[] MARKS = Watermark.values();
    private static final CompactResult[] RESULTS = CompactResult.values();
    private static final byte DEAD = -1;
    /** How many of the most recently queued blocks a TAKEN or MERGED looks at (stack order makes 1 the usual). */
    private static final int QUEUED_SEARCH = 8;
    private static final int NO_RUN = -1;

    private byte[] kind = new byte[64], zone = new byte[64], order = new byte[64], owner = new byte[64];
    private int[] pfn = new int[64], gfp = new int[64], allocId = new int[64], nrPages = new int[64];
    private long[] count = new long[64];
    private final List<KernelReport> reports = new ArrayList<>();
    private final List<String> caches = new ArrayList<>();
    private int size, dead;
    // Indices of the QUEUED events of this command not consumed yet, most recent last.
    private int[] queued = new int[16];
    private int nrQueued;
    // The open run of each kind that can grow, or NO_RUN.
    private int allocatedRun = NO_RUN, freedRun = NO_RUN, mappedRun = NO_RUN, unmappedRun = NO_RUN, migratedRun = NO_RUN;
    // The open run of each per-CPU kind, at its ordinal minus PCP_REFILLED's, or NO_RUN.
    private final int[] pcpRun = {NO_RUN, NO_RUN, NO_RUN, NO_RUN};
    // A pcpRemoved() not recorded yet, for the next event tells its cause; removedPfn is -1 when there is none.
    private ZoneType removedZone;
    private int removedCpu, removedPfn = -1, removedOrder, removedPindex;
    // The block the last event, pagesFreed(), announced; -1 once any other event came.
    private int freedPfn = -1;
    // The block __free_one_page() is merging, as pagesFreed() and each buddiesMerged() left it.
    private int mergingPfn = -1, mergingOrder = -1;
    private final TlbEvents.Builder tlb = new TlbEvents.Builder();

    public void clear() {
        tlb.clear();
        size = dead = nrQueued = 0;
        allocatedRun = freedRun = mappedRun = unmappedRun = migratedRun = NO_RUN;
        Arrays.fill(pcpRun, NO_RUN);
        removedPfn = freedPfn = -1;
        mergingPfn = mergingOrder = -1;
        reports.clear();
        caches.clear();
    }

    /** The number of events recorded (runs count once). */
    public int size() { return size - dead; }

    private int add(EventKind k, ZoneType z, int p, int o, int g, Owner w, int id, int n, long c) {
        recordRemoved(EventKind.PCP_DRAINED);
        freedPfn = -1;
        if (size == kind.length) makeRoom();
        kind[size] = (byte) k.ordinal();
        zone[size] = (byte) (z == null ? -1 : z.ordinal());
        pfn[size] = p;
        order[size] = (byte) o;
        gfp[size] = g;
        owner[size] = (byte) (w == null ? -1 : w.ordinal());
        allocId[size] = id;
        nrPages[size] = n;
        count[size] = c;
        return size++;
    }

    /** Compacts the tombstones away if they are at least half the arrays; otherwise doubles them. */
    private void makeRoom() {
        if (dead * 2 >= size) { compact(); return; }
        int n = kind.length * 2;
        kind = Arrays.copyOf(kind, n);
        zone = Arrays.copyOf(zone, n);
        order = Arrays.copyOf(order, n);
        owner = Arrays.copyOf(owner, n);
        pfn = Arrays.copyOf(pfn, n);
        gfp = Arrays.copyOf(gfp, n);
        allocId = Arrays.copyOf(allocId, n);
        nrPages = Arrays.copyOf(nrPages, n);
        count = Arrays.copyOf(count, n);
    }

    private void compact() {
        int[] moved = new int[size];
        int to = 0;
        for (int from = 0; from < size; from++) {
            if (kind[from] == DEAD) { moved[from] = NO_RUN; continue; }
            moved[from] = to;
            kind[to] = kind[from];
            zone[to] = zone[from];
            order[to] = order[from];
            owner[to] = owner[from];
            pfn[to] = pfn[from];
            gfp[to] = gfp[from];
            allocId[to] = allocId[from];
            nrPages[to] = nrPages[from];
            count[to] = count[from];
            to++;
        }
        for (int i = 0; i < nrQueued; i++) queued[i] = moved[queued[i]];
        allocatedRun = allocatedRun == NO_RUN ? NO_RUN : moved[allocatedRun];
        freedRun = freedRun == NO_RUN ? NO_RUN : moved[freedRun];
        mappedRun = mappedRun == NO_RUN ? NO_RUN : moved[mappedRun];
        unmappedRun = unmappedRun == NO_RUN ? NO_RUN : moved[unmappedRun];
        migratedRun = migratedRun == NO_RUN ? NO_RUN : moved[migratedRun];
        for (int i = 0; i < pcpRun.length; i++) pcpRun[i] = pcpRun[i] == NO_RUN ? NO_RUN : moved[pcpRun[i]];
        size = to;
        dead = 0;
    }

    private void kill(int i) {
        kind[i] = DEAD;
        dead++;
    }

    /** Whether run {@code i} of kind {@code k} ends right before pfn {@code p} and matches the other fields. */
    private boolean extendsRun(int i, EventKind k, ZoneType z, int p, int g, Owner w, int id) {
        return i != NO_RUN && kind[i] == k.ordinal() && order[i] == 0 && pfn[i] + nrPages[i] == p
                && zone[i] == z.ordinal() && gfp[i] == g && owner[i] == (w == null ? -1 : w.ordinal()) && allocId[i] == id;
    }

    /**
     * Drops the QUEUED (and the SPLIT right before it) of block {@code (p, o)} if this command queued it
     * recently; true if it did.
     */
    private boolean consumeQueued(ZoneType z, int p, int o) {
        for (int s = nrQueued - 1; s >= Math.max(0, nrQueued - QUEUED_SEARCH); s--) {
            int i = queued[s];
            if (pfn[i] != p || order[i] != o || zone[i] != z.ordinal()) continue;
            kill(i);
            if (i > 0 && kind[i - 1] == EventKind.SPLIT.ordinal() && pfn[i - 1] == p && order[i - 1] == o) kill(i - 1);
            System.arraycopy(queued, s + 1, queued, s, nrQueued - s - 1);
            nrQueued--;
            return true;
        }
        return false;
    }

    @Override public void pagesAllocated(ZoneType z, int p, int o, int g, Owner w, int id) {
        boolean taken = removedPfn == p && removedOrder == o && removedZone == z;
        recordRemoved(taken ? EventKind.PCP_TAKEN : EventKind.PCP_DRAINED);
        if (o == 0 && extendsRun(allocatedRun, EventKind.ALLOCATED, z, p, g, w, id)) { nrPages[allocatedRun]++; return; }
        allocatedRun = add(EventKind.ALLOCATED, z, p, o, g, w, id, 1 << o, 0);
    }

    @Override public void blockTaken(ZoneType z, int p, int o) {
        if (!consumeQueued(z, p, o)) add(EventKind.TAKEN, z, p, o, 0, null, 0, 1 << o, 0);
    }

    @Override public void pagesFreed(ZoneType z, int p, int o) {
        mergingPfn = p;
        mergingOrder = o;
        if (o == 0 && extendsRun(freedRun, EventKind.FREED, z, p, 0, null, 0)) nrPages[freedRun]++;
        else freedRun = add(EventKind.FREED, z, p, o, 0, null, 0, 1 << o, 0);
        freedPfn = p;
    }

    @Override public void pcpAdded(ZoneType z, int cpu, int p, int o, int pindex) {
        recordRemoved(EventKind.PCP_DRAINED);
        pcp(freedPfn == p ? EventKind.PCP_FREED : EventKind.PCP_REFILLED, z, cpu, p, o, pindex);
    }

    /** Held back until the next event says whether an allocation took the block or the buddy lists got it back. */
    @Override public void pcpRemoved(ZoneType z, int cpu, int p, int o, int pindex) {
        recordRemoved(EventKind.PCP_DRAINED);
        removedZone = z;
        removedCpu = cpu;
        removedPfn = p;
        removedOrder = o;
        removedPindex = pindex;
        // a drained block is freed by __free_one_page(), whose merges start from it
        mergingPfn = p;
        mergingOrder = o;
    }

    /** Records the held-back pcpRemoved(), if any, as {@code k}. */
    private void recordRemoved(EventKind k) {
        if (removedPfn < 0) return;
        int p = removedPfn;
        removedPfn = -1;
        pcp(k, removedZone, removedCpu, p, removedOrder, removedPindex);
    }

    /**
     * A per-CPU event: widens the open run of its kind when the block borders it, above or below (a list drained
     * from its tail gives back the pages freed last first), in the same zone, CPU and list (pindex, kept in the gfp
     * slot, which per-CPU events have no other use for).
     */
    private void pcp(EventKind k, ZoneType z, int cpu, int p, int o, int pindex) {
        int slot = k.ordinal() - EventKind.PCP_REFILLED.ordinal(), run = pcpRun[slot];
        if (run != NO_RUN && kind[run] == k.ordinal() && order[run] == o && zone[run] == z.ordinal() && count[run] == cpu
                && gfp[run] == pindex && (pfn[run] + nrPages[run] == p || p + (1 << o) == pfn[run])) {
            if (p < pfn[run]) pfn[run] = p;
            nrPages[run] += 1 << o;
            freedPfn = -1;
            return;
        }
        pcpRun[slot] = add(k, z, p, o, pindex, null, 0, 1 << o, cpu);
    }

    @Override public void blockSplit(ZoneType z, int p, int o) { add(EventKind.SPLIT, z, p, o, 0, null, 0, 1 << o, 0); }

    /**
     * __free_one_page() merges the block being freed with its buddy, which was on a free list, step by step from
     * the block that pagesFreed() announced: the buddy of each step follows from the previous step's block.
     */
    @Override public void buddiesMerged(ZoneType z, int p, int o) {
        boolean chained = mergingOrder == o - 1 && (mergingPfn & ~(1 << mergingOrder)) == p;
        int buddy = mergingPfn ^ (1 << mergingOrder);
        mergingPfn = p;
        mergingOrder = o;
        if (chained && consumeQueued(z, buddy, o - 1)) return;
        add(EventKind.MERGED, z, p, o, 0, null, 0, 1 << o, 0);
    }

    @Override public void blockQueued(ZoneType z, int p, int o, boolean tail) {
        int i = add(EventKind.QUEUED, z, p, o, 0, null, 0, 1 << o, tail ? 1 : 0);
        if (nrQueued == queued.length) queued = Arrays.copyOf(queued, nrQueued * 2);
        queued[nrQueued++] = i;
    }

    @Override public void watermarkCrossed(ZoneType z, Watermark mark, boolean below) {
        add(EventKind.WATERMARK, z, mark.ordinal(), 0, 0, null, 0, 0, below ? 1 : 0);
    }

    // The pages of boost taken off go in the count, what is left in the mask's slot (at most 150% of a high mark).
    @Override public void watermarkBoostRemoved(ZoneType z, long removed, long left) {
        add(EventKind.WATERMARK_BOOST_REMOVED, z, 0, 0, (int) left, null, 0, 0, removed);
    }

    @Override public void kswapdWoken(int o, ZoneType highest) { add(EventKind.KSWAPD_WOKEN, highest, 0, o, 0, null, 0, 0, 0); }

    @Override public void pagesReclaimed(ZoneType z, long n, boolean byKswapd) {
        add(byKswapd ? EventKind.KSWAPD_RECLAIM : EventKind.DIRECT_RECLAIM, z, 0, 0, 0, null, 0, 0, n);
    }

    @Override public void compactionBegin(ZoneType z, int o, int migratePfn, int freePfn) {
        add(EventKind.COMPACT_BEGIN, z, migratePfn, o, 0, null, 0, 0, freePfn);
    }

    @Override public void compactionScanners(ZoneType z, int migratePfn, int freePfn) {
        add(EventKind.COMPACT_SCANNERS, z, migratePfn, 0, 0, null, 0, 0, freePfn);
    }

    @Override public void freePageIsolated(ZoneType z, int p, int o) { add(EventKind.COMPACT_FREE_ISOLATED, z, p, o, 0, null, 0, 1 << o, 0); }

    /** A page moved: widens the open run when both its old and its new pfn follow the run's, for the same owner. */
    @Override public void pageMigrated(ZoneType z, int fromPfn, int toPfn, Owner w, int id) {
        int r = migratedRun;
        if (r != NO_RUN && kind[r] == EventKind.COMPACT_MIGRATED.ordinal() && zone[r] == z.ordinal() && owner[r] == w.ordinal()
                && allocId[r] == id && pfn[r] + nrPages[r] == toPfn && count[r] + nrPages[r] == fromPfn) {
            nrPages[r]++;
            return;
        }
        migratedRun = add(EventKind.COMPACT_MIGRATED, z, toPfn, 0, 0, w, id, 1, fromPfn);
    }

    @Override public void compactionEnd(ZoneType z, int o, CompactResult result, int nrMigrated) {
        add(EventKind.COMPACT_END, z, 0, o, result.ordinal(), null, 0, 0, nrMigrated);
    }

    // The types' values go in the mask's slot (the old one) and the count (the new one), which the kind has no other use for.
    @Override public void pageblockTypeChanged(ZoneType z, int p, int o, MigrateType from, MigrateType to) {
        add(EventKind.PAGEBLOCK_TYPE_CHANGED, z, p, o, from.ordinal(), null, 0, 1 << o, to.ordinal());
    }

    @Override public void kcompactdWoken(int o, ZoneType highest) { add(EventKind.KCOMPACTD_WOKEN, highest, 0, o, 0, null, 0, 0, 0); }

    @Override public void slabObjectAllocated(String cache, long address, int id) {
        add(EventKind.OBJECT_ALLOCATED, null, caches.size(), 0, 0, null, id, 0, address);
        caches.add(cache);
    }

    @Override public void slabObjectFreed(String cache, long address, int id) {
        add(EventKind.OBJECT_FREED, null, caches.size(), 0, 0, null, id, 0, address);
        caches.add(cache);
    }

    @Override public void pageMapped(long vaddr, int p, int shift) { mappedRun = mapping(EventKind.MAPPED, mappedRun, vaddr, p, shift); }

    @Override public void pageUnmapped(long vaddr, int p) { unmappedRun = mapping(EventKind.UNMAPPED, unmappedRun, vaddr, p, Profile.PAGE_SHIFT); }

    /** MAPPED or UNMAPPED: widens the open run when this is its next 4 KiB page and next frame; returns the run. */
    private int mapping(EventKind k, int run, long vaddr, int p, int shift) {
        if (shift == Profile.PAGE_SHIFT && run != NO_RUN && kind[run] == k.ordinal() && order[run] == Profile.PAGE_SHIFT
                && count[run] + ((long) nrPages[run] << Profile.PAGE_SHIFT) == vaddr && pfn[run] + nrPages[run] == p) {
            nrPages[run]++;
            return run;
        }
        return add(k, null, p, shift, 0, null, 0, 1, vaddr);
    }

    @Override public void kmapChanged(int p, long vaddr, boolean mapped) {
        add(mapped ? EventKind.KMAP : EventKind.KUNMAP, null, p, Profile.PAGE_SHIFT, 0, null, 0, 1, vaddr);
    }

    @Override public void tlbFlushed(long start, long end, boolean full) {
        add(EventKind.TLB_FLUSH, null, 0, full ? 1 : 0, 0, null, 0, 0, start);
    }

    @Override public void report(KernelReport r) {
        add(EventKind.REPORT, null, r.pfn(), 0, 0, null, r.allocId(), 0, reports.size());
        reports.add(r);
    }

    // ---- TlbListener ----

    @Override public void hit(int t, int set, int way, long vpn) { tlb.add(TlbEvents.Kind.HIT, t, set, way, vpn, null); }

    @Override public void miss(int t, long vpn) { tlb.add(TlbEvents.Kind.MISS, t, 0, 0, vpn, null); }

    @Override public void fill(int t, int set, int way, long vpn, PageSize s) { tlb.add(TlbEvents.Kind.FILL, t, set, way, vpn, s); }

    @Override public void evict(int t, int set, int way, long vpn, PageSize s) { tlb.add(TlbEvents.Kind.EVICT, t, set, way, vpn, s); }

    @Override public void flush(long start, long end, boolean full) {
        tlb.add(full ? TlbEvents.Kind.FLUSH_ALL : TlbEvents.Kind.FLUSH_PAGE, 0, 0, 0, start, null);
    }

    @Override public void walk(long vaddr, PageSize s) { tlb.add(TlbEvents.Kind.WALK, 0, 0, 0, vaddr, s); }

    @Override public void accessDone(long vaddr, int result) { tlb.accessDone(result); }

    /** The TLB events recorded since {@link #clear()}, as a copy the recorder no longer writes to. */
    public TlbEvents tlbEvents() { return tlb.freeze(); }

    /** The recorded events in order, as records; an unmodifiable list of {@link #size()} entries. */
    public List<MmEvent> events() {
        recordRemoved(EventKind.PCP_DRAINED);               // a command never ends on one, but the list must be whole
        List<MmEvent> out = new ArrayList<>(size - dead);
        for (int i = 0; i < size; i++) {
            if (kind[i] == DEAD) continue;
            EventKind k = KINDS[kind[i]];
            ZoneType z = zone[i] < 0 ? null : ZONES[zone[i]];
            Owner w = owner[i] < 0 ? null : OWNERS[owner[i]];
            Watermark mark = k == EventKind.WATERMARK ? MARKS[pfn[i]] : null;
            KernelReport r = k == EventKind.REPORT ? reports.get((int) count[i]) : null;
            boolean object = k == EventKind.OBJECT_ALLOCATED || k == EventKind.OBJECT_FREED;
            String cache = object ? caches.get(pfn[i]) : null;
            int p = k == EventKind.WATERMARK ? 0 : object ? (int) (count[i] >>> Profile.PAGE_SHIFT) : pfn[i];
            // COMPACT_END keeps its result's ordinal in the mask's slot, which it has no other use for.
            CompactResult result = k == EventKind.COMPACT_END ? RESULTS[gfp[i]] : null;
            int g = k == EventKind.COMPACT_END ? 0 : gfp[i];
            out.add(new MmEvent(k, z, p, order[i], nrPages[i], g, w, allocId[i], count[i], mark, r, cache, result));
        }
        return Collections.unmodifiableList(out);
    }
}
