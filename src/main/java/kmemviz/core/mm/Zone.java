package kmemviz.core.mm;

import java.util.Arrays;

/**
 * One zone of the single node: its span, page counts, watermarks and buddy free lists
 * ({@code struct zone} and {@code struct free_area} of include/linux/mmzone.h: a free list per order and migrate
 * type, at {@code order * MigrateType.COUNT + migratetype}; with migrate types off only the Movable lists are used).
 */
public final class Zone {
    static final int NR_WMARK = Watermark.values().length;

    private final ZoneType type;
    private final int index;
    private final PfnRange span;
    private final int startPfn, endPfn;      // span's bounds, read directly on every free (zoneOf, page_is_buddy)
    long presentPages;
    long managedPages;
    long freePages;
    /**
     * The vm events PGALLOC (per zone, as __count_zid_vm_events() counts it) and PGFREE (global in the kernel; kept
     * per zone here because the free path has the zone at hand), in pages since boot.
     */
    long pgalloc, pgfree;
    /**
     * nr_reserved_highatomic: the pages of this zone's HighAtomic pageblocks, as reserve_highatomic_pageblock() and
     * unreserve_highatomic_pageblock() count them; nr_free_highatomic: the free pages on its HighAtomic lists
     * (account_freepages()), which __zone_watermark_ok() does not count for a request without reserve flags.
     */
    long nrReservedHighatomic, nrFreeHighatomic;

    static final int NR_LISTS = BuddyAllocator.NR_PAGE_ORDERS * MigrateType.COUNT;
    final int[] head = new int[NR_LISTS];
    final int[] tail = new int[NR_LISTS];
    final long[] nrFree = new long[BuddyAllocator.NR_PAGE_ORDERS];
    /**
     * Per migrate type, bit {@code o} set while free_area[o].free_list[type] is not empty: the lowest non-empty list
     * of an order or more is one bit scan, for __rmqueue_smallest() and __zone_watermark_ok(), instead of a walk
     * over the orders.
     */
    final int[] freeOrders = new int[MigrateType.COUNT];

    /** _watermark[NR_WMARK], indexed by {@link Watermark#ordinal()}, which is also the ALLOC_WMARK_* value. */
    final long[] watermark = new long[NR_WMARK];
    long[] lowmemReserve;
    /**
     * watermark_boost: pages added to every mark after a fallback stole from another type's pageblock
     * (boost_watermark()), until kswapd's balance_pgdat() takes them off again; nothing lowers it by time.
     */
    long watermarkBoost;
    /** ZONE_BOOSTED_WATERMARK: the boost should wake kswapd on this zone's next rmqueue() with ALLOC_KSWAPD. */
    boolean boostedWatermark;
    /**
     * ZONE_BELOW_HIGH: get_page_from_freelist() found the zone below its high mark; while set, the per-CPU lists do not
     * grow pcp->high on a refill and shrink it on a free (nr_pcp_alloc(), nr_pcp_high()). A drain from
     * free_unref_page_commit() that leaves the zone above its high mark clears it.
     */
    boolean belowHigh;
    /** The per-CPU lists, or null with {@code pcp=off} or before boot has set the watermarks. */
    PerCpuPages pcp;

    Zone(ZoneType type, int index, PfnRange span, int nrZones) {
        this.type = type;
        this.index = index;
        this.span = span;
        this.startPfn = span.startPfn();
        this.endPfn = span.endPfn();
        this.lowmemReserve = new long[nrZones];
        Arrays.fill(head, FrameTable.NO_PFN);
        Arrays.fill(tail, FrameTable.NO_PFN);
    }

    /** A copy for a checkpoint: counts, free-list ends and watermarks. */
    Zone(Zone o) {
        this(o.type, o.index, o.span, o.lowmemReserve.length);
        presentPages = o.presentPages;
        managedPages = o.managedPages;
        freePages = o.freePages;
        pgalloc = o.pgalloc;
        pgfree = o.pgfree;
        nrReservedHighatomic = o.nrReservedHighatomic;
        nrFreeHighatomic = o.nrFreeHighatomic;
        System.arraycopy(o.head, 0, head, 0, head.length);
        System.arraycopy(o.tail, 0, tail, 0, tail.length);
        System.arraycopy(o.nrFree, 0, nrFree, 0, nrFree.length);
        System.arraycopy(o.freeOrders, 0, freeOrders, 0, freeOrders.length);
        System.arraycopy(o.watermark, 0, watermark, 0, watermark.length);
        lowmemReserve = o.lowmemReserve.clone();
        watermarkBoost = o.watermarkBoost;
        boostedWatermark = o.boostedWatermark;
        belowHigh = o.belowHigh;
        pcp = o.pcp == null ? null : new PerCpuPages(o.pcp);
    }

