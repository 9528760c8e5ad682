package kmemviz.core.mm;

import java.util.Arrays;

/**
 * What a /proc capture says about one zone, for a machine booted to look like it: the zone's managed pages, its
 * watermarks and lowmem_reserve, its free blocks per migrate type and order, its pageblocks per migrate type and
 * the pages on each CPU's per-CPU lists with their high mark. The span and present pages are the profile's.
 *
 * @param watermarks  min, low, high, promo in {@link Watermark} order
 * @param freeBlocks  {@code [MigrateType.ordinal()][order]}: free blocks on each list
 * @param pageblocks  pageblocks per migrate type, summing to the zone's pageblock steps
 * @param pcpCount    pages on each CPU's lists (an empty array without per-CPU lists)
 * @param pcpHigh     each CPU's pcp->high (the same length as pcpCount)
 */
public record ImportedZone(ZoneType type, long managedPages, long[] watermarks, long[] lowmemReserve,
                           long[][] freeBlocks, int[] pageblocks, int[] pcpCount, int[] pcpHigh) {
    public ImportedZone {
        if (watermarks.length != Watermark.values().length)
            throw new IllegalArgumentException(type + ": " + watermarks.length + " watermarks, expected " + Watermark.values().length);
        if (freeBlocks.length != MigrateType.COUNT || pageblocks.length != MigrateType.COUNT)
            throw new IllegalArgumentException(type + ": free blocks and pageblocks need one row per migrate type");
        for (long[] row : freeBlocks)
            if (row.length != BuddyAllocator.NR_PAGE_ORDERS) throw new IllegalArgumentException(type + ": a free-block row needs "
                    + BuddyAllocator.NR_PAGE_ORDERS + " orders");
        if (pcpCount.length != pcpHigh.length) throw new IllegalArgumentException(type + ": pcp count and high differ in length");
        if (managedPages < 0) throw new IllegalArgumentException(type + ": managed pages must not be negative");
    }

    /** Free pages on the buddy lists, as the zone's NR_FREE_PAGES counts them. */
    public long freePages() {
        long pages = 0;
        for (long[] row : freeBlocks) for (int o = 0; o < row.length; o++) pages += row[o] << o;
        return pages;
    }

    /** Free blocks of one order over all types, as buddyinfo prints them. */
    public long nrFree(int order) { return Arrays.stream(freeBlocks).mapToLong(row -> row[order]).sum(); }
}
