package kmemviz.oracle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;

/**
 * An independent, deliberately plain reading of the page allocator of Linux 6.12.118 (Debian's linux-source-6.12,
 * mm/page_alloc.c), kept in the tests to check the model pfn for pfn. It was written from the kernel source, not
 * from the model: it uses no class of {@code kmemviz.core}. It is slow on purpose (java.util lists, pageblocks
 * scanned page by page) so that each method reads beside the kernel function it is named after.
 *
 * <p>What it covers: the fast path of {@code get_page_from_freelist()} without watermark checks (the zonelist walk,
 * {@code ALLOC_NOFRAGMENT} and the retry without it), {@code rmqueue()} with the per-CPU lists
 * ({@code rmqueue_pcplist}, {@code nr_pcp_alloc}, {@code rmqueue_bulk} with its {@code rmqueue_mode}),
 * {@code __rmqueue} ({@code __rmqueue_smallest}, {@code __rmqueue_claim}, {@code __rmqueue_steal},
 * {@code try_to_steal_block}), the free path ({@code free_unref_page}, {@code free_unref_page_commit},
 * {@code nr_pcp_high}, {@code nr_pcp_free}, {@code free_pcppages_bulk}, {@code split_large_buddy},
 * {@code __free_one_page} with {@code buddy_merge_likely}), {@code drain_all_pages()}, and boot's
 * {@code __free_pages_memory()}; the HighAtomic reserve as the slow path's {@code get_page_from_freelist()} takes
 * and makes it ({@code rmqueue_buddy()} with ALLOC_HIGHATOMIC, {@code reserve_highatomic_pageblock()}) and gives it
 * back ({@code unreserve_highatomic_pageblock()}), called by the test when the model's slow path decided to; and
 * {@code boost_watermark()}'s arithmetic, kept as a number (it raises the marks, which this class does not check).
 * What it leaves out, so callers must stay clear of it: watermarks and the zone flags they set
 * ({@code ZONE_BELOW_HIGH}, {@code ZONE_RECLAIM_ACTIVE}): keep every zone's free pages above its high watermark
 * (boost included) plus lowmem_reserve; reclaim and compaction; CMA (Debian's amd64 config has
 * {@code # CONFIG_CMA is not set}. Pages are on the LRU only where the test says so ({@link #setLru}).
 *
 * <p>With {@code migratetypes} off it is the textbook allocator Kmemviz offers beside 6.12 (not a kernel
 * configuration): every request and every pageblock Movable, so only the Movable lists are ever used.
 */
public final class PageAlloc612 {
    public static final int MAX_PAGE_ORDER = 10;
    public static final int NR_PAGE_ORDERS = MAX_PAGE_ORDER + 1;

    /** enum migratetype without CMA (include/linux/mmzone.h), as Debian's amd64 configuration builds it. */
    public static final int UNMOVABLE = 0, MOVABLE = 1, RECLAIMABLE = 2, HIGHATOMIC = 3, ISOLATE = 4;
    public static final int MIGRATE_TYPES = 5;
    static final int MIGRATE_PCPTYPES = 3;
    public static final String[] MIGRATETYPE_NAMES = {"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate"};

    static final int PAGE_ALLOC_COSTLY_ORDER = 3;
    /** CONFIG_PCP_BATCH_SCALE_MAX=5 in Debian's amd64 configuration. */
    static final int PCP_BATCH_SCALE_MAX = 5;
    static final int PCPF_PREV_FREE_HIGH_ORDER = 1, PCPF_FREE_HIGH_BATCH = 2;
    /** MIN_PERCPU_PAGELIST_HIGH_FRACTION: the default high_max is managed / 8, split over the CPUs. */
    static final int MIN_PERCPU_PAGELIST_HIGH_FRACTION = 8;

    /** fallbacks[] of mm/page_alloc.c. */
    private static final int[][] FALLBACKS = {
        {RECLAIMABLE, MOVABLE},   // UNMOVABLE
        {RECLAIMABLE, UNMOVABLE}, // MOVABLE
        {UNMOVABLE, MOVABLE},     // RECLAIMABLE
    };

    /**
     * One zone: pfns [startPfn, endPfn), its present pages (a zone is in the zonelist when it has any, and
     * build_all_zonelists() counts them for grouping by mobility), the ranges boot frees (ascending, inside the
     * zone), the managed pages the per-CPU batch and high_max derive from, the low watermark high_min derives from,
     * and the high watermark a boost is bounded by.
     */
    public record ZoneSpec(String name, long startPfn, long endPfn, long present, List<long[]> bootFreeRanges,
                           long managed, long lowWatermark, long highWatermark) {}

