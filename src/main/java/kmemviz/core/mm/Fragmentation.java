package kmemviz.core.mm;

import java.util.function.IntToLongFunction;

/**
 * The fragmentation measures of mm/vmstat.c (6.12.118), on a zone's free block counts per order.
 *
 * <p>Notation, as the kernel's {@code struct contig_page_info}: for a requested order {@code o}, freePages is the sum
 * of {@code nr_free[k] << k}, freeBlocksTotal the sum of {@code nr_free[k]}, freeBlocksSuitable the number of
 * order-{@code o} blocks that fit in the free blocks of order {@code >= o} (sum of {@code nr_free[k] << (k - o)}).
 * Both indices are ratios between 0 and 1 kept as integers in thousandths, with the kernel's unsigned integer
 * division, so that the printed "%d.%03d" figures are the kernel's to the last digit.
 * <ul>
 *   <li>unusable free space index: the share of free pages in blocks too small for the order
 *       (1000 when nothing is free);</li>
 *   <li>external fragmentation index: -1000 when a block of the order is free (the allocation would succeed);
 *       otherwise near 0 when the failure is a lack of memory, near 1000 when it is fragmentation.</li>
 * </ul>
 * The counts are read through {@link Zone#nrFree(int)}, the same numbers /proc/buddyinfo prints.
 */
public final class Fragmentation {
    private Fragmentation() {}

    /** struct contig_page_info of mm/vmstat.c, for one requested order. */
    public record ContigPageInfo(long freePages, long freeBlocksTotal, long freeBlocksSuitable) {
        public ContigPageInfo {
            if (freePages < 0 || freeBlocksTotal < 0 || freeBlocksSuitable < 0)
                throw new IllegalArgumentException("contig_page_info: counts must be >= 0, were free_pages "
                        + freePages + ", free_blocks_total " + freeBlocksTotal + ", free_blocks_suitable "
                        + freeBlocksSuitable);
        }
    }

    /** Mirrors fill_contig_page_info() in mm/vmstat.c for {@code zone}. */
    public static ContigPageInfo fillContigPageInfo(Zone zone, int suitableOrder) {
        return fillContigPageInfo(zone::nrFree, suitableOrder);
    }

    /** Mirrors fill_contig_page_info() in mm/vmstat.c on {@code nrFree(order)}, the free blocks of each order. */
    public static ContigPageInfo fillContigPageInfo(IntToLongFunction nrFree, int suitableOrder) {
        checkOrder(suitableOrder);
        long freePages = 0, total = 0, suitable = 0;
        for (int order = 0; order < BuddyAllocator.NR_PAGE_ORDERS; order++) {
            long blocks = nrFree.applyAsLong(order);
            total += blocks;
            freePages += blocks << order;
            if (order >= suitableOrder) suitable += blocks << (order - suitableOrder);
        }
        return new ContigPageInfo(freePages, total, suitable);
    }

    /** Mirrors fragmentation_index() in mm/vmstat.c, which compaction_suitable() compares with extfrag_threshold. */
    public static int fragmentationIndex(Zone zone, int order) {
        return fragmentationIndex(order, fillContigPageInfo(zone, order));
    }

    /**
     * Mirrors __fragmentation_index() in mm/vmstat.c: {@code 1000 - (1000 + freePages * 1000 / 2^order) / total}.
     * With a single free block smaller than the order this goes below 0 (one half-size block gives -500), and the
     * kernel returns it as it is. Where the kernel WARNs on an order above MAX_PAGE_ORDER, this throws.
     */
    public static int fragmentationIndex(int order, ContigPageInfo info) {
        checkOrder(order);
        if (info.freeBlocksTotal() == 0) return 0;
        if (info.freeBlocksSuitable() > 0) return -1000;
        long requested = 1L << order;
        // Java's signed long division equals the kernel's div_u64 here: every operand is >= 0 and far below 2^63.
        return (int) (1000 - (1000 + info.freePages() * 1000 / requested) / info.freeBlocksTotal());
    }

    /** Mirrors unusable_free_index() in mm/vmstat.c (debugfs only in the kernel: no caller besides the report). */
    public static int unusableFreeIndex(int order, ContigPageInfo info) {
        checkOrder(order);
        if (info.freePages() == 0) return 1000;
        return (int) ((info.freePages() - (info.freeBlocksSuitable() << order)) * 1000 / info.freePages());
    }

    private static void checkOrder(int order) {
        if (order < 0 || order > BuddyAllocator.MAX_PAGE_ORDER)
            throw new IllegalArgumentException("order must be 0.." + BuddyAllocator.MAX_PAGE_ORDER + ", was " + order);
    }
}
