package kmemviz.core.mm;

import java.util.List;

/**
 * Computes min_free_kbytes, the per-zone watermarks and lowmem_reserve at boot, as
 * init_per_zone_wmark_min() does (mm/page_alloc.c), followed by khugepaged's raise for THP
 * (set_recommended_min_free_kbytes(), mm/khugepaged.c).
 */
final class Watermarks {
    static final int WATERMARK_SCALE_FACTOR = 10;
    /** vm.watermark_boost_factor's default (mm/page_alloc.c:302): a boost of at most 150% of the high mark. */
    static final int WATERMARK_BOOST_FACTOR = 15000;
    /** sysctl_lowmem_reserve_ratio defaults by zone type: DMA 256, DMA32 256, Normal 32, others 0. */
    static long lowmemReserveRatio(ZoneType t) {
        return switch (t) {
            case DMA, DMA32 -> 256;
            case NORMAL -> 32;
            default -> 0;
        };
    }

    private static final int MIGRATE_PCPTYPES = 3;

    private Watermarks() {}

    /** Returns min_free_kbytes after setting every zone's watermarks and reserves. */
    static long setup(List<Zone> zones, Profile profile) {
        long minFreeKbytes = calculateMinFreeKbytes(zones);
        setupPerZoneWmarks(zones, minFreeKbytes);
        setupPerZoneLowmemReserve(zones);
        if (profile.thp()) {
            long raised = recommendedMinFreeKbytes(zones, profile);
            if (raised > minFreeKbytes) {
                minFreeKbytes = raised;
                setupPerZoneWmarks(zones, minFreeKbytes);
            }
        }
        return minFreeKbytes;
    }

    /** calculate_min_free_kbytes(): sqrt(lowmem_kbytes * 16), clamped to [128, 262144]. */
    private static long calculateMinFreeKbytes(List<Zone> zones) {
        long lowmemKbytes = nrFreeBufferPages(zones) * 4;
        long value = (long) Math.floor(Math.sqrt((double) (lowmemKbytes * 16)));
        while (value * value > lowmemKbytes * 16) value--;          // int_sqrt() floors exactly
        while ((value + 1) * (value + 1) <= lowmemKbytes * 16) value++;
        return Math.max(128, Math.min(262144, value));
    }

    /** nr_free_buffer_pages(): managed minus the high mark, over the zones GFP_USER may use (up to Normal). */
    private static long nrFreeBufferPages(List<Zone> zones) {
        long sum = 0;
        for (Zone z : zones) {
            if (z.type().ordinal() > ZoneType.NORMAL.ordinal()) continue;
            sum += Math.max(0, z.managedPages - z.watermark[Watermark.HIGH.ordinal()]);
        }
        return sum;
    }

    /** __setup_per_zone_wmarks(). */
    private static void setupPerZoneWmarks(List<Zone> zones, long minFreeKbytes) {
        long pagesMin = minFreeKbytes >> (Profile.PAGE_SHIFT - 10);
        long lowmemPages = 0;
        for (Zone z : zones) if (!isHighOrMovable(z)) lowmemPages += z.managedPages;
        for (Zone z : zones) {
            long tmp = lowmemPages == 0 ? 0 : pagesMin * z.managedPages / lowmemPages;
            long min = isHighOrMovable(z) ? Math.max(32, Math.min(128, z.managedPages / 1024)) : tmp;
            long delta = Math.max(tmp >> 2, multFrac(z.managedPages, WATERMARK_SCALE_FACTOR, 10000));
            z.watermark[Watermark.MIN.ordinal()] = min;
            z.watermark[Watermark.LOW.ordinal()] = min + delta;
            z.watermark[Watermark.HIGH.ordinal()] = min + 2 * delta;
            z.watermark[Watermark.PROMO.ordinal()] = min + 3 * delta;
        }
    }

    private static boolean isHighOrMovable(Zone z) {
        return z.type() == ZoneType.HIGHMEM || z.type() == ZoneType.MOVABLE;
    }

    private static long multFrac(long x, long n, long d) { return (x / d) * n + ((x % d) * n) / d; }

    /**
     * setup_per_zone_lowmem_reserve(), with the 6.12.19 rule (the "empty upper zone" test of 6.12.0 was reverted):
     * zone i keeps back, from allocations that could have used zone j &gt; i, the managed pages of zones i+1..j
     * divided by zone i's ratio.
     */
    private static void setupPerZoneLowmemReserve(List<Zone> zones) {
        for (int i = 0; i < zones.size(); i++) {
            Zone z = zones.get(i);
            long ratio = lowmemReserveRatio(z.type());
            boolean clear = ratio == 0 || z.managedPages == 0;
            long sum = 0;
            for (int j = i + 1; j < zones.size(); j++) {
                sum += zones.get(j).managedPages;
                z.lowmemReserve[j] = clear ? 0 : sum / ratio;
            }
        }
    }

    /** set_recommended_min_free_kbytes(): two pageblocks per zone plus 3x3 for fragmentation avoidance, at most 5% of lowmem. */
    private static long recommendedMinFreeKbytes(List<Zone> zones, Profile profile) {
        long pageblockPages = pageblockNrPages(profile);
        long nrZones = zones.stream()
                .filter(z -> z.isPopulated() && z.type().ordinal() <= ZoneType.NORMAL.ordinal()).count();
        long recommended = pageblockPages * nrZones * 2 + pageblockPages * nrZones * MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
        recommended = Math.min(recommended, nrFreeBufferPages(zones) / 20);
        return recommended << (Profile.PAGE_SHIFT - 10);
    }

    /**
     * boost_watermark() (mm/page_alloc.c:1903-1945): raises the zone's watermark_boost by a pageblock, up to
     * watermark_boost_factor of the high mark but at least a pageblock. Skipped, returning false, in a zone of fewer
     * than four pageblocks (a boost there could cause an OOM at once) and while the high mark is still 0. The
     * kdump-kernel test never applies: the model is no capture kernel.
     */
    static boolean boostWatermark(Zone zone, long pageblockNrPages) {
        if (pageblockNrPages * 4 > zone.managedPages) return false;
        long maxBoost = multFrac(zone.watermark[Watermark.HIGH.ordinal()], WATERMARK_BOOST_FACTOR, 10000);
        if (maxBoost == 0) return false;
        maxBoost = Math.max(pageblockNrPages, maxBoost);
        zone.watermarkBoost = Math.min(zone.watermarkBoost + pageblockNrPages, maxBoost);
        return true;
    }

    /** pageblock_order is the PMD huge-page order: 2 MiB on x86_64, 4 MiB on i386 without PAE. */
    static long pageblockNrPages(Profile profile) {
        return profile.bits() == 64 ? 512 : 1024;
    }
}