    /**
     * The machine: zones from the lowest up, pageblock_order (9 on x86_64, 10 on i386 without PAE), the CPUs, whether
     * per-CPU lists are used, whether CONFIG_ZONE_DMA32 is set (alloc_flags_nofragment() sets ALLOC_NOFRAGMENT only
     * then), and the THP order that also goes through the per-CPU lists (HPAGE_PMD_ORDER, or -1 without THP).
     */
    public record Config(List<ZoneSpec> zones, int pageblockOrder, int cpus, boolean pcp, boolean zoneDma32,
                         int thpOrder, boolean migratetypes) {
        /** 6.12 itself: migrate types on. */
        public Config(List<ZoneSpec> zones, int pageblockOrder, int cpus, boolean pcp, boolean zoneDma32, int thpOrder) {
            this(zones, pageblockOrder, cpus, pcp, zoneDma32, thpOrder, true);
        }
    }

    private final Config config;
    private final Zone[] zones;
    private final boolean mobilityDisabled;

    public PageAlloc612(Config config) {
        this.config = config;
        this.zones = new Zone[config.zones().size()];
        long vmTotalPages = 0;
        for (int i = 0; i < zones.length; i++) {
            zones[i] = new Zone(config.zones().get(i));
            vmTotalPages += config.zones().get(i).present();
        }
        // build_all_zonelists(): grouping by mobility is off when the pages beyond the high watermarks are fewer
        // than pageblock_nr_pages * MIGRATE_TYPES. At that point of boot no watermark is set and managed_pages
        // still holds the present pages (zone_init_internals(zone, j, nid, zone->present_pages), mm/mm_init.c:1597;
        // nr_free_zone_pages(), mm/page_alloc.c:5207).
        mobilityDisabled = config.migratetypes() && vmTotalPages < (long) pageblockNrPages() * MIGRATE_TYPES;
        // memmap_init() marked every pageblock Movable before that decision; then memblock_free_all() frees boot
        // memory zone by zone, each range in the largest naturally aligned chunks, to the tail.
        for (Zone z : zones) {
            for (long[] r : z.spec.bootFreeRanges()) freePagesMemory(z, r[0], r[1]);
        }
    }

    public boolean mobilityGroupingDisabled() { return mobilityDisabled; }

    int pageblockOrder() { return config.pageblockOrder(); }

    int pageblockNrPages() { return 1 << config.pageblockOrder(); }

    // ---------------------------------------------------------------- state

    private final class Zone {
        final ZoneSpec spec;
        /** Per pfn offset: the order of a free buddy block starting there, or -1. */
        final byte[] buddyOrder;
        /** Per pfn offset: PageLRU, for pages the test says are user memory or page cache (see {@link #setLru}). */
        final boolean[] lru;
        /** Per pageblock (indexed from pfn 0, as the kernel's pageblock bitmap is aligned): its migrate type. */
        final byte[] blockType;
        @SuppressWarnings({"unchecked", "rawtypes"})   // an array of a generic type can only be made raw
        final LinkedList<Long>[][] freeList = new LinkedList[NR_PAGE_ORDERS][MIGRATE_TYPES];
        final PerCpuPages[] pcp;
        final int batch, highMin, highMax;
        /** zone->nr_reserved_highatomic and zone->watermark_boost. */
        long nrReservedHighatomic, watermarkBoost;

        Zone(ZoneSpec spec) {
            this.spec = spec;
            buddyOrder = new byte[(int) (spec.endPfn() - spec.startPfn())];
            lru = new boolean[buddyOrder.length];
            Arrays.fill(buddyOrder, (byte) -1);
            long firstBlock = spec.startPfn() >> config.pageblockOrder();
            long lastBlock = (spec.endPfn() - 1) >> config.pageblockOrder();
            blockType = new byte[(int) (lastBlock - firstBlock + 1)];
            Arrays.fill(blockType, (byte) MOVABLE);
            for (LinkedList<Long>[] byType : freeList) for (int t = 0; t < MIGRATE_TYPES; t++) byType[t] = new LinkedList<>();
            batch = Math.max(1, zoneBatchsize(spec.managed()));
            highMin = zoneHighsize(spec.lowWatermark(), batch);
            highMax = zoneHighsize(spec.managed() / MIN_PERCPU_PAGELIST_HIGH_FRACTION, batch);
            pcp = new PerCpuPages[config.cpus()];
            for (int c = 0; c < pcp.length; c++) pcp[c] = new PerCpuPages(nrPcpLists());
        }

        boolean spans(long pfn) { return pfn >= spec.startPfn() && pfn < spec.endPfn(); }

        int getOrder(long pfn) { return buddyOrder[(int) (pfn - spec.startPfn())]; }

        void setOrder(long pfn, int order) { buddyOrder[(int) (pfn - spec.startPfn())] = (byte) order; }

        int getBlockType(long pfn) {
            return blockType[(int) ((pfn >> config.pageblockOrder()) - (spec.startPfn() >> config.pageblockOrder()))];
        }

        /** set_pageblock_migratetype(): with grouping by mobility off, the three ordinary types are all Unmovable. */
        void setBlockType(long pfn, int type) {
            int t = mobilityDisabled && type < MIGRATE_PCPTYPES ? UNMOVABLE : type;
            blockType[(int) ((pfn >> config.pageblockOrder()) - (spec.startPfn() >> config.pageblockOrder()))] = (byte) t;
        }