    public ZoneType type() { return type; }

    /** The kernel's zone index (zone_idx()) on this machine. */
    public int index() { return index; }

    public String name() { return type.kernelName(); }

    public int startPfn() { return startPfn; }

    public int endPfn() { return endPfn; }

    public long spannedPages() { return span.nrPages(); }

    public long presentPages() { return presentPages; }

    public long managedPages() { return managedPages; }

    public long freePages() { return freePages; }

    /** pgalloc_&lt;zone&gt; of /proc/vmstat: pages rmqueue() handed out from this zone since boot. */
    public long pgalloc() { return pgalloc; }

    /** This zone's share of pgfree: pages freed into it since boot, boot's own frees included. */
    public long pgfree() { return pgfree; }

    /** nr_reserved_highatomic: pages in HighAtomic pageblocks (Mem-Info's reserved_highatomic). */
    public long nrReservedHighatomic() { return nrReservedHighatomic; }

    /** nr_free_highatomic: free pages on the HighAtomic lists. */
    public long nrFreeHighatomic() { return nrFreeHighatomic; }

    /** populated_zone(): a zone with present pages takes part in zonelists and buddyinfo. */
    public boolean isPopulated() { return presentPages > 0; }

    public boolean contains(int pfn) { return pfn >= startPfn && pfn < endPfn; }

    /** nr_free of free_area[order]: free blocks, not pages. */
    public long nrFree(int order) { return nrFree[order]; }

    /** wmark_pages(): the mark with the boost on top, as the allocator, kswapd, zoneinfo and Mem-Info use it. */
    public long watermark(Watermark mark) { return wmarkPages(mark.ordinal()); }

    /** wmark_pages() by ALLOC_WMARK_* index: _watermark[mark] + watermark_boost (include/linux/mmzone.h). */
    long wmarkPages(int mark) { return watermark[mark] + watermarkBoost; }

    /** watermark_boost, zoneinfo's {@code boost} and Mem-Info's {@code boost:}. */
    public long watermarkBoost() { return watermarkBoost; }

    public long lowmemReserve(int zoneIndex) { return lowmemReserve[zoneIndex]; }

    public long[] lowmemReserves() { return lowmemReserve.clone(); }

    /** The per-CPU lists of this zone are in use. */
    public boolean hasPcp() { return pcp != null; }

    /** pcp->count of a CPU: the pages on its lists. */
    public int pcpCount(int cpu) { return pcp.count[cpu]; }

    /** pcp->high of a CPU (0 until its lists are first used). */
    public int pcpHigh(int cpu) { return pcp.high[cpu]; }

    /** pcp->batch, the same on every CPU. */
    public int pcpBatch() { return pcp.batch; }

    /** pcp->high_min and pcp->high_max. */
    public int pcpHighMin() { return pcp.highMin; }

    public int pcpHighMax() { return pcp.highMax; }

    /** NR_PCP_LISTS: the lists each CPU has, by pindex (order_to_pindex() of a migrate type and order). */
    public int pcpNrLists() { return pcp.nrLists; }

    /** pindex_to_order(). */
    public int pcpListOrder(int pindex) { return pcp.pindexToOrder(pindex); }

    /** The migrate type of list {@code pindex}; the THP order's non-movable list answers Unmovable. */
    public MigrateType pcpListType(int pindex) { return MigrateType.of(pcp.pindexToMigratetype(pindex)); }

    /**
     * The head of CPU {@code cpu}'s list {@code pindex}, or NO_PFN; {@link BuddyAllocator#nextFree} walks it (a page
     * on a per-CPU list is linked as one on a free list is).
     */
    public int pcpListHead(int cpu, int pindex) { return pcp.head[pcp.list(cpu, pindex)]; }

    /**
     * The head of free_area[order].free_list[type], or NO_PFN; with {@link BuddyAllocator#nextFree} it walks the
     * list.
     */
    public int freeListHead(int order, MigrateType type) { return head[list(order, type.ordinal())]; }

    static int list(int order, int migratetype) { return order * MigrateType.COUNT + migratetype; }
}
