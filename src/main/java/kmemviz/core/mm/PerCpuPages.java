package kmemviz.core.mm;

import java.util.Arrays;

/**
 * One zone's per-CPU page lists ({@code struct per_cpu_pages} of include/linux/mmzone.h, one per CPU), as
 * Linux 6.12.118 sizes and runs them (mm/page_alloc.c). Orders up to PAGE_ALLOC_COSTLY_ORDER have a list per
 * migrate type of the first three, at pindex {@code MIGRATE_PCPTYPES * order + type}; with
 * CONFIG_TRANSPARENT_HUGEPAGE the THP order has two more, non-movable then movable (order_to_pindex()).
 *
 * <p>Encoding: the lists are intrusive, through the frame table's links (a page on a per-CPU list is on no free
 * list, as page->pcp_list shares page->buddy_list), with heads and tails at {@code cpu * nrLists + pindex}. The
 * counters are one int per CPU. Sizes: batch = zone_batchsize(), high_min = zone_highsize() from the low
 * watermark, high_max = zone_highsize() from managed / 8, both split over the CPUs and at least 4 * batch;
 * {@code high} starts at 0 and is clamped on first use. PCPF_FREE_HIGH_BATCH is set on every list (the model
 * assumes the CPU caches are large enough for setup_pcp_cacheinfo()).
 */
