package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The buddy allocator of mm/page_alloc.c (Linux 6.12.118) for one node, with free lists per order and migrate type.
 *
 * <p>Notation: a block of order {@code o} is {@code 2^o} frames starting at a pfn aligned to {@code 2^o}. Its buddy
 * differs only in bit {@code o}: {@code pfn ^ (1 << o)}, and the pair merges into the block at
 * {@code pfn & buddy} of order {@code o + 1} (mm/internal.h, __find_buddy_pfn). A free block is known by its head
 * frame: owner FREE and {@code order[head] == o}, linked into its zone's {@code free_area[o].free_list[mt]} through
 * the intrusive {@code next}/{@code prev} arrays, so taking any block off its list is O(1). {@code mt} is always
 * the type of the block's pageblock ({@link Pageblocks}): 6.12 keeps that invariant, and so does the model.
 *
 * <p>Placement, as the kernel does it (and the tests pin down, against the oracle in the tests):
 * <ul>
 *   <li>__rmqueue(): __rmqueue_smallest() of the request's type, the head of the lowest non-empty list of order
 *       &gt;= the request; expand() gives each upper half to the head of the next lower list; then
 *       __rmqueue_claim() (the largest block of a fallback type, its pageblock claimed by try_to_steal_block()),
 *       then, without ALLOC_NOFRAGMENT, __rmqueue_steal() (the smallest block of a fallback type, its pageblock
 *       left as it was). Within one rmqueue_bulk() the mode remembers which step found pages last.</li>
 *   <li>Free, free_one_page() through split_large_buddy() (a pageblock at a time above pageblock_order) into
 *       __free_one_page(): merge while the buddy is a free block of the same order in the same zone, across
 *       pageblocks only of mergeable types, the buddy's pageblocks taking the freed block's type; then queue at
 *       the tail if buddy_merge_likely(), else the head. Memory freed at boot always goes to the tail.</li>
 * </ul>
 * HighAtomic pageblocks are reserved and released by {@link #reserveHighatomicPageblock} and
 * {@link #unreserveHighatomicPageblock}, which the slow path calls; their free pages stay on the HighAtomic lists,
 * which only rmqueue_buddy() opens, for the reserve flags.
 * With migrate types off every request and every pageblock is Movable, so only the Movable lists are used and
 * blocks are freed whole: the textbook allocator with one list per order. Every operation costs
 * O(MAX_PAGE_ORDER) list work plus the head frame's owner and order, or one pageblock scan when a fallback
 * claims a pageblock, as in the kernel. Single-threaded, like the rest of the core.
 */
public final class BuddyAllocator {
    public static final int MAX_PAGE_ORDER = 10;
    public static final int NR_PAGE_ORDERS = MAX_PAGE_ORDER + 1;

    /** fallbacks[] of mm/page_alloc.c, for the three types with fallbacks. */
    private static final int[][] FALLBACKS = {
        {Pageblocks.RECLAIMABLE, Pageblocks.MOVABLE},     // Unmovable
        {Pageblocks.RECLAIMABLE, Pageblocks.UNMOVABLE},   // Movable
        {Pageblocks.UNMOVABLE, Pageblocks.MOVABLE},       // Reclaimable
    };

    /** enum rmqueue_mode without RMQUEUE_CMA: where __rmqueue() starts looking, remembered over a bulk refill. */
    static final int RMQUEUE_NORMAL = 0, RMQUEUE_CLAIM = 1, RMQUEUE_STEAL = 2;

    private final FrameTable frames;
    private final Pageblocks pageblocks;
    private final boolean migratetypes;
    private final List<Zone> zones;          // every configured zone, in index order
    private final Zone[] byIndex;             // the same, as an array for the allocation path
    private final Zone[] populatedFromTop;    // populated zones, highest first: most frames are in the top zone
    private final int sectionShift;           // PFN_SECTION_SHIFT: SECTION_SIZE_BITS - PAGE_SHIFT
    private final boolean[] onlineSection;    // a memory section with RAM in it has a memmap (pfn_to_online_page())
    private int rmqueueMode = RMQUEUE_NORMAL;
    private int cpu;                          // the CPU the commands run on (`cpu K`)
    private MmListener listener = new MmListener() {};
    private AllocStories stories;             // the explanation sink, or null (see PageAllocator)

    BuddyAllocator(Profile profile) {
        frames = new FrameTable(profile.endPfn());
        List<Zone> all = new ArrayList<>();
        for (ZoneSpan span : profile.zones()) all.add(new Zone(span.type(), all.size(), span.span(), profile.zones().size()));
        zones = List.copyOf(all);
        for (PfnRange r : profile.ram()) {
            frames.fill(r.startPfn(), r.nrPages(), Owner.RESERVED, 0);  // memblock owns all RAM until it is freed
            for (Zone z : zones) z.presentPages += overlap(r, z);
        }
        byIndex = zones.toArray(Zone[]::new);
        List<Zone> fromTop = new ArrayList<>(zones);
        Collections.reverse(fromTop);
        populatedFromTop = fromTop.stream().filter(Zone::isPopulated).toArray(Zone[]::new);
        migratetypes = profile.migratetypes();
        // SECTION_SIZE_BITS of arch/x86/include/asm/sparsemem.h: 27 on x86_64, 26 on i386 without PAE.
        sectionShift = (profile.bits() == 64 ? 27 : 26) - Profile.PAGE_SHIFT;
        onlineSection = new boolean[(profile.endPfn() >>> sectionShift) + 1];
        for (PfnRange r : profile.ram())
            for (int s = r.startPfn() >>> sectionShift; s <= (r.endPfn() - 1) >>> sectionShift; s++) onlineSection[s] = true;
        for (Reservation r : profile.reserved())               // whole sections kept offline (see Reservation)
            if (r.offline())
                for (int s = (r.range().startPfn() + (1 << sectionShift) - 1) >>> sectionShift; (s + 1) << sectionShift <= r.range().endPfn(); s++)
                    onlineSection[s] = false;
        pageblocks = new Pageblocks(profile.endPfn(), profile.pageblockOrder());
        if (migratetypes) pageblocks.decideGrouping(zones.stream().mapToLong(Zone::presentPages).sum());
    }

    /** A copy for a checkpoint over {@code frames}, with copies of the zones and pageblocks and no listener. */
    BuddyAllocator(BuddyAllocator o, FrameTable frames) {
        this.frames = frames;
        zones = o.zones.stream().map(Zone::new).toList();
        byIndex = zones.toArray(Zone[]::new);
        List<Zone> fromTop = new ArrayList<>(zones);
        Collections.reverse(fromTop);
        populatedFromTop = fromTop.stream().filter(Zone::isPopulated).toArray(Zone[]::new);
        migratetypes = o.migratetypes;
        sectionShift = o.sectionShift;
        onlineSection = o.onlineSection;                  // never written after boot
        pageblocks = new Pageblocks(o.pageblocks);
        cpu = o.cpu;
    }

    /**
     * setup_per_cpu_pageset() and zone_pcp_update(): per-CPU lists for every populated zone, sized from its
     * managed pages and low watermark, so after the watermarks are set.
     */
    void setupPcp(Profile profile) {
        if (!profile.pcp()) return;
        for (Zone z : zones)
            if (z.isPopulated()) z.pcp = new PerCpuPages(profile.nrCpus(), profile.thpOrder(), z.managedPages(), z.watermark(Watermark.LOW));
    }

    /**
     * Puts a free order-0 page on a CPU's per-CPU list as if it had been freed there (free_unref_page_commit()
     * without the high check): a machine imported from /proc has pages there that no command put.
     */
    void addImportedPcpPage(Zone zone, int cpu, int pfn) {
        PerCpuPages p = zone.pcp;
        int migratetype = pageblocks.type(pfn);
        frames.freeBlock(pfn, 0);
        frames.setPcpHead(pfn, 0);
        pcpAdd(p, p.list(cpu, p.orderToPindex(migratetype >= MigrateType.PCPTYPES ? Pageblocks.MOVABLE : migratetype, 0)), pfn, true);
        p.count[cpu]++;
    }

    /** The CPU the following commands run on. */
    public int cpu() { return cpu; }

    void setCpu(int cpu) { this.cpu = cpu; }

    private static long overlap(PfnRange r, Zone z) {
        return Math.max(0, Math.min(r.endPfn(), z.endPfn()) - Math.max(r.startPfn(), z.startPfn()));
    }

    void setListener(MmListener listener) { this.listener = listener; }

    void setStories(AllocStories stories) { this.stories = stories; }

    public FrameTable frames() { return frames; }

    public List<Zone> zones() { return zones; }

    /** The zone with this index (zone_idx()). */
    Zone zone(int index) { return byIndex[index]; }

    /** The zone whose span holds {@code pfn}, or null for a pfn beyond the machine. */
    public Zone zoneOf(int pfn) {
        for (Zone z : populatedFromTop) if (z.contains(pfn)) return z;
        return null;
    }

    /** Free lists per migrate type are kept ({@code migratetypes=on}). */
    public boolean migratetypes() { return migratetypes; }

    /** page_group_by_mobility_disabled: the machine is too small for grouping by mobility. */
    public boolean mobilityGroupingDisabled() { return pageblocks.mobilityDisabled(); }

    /** pageblock_order. */
    public int pageblockOrder() { return pageblocks.order; }

    /** The migrate type of the pageblock holding {@code pfn} (get_pfnblock_migratetype()). */
    public MigrateType pageblockType(int pfn) { return MigrateType.of(pageblocks.type(pfn)); }

    /**
     * pagetypeinfo's "Number of blocks type": the type of one pageblock every pageblock_nr_pages from the zone's
     * start (pagetypeinfo_showblockcount_print() steps from zone_start_pfn, mm/vmstat.c:1616), counted per migrate
     * type, skipping the pfns in memory sections without RAM (pfn_to_online_page() is NULL there, so a hole of whole
     * sections, such as the PCI hole from 3 to 4 GiB, counts no pageblock).
     */
    public int[] pageblockCounts(Zone zone) {
        int[] counts = new int[MigrateType.COUNT];
        for (long pfn = zone.startPfn(); pfn < zone.endPfn(); pfn += pageblocks.nrPages())
            if (pageblockCounted((int) pfn)) counts[pageblocks.type((int) pfn)]++;
        return counts;
    }

    /** Whether pagetypeinfo counts the pageblock step at this pfn: its memory section has RAM. */
    boolean pageblockCounted(int pfn) { return onlineSection[pfn >>> sectionShift]; }

    /**
     * gfp_migratetype(): Movable for __GFP_MOVABLE, Reclaimable for __GFP_RECLAIMABLE, else Unmovable; Unmovable
     * for all when grouping by mobility is off; the one (Movable) list when migrate types are off. Depends only on
     * what boot decided, so a view may ask it for any recorded mask.
     */
    public int gfpMigratetype(int gfp) {
        if (!migratetypes) return Pageblocks.MOVABLE;
        if (pageblocks.mobilityDisabled()) return Pageblocks.UNMOVABLE;
        // The two bits are adjacent, as GFP_MOVABLE_SHIFT relies on: both set gives 3 (HighAtomic) as in the kernel.
        return (gfp & (Gfp.MOVABLE | Gfp.RECLAIMABLE)) / Gfp.MOVABLE;
    }

    /** get_order(): the smallest order whose block holds {@code bytes} (bytes must be at least 1). */
    public static int getOrder(long bytes) {
        if (bytes < 1) throw new IllegalArgumentException("get_order() of " + bytes + " bytes is undefined");
        // fls64((size - 1) >> PAGE_SHIFT), as include/asm-generic/getorder.h: no overflow for the largest size_t.
        return 64 - Long.numberOfLeadingZeros((bytes - 1) >>> Profile.PAGE_SHIFT);
    }

    /**
     * The free blocks of one order and type in a zone (pagetypeinfo's "Free pages count per migrate type"),
     * counted by walking the list as pagetypeinfo_showfree_print() does: only reports ask, so the hot path keeps
     * no count per type.
     */
    public long nrFree(Zone zone, int order, MigrateType type) {
        long n = 0;
        for (int p = zone.freeListHead(order, type); p != FrameTable.NO_PFN; p = frames.next(p)) n++;
        return n;
    }

    /** The next block on the free list after {@code pfn}, or NO_PFN. */
    public int nextFree(int pfn) { return frames.next(pfn); }

    /**
     * Hands a boot-time free range to the allocator as __free_pages_memory() does: the largest naturally aligned
     * blocks of at most MAX_PAGE_ORDER, ascending, each freed to the tail. The range must lie in one zone.
     */
    void freeBootRange(PfnRange range) {
        Zone zone = zoneOf(range.startPfn());
        int start = range.startPfn(), end = range.endPfn();
        while (start < end) {
            int order = start == 0 ? MAX_PAGE_ORDER : Math.min(MAX_PAGE_ORDER, Integer.numberOfTrailingZeros(start));
            while (start + (1 << order) > end) order--;
            zone.managedPages += 1L << order;
            zone.pgfree += 1L << order;     // __free_pages_core() frees through free_one_page(), which counts PGFREE
            freeOnePage(zone, start, order, true);
            start += 1 << order;
        }
    }

    /**
     * rmqueue(): one block of {@code order} from {@code zone}, from this CPU's list through rmqueue_pcplist() for
     * the orders that have one, else (or if the refill found nothing) rmqueue_buddy()'s __rmqueue(); then the
     * block's frames marked as {@code owner}'s. Returns its pfn, or NO_PFN. The caller has done the watermark check.
     * {@code allocFlags} are the ALLOC_* flags: ALLOC_NOFRAGMENT, and the reserve flags that open the HighAtomic lists.
     */
    int rmqueue(Zone zone, int order, int gfp, int allocFlags, Owner owner, int allocId) {
        long before = zone.freePages;
        int migratetype = gfpMigratetype(gfp);
        int pfn = FrameTable.NO_PFN;
        if (zone.pcp != null && zone.pcp.allowedOrder(order)) pfn = rmqueuePcplist(zone, order, migratetype, allocFlags);
        if (pfn == FrameTable.NO_PFN) pfn = rmqueueBuddy(zone, order, migratetype, allocFlags);
        if (pfn != FrameTable.NO_PFN) {
            zone.pgalloc += 1L << order;    // PGALLOC, counted by rmqueue() on both paths (mm/page_alloc.c:3015, 3132)
            prepNewPage(zone, pfn, order, gfp, owner, allocId);
        }
        reportCrossings(zone, before);
        return pfn;
    }

    /**
     * rmqueue_buddy() (mm/page_alloc.c:2981-3019): a high-order atomic request (ALLOC_HIGHATOMIC) tries the HighAtomic
     * lists first; then __rmqueue() in RMQUEUE_NORMAL mode, its own lists first (with migrate types off there are no
     * fallback lists to try); if that fails, a request that may not block or an OOM victim takes from the HighAtomic
     * lists after all, "as failing now is worse than failing a high-order atomic allocation in the future".
     */
    private int rmqueueBuddy(Zone zone, int order, int migratetype, int allocFlags) {
        int pfn = FrameTable.NO_PFN;
        if (migratetypes && (allocFlags & AllocFlags.HIGHATOMIC) != 0) pfn = rmqueueSmallest(zone, order, Pageblocks.HIGHATOMIC);
        if (pfn == FrameTable.NO_PFN) pfn = rmqueueSmallest(zone, order, migratetype);
        if (pfn == FrameTable.NO_PFN && migratetypes) {
            rmqueueMode = RMQUEUE_CLAIM;
            pfn = rmqueue(zone, order, migratetype, allocFlags);
        }
        if (pfn == FrameTable.NO_PFN && migratetypes && (allocFlags & (AllocFlags.OOM | AllocFlags.NON_BLOCK)) != 0)
            pfn = rmqueueSmallest(zone, order, Pageblocks.HIGHATOMIC);
        if (pfn != FrameTable.NO_PFN) zone.freePages -= 1L << order;
        return pfn;
    }

    /**
     * rmqueue_pcplist() and __rmqueue_pcplist(): the head of this CPU's list for the order and type, refilled
     * first by rmqueue_bulk() with nr_pcp_alloc() blocks (each added at the tail) if it is empty.
     */
    private int rmqueuePcplist(Zone zone, int order, int migratetype, int allocFlags) {
        PerCpuPages p = zone.pcp;
        p.freeCount[cpu] >>= 1;
        int pindex = p.orderToPindex(migratetype, order), list = p.list(cpu, pindex);
        if (p.head[list] == FrameTable.NO_PFN) {
            int batch = p.nrPcpAlloc(cpu, order, zone.belowHigh);
            rmqueueMode = RMQUEUE_NORMAL;
            int alloced = 0;
            if (stories != null) stories.enterBulk();
            for (; alloced < batch; alloced++) {
                int pfn = rmqueue(zone, order, migratetype, allocFlags);
                if (pfn == FrameTable.NO_PFN) break;
                frames.setPcpHead(pfn, order);
                pcpAdd(p, list, pfn, true);
                listener.pcpAdded(zone.type(), cpu, pfn, order, pindex);
            }
            if (stories != null) explainRefill(zone, order, migratetype, batch, alloced);
            p.count[cpu] += alloced << order;
            zone.freePages -= (long) alloced << order;
            if (p.head[list] == FrameTable.NO_PFN) return FrameTable.NO_PFN;
        }
        int pfn = p.head[list];
        if (stories != null) explainPcpHit(zone, order, migratetype, pfn);
        pcpDel(p, list, pfn);
        p.count[cpu] -= 1 << order;
        listener.pcpRemoved(zone.type(), cpu, pfn, order, pindex);
        return pfn;
    }

    // The explanation hooks, out of line so that the allocation path stays small enough for the JIT to inline.

    private void explainRefill(Zone zone, int order, int migratetype, int batch, int alloced) {
        stories.leaveBulk(zone.type(), order, cpu, migratetype, batch, alloced);
    }

    private void explainPcpHit(Zone zone, int order, int migratetype, int pfn) {
        stories.step(ExplainStep.Kind.PCP_HIT, zone.type(), order, 0, cpu, migratetype, zone.pcp.count[cpu], pfn);
    }

    private void explainSmallest(Zone zone, int order, int migratetype, int current, int pfn) {
        if (!stories.inBulk()) stories.step(ExplainStep.Kind.RMQUEUE_SMALLEST, zone.type(), order, 0, migratetype, current, pfn, 0);
    }

    /** Marks a block taken off a free or per-CPU list as allocated. */
    void prepNewPage(Zone zone, int pfn, int order, int gfp, Owner owner, int allocId) {
        frames.allocBlock(pfn, order, owner, allocId);         // marks the block's chunk: the split halves' too
        listener.pagesAllocated(zone.type(), pfn, order, gfp, owner, allocId);
    }

    /**
     * __rmqueue(): a block of {@code order} and {@code migratetype} taken off the free lists (its frames still
     * FREE), or NO_PFN. {@link #rmqueueMode} carries rmqueue_bulk()'s mode from one call to the next.
     * {@code allocFlags}: ALLOC_NOFRAGMENT keeps it from stealing below a pageblock, ALLOC_KSWAPD lets a boost wake
     * kswapd.
     */
    @SuppressWarnings("fallthrough")    // each mode falls through to the next, as __rmqueue()'s switch does
    int rmqueue(Zone zone, int order, int migratetype, int allocFlags) {
        boolean noFragment = (allocFlags & AllocFlags.NOFRAGMENT) != 0;
        int pfn;
        switch (rmqueueMode) {
            case RMQUEUE_NORMAL:
                pfn = rmqueueSmallest(zone, order, migratetype);
                if (pfn != FrameTable.NO_PFN) return pfn;
                // fall through: no CMA in Debian's configuration
            case RMQUEUE_CLAIM:
                pfn = rmqueueClaim(zone, order, migratetype, allocFlags);
                if (pfn != FrameTable.NO_PFN) {
                    rmqueueMode = RMQUEUE_NORMAL;           // the preferred list was replenished
                    return pfn;
                }
                // fall through
            default:
                if (noFragment) return FrameTable.NO_PFN;
                pfn = rmqueueSteal(zone, order, migratetype);
                if (pfn != FrameTable.NO_PFN) rmqueueMode = RMQUEUE_STEAL;
                return pfn;
        }
    }

    /** Starts a new rmqueue_bulk(): its mode begins at RMQUEUE_NORMAL. */
    void resetRmqueueMode() { rmqueueMode = RMQUEUE_NORMAL; }

    /** __rmqueue_smallest(): the head block of the lowest order &gt;= {@code order} on this type's lists. */
    private int rmqueueSmallest(Zone zone, int order, int migratetype) {
        int orders = zone.freeOrders[migratetype] >>> order;
        if (orders == 0) return FrameTable.NO_PFN;
        int current = order + Integer.numberOfTrailingZeros(orders);
        int pfn = zone.head[Zone.list(current, migratetype)];
        if (stories != null) explainSmallest(zone, order, migratetype, current, pfn);
        pageDelAndExpand(zone, pfn, order, current, migratetype);
        return pfn;
    }

    private void pageDelAndExpand(Zone zone, int pfn, int low, int high, int migratetype) {
        delFromFreeList(zone, pfn, high, migratetype);
        listener.blockTaken(zone.type(), pfn, high);
        expand(zone, pfn, low, high, migratetype);
    }

    /** expand(): halves the block until it has {@code low}'s order, giving each upper half to the list head. */
    private void expand(Zone zone, int pfn, int low, int high, int migratetype) {
        int size = 1 << high;
        while (high > low) {
            high--;
            size >>= 1;
            int upper = pfn + size;
            frames.setFreeHead(upper, high);
            listener.blockSplit(zone.type(), upper, high);
            addToFreeList(zone, upper, high, migratetype, false);
        }
    }

    /**
     * find_suitable_fallback() with only_stealable false: the first fallback type with a free block of this
     * order, or -1 (whether it may be claimed is {@link #canStealFallback}, which depends only on the orders).
     */
    private static int findSuitableFallback(Zone zone, int order, int migratetype) {
        if (zone.nrFree[order] == 0) return -1;
        for (int fallback : FALLBACKS[migratetype]) if (zone.head[Zone.list(order, fallback)] != FrameTable.NO_PFN) return fallback;
        return -1;
    }

    /** can_steal_fallback(). */
    private boolean canStealFallback(int order, int startMigratetype) {
        if (order >= pageblocks.order) return true;
        return order >= pageblocks.order / 2 || startMigratetype == Pageblocks.RECLAIMABLE
                || startMigratetype == Pageblocks.UNMOVABLE || pageblocks.mobilityDisabled();
    }

    /** __rmqueue_claim(): the largest block of a fallback type, with its pageblock claimed if the rules allow. */
    private int rmqueueClaim(Zone zone, int order, int startMigratetype, int allocFlags) {
        if (startMigratetype >= MigrateType.PCPTYPES) return FrameTable.NO_PFN;   // HighAtomic has no fallbacks
        boolean noFragment = (allocFlags & AllocFlags.NOFRAGMENT) != 0;
        int minOrder = order < pageblocks.order && noFragment ? pageblocks.order : order;
        for (int current = MAX_PAGE_ORDER; current >= minOrder; current--) {
            int fallback = findSuitableFallback(zone, current, startMigratetype);
            if (fallback == -1) continue;
            if (!canStealFallback(current, startMigratetype)) break;
            int pfn = tryToStealBlock(zone, zone.head[Zone.list(current, fallback)], current, order, startMigratetype, allocFlags);
            if (pfn != FrameTable.NO_PFN) return pfn;
        }
        return FrameTable.NO_PFN;
    }

    /** __rmqueue_steal(): the smallest block of a fallback type; its pageblock keeps its type. */
    private int rmqueueSteal(Zone zone, int order, int startMigratetype) {
        if (startMigratetype >= MigrateType.PCPTYPES) return FrameTable.NO_PFN;
        for (int current = order; current < NR_PAGE_ORDERS; current++) {
            int fallback = findSuitableFallback(zone, current, startMigratetype);
            if (fallback == -1) continue;
            int pfn = zone.head[Zone.list(current, fallback)];
            if (stories != null) stories.step(ExplainStep.Kind.RMQUEUE_STEAL, zone.type(), current, 0, startMigratetype, fallback, pfn, 0);
            pageDelAndExpand(zone, pfn, order, current, fallback);
            return pfn;
        }
        return FrameTable.NO_PFN;
    }

    /**
     * try_to_steal_block(): a block of a whole pageblock or more changes type outright; a smaller one claims its
     * pageblock only if at least half of it is free or alike (prep_move_freepages_block() counts free pages and
     * pages on the LRU: user memory and page cache), and then the request is served from the claimed lists.
     * Below a pageblock it first boosts the zone's watermarks, claimed or not (the kernel's order: the boost comes
     * before prep_move_freepages_block()), and with ALLOC_KSWAPD marks the zone ZONE_BOOSTED_WATERMARK, for
     * rmqueue() to wake kswapd: the node may be balanced overall, so kswapd would not wake by itself.
     */
    private int tryToStealBlock(Zone zone, int pfn, int currentOrder, int order, int startType, int allocFlags) {
        int blockType = pageblocks.type(pfn);
        if (blockType == Pageblocks.HIGHATOMIC) return FrameTable.NO_PFN;
        if (currentOrder >= pageblocks.order) {
            if (stories != null) stories.step(ExplainStep.Kind.RMQUEUE_CLAIM, zone.type(), currentOrder, 0, startType, blockType, pfn, -1);
            delFromFreeList(zone, pfn, currentOrder, blockType);
            listener.blockTaken(zone.type(), pfn, currentOrder);
            changePageblockRange(zone, pfn, currentOrder, startType);
            expand(zone, pfn, order, currentOrder, startType);
            return pfn;
        }
        boostWatermark(zone, allocFlags);
        int start = pfn & -pageblocks.nrPages(), end = start + pageblocks.nrPages();
        if (!zone.contains(start) || !zone.contains(end - 1)) return FrameTable.NO_PFN;
        int freePages = 0, movablePages = 0;
        for (int p = start; p < end; ) {
            int o = frames.buddyOrder(p);
            if (o >= 0) {
                freePages += 1 << o;
                p += 1 << o;
                continue;
            }
            byte who = frames.ownerCode(p);
            if (who == USER || who == PAGE_CACHE) movablePages++;
            p++;
        }
        int alikePages = startType == Pageblocks.MOVABLE ? movablePages
                : blockType == Pageblocks.MOVABLE ? pageblocks.nrPages() - (freePages + movablePages) : 0;
        if (freePages + alikePages >= pageblocks.nrPages() / 2 || pageblocks.mobilityDisabled()) {
            if (stories != null)
                stories.step(ExplainStep.Kind.RMQUEUE_CLAIM, zone.type(), currentOrder, 0, startType, blockType, pfn, freePages + alikePages);
            moveFreepagesBlock(zone, start, blockType, startType);
            return rmqueueSmallest(zone, order, startType);
        }
        return FrameTable.NO_PFN;
    }

    private void boostWatermark(Zone zone, int allocFlags) {
        long before = zone.watermarkBoost;
        if (!Watermarks.boostWatermark(zone, pageblocks.nrPages())) return;
        boolean wakeKswapd = (allocFlags & AllocFlags.KSWAPD) != 0;
        if (wakeKswapd) zone.boostedWatermark = true;
        if (stories != null)
            stories.step(ExplainStep.Kind.BOOST_WATERMARK, zone.type(), -1, allocFlags, before, zone.watermarkBoost, wakeKswapd ? 1 : 0, 0);
    }

    private static final byte USER = Owner.USER.code(), PAGE_CACHE = Owner.PAGE_CACHE.code();

    /** __move_freepages_block(): every free block of the pageblock to the tail of the new type's list. */
    private void moveFreepagesBlock(Zone zone, int start, int oldType, int newType) {
        for (int p = start, end = start + pageblocks.nrPages(); p < end; ) {
            int o = frames.buddyOrder(p);
            if (o < 0) { p++; continue; }
            delFromFreeList(zone, p, o, oldType);
            addToFreeList(zone, p, o, newType, true);
            p += 1 << o;
        }
        setPageblockType(zone, start, newType);
    }

    /** change_pageblock_range(): every pageblock of a block of order &gt;= pageblock_order. */
    private void changePageblockRange(Zone zone, int pfn, int order, int migratetype) {
        for (int i = 0, n = 1 << (order - pageblocks.order); i < n; i++) setPageblockType(zone, pfn + (i << pageblocks.order), migratetype);
    }

    /**
     * set_pageblock_migratetype(), reported when the type really changes: every change after boot goes through here,
     * so the views can keep their own copy of the types from the events.
     */
    private void setPageblockType(Zone zone, int pfn, int migratetype) {
        int old = pageblocks.type(pfn);
        pageblocks.set(pfn, migratetype);
        int now = pageblocks.type(pfn);
        if (now != old) listener.pageblockTypeChanged(zone.type(), pfn & -pageblocks.nrPages(), pageblocks.order, MigrateType.of(old), MigrateType.of(now));
    }

    /**
     * The pageblock flags (migrate type and the compaction skip bit), for compaction and for {@link ImportedLayout},
     * which sets the types before it places any free block.
     */
    Pageblocks pageblocks() { return pageblocks; }

    /**
     * __isolate_free_page() (mm/page_alloc.c:2892-2932) for compaction's free scanner: the free block at {@code pfn}
     * leaves its list if the zone stays above min + 2^order (an order-0 check with highest_zoneidx 0), and a block of
     * at least half a pageblock turns its mergeable pageblocks Movable. Its frames stay FREE but belong to no list
     * (the caller holds them). Returns the pages isolated, 0 if the watermark refused.
     */
    int isolateFreePage(Zone zone, int pfn, int order) {
        int mt = pageblocks.type(pfn);
        // _watermark[WMARK_MIN], without the boost (mm/page_alloc.c:2905).
        if (mt != Pageblocks.ISOLATE && !watermarkOk(zone, 0, zone.watermark[Watermark.MIN.ordinal()] + (1L << order), 0, 0)) return 0;
        long before = zone.freePages;
        delFromFreeList(zone, pfn, order, mt);
        zone.freePages -= 1L << order;
        frames.fill(pfn, 1 << order, Owner.FREE, 0);      // its frames are in no block now
        listener.freePageIsolated(zone.type(), pfn, order);
        if (migratetypes && order >= pageblocks.order - 1) {
            for (int p = pfn, end = pfn + (1 << order); p < end; p += pageblocks.nrPages()) {
                int blockMt = pageblocks.type(p);
                int start = p & ~(pageblocks.nrPages() - 1);
                if (blockMt < MigrateType.PCPTYPES && blockMt != Pageblocks.MOVABLE) moveFreepagesBlock(zone, start, blockMt, Pageblocks.MOVABLE);
            }
        }
        reportCrossings(zone, before);
        return 1 << order;
    }

    /**
     * Gives back a block the free scanner isolated and compaction did not use (release_free_list(): the pages are
     * marked allocated, then __free_pages()), so it goes where any free of its order goes.
     */
    void releaseIsolated(int pfn, int order) {
        frames.setFreeHead(pfn, order);
        freePages(pfn, order);
    }

    /**
     * migrate_pages() of one order-0 page that compaction isolated: {@code dst}, a page the free scanner isolated,
     * takes the owner and allocation of {@code src}, and the old page is put and freed as any order-0 page is.
     */
    void migratePage(Zone zone, int src, int dst) {
        byte who = frames.ownerCode(src);
        int id = frames.allocId[src];
        frames.setAllocId(dst, id);
        frames.setHead(dst, 0, Owner.of(who));
        listener.pageMigrated(zone.type(), src, dst, Owner.of(who), id);
        freePages(src, 0);
    }

    /**
     * __compact_finished()'s test for a direct compactor: a free block of {@code order} or more on the lists of
     * {@code migratetype}, or on a fallback type's list that find_suitable_fallback(only_stealable) would take.
     */
    boolean hasSuitableFreeBlock(Zone zone, int order, int migratetype) {
        for (int o = order; o < NR_PAGE_ORDERS; o++) {
            if (zone.head[Zone.list(o, migratetype)] != FrameTable.NO_PFN) return true;
            if (migratetype < MigrateType.PCPTYPES && canStealFallback(o, migratetype) && findSuitableFallback(zone, o, migratetype) >= 0) return true;
        }
        return false;
    }

    /**
     * Frees an allocated block whose head and order the caller has checked: free_unref_page() to this CPU's list
     * for the orders that have one (pages of a HighAtomic pageblock to the Movable list, of an Isolate one to the
     * buddy lists), else free_one_page().
     */
    void freePages(int pfn, int order) {
        Zone zone = zoneOf(pfn);
        zone.pgfree += 1L << order;         // PGFREE, counted by free_one_page() and free_unref_page_commit() alike
        listener.pagesFreed(zone.type(), pfn, order);
        long before = zone.freePages;
        int migratetype;
        if (zone.pcp == null || !zone.pcp.allowedOrder(order) || (migratetype = pageblocks.type(pfn)) == Pageblocks.ISOLATE) {
            freeOnePage(zone, pfn, order, false);
        } else {
            frames.freeBlock(pfn, order);
            frames.setPcpHead(pfn, order);
            freeUnrefPageCommit(zone, pfn, migratetype >= MigrateType.PCPTYPES ? Pageblocks.MOVABLE : migratetype, order);
        }
        reportCrossings(zone, before);
    }

    /** free_unref_page_commit(): to the head of the list; past nr_pcp_high(), free_pcppages_bulk(). */
    private void freeUnrefPageCommit(Zone zone, int pfn, int migratetype, int order) {
        PerCpuPages p = zone.pcp;
        int pindex = p.orderToPindex(migratetype, order);
        pcpAdd(p, p.list(cpu, pindex), pfn, false);
        listener.pcpAdded(zone.type(), cpu, pfn, order, pindex);
        boolean freeHigh = p.noteFree(cpu, order);
        int high = p.nrPcpHigh(cpu, freeHigh, zone.belowHigh);
        if (p.count[cpu] >= high) {
            freePcppagesBulk(zone, cpu, p.nrPcpFree(cpu, high, freeHigh), pindex);
            // An order-0 check of the boosted high mark with the largest lowmem_reserve (ZONE_MOVABLE's), no flags.
            if (zone.belowHigh && watermarkOk(zone, 0, zone.wmarkPages(Watermark.HIGH.ordinal()), zones.size() - 1, 0)) zone.belowHigh = false;
        }
    }

    /**
     * free_pcppages_bulk(): {@code count} pages back to the buddy lists, round robin over the lists from
     * {@code pindex}, each list emptied from its tail.
     */
    private void freePcppagesBulk(Zone zone, int cpu, int count, int pindex) {
        PerCpuPages p = zone.pcp;
        count = Math.min(p.count[cpu], count);
        pindex--;
        while (count > 0) {
            int list;
            do {
                if (++pindex > p.nrLists - 1) pindex = 0;
                list = p.list(cpu, pindex);
            } while (p.head[list] == FrameTable.NO_PFN);
            int order = p.pindexToOrder(pindex), nrPages = 1 << order;
            do {
                int pfn = p.tail[list];
                pcpDel(p, list, pfn);
                count -= nrPages;
                p.count[cpu] -= nrPages;
                listener.pcpRemoved(zone.type(), cpu, pfn, order, pindex);
                frames.clearHead(pfn);
                freeOne(zone, pfn, order, pageblocks.type(pfn), false);
            } while (count > 0 && p.head[list] != FrameTable.NO_PFN);
        }
    }

    /**
     * reserve_highatomic_pageblock() (mm/page_alloc.c:2069-2110), after a high-order atomic request (ALLOC_HIGHATOMIC)
     * got the block at {@code pfn}: its pageblock becomes HighAtomic, with its free blocks moved to the HighAtomic
     * lists, if the zone's reserve is below its limit, ALIGN(managed / 100, pageblock_nr_pages) (nothing at all when
     * 1% of the zone is less than a pageblock), and the pageblock is of a mergeable type and wholly in the zone. A block
     * of pageblock_order or more turns all its pageblocks. Returns the pages added to nr_reserved_highatomic, or 0.
     */
    long reserveHighatomicPageblock(Zone zone, int pfn, int order) {
        if (!migratetypes) return 0;
        long onePercent = zone.managedPages / 100;
        if (onePercent < pageblocks.nrPages()) return 0;
        long maxManaged = (onePercent + pageblocks.nrPages() - 1) & -(long) pageblocks.nrPages();
        if (zone.nrReservedHighatomic >= maxManaged) return 0;
        int mt = pageblocks.type(pfn);
        if (mt >= MigrateType.PCPTYPES) return 0;                 // only types that merge with others
        long added;
        if (order < pageblocks.order) {
            int start = pfn & -pageblocks.nrPages();
            if (!zone.contains(start) || !zone.contains(start + pageblocks.nrPages() - 1)) return 0;   // move_freepages_block() == -1
            moveFreepagesBlock(zone, start, mt, Pageblocks.HIGHATOMIC);
            added = pageblocks.nrPages();
        } else {
            changePageblockRange(zone, pfn, order, Pageblocks.HIGHATOMIC);
            added = 1L << order;
        }
        zone.nrReservedHighatomic += added;
        return added;
    }

    /**
     * unreserve_highatomic_pageblock() (mm/page_alloc.c:2121-2206): for the zones from {@code highest} down, unless
     * {@code force}, only a zone with more than one pageblock reserved; the first free block on a HighAtomic list, lowest
     * order first, gives its pageblock (all of them, for a block of pageblock_order or more) to {@code migratetype}
     * with its free blocks, and the reserve shrinks by max(pageblock_nr_pages, 2^order). Returns the zone and the block
     * released, or null if there was none.
     */
    Unreserved unreserveHighatomicPageblock(int highest, int migratetype, boolean force) {
        if (!migratetypes) return null;
        for (int idx = highest; idx >= 0; idx--) {
            Zone zone = byIndex[idx];
            if (!zone.isPopulated() || !force && zone.nrReservedHighatomic <= pageblocks.nrPages()) continue;
            for (int order = 0; order < NR_PAGE_ORDERS; order++) {
                int pfn = zone.head[Zone.list(order, Pageblocks.HIGHATOMIC)];
                if (pfn == FrameTable.NO_PFN) continue;
                long size = Math.min(Math.max(pageblocks.nrPages(), 1L << order), zone.nrReservedHighatomic);
                zone.nrReservedHighatomic -= size;
                if (order < pageblocks.order) {
                    moveFreepagesBlock(zone, pfn & -pageblocks.nrPages(), Pageblocks.HIGHATOMIC, migratetype);
                } else {
                    delFromFreeList(zone, pfn, order, Pageblocks.HIGHATOMIC);      // move_to_free_list(): to the tail
                    addToFreeList(zone, pfn, order, migratetype, true);
                    changePageblockRange(zone, pfn, order, migratetype);
                }
                return new Unreserved(zone, pfn, order, size);
            }
        }
        return null;
    }

    /** What unreserve_highatomic_pageblock() released: the free block it found and the pages the reserve lost. */
    record Unreserved(Zone zone, int pfn, int order, long nrPages) {}

    /** drain_all_pages(NULL): every CPU in turn, each populated zone from the lowest, by drain_pages_zone(). */
    void drainAllPages() {
        int nrCpus = 0;
        for (Zone z : zones) if (z.pcp != null) nrCpus = z.pcp.nrCpus;
        for (int c = 0; c < nrCpus; c++) for (Zone z : zones) drainPagesZone(c, z);
    }

    /** drain_all_pages(zone): every CPU's lists of one zone. */
    void drainAllPages(Zone zone) {
        if (zone.pcp == null) return;
        for (int c = 0; c < zone.pcp.nrCpus; c++) drainPagesZone(c, zone);
    }

    /** drain_local_pages(zone): the current CPU's lists of one zone. */
    void drainLocalPages(Zone zone) { drainPagesZone(cpu, zone); }

    /** drain_pages_zone(): CPU {@code c}'s lists of {@code z} back to the buddy lists, a bounded bulk at a time. */
    private void drainPagesZone(int c, Zone z) {
        if (z.pcp == null) return;
        long before = z.freePages;
        while (z.pcp.count[c] > 0) freePcppagesBulk(z, c, Math.min(z.pcp.count[c], z.pcp.batch << PerCpuPages.PCP_BATCH_SCALE_MAX), 0);
        reportCrossings(z, before);
    }

    // ---- A traced block at its own pfn (trace replay) ----

    /**
     * Takes the block {@code [pfn, pfn + 2^order)} off the buddy lists where a trace says the kernel handed it out:
     * the free block that holds it is unlinked and halved towards it, as expand() would had __rmqueue_smallest()
     * found it, each other half going back to the head of its list with the block's type. When the traced
     * {@code migratetype} differs from the block's and the block is a whole pageblock or more, its pageblocks take
     * the traced type, as change_pageblock_range() does when a fallback hands out such a block. Returns false and
     * changes nothing when the block is not wholly inside one free block in the buddy lists (allocated, on a per-CPU
     * list, or not RAM); the caller has checked that {@code pfn} is aligned to {@code order} and in {@code zone}.
     */
    boolean takeBlockAt(Zone zone, int pfn, int order, int migratetype, int gfp, Owner owner, int allocId) {
        long before = zone.freePages;
        if (!takeOffFreeListsAt(zone, pfn, order, migratetype)) return false;
        zone.pgalloc += 1L << order;
        prepNewPage(zone, pfn, order, gfp, owner, allocId);
        reportCrossings(zone, before);
        return true;
    }

    /** {@link #takeBlockAt} up to the block leaving the free lists: its frames stay FREE, for the caller to place. */
    private boolean takeOffFreeListsAt(Zone zone, int pfn, int order, int migratetype) {
        int head = pfn, current = order;
        while (current <= MAX_PAGE_ORDER && frames.buddyOrder(head) != current) {
            current++;
            head = pfn & -(1 << current);
        }
        if (current > MAX_PAGE_ORDER || !zone.contains(head)) return false;
        int type = migratetypes ? pageblocks.type(head) : Pageblocks.MOVABLE;
        delFromFreeList(zone, head, current, type);
        listener.blockTaken(zone.type(), head, current);
        while (current > order) {
            current--;
            // The half that does not hold the traced block goes back; the traced block is in the other one.
            int other = (pfn & (1 << current)) == 0 ? head + (1 << current) : head;
            if (other == head) head += 1 << current;
            frames.setFreeHead(other, current);
            listener.blockSplit(zone.type(), other, current);
            addToFreeList(zone, other, current, type, false);
        }
        if (migratetypes && order >= pageblocks.order && migratetype != type && migratetype < MigrateType.PCPTYPES && type < MigrateType.PCPTYPES)
            changePageblockRange(zone, pfn, order, migratetype);
        zone.freePages -= 1L << order;
        return true;
    }

    /**
     * Gives a traced block back straight to the buddy lists, free_one_page() with its merges, for a replay that does
     * not follow the per-CPU lists ({@link TracedPcp} says when it does), so that the lists show what the trace's frees
     * give back at once. The caller has checked that the block is allocated at {@code pfn}.
     */
    void returnBlockAt(int pfn, int order) {
        Zone zone = zoneOf(pfn);
        zone.pgfree += 1L << order;
        listener.pagesFreed(zone.type(), pfn, order);
        long before = zone.freePages;
        freeOnePage(zone, pfn, order, false);
        reportCrossings(zone, before);
    }

    /**
     * mm_page_alloc_extfrag with change_ownership: the fallback claimed the pageblock holding {@code pfn} for
     * {@code migratetype}, its free blocks moving to that type's lists (__move_freepages_block()). False when the
     * pageblock cannot change type (migrate types off, a HighAtomic or Isolate block, a type without lists).
     */
    boolean claimPageblockAt(Zone zone, int pfn, int migratetype) {
        int start = pfn & -pageblocks.nrPages();
        int old = migratetypes ? pageblocks.type(start) : -1;
        if (!migratetypes || old >= MigrateType.PCPTYPES || migratetype >= MigrateType.PCPTYPES || !zone.contains(start)
                || !zone.contains(start + pageblocks.nrPages() - 1)) return false;
        if (old != migratetype) moveFreepagesBlock(zone, start, old, migratetype);
        return true;
    }

    // ---- A traced page on a per-CPU list (trace replay of 6.12's list events, see TracedPcp) ----

    /**
     * rmqueue_bulk()'s list_add_tail() of the block a traced mm_page_alloc_zone_locked with percpu_refill=1 names:
     * off the buddy lists as {@link #takeBlockAt} takes it, onto the tail of CPU {@code cpu}'s list for
     * {@code migratetype} (the type the refill asked for) and {@code order}. False, with nothing changed, when the block
     * is not free in the buddy lists.
     */
    boolean refillPcpAt(Zone zone, int cpu, int pfn, int order, int migratetype) {
        long before = zone.freePages;
        if (!takeOffFreeListsAt(zone, pfn, order, migratetype)) return false;
        PerCpuPages p = zone.pcp;
        int pindex = p.orderToPindex(migratetype, order);
        frames.setPcpHead(pfn, order);
        pcpAdd(p, p.list(cpu, pindex), pfn, true);
        p.count[cpu] += 1 << order;
        listener.pcpAdded(zone.type(), cpu, pfn, order, pindex);
        reportCrossings(zone, before);
        return true;
    }

    /**
     * __rmqueue_pcplist()'s list_del() for a traced mm_page_alloc: the block at {@code pfn}, if it is on CPU
     * {@code cpu}'s list for {@code migratetype} and {@code order} (the kernel takes the head; the model's list may
     * hold pages the kernel's did not), leaves the list allocated.
     * False, with nothing changed, when it is not on that list.
     */
    boolean allocPcpAt(Zone zone, int cpu, int pfn, int order, int migratetype, int gfp, Owner owner, int allocId) {
        PerCpuPages p = zone.pcp;
        int pindex = p.orderToPindex(migratetype, order), list = p.list(cpu, pindex);
        if (!frames.onPcpList(pfn) || frames.headOrder(pfn) != order || !p.holds(frames, list, pfn)) return false;
        p.freeCount[cpu] >>= 1;                 // rmqueue_pcplist()
        pcpDel(p, list, pfn);
        p.count[cpu] -= 1 << order;
        listener.pcpRemoved(zone.type(), cpu, pfn, order, pindex);
        zone.pgalloc += 1L << order;
        prepNewPage(zone, pfn, order, gfp, owner, allocId);
        return true;
    }

    /**
     * free_unref_page() of a traced mm_page_free to CPU {@code cpu}'s list: to its head, with its pageblock's type (a
     * HighAtomic one's to the Movable list), and free_unref_page_commit()'s bookkeeping up to the high check, which is
     * left out: the trace's own mm_page_pcpu_drain lines say which pages leave. False, with nothing changed, for a
     * page of an Isolate pageblock, which goes to the buddy lists. The caller has checked that the block is allocated.
     */
    boolean freeToPcpAt(Zone zone, int cpu, int pfn, int order) {
        int migratetype = pageblocks.type(pfn);
        if (migratetype == Pageblocks.ISOLATE) return false;
        if (migratetype >= MigrateType.PCPTYPES) migratetype = Pageblocks.MOVABLE;
        zone.pgfree += 1L << order;
        listener.pagesFreed(zone.type(), pfn, order);
        frames.freeBlock(pfn, order);
        frames.setPcpHead(pfn, order);
        PerCpuPages p = zone.pcp;
        int pindex = p.orderToPindex(migratetype, order);
        pcpAdd(p, p.list(cpu, pindex), pfn, false);
        p.noteFree(cpu, order);
        listener.pcpAdded(zone.type(), cpu, pfn, order, pindex);
        return true;
    }

    /**
     * free_pcppages_bulk() for one traced mm_page_pcpu_drain: the block at {@code pfn} off whichever CPU's list holds
     * it (since 6.2 drain_all_pages() empties other CPUs' lists from the CPU that calls it), back to the buddy lists
     * with its merges. Returns that CPU, or -1 with nothing changed when no list of the zone holds the block.
     */
    int drainPcpAt(Zone zone, int pfn, int order) {
        PerCpuPages p = zone.pcp;
        if (!frames.onPcpList(pfn) || frames.headOrder(pfn) != order) return -1;
        int blockType = pageblocks.type(pfn);
        int list = p.listHolding(frames, pfn, p.orderToPindex(blockType >= MigrateType.PCPTYPES ? Pageblocks.MOVABLE : blockType, order));
        if (list < 0) return -1;
        int cpu = list / p.nrLists, pindex = list % p.nrLists;
        long before = zone.freePages;
        pcpDel(p, list, pfn);
        p.count[cpu] -= 1 << order;
        listener.pcpRemoved(zone.type(), cpu, pfn, order, pindex);
        frames.clearHead(pfn);
        freeOne(zone, pfn, order, pageblocks.type(pfn), false);
        reportCrossings(zone, before);
        return cpu;
    }

    /** list_add() or list_add_tail() on a per-CPU list, through the frame links. */
    private void pcpAdd(PerCpuPages p, int list, int pfn, boolean atTail) {
        frames.touch(pfn);
        listAdd(p.head, p.tail, list, pfn, atTail);
    }

    /**
     * list_add() or list_add_tail() through the frame links, on list {@code list} of a set of lists (a zone's free
     * lists or a CPU's per-CPU lists: both keep a head and a tail per list). Marks the neighbour it links to.
     */
    private void listAdd(int[] head, int[] tail, int list, int pfn, boolean atTail) {
        int[] links = frames.links;
        if (head[list] == FrameTable.NO_PFN) {
            links[FrameTable.nextSlot(pfn)] = links[FrameTable.prevSlot(pfn)] = FrameTable.NO_PFN;
            head[list] = tail[list] = pfn;
        } else if (atTail) {
            int t = tail[list];
            links[FrameTable.nextSlot(t)] = pfn;
            frames.touch(t);
            links[FrameTable.prevSlot(pfn)] = t;
            links[FrameTable.nextSlot(pfn)] = FrameTable.NO_PFN;
            tail[list] = pfn;
        } else {
            int h = head[list];
            links[FrameTable.prevSlot(h)] = pfn;
            frames.touch(h);
            links[FrameTable.nextSlot(pfn)] = h;
            links[FrameTable.prevSlot(pfn)] = FrameTable.NO_PFN;
            head[list] = pfn;
        }
    }

    /** list_del() through the frame links; marks the neighbours it relinks. */
    private void listDel(int[] head, int[] tail, int list, int pfn) {
        int[] links = frames.links;
        int n = links[FrameTable.nextSlot(pfn)], q = links[FrameTable.prevSlot(pfn)];
        if (q == FrameTable.NO_PFN) head[list] = n; else { links[FrameTable.nextSlot(q)] = n; frames.touch(q); }
        if (n == FrameTable.NO_PFN) tail[list] = q; else { links[FrameTable.prevSlot(n)] = q; frames.touch(n); }
    }

    private void pcpDel(PerCpuPages p, int list, int pfn) {
        frames.touch(pfn);
        listDel(p.head, p.tail, list, pfn);
    }

    /**
     * split_large_buddy(): a block larger than a pageblock is freed one pageblock at a time, each with its own
     * pageblock's type (with migrate types off, whole).
     */
    private void freeOnePage(Zone zone, int pfn, int order, boolean toTail) {
        frames.freeBlock(pfn, order);                         // marks the chunk of every buddy merged below
        if (!migratetypes) {
            freeOne(zone, pfn, order, Pageblocks.MOVABLE, toTail);
            return;
        }
        if (order <= pageblocks.order) {
            freeOne(zone, pfn, order, pageblocks.type(pfn), toTail);
            return;
        }
        for (int p = pfn, end = pfn + (1 << order); p < end; p += pageblocks.nrPages()) freeOne(zone, p, pageblocks.order, pageblocks.type(p), toTail);
    }

    /** __free_one_page(): the frames are already FREE. */
    void freeOne(Zone zone, int pfn, int order, int migratetype, boolean toTail) {
        zone.freePages += 1L << order;                        // account_freepages()
        int buddy = pfn;
        int pageblockOrder = migratetypes ? pageblocks.order : NR_PAGE_ORDERS;   // off: every block is Movable
        while (order < MAX_PAGE_ORDER) {
            buddy = pfn ^ (1 << order);
            if (!isBuddy(zone, buddy, order)) break;
            int buddyType = migratetype;
            if (order >= pageblockOrder) {
                // Blocks of a type without fallbacks (HighAtomic, Isolate) merge only with their own type.
                buddyType = pageblocks.type(buddy);
                if (migratetype != buddyType && (migratetype >= MigrateType.PCPTYPES || buddyType >= MigrateType.PCPTYPES)) break;
            }
            delFromFreeList(zone, buddy, order, buddyType);
            frames.clearHead(buddy);
            if (buddyType != migratetype) changePageblockRange(zone, buddy, order, migratetype);
            // Buddies differ only in bit `order`, so the merged block starts where that bit is clear.
            pfn &= buddy;
            order++;
            listener.buddiesMerged(zone.type(), pfn, order);
        }
        frames.setFreeHead(pfn, order);
        addToFreeList(zone, pfn, order, migratetype, toTail || buddyMergeLikely(zone, pfn, buddy, order));
    }

    /**
     * buddy_merge_likely(): if the parent block's own buddy is already free, this block is likely to merge soon,
     * so it goes to the tail where it is not handed out again at once.
     */
    private boolean buddyMergeLikely(Zone zone, int pfn, int buddyPfn, int order) {
        if (order >= MAX_PAGE_ORDER - 1) return false;
        int higher = buddyPfn & pfn;
        return isBuddy(zone, higher ^ (1 << (order + 1)), order + 1);
    }

    /** page_is_buddy(): a free block of exactly this order, in the same zone. */
    private boolean isBuddy(Zone zone, int pfn, int order) {
        return pfn >= 0 && pfn < frames.nrFrames() && zone.contains(pfn) && frames.isFreeHead(pfn, order);
    }

    /**
     * add_to_free_list(): links the block. The free page count (NR_FREE_PAGES) changes where a block enters or
     * leaves the buddy lists as a whole ({@link #freeOne}, {@link #rmqueue}), not per split or merge; nr_free_highatomic
     * follows the HighAtomic lists themselves, which between operations is what account_freepages() keeps. Marks the neighbour it
     * links to; {@code pfn}'s own chunk is the caller's to mark, with the block's fill.
     */
    private void addToFreeList(Zone zone, int pfn, int order, int migratetype, boolean atTail) {
        listAdd(zone.head, zone.tail, Zone.list(order, migratetype), pfn, atTail);
        zone.freeOrders[migratetype] |= 1 << order;
        zone.nrFree[order]++;
        if (migratetype == Pageblocks.HIGHATOMIC) zone.nrFreeHighatomic += 1L << order;
        listener.blockQueued(zone.type(), pfn, order, atTail);
    }

    /** del_page_from_free_list(). */
    private void delFromFreeList(Zone zone, int pfn, int order, int migratetype) {
        int list = Zone.list(order, migratetype);
        listDel(zone.head, zone.tail, list, pfn);
        if (zone.head[list] == FrameTable.NO_PFN) zone.freeOrders[migratetype] &= ~(1 << order);
        zone.nrFree[order]--;
        if (migratetype == Pageblocks.HIGHATOMIC) zone.nrFreeHighatomic -= 1L << order;
    }

    /** __zone_watermark_ok()'s min: the mark lowered for the reserve flags (__GFP_HIGH, non-blocking, OOM victims). */
    static long watermarkMin(long mark, int allocFlags) {
        long min = mark;
        if ((allocFlags & AllocFlags.MIN_RESERVE) != 0) {
            min -= min / 2;
            if ((allocFlags & AllocFlags.NON_BLOCK) != 0) min -= min / 4;
        }
        if ((allocFlags & AllocFlags.OOM) != 0) min -= min / 2;
        return min;
    }

    private void reportCrossings(Zone zone, long before) {
        long after = zone.freePages;
        long high = zone.wmarkPages(Watermark.HIGH.ordinal());
        if (before > high && after > high) return;         // MIN <= LOW <= HIGH (Watermarks), so none was crossed
        for (Watermark w : CROSSING_MARKS) {
            long mark = zone.wmarkPages(w.ordinal());
            if ((before > mark) != (after > mark)) listener.watermarkCrossed(zone.type(), w, after <= mark);
        }
    }

    private static final Watermark[] CROSSING_MARKS = {Watermark.HIGH, Watermark.LOW, Watermark.MIN};

    /**
     * __zone_watermark_ok() (mm/page_alloc.c:3180-3283): may an allocation of {@code order} take from {@code zone},
     * given the mark, the highest zone the request allows and the reserve flags? Free HighAtomic pages count only for
     * a request with a reserve flag (__zone_watermark_unusable_free()); a high order needs a free block of that order
     * or more on an Unmovable, Movable or Reclaimable list, or on a HighAtomic list with ALLOC_HIGHATOMIC or ALLOC_OOM
     * (never on an Isolate list). No CMA in the Debian configuration.
     */
    static boolean watermarkOk(Zone zone, int order, long mark, int highestZoneIdx, int allocFlags) {
        long free = usableFree(zone, allocFlags) - ((1L << order) - 1);
        long min = watermarkMin(mark, allocFlags);
        if (free <= min + zone.lowmemReserve[highestZoneIdx]) return false;
        if (order == 0) return true;
        int[] orders = zone.freeOrders;
        int usable = orders[Pageblocks.UNMOVABLE] | orders[Pageblocks.MOVABLE] | orders[Pageblocks.RECLAIMABLE];
        if ((allocFlags & (AllocFlags.HIGHATOMIC | AllocFlags.OOM)) != 0) usable |= orders[Pageblocks.HIGHATOMIC];
        return usable >>> order != 0;
    }

    /** The zone's free pages less those __zone_watermark_unusable_free() holds back from these flags: HighAtomic's. */
    static long usableFree(Zone zone, int allocFlags) {
        return (allocFlags & AllocFlags.RESERVES) != 0 ? zone.freePages : zone.freePages - zone.nrFreeHighatomic;
    }
}
