package kmemviz.core.mm;

/**
 * What the memory model reports, in order, on the thread that ran the command. Arguments are primitives and
 * enums so that nothing is allocated per event; only the rare {@link KernelReport} is an object.
 * Implementations must not call back into the model.
 */
public interface MmListener {
    /** A block left the allocator: {@code 2^order} frames from {@code pfn} now belong to {@code owner}. */
    default void pagesAllocated(ZoneType zone, int pfn, int order, int gfp, Owner owner, int allocId) {}

    /** __rmqueue_smallest() took the free block at {@code pfn} of {@code order} off its list, before expand() splits it. */
    default void blockTaken(ZoneType zone, int pfn, int order) {}

    /** A block came back, before any merging. */
    default void pagesFreed(ZoneType zone, int pfn, int order) {}

    /** expand(): the upper half at {@code pfn} became a free block of {@code order}, at its list's head. */
    default void blockSplit(ZoneType zone, int pfn, int order) {}

    /** __free_one_page(): two buddies became one free block of {@code order} starting at {@code pfn}. */
    default void buddiesMerged(ZoneType zone, int pfn, int order) {}

    /** A free block went onto free_area[order], at the tail or the head. */
    default void blockQueued(ZoneType zone, int pfn, int order, boolean tail) {}

    /**
     * set_pageblock_migratetype() changed the type of the pageblock of {@code 2^order} frames (pageblock_order)
     * starting at {@code pfn}: a fallback claimed it (try_to_steal_block(), change_pageblock_range()), a merge across
     * pageblocks gave it the freed block's type, or compaction's free scanner made it Movable. Only real changes.
     */
    default void pageblockTypeChanged(ZoneType zone, int pfn, int order, MigrateType from, MigrateType to) {}

    /** The zone's free pages went below (or back above) one of its watermarks. */
    default void watermarkCrossed(ZoneType zone, Watermark mark, boolean below) {}

    /** wakeup_kswapd() for this order and highest zone. */
    default void kswapdWoken(int order, ZoneType highestZone) {}

    /**
     * kswapd's balance_pgdat() (mm/vmscan.c), its work done, took off the watermark_boost it found in the zone when
     * it started: {@code removed} pages of boost came off, {@code left} remain (a boost raised meanwhile). Comes after
     * that run's reclaim events and before the kcompactd it wakes for pageblock_order.
     */
    default void watermarkBoostRemoved(ZoneType zone, long removed, long left) {}

    /** Page-cache pages were reclaimed from a zone, by kswapd or by direct reclaim. */
    default void pagesReclaimed(ZoneType zone, long nrPages, boolean byKswapd) {}

    /** A slab object was handed out from {@code cache}; {@code address} is its physical byte address. */
    default void slabObjectAllocated(String cache, long address, int allocId) {}

    /** A slab object went back to its cache. */
    default void slabObjectFreed(String cache, long address, int allocId) {}

    /** A kernel virtual page now maps {@code pfn} with a page of {@code 1 << pageShift} bytes. */
    default void pageMapped(long vaddr, int pfn, int pageShift) {}

    /** A kernel virtual page no longer maps {@code pfn}. */
    default void pageUnmapped(long vaddr, int pfn) {}

    /** kmap() gave a HighMem frame a temporary address, or kunmap() let it go. */
    default void kmapChanged(int pfn, long vaddr, boolean mapped) {}

    /** TLB entries were invalidated: the range {@code [start, end)}, or everything when {@code full}. */
    default void tlbFlushed(long start, long end, boolean full) {}

    /** A failure, warning, BUG or OOM report in the kernel's wording. */
    default void report(KernelReport report) {}

    /**
     * compact_zone() begins in {@code zone} for {@code order} (-1 for compact_memory) with the migration scanner at
     * {@code migratePfn} and the free scanner at {@code freePfn}.
     */
    default void compactionBegin(ZoneType zone, int order, int migratePfn, int freePfn) {}

    /** A compaction scanner moved on: where the migration and the free scanner stand now. */
    default void compactionScanners(ZoneType zone, int migratePfn, int freePfn) {}

    /** The free scanner took the free block at {@code pfn} of {@code order} off its list (NR_FREE_PAGES drops). */
    default void freePageIsolated(ZoneType zone, int pfn, int order) {}

    /**
     * migrate_pages() moved the page at {@code fromPfn} to {@code toPfn}, a page the free scanner isolated; the new
     * page now belongs to {@code owner}'s allocation {@code allocId}. The old page's free follows as its own events.
     */
    default void pageMigrated(ZoneType zone, int fromPfn, int toPfn, Owner owner, int allocId) {}

    /** compact_zone() ended with {@code result}, having moved {@code nrMigrated} pages. */
    default void compactionEnd(ZoneType zone, int order, CompactResult result, int nrMigrated) {}

    /** wakeup_kcompactd() woke kcompactd for this order and highest zone. */
    default void kcompactdWoken(int order, ZoneType highestZone) {}

    /**
     * A block went onto CPU {@code cpu}'s per-CPU list {@code pindex} (pcp->lists[pindex], order_to_pindex() of its
     * migrate type and order): a refill from the buddy lists, or a free.
     */
    default void pcpAdded(ZoneType zone, int cpu, int pfn, int order, int pindex) {}

    /** A block left CPU {@code cpu}'s per-CPU list {@code pindex}: to an allocation, or drained back to the buddy lists. */
    default void pcpRemoved(ZoneType zone, int cpu, int pfn, int order, int pindex) {}
}