final class PerCpuPages {
    static final int PAGE_ALLOC_COSTLY_ORDER = 3;
    /** CONFIG_PCP_BATCH_SCALE_MAX in Debian's amd64 configuration. */
    static final int PCP_BATCH_SCALE_MAX = 5;
    static final int PCPF_PREV_FREE_HIGH_ORDER = 1, PCPF_FREE_HIGH_BATCH = 2;
    private static final int MIN_PERCPU_PAGELIST_HIGH_FRACTION = 8;
    private static final int NR_LOWORDER_PCP_LISTS = MigrateType.PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1);

    final int nrCpus, nrLists, thpOrder;
    final int batch, highMin, highMax;
    final int[] head, tail;
    final int[] count, high, freeCount, allocFactor, flags;

    PerCpuPages(int nrCpus, int thpOrder, long managedPages, long lowWatermark) {
        this.nrCpus = nrCpus;
        this.thpOrder = thpOrder;
        nrLists = NR_LOWORDER_PCP_LISTS + (thpOrder >= 0 ? 2 : 0);
        batch = Math.max(1, zoneBatchsize(managedPages));
        highMin = zoneHighsize(lowWatermark, batch, nrCpus);
        highMax = zoneHighsize(managedPages / MIN_PERCPU_PAGELIST_HIGH_FRACTION, batch, nrCpus);
        head = new int[nrCpus * nrLists];
        tail = new int[nrCpus * nrLists];
        Arrays.fill(head, FrameTable.NO_PFN);
        Arrays.fill(tail, FrameTable.NO_PFN);
        count = new int[nrCpus];
        high = new int[nrCpus];
        freeCount = new int[nrCpus];
        allocFactor = new int[nrCpus];
        flags = new int[nrCpus];
        Arrays.fill(flags, PCPF_FREE_HIGH_BATCH);
    }

    /** A copy for a checkpoint. */
    PerCpuPages(PerCpuPages o) {
        nrCpus = o.nrCpus;
        nrLists = o.nrLists;
        thpOrder = o.thpOrder;
        batch = o.batch;
        highMin = o.highMin;
        highMax = o.highMax;
        head = o.head.clone();
        tail = o.tail.clone();
        count = o.count.clone();
        high = o.high.clone();
        freeCount = o.freeCount.clone();
        allocFactor = o.allocFactor.clone();
        flags = o.flags.clone();
    }

    /** zone_batchsize(): about 0.1% of the zone or 1 MiB, whichever is smaller, a quarter of it as 2^n - 1. */
    static int zoneBatchsize(long managedPages) {
        long b = Math.min(managedPages >> 10, (1 << 20) / Profile.PAGE_SIZE) / 4;
        if (b < 1) b = 1;
        return (int) (Long.highestOneBit(b + b / 2) - 1);
    }

    /** zone_highsize(): the pages split over the CPUs (all online, one node), at least 4 * batch. */
    private static int zoneHighsize(long totalPages, int batch, int nrCpus) {
        return (int) Math.max(totalPages / nrCpus, (long) batch << 2);
    }

    /** pcp_allowed_order(). */
    boolean allowedOrder(int order) { return order <= PAGE_ALLOC_COSTLY_ORDER || order == thpOrder; }

    /** order_to_pindex(). */
    int orderToPindex(int migratetype, int order) {
        if (order > PAGE_ALLOC_COSTLY_ORDER) return NR_LOWORDER_PCP_LISTS + (migratetype == Pageblocks.MOVABLE ? 1 : 0);
        return MigrateType.PCPTYPES * order + migratetype;
    }

    /** pindex_to_order(). */
    int pindexToOrder(int pindex) { return pindex >= NR_LOWORDER_PCP_LISTS ? thpOrder : pindex / MigrateType.PCPTYPES; }

    /**
     * The migrate type of list {@code pindex}: order_to_pindex() backwards. The THP order's first list holds both
     * non-movable types (order_to_pindex() tells only Movable apart there) and answers Unmovable.
     */
    int pindexToMigratetype(int pindex) {
        if (pindex >= NR_LOWORDER_PCP_LISTS) return pindex == NR_LOWORDER_PCP_LISTS ? Pageblocks.UNMOVABLE : Pageblocks.MOVABLE;
        return pindex % MigrateType.PCPTYPES;
    }

    int list(int cpu, int pindex) { return cpu * nrLists + pindex; }

    /**
     * The list ({@code cpu * nrLists + pindex}) that holds the block headed at {@code pfn}, which is on one of this
     * zone's per-CPU lists, or -1; the lists of {@code pindex} are tried first. For a trace replay, which names a page
     * but not its list.
     */
    int listHolding(FrameTable frames, int pfn, int pindex) {
        int end = listEnd(frames, pfn);
        int[] ends = end >= 0 ? head : tail;
        if (end < 0) end = ~end;
        for (int cpu = 0; cpu < nrCpus; cpu++) if (ends[list(cpu, pindex)] == end) return list(cpu, pindex);
        for (int l = 0; l < ends.length; l++) if (ends[l] == end) return l;
        return -1;
    }

    /** Whether list {@code list} holds the block headed at {@code pfn}, which is on one of this zone's per-CPU lists. */
    boolean holds(FrameTable frames, int list, int pfn) {
        int end = listEnd(frames, pfn);
        return end >= 0 ? head[list] == end : tail[list] == ~end;
    }

    /**
     * The head of the list holding {@code pfn}, or the complement of its tail: the links are walked both ways at once
     * to the nearer end, so a page at the head (an allocation, a free) or at the tail (a drain) is found in one step.
     */
    private static int listEnd(FrameTable frames, int pfn) {
        int[] links = frames.links;
        for (int back = pfn, fwd = pfn; ; ) {
            int prev = links[FrameTable.prevSlot(back)];
            if (prev == FrameTable.NO_PFN) return back;
            int next = links[FrameTable.nextSlot(fwd)];
            if (next == FrameTable.NO_PFN) return ~fwd;
            back = prev;
            fwd = next;
        }
    }

    private int clampHigh(int cpu) { return high[cpu] = Math.min(Math.max(high[cpu], highMin), highMax); }

    /**
     * nr_pcp_alloc(): how many blocks a refill takes; raises high (not while the zone is ZONE_BELOW_HIGH) and the alloc
     * factor as 6.12 does.
     */
    int nrPcpAlloc(int cpu, int order, boolean belowHigh) {
        int h = clampHigh(cpu);
        if (h < batch) return 1;
        int b = order != 0 ? batch : batch << allocFactor[cpu];
        if (highMin != highMax && !belowHigh) h = high[cpu] = Math.min(h + b, highMax);
        if (order == 0) {
            int maxNrAlloc = Math.max(h - count[cpu] - batch, batch);
            if (b <= maxNrAlloc && allocFactor[cpu] < PCP_BATCH_SCALE_MAX) allocFactor[cpu]++;
            b = Math.min(b, maxNrAlloc);
        }
        if (b > 1) b = Math.max(b >> order, 2);
        return b;
    }

    /**
     * nr_pcp_high(): the count at which a free drains, adjusting high on the way: below the zone's high mark
     * (ZONE_BELOW_HIGH) high shrinks by the free count and the free drains at once down to high_min.
     * ZONE_RECLAIM_ACTIVE is not modelled: kswapd runs between commands, never during a free.
     */
    int nrPcpHigh(int cpu, boolean freeHigh, boolean belowHigh) {
        int h = clampHigh(cpu);
        if (h == 0) return 0;
        if (freeHigh) {
            high[cpu] = Math.max(h - (batch << PCP_BATCH_SCALE_MAX), highMin);
            return 0;
        }
        if (highMin == highMax) return h;
        if (belowHigh) {
            high[cpu] = Math.max(h - Math.max(freeCount[cpu], batch), highMin);
            return Math.max(count[cpu], highMin);
        }
        if (count[cpu] >= h) {
            int needHigh = freeCount[cpu] + batch;
            if (high[cpu] < needHigh) high[cpu] = Math.min(Math.max(needHigh, highMin), highMax);
        }
        return h;
    }

    /** nr_pcp_free(): how many pages a drain from free_unref_page_commit() gives back. */
    int nrPcpFree(int cpu, int h, boolean freeHigh) {
        if (freeHigh) return Math.min(count[cpu], batch << PCP_BATCH_SCALE_MAX);
        if (h < batch) return 1;
        return Math.min(Math.max(freeCount[cpu], batch), h - batch);
    }

    /**
     * The PCPF_PREV_FREE_HIGH_ORDER bookkeeping of free_unref_page_commit() for a free of {@code order}: whether
     * this free drains as much as it can (free_high), and free_count raised.
     */
    boolean noteFree(int cpu, int order) {
        allocFactor[cpu] >>= 1;
        count[cpu] += 1 << order;
        boolean freeHigh = false;
        if (order != 0 && order <= PAGE_ALLOC_COSTLY_ORDER) {
            freeHigh = freeCount[cpu] >= batch && (flags[cpu] & PCPF_PREV_FREE_HIGH_ORDER) != 0
                    && ((flags[cpu] & PCPF_FREE_HIGH_BATCH) == 0 || count[cpu] >= batch);
            flags[cpu] |= PCPF_PREV_FREE_HIGH_ORDER;
        } else {
            flags[cpu] &= ~PCPF_PREV_FREE_HIGH_ORDER;
        }
        if (freeCount[cpu] < batch << PCP_BATCH_SCALE_MAX) freeCount[cpu] += 1 << order;
        return freeHigh;
    }
}