        int nrFree(int order) {
            int n = 0;
            for (List<Long> l : freeList[order]) n += l.size();
            return n;
        }
    }

    private static final class PerCpuPages {
        final List<LinkedList<Long>> lists = new ArrayList<>();
        int count, high, freeCount, allocFactor;
        /** setup_pcp_cacheinfo() sets PCPF_FREE_HIGH_BATCH where the cache is large enough: assumed everywhere. */
        int flags = PCPF_FREE_HIGH_BATCH;

        PerCpuPages(int nrLists) { for (int i = 0; i < nrLists; i++) lists.add(new LinkedList<>()); }
    }

    /** zone_batchsize(): about 0.1% of the zone or 1 MiB, a quarter of it, rounded to 2^n - 1. */
    static int zoneBatchsize(long managed) {
        long batch = Math.min(managed >> 10, (1L << 20) / 4096);
        batch /= 4;
        if (batch < 1) batch = 1;
        long x = batch + batch / 2;
        return (int) (Long.highestOneBit(x) - 1);
    }

    /** zone_highsize() with the CPUs of the node (cpu_online 0, as setup_per_zone_wmarks() calls it). */
    private int zoneHighsize(long totalPages, int batch) {
        long high = totalPages / config.cpus();
        return (int) Math.max(high, (long) batch << 2);
    }

    int nrPcpLists() { return MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1) + (config.thpOrder() >= 0 ? 2 : 0); }

    boolean pcpAllowedOrder(int order) {
        return order <= PAGE_ALLOC_COSTLY_ORDER || order == config.thpOrder();
    }

    int orderToPindex(int migratetype, int order) {
        if (order > PAGE_ALLOC_COSTLY_ORDER) return MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1) + (migratetype == MOVABLE ? 1 : 0);
        return MIGRATE_PCPTYPES * order + migratetype;
    }

    int pindexToOrder(int pindex) {
        if (pindex >= MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1)) return config.thpOrder();
        return pindex / MIGRATE_PCPTYPES;
    }

    // ---------------------------------------------------------------- the API the tests drive

    /**
     * alloc_pages(): the pfn, or -1 when the fast path finds nothing. gfpMigratetype is what the GFP bits say
     * (__GFP_MOVABLE: Movable, __GFP_RECLAIMABLE: Reclaimable, neither: Unmovable); highestZone indexes the zones
     * given to the constructor (the zone gfp_zone() picks).
     */
    public long alloc(int order, int gfpMigratetype, int highestZone, int cpu) {
        int migratetype = gfpMigratetype(gfpMigratetype);
        List<Zone> zonelist = zonelist(highestZone);
        if (zonelist.isEmpty()) return -1;
        boolean noFragment = config.zoneDma32() && zonelist.get(0).spec.name().equals("Normal");
        while (true) {
            for (Zone z : zonelist) {
                long pfn = rmqueue(z, order, migratetype, noFragment, false, cpu);
                if (pfn >= 0) return pfn;
            }
            // "It's possible on a UMA machine to get through all zones that are fragmented": retry without it.
            if (!noFragment) return -1;
            noFragment = false;
        }
    }

    /** gfp_migratetype(): Unmovable for all while grouping by mobility is off; Movable for all without migrate types. */
    private int gfpMigratetype(int fromGfp) {
        if (!config.migratetypes()) return MOVABLE;
        return mobilityDisabled ? UNMOVABLE : fromGfp;
    }

    /** build_zonerefs_node() lists every populated zone, highest first: present pages, not managed. */
    private List<Zone> zonelist(int highestZone) {
        List<Zone> zonelist = new ArrayList<>();
        for (int i = highestZone; i >= 0; i--) if (zones[i].spec.present() > 0) zonelist.add(zones[i]);
        return zonelist;
    }

    /**
     * A high-order atomic request (GFP_ATOMIC, order above 0) that the slow path's first get_page_from_freelist()
     * serves from zone {@code zone}: gfp_to_alloc_flags() sets ALLOC_HIGHATOMIC (never ALLOC_NOFRAGMENT), rmqueue()
     * tries this CPU's list first for the orders that have one, rmqueue_buddy() the HighAtomic lists before
     * __rmqueue(), and then reserve_highatomic_pageblock() may turn the block's pageblock HighAtomic. The caller says
     * which zone passed the watermark check, which this class does not make.
     */
    public long allocHighatomic(int order, int gfpMigratetype, int zone, int cpu) {
        Zone z = zones[zone];
        long pfn = rmqueue(z, order, gfpMigratetype(gfpMigratetype), false, true, cpu);
        if (pfn >= 0) reserveHighatomicPageblock(z, pfn, order);
        return pfn;
    }

    /** reserve_highatomic_pageblock(). */
    private void reserveHighatomicPageblock(Zone z, long pfn, int order) {
        // At least one pageblock, at most about 1% of the zone: nothing when 1% is less than a pageblock.
        long onePercent = z.spec.managed() / 100;
        if (onePercent < pageblockNrPages()) return;
        long maxManaged = (onePercent + pageblockNrPages() - 1) / pageblockNrPages() * pageblockNrPages(); // ALIGN()
        if (z.nrReservedHighatomic >= maxManaged) return;
        int mt = z.getBlockType(pfn);
        if (!mergeable(mt)) return;
        if (order < pageblockOrder()) {
            if (!movePageblock(z, pfn, mt, HIGHATOMIC)) return;
            z.nrReservedHighatomic += pageblockNrPages();
        } else {
            changePageblockRange(z, pfn, order, HIGHATOMIC);
            z.nrReservedHighatomic += 1L << order;
        }
    }

    /**
     * unreserve_highatomic_pageblock(ac, force) for a request of {@code gfpMigratetype} whose highest zone is
     * {@code highestZone}: the zonelist from the top; without force a zone keeps its last reserved pageblock; the
     * first order with a free HighAtomic block gives that block's pageblock(s) to the request's type. Returns
     * whether it released anything.
     */
    public boolean unreserveHighatomic(int gfpMigratetype, int highestZone, boolean force) {
        int migratetype = gfpMigratetype(gfpMigratetype);
        for (Zone z : zonelist(highestZone)) {
            if (!force && z.nrReservedHighatomic <= pageblockNrPages()) continue;
            for (int order = 0; order < NR_PAGE_ORDERS; order++) {
                LinkedList<Long> list = z.freeList[order][HIGHATOMIC];
                if (list.isEmpty()) continue;
                long pfn = list.getFirst();
                int mt = z.getBlockType(pfn);
                if (mt == HIGHATOMIC) {
                    long size = Math.min(Math.max(pageblockNrPages(), 1L << order), z.nrReservedHighatomic);
                    z.nrReservedHighatomic -= size;
                }
                if (order < pageblockOrder()) {
                    if (movePageblock(z, pfn, mt, migratetype)) return true;
                } else {
                    list.removeFirst();                          // move_to_free_list(): to the tail
                    z.freeList[order][migratetype].addLast(pfn);
                    changePageblockRange(z, pfn, order, migratetype);
                    return true;
                }
            }
        }
        return false;
    }

    /** zone->nr_reserved_highatomic of zone i. */
    public long nrReservedHighatomic(int zone) { return zones[zone].nrReservedHighatomic; }

    /** zone->watermark_boost of zone i, as boost_watermark() raised it (nothing here takes it off). */
    public long watermarkBoost(int zone) { return zones[zone].watermarkBoost; }

    /**
     * kswapd's balance_pgdat() ends a boost: the test calls this when the model's kswapd ran for zone i, since
     * this class has no kswapd.
     */
    public void clearWatermarkBoost(int zone) { zones[zone].watermarkBoost = 0; }

    /**
     * Puts an allocated block on the LRU, as user memory and page cache are (folio_add_lru()): prep_move_freepages_block()
     * counts such pages as movable when a fallback weighs claiming their pageblock. A free takes them off again.
     */
    public void setLru(long pfn, int order) {
        Zone z = zoneOf(pfn);
        for (long p = pfn; p < pfn + (1L << order); p++) z.lru[(int) (p - z.spec.startPfn())] = true;
    }

    /** __free_pages() of a block allocated with {@link #alloc}, by free_unref_page(). */
    public void free(long pfn, int order, int cpu) {
        Zone z = zoneOf(pfn);
        for (long p = pfn; p < pfn + (1L << order); p++) z.lru[(int) (p - z.spec.startPfn())] = false;
        if (!config.pcp() || !pcpAllowedOrder(order)) {
            freeOnePage(z, pfn, order, false);
            return;
        }
        int migratetype = z.getBlockType(pfn);
        if (migratetype >= MIGRATE_PCPTYPES) {
            if (migratetype == ISOLATE) {
                freeOnePage(z, pfn, order, false);
                return;
            }
            migratetype = MOVABLE;
        }
        freeUnrefPageCommit(z, z.pcp[cpu], pfn, migratetype, order);
    }

    /** drain_all_pages(NULL): every CPU in turn, every populated zone from the lowest. */
    public void drainAllPages() {
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            for (Zone z : zones) {
                if (z.spec.present() == 0) continue;            // for_each_populated_zone
                PerCpuPages pcp = z.pcp[cpu];
                while (pcp.count > 0) {
                    int toDrain = Math.min(pcp.count, z.batch << PCP_BATCH_SCALE_MAX);
                    freePcppagesBulk(z, toDrain, pcp, 0);
                }
            }
        }
    }

    /** /proc/buddyinfo's figures for zone i: free blocks per order (per-CPU pages are not in them). */
    public int[] buddyinfo(int zone) {
        int[] n = new int[NR_PAGE_ORDERS];
        for (int o = 0; o < NR_PAGE_ORDERS; o++) n[o] = zones[zone].nrFree(o);
        return n;
    }

    /** /proc/pagetypeinfo's free blocks of zone i: [type][order]. */
    public int[][] freeByType(int zone) {
        int[][] n = new int[MIGRATE_TYPES][NR_PAGE_ORDERS];
        for (int t = 0; t < MIGRATE_TYPES; t++) for (int o = 0; o < NR_PAGE_ORDERS; o++) n[t][o] = zones[zone].freeList[o][t].size();
        return n;
    }

    /** /proc/pagetypeinfo's "Number of blocks type": one pageblock every pageblock_nr_pages from the zone's start. */
    public int[] blockCounts(int zone) {
        Zone z = zones[zone];
        int[] n = new int[MIGRATE_TYPES];
        for (long pfn = z.spec.startPfn(); pfn < z.spec.endPfn(); pfn += pageblockNrPages()) n[z.getBlockType(pfn)]++;
        return n;
    }

    /** The free list of one order and type, head first. */
    public List<Long> freeList(int zone, int order, int migratetype) {
        return List.copyOf(zones[zone].freeList[order][migratetype]);
    }

    /** The migrate type of the pageblock holding pfn. */
    public int pageblockType(long pfn) { return zoneOf(pfn).getBlockType(pfn); }

    /** pcp->count, pcp->high and pcp->batch of one CPU in zone i, as zoneinfo's pagesets print them. */
    public int[] pageset(int zone, int cpu) {
        PerCpuPages p = zones[zone].pcp[cpu];
        return new int[] {p.count, p.high, zones[zone].batch};
    }

    /** The pages on one per-CPU list, head first. */
    public List<Long> pcpList(int zone, int cpu, int pindex) {
        return List.copyOf(zones[zone].pcp[cpu].lists.get(pindex));
    }

    /** Free pages of zone i in the buddy lists (NR_FREE_PAGES; per-CPU pages are not counted). */
    public long freePages(int zone) {
        long n = 0;
        for (int o = 0; o < NR_PAGE_ORDERS; o++) n += (long) zones[zone].nrFree(o) << o;
        return n;
    }

    private Zone zoneOf(long pfn) {
        for (Zone z : zones) if (z.spans(pfn)) return z;
        throw new IllegalArgumentException("pfn " + Long.toHexString(pfn) + " is in no zone");
    }

    // ---------------------------------------------------------------- allocation

    private long rmqueue(Zone z, int order, int migratetype, boolean noFragment, boolean highatomic, int cpu) {
        if (config.pcp() && pcpAllowedOrder(order)) {
            long pfn = rmqueuePcplist(z, order, migratetype, noFragment, z.pcp[cpu]);
            if (pfn >= 0) return pfn;
        }
        // rmqueue_buddy(): ALLOC_HIGHATOMIC opens the HighAtomic lists first. The fallback to them after a failed
        // __rmqueue() (ALLOC_OOM/ALLOC_NON_BLOCK) is not covered: it only matters when a watermark has decided.
        if (highatomic) {
            long pfn = rmqueueSmallest(z, order, HIGHATOMIC);
            if (pfn >= 0) return pfn;
        }
        return rmqueue(z, order, migratetype, noFragment, new RmqueueMode[] {RmqueueMode.NORMAL});
    }

    private long rmqueuePcplist(Zone z, int order, int migratetype, boolean noFragment, PerCpuPages pcp) {
        pcp.freeCount >>= 1;
        LinkedList<Long> list = pcp.lists.get(orderToPindex(migratetype, order));
        if (list.isEmpty()) {
            int batch = nrPcpAlloc(z, pcp, order);
            int alloced = rmqueueBulk(z, order, batch, list, migratetype, noFragment);
            pcp.count += alloced << order;
            if (list.isEmpty()) return -1;
        }
        long pfn = list.removeFirst();
        pcp.count -= 1 << order;
        return pfn;
    }

    private int nrPcpAlloc(Zone z, PerCpuPages pcp, int order) {
        int baseBatch = z.batch;
        int high = pcp.high = clamp(pcp.high, z.highMin, z.highMax);
        if (high < baseBatch) return 1;
        int batch = order != 0 ? baseBatch : baseBatch << pcp.allocFactor;
        // ZONE_BELOW_HIGH is never set in the regime this class covers.
        if (z.highMin != z.highMax) high = pcp.high = Math.min(high + batch, z.highMax);
        if (order == 0) {
            int maxNrAlloc = Math.max(high - pcp.count - baseBatch, baseBatch);
            if (batch <= maxNrAlloc && pcp.allocFactor < PCP_BATCH_SCALE_MAX) pcp.allocFactor++;
            batch = Math.min(batch, maxNrAlloc);
        }
        if (batch > 1) batch = Math.max(batch >> order, 2);
        return batch;
    }

    private int rmqueueBulk(Zone z, int order, int count, LinkedList<Long> list, int migratetype, boolean noFragment) {
        RmqueueMode[] mode = {RmqueueMode.NORMAL};
        int i;
        for (i = 0; i < count; i++) {
            long pfn = rmqueue(z, order, migratetype, noFragment, mode);
            if (pfn < 0) break;
            list.addLast(pfn);
        }
        return i;
    }

    private enum RmqueueMode { NORMAL, CLAIM, STEAL }

    /** __rmqueue(): the mode remembers, within one rmqueue_bulk(), which step found pages last. */
    @SuppressWarnings("fallthrough")    // each mode falls through to the next, as __rmqueue()'s switch does
    private long rmqueue(Zone z, int order, int migratetype, boolean noFragment, RmqueueMode[] mode) {
        long pfn;
        switch (mode[0]) {
            case NORMAL:
                pfn = rmqueueSmallest(z, order, migratetype);
                if (pfn >= 0) return pfn;
                // fall through: no CMA
            case CLAIM:
                pfn = rmqueueClaim(z, order, migratetype, noFragment);
                if (pfn >= 0) {
                    mode[0] = RmqueueMode.NORMAL;
                    return pfn;
                }
                // fall through
            case STEAL:
                if (!noFragment) {
                    pfn = rmqueueSteal(z, order, migratetype);
                    if (pfn >= 0) {
                        mode[0] = RmqueueMode.STEAL;
                        return pfn;
                    }
                }
                break;
            default:
                throw new AssertionError(mode[0]);
        }
        return -1;
    }

    private long rmqueueSmallest(Zone z, int order, int migratetype) {
        for (int current = order; current < NR_PAGE_ORDERS; current++) {
            LinkedList<Long> list = z.freeList[current][migratetype];
            if (list.isEmpty()) continue;
            long pfn = list.getFirst();
            pageDelAndExpand(z, pfn, order, current, migratetype);
            return pfn;
        }
        return -1;
    }

    private void pageDelAndExpand(Zone z, long pfn, int low, int high, int migratetype) {
        delPageFromFreeList(z, pfn, high, migratetype);
        expand(z, pfn, low, high, migratetype);
    }

    /** expand(): the upper halves go to the heads of the lists of their orders. */
    private void expand(Zone z, long pfn, int low, int high, int migratetype) {
        long size = 1L << high;
        while (high > low) {
            high--;
            size >>= 1;
            addToFreeList(z, pfn + size, high, migratetype, false);
        }
    }

    /** find_suitable_fallback() with only_stealable false: {fallback type or -1, can_steal 0/1}. */
    private int[] findSuitableFallback(Zone z, int order, int migratetype) {
        if (z.nrFree(order) == 0) return new int[] {-1, 0};
        for (int fallback : FALLBACKS[migratetype]) {
            if (z.freeList[order][fallback].isEmpty()) continue;
            return new int[] {fallback, canStealFallback(order, migratetype) ? 1 : 0};
        }
        return new int[] {-1, 0};
    }

    private boolean canStealFallback(int order, int startMt) {
        if (order >= pageblockOrder()) return true;
        return order >= pageblockOrder() / 2 || startMt == RECLAIMABLE || startMt == UNMOVABLE || mobilityDisabled;
    }

    /** __rmqueue_claim(): the largest free block of a fallback type, its pageblock claimed if the rules allow. */
    private long rmqueueClaim(Zone z, int order, int startMigratetype, boolean noFragment) {
        int minOrder = order;
        if (order < pageblockOrder() && noFragment) minOrder = pageblockOrder();
        for (int current = MAX_PAGE_ORDER; current >= minOrder; current--) {
            int[] fallback = findSuitableFallback(z, current, startMigratetype);
            if (fallback[0] == -1) continue;
            if (fallback[1] == 0) break;
            long pfn = z.freeList[current][fallback[0]].getFirst();
            long got = tryToStealBlock(z, pfn, current, order, startMigratetype);
            if (got >= 0) return got;
        }
        return -1;
    }

    /** __rmqueue_steal(): the smallest free block of a fallback type, its pageblock left as it is. */
    private long rmqueueSteal(Zone z, int order, int startMigratetype) {
        for (int current = order; current < NR_PAGE_ORDERS; current++) {
            int[] fallback = findSuitableFallback(z, current, startMigratetype);
            if (fallback[0] == -1) continue;
            long pfn = z.freeList[current][fallback[0]].getFirst();
            pageDelAndExpand(z, pfn, order, current, fallback[0]);
            return pfn;
        }
        return -1;
    }

    private long tryToStealBlock(Zone z, long pfn, int currentOrder, int order, int startType) {
        int blockType = z.getBlockType(pfn);
        if (blockType == HIGHATOMIC) return -1;
        if (currentOrder >= pageblockOrder()) {
            delPageFromFreeList(z, pfn, currentOrder, blockType);
            changePageblockRange(z, pfn, currentOrder, startType);
            expand(z, pfn, order, currentOrder, startType);
            return pfn;
        }
        boostWatermark(z);                               // before the zone-boundary check, claimed or not
        // prep_move_freepages_block(): only a pageblock the zone spans whole.
        long start = pfn & -(long) pageblockNrPages();
        long end = start + pageblockNrPages();
        if (!z.spans(start) || !z.spans(end - 1)) return -1;
        int freePages = 0;
        int movablePages = 0; // PageLRU or __PageMovable: only pages the test put on the LRU
        for (long p = start; p < end; ) {
            int o = z.getOrder(p);
            if (o >= 0) {
                freePages += 1 << o;
                p += 1L << o;
            } else {
                if (z.lru[(int) (p - z.spec.startPfn())]) movablePages++;
                p++;
            }
        }
        int alikePages;
        if (startType == MOVABLE) alikePages = movablePages;
        else alikePages = blockType == MOVABLE ? pageblockNrPages() - (freePages + movablePages) : 0;
        if (freePages + alikePages >= (1 << (pageblockOrder() - 1)) || mobilityDisabled) {
            moveFreepagesBlock(z, start, blockType, startType);
            return rmqueueSmallest(z, order, startType);
        }
        return -1;
    }

    /**
     * boost_watermark() with watermark_boost_factor 15000 (the default): nothing in a zone of fewer than four
     * pageblocks or while the high watermark is 0; else one pageblock more, up to max(pageblock, 1.5 x high).
     */
    private void boostWatermark(Zone z) {
        if ((long) pageblockNrPages() * 4 > z.spec.managed()) return;
        long maxBoost = z.spec.highWatermark() * 15000 / 10000;     // mult_frac() without overflow for these sizes
        if (maxBoost == 0) return;
        maxBoost = Math.max(pageblockNrPages(), maxBoost);
        z.watermarkBoost = Math.min(z.watermarkBoost + pageblockNrPages(), maxBoost);
    }

    /**
     * move_freepages_block(): the pageblock holding pfn to newMt with its free blocks, or false when the zone does
     * not span the whole pageblock (prep_move_freepages_block()).
     */
    private boolean movePageblock(Zone z, long pfn, int oldMt, int newMt) {
        long start = pfn & -(long) pageblockNrPages();
        if (!z.spans(start) || !z.spans(start + pageblockNrPages() - 1)) return false;
        moveFreepagesBlock(z, start, oldMt, newMt);
        return true;
    }

    /** __move_freepages_block(): every free block of the pageblock to the tail of the new type's list. */
    private void moveFreepagesBlock(Zone z, long start, int oldMt, int newMt) {
        long end = start + pageblockNrPages();
        for (long p = start; p < end; ) {
            int o = z.getOrder(p);
            if (o < 0) {
                p++;
                continue;
            }
            if (!z.freeList[o][oldMt].remove(p)) throw new IllegalStateException("free block " + hex(p) + " not on its list");
            z.freeList[o][newMt].addLast(p);
            p += 1L << o;
        }
        z.setBlockType(start, newMt);
    }

    private void changePageblockRange(Zone z, long pfn, int startOrder, int migratetype) {
        int nrPageblocks = 1 << (startOrder - pageblockOrder());
        for (int i = 0; i < nrPageblocks; i++) z.setBlockType(pfn + ((long) i << pageblockOrder()), migratetype);
    }

    // ---------------------------------------------------------------- freeing

    /** __free_pages_memory(): the largest chunks alignment allows, freed to the tail (__free_pages_core). */
    private void freePagesMemory(Zone z, long start, long end) {
        while (start < end) {
            int order = start != 0 ? Math.min(MAX_PAGE_ORDER, Long.numberOfTrailingZeros(start)) : MAX_PAGE_ORDER;
            while (start + (1L << order) > end) order--;
            freeOnePage(z, start, order, true);
            start += 1L << order;
        }
    }

    /** free_one_page() through split_large_buddy(): a block above pageblock_order is freed a pageblock at a time. */
    private void freeOnePage(Zone z, long pfn, int order, boolean toTail) {
        long end = pfn + (1L << order);
        int chunk = Math.min(order, pageblockOrder());
        while (pfn < end) {
            freeOne(z, pfn, chunk, z.getBlockType(pfn), toTail);
            pfn += 1L << chunk;
        }
    }

    /** __free_one_page(). */
    private void freeOne(Zone z, long pfn, int order, int migratetype, boolean toTail) {
        long buddyPfn = 0;
        while (order < MAX_PAGE_ORDER) {
            buddyPfn = pfn ^ (1L << order);
            if (!isBuddy(z, buddyPfn, order)) break;
            int buddyMt = migratetype;
            if (order >= pageblockOrder()) {
                buddyMt = z.getBlockType(buddyPfn);
                if (migratetype != buddyMt && (!mergeable(migratetype) || !mergeable(buddyMt))) break;
            }
            delPageFromFreeList(z, buddyPfn, order, buddyMt);
            if (buddyMt != migratetype) changePageblockRange(z, buddyPfn, order, migratetype);
            pfn &= buddyPfn;
            order++;
        }
        boolean tail = toTail || buddyMergeLikely(z, pfn, buddyPfn, order);
        addToFreeList(z, pfn, order, migratetype, tail);
    }

    private static boolean mergeable(int migratetype) { return migratetype < MIGRATE_PCPTYPES; }

    /** page_is_buddy(): a free block of exactly this order, in the same zone. */
    private static boolean isBuddy(Zone z, long pfn, int order) { return z.spans(pfn) && z.getOrder(pfn) == order; }

    /** buddy_merge_likely(): is the buddy of the next-higher block free, so that a merge may come soon? */
    private static boolean buddyMergeLikely(Zone z, long pfn, long buddyPfn, int order) {
        if (order >= MAX_PAGE_ORDER - 1) return false;
        long higher = buddyPfn & pfn;
        return isBuddy(z, higher ^ (1L << (order + 1)), order + 1);
    }

    private void freeUnrefPageCommit(Zone z, PerCpuPages pcp, long pfn, int migratetype, int order) {
        pcp.allocFactor >>= 1;
        int pindex = orderToPindex(migratetype, order);
        pcp.lists.get(pindex).addFirst(pfn);
        pcp.count += 1 << order;
        int batch = z.batch;
        boolean freeHigh = false;
        if (order != 0 && order <= PAGE_ALLOC_COSTLY_ORDER) {
            freeHigh = pcp.freeCount >= batch && (pcp.flags & PCPF_PREV_FREE_HIGH_ORDER) != 0
                    && ((pcp.flags & PCPF_FREE_HIGH_BATCH) == 0 || pcp.count >= batch);
            pcp.flags |= PCPF_PREV_FREE_HIGH_ORDER;
        } else if ((pcp.flags & PCPF_PREV_FREE_HIGH_ORDER) != 0) {
            pcp.flags &= ~PCPF_PREV_FREE_HIGH_ORDER;
        }
        if (pcp.freeCount < (batch << PCP_BATCH_SCALE_MAX)) pcp.freeCount += 1 << order;
        int high = nrPcpHigh(z, pcp, batch, freeHigh);
        if (pcp.count >= high) freePcppagesBulk(z, nrPcpFree(pcp, batch, high, freeHigh), pcp, pindex);
    }

    private int nrPcpHigh(Zone z, PerCpuPages pcp, int batch, boolean freeHigh) {
        int high = pcp.high = clamp(pcp.high, z.highMin, z.highMax);
        if (high == 0) return 0;
        if (freeHigh) {
            pcp.high = Math.max(high - (batch << PCP_BATCH_SCALE_MAX), z.highMin);
            return 0;
        }
        // ZONE_RECLAIM_ACTIVE and ZONE_BELOW_HIGH are never set in the regime this class covers.
        if (z.highMin == z.highMax) return high;
        if (pcp.count >= high) {
            int needHigh = pcp.freeCount + batch;
            if (pcp.high < needHigh) pcp.high = clamp(needHigh, z.highMin, z.highMax);
        }
        return high;
    }

    private static int nrPcpFree(PerCpuPages pcp, int batch, int high, boolean freeHigh) {
        if (freeHigh) return Math.min(pcp.count, batch << PCP_BATCH_SCALE_MAX);
        if (high < batch) return 1;
        return clamp(pcp.freeCount, batch, high - batch);
    }

    /** free_pcppages_bulk(): round robin over the lists from pindex, each list emptied from its tail. */
    private void freePcppagesBulk(Zone z, int count, PerCpuPages pcp, int pindex) {
        count = Math.min(pcp.count, count);
        pindex = pindex - 1;
        while (count > 0) {
            LinkedList<Long> list;
            do {
                if (++pindex > nrPcpLists() - 1) pindex = 0;
                list = pcp.lists.get(pindex);
            } while (list.isEmpty());
            int order = pindexToOrder(pindex);
            int nrPages = 1 << order;
            do {
                long pfn = list.removeLast();
                count -= nrPages;
                pcp.count -= nrPages;
                freeOne(z, pfn, order, z.getBlockType(pfn), false);
            } while (count > 0 && !list.isEmpty());
        }
    }

    // ---------------------------------------------------------------- lists

    private static void addToFreeList(Zone z, long pfn, int order, int migratetype, boolean tail) {
        if (tail) z.freeList[order][migratetype].addLast(pfn);
        else z.freeList[order][migratetype].addFirst(pfn);
        z.setOrder(pfn, order);
    }

    private static void delPageFromFreeList(Zone z, long pfn, int order, int migratetype) {
        if (!z.freeList[order][migratetype].remove(pfn)) {
            throw new IllegalStateException("free block " + hex(pfn) + " of order " + order + " is not on the "
                    + MIGRATETYPE_NAMES[migratetype] + " list");
        }
        z.setOrder(pfn, -1);
    }

    private static int clamp(int v, int lo, int hi) { return Math.min(Math.max(v, lo), hi); }

    private static String hex(long pfn) { return "0x" + Long.toHexString(pfn); }
}
