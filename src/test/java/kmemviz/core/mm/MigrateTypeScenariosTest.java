package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kmemviz.core.report.BuddyinfoReport;
import org.junit.jupiter.api.Test;

/**
 * The rare paths of 6.12.118's fallback and free code, each reached on purpose on a hand-built machine and checked
 * against the oracle at every step (the pfns are the oracle's; the assertions here only make sure that the path in
 * the test's name was taken).
 *
 * <p>The machine: {@code machine custom 12MiB dma=1MiB reserved=1MiB pcp=off}. DMA is all reserved (managed 0), so
 * every request is served from Normal, pfns 256-3071: at boot an order-8 block at 256, an order-9 at 512 and
 * order-10 blocks at 1024 and 2048, all Movable; 3,072 present pages group by mobility (2,560 needed).
 */
class MigrateTypeScenariosTest {
    static final long MIB = Profiles.MIB;

    private static OracleTwin twelveMiB() {
        Profile p = Profiles.custom(12 * MIB, Map.of("dma", MIB, "reserved", MIB), true).withAllocator(false, true, 2);
        OracleTwin twin = new OracleTwin(p);
        assertThat(twin.mem.buddy().mobilityGroupingDisabled()).isFalse();
        return twin;
    }

    private static int alloc(OracleTwin twin, int gfp, int order) {
        int pfn = twin.alloc(gfp, order, "alloc_pages(" + Gfp.format(gfp) + ", " + order + ")");
        twin.compare("after alloc_pages(" + Gfp.format(gfp) + ", " + order + ") = " + pfn);
        return pfn;
    }

    private static void free(OracleTwin twin, int pfn, int order) {
        twin.free(pfn, order);
        twin.compare("after __free_pages(" + pfn + ", " + order + ")");
    }

    /**
     * Leaves pageblock 1024 Unmovable with fewer than half its pages free and no free Movable page at all: the
     * first unmovable page claims the order-10 block at 1024 (both its pageblocks), the Movable memory is taken
     * whole, then the second Unmovable pageblock and half of the first.
     */
    private static int[] unmovableBlockAlmostFull(OracleTwin twin) {
        int first = alloc(twin, Gfp.KERNEL, 0);
        assertThat(twin.mem.buddy().pageblockType(first)).isEqualTo(MigrateType.UNMOVABLE);
        assertThat(twin.mem.buddy().pageblockType(first + 512)).isEqualTo(MigrateType.UNMOVABLE);
        alloc(twin, Gfp.HIGHUSER_MOVABLE, 9);
        alloc(twin, Gfp.HIGHUSER_MOVABLE, 9);
        alloc(twin, Gfp.HIGHUSER_MOVABLE, 9);
        alloc(twin, Gfp.HIGHUSER_MOVABLE, 8);
        for (MigrateType t : new MigrateType[] {MigrateType.MOVABLE, MigrateType.RECLAIMABLE})
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) assertThat(twin.mem.buddy().nrFree(twin.populated.get(1), o, t)).isZero();
        alloc(twin, Gfp.KERNEL, 9);
        int half = alloc(twin, Gfp.KERNEL, 8);
        return new int[] {first, half};
    }

    @Test
    void aMovablePageStealsOneBlockFromAnUnmovablePageblockWithoutClaimingIt() {
        OracleTwin twin = twelveMiB();
        int[] held = unmovableBlockAlmostFull(twin);
        // 255 pages of pageblock 1024 are free, fewer than half: __rmqueue_claim() gives up for orders 7 to 4,
        // can_steal_fallback() stops it at order 3, and __rmqueue_steal() takes the smallest Unmovable block.
        int pfn = alloc(twin, Gfp.HIGHUSER_MOVABLE, 0);
        assertThat(pfn >> 9).isEqualTo(held[0] >> 9);
        assertThat(twin.mem.buddy().pageblockType(pfn)).isEqualTo(MigrateType.UNMOVABLE);
        // try_to_steal_block() boosted the watermarks below a pageblock, claim or not: the oracle's boost agrees.
        assertThat(twin.populated.get(1).watermarkBoost()).isPositive();
        twin.compareLists("after the steal");
    }

    @Test
    void aPageblockWithExactlyHalfItsPagesFreeIsClaimed() {
        OracleTwin twin = twelveMiB();
        int[] held = unmovableBlockAlmostFull(twin);
        free(twin, held[0], 0);                     // now exactly 256 of the pageblock's 512 pages are free
        int pfn = alloc(twin, Gfp.HIGHUSER_MOVABLE, 0);
        assertThat(pfn >> 9).isEqualTo(held[0] >> 9);
        assertThat(twin.mem.buddy().pageblockType(pfn)).isEqualTo(MigrateType.MOVABLE);
        twin.compareLists("after the claim");
    }

    /**
     * prep_move_freepages_block() counts pages on the LRU as movable: a user page stolen into the Unmovable pageblock
     * (255 free + 1 movable, short of half) and one kernel page freed there make 255 free + 1 movable = 256, so the
     * next user page claims the pageblock for Movable; counting free pages alone (255) would not.
     */
    @Test
    void userPagesInAPageblockCountTowardsAMovableClaim() {
        OracleTwin twin = twelveMiB();
        int[] held = unmovableBlockAlmostFull(twin);
        int stolen = twin.alloc(Gfp.HIGHUSER_MOVABLE, 0, Owner.USER, "a user page stolen");
        twin.compare("after the steal");
        assertThat(stolen >> 9).isEqualTo(held[0] >> 9);
        assertThat(twin.mem.buddy().pageblockType(stolen)).isEqualTo(MigrateType.UNMOVABLE);
        free(twin, held[0], 0);
        // The steals boosted Normal's marks above its free pages; kswapd, which the boost woke, ends balance_pgdat()
        // by taking the boost off. Neither twin runs kswapd, so both take it off here, before the next request.
        Zone normal = twin.populated.get(1);
        normal.watermarkBoost = 0;
        twin.oracle.clearWatermarkBoost(1);
        assertThat(normal.freePages()).isGreaterThan(normal.watermark(Watermark.HIGH));
        int claimed = twin.alloc(Gfp.HIGHUSER_MOVABLE, 0, Owner.USER, "a user page that claims");
        twin.compare("after the claim");
        assertThat(claimed >> 9).isEqualTo(held[0] >> 9);
        assertThat(twin.mem.buddy().pageblockType(claimed)).isEqualTo(MigrateType.MOVABLE);
        twin.compareLists("after the claim");
    }

    @Test
    void aFreeMergesAcrossPageblocksOfDifferentTypesAndTheBuddyTakesTheFreedType() {
        OracleTwin twin = twelveMiB();
        alloc(twin, Gfp.KERNEL, 0);                         // claims pageblocks 1024 and 1536
        alloc(twin, Gfp.HIGHUSER_MOVABLE, 9);               // 512
        int movable = alloc(twin, Gfp.HIGHUSER_MOVABLE, 9); // splits the order-10 block at 2048
        alloc(twin, Gfp.KERNEL, 9);                         // the Unmovable pageblock 1536
        int unmovable = alloc(twin, Gfp.KERNEL, 9);         // claims the Movable order-9 buddy of `movable`
        assertThat(unmovable).isEqualTo(movable ^ 512);
        assertThat(twin.mem.buddy().pageblockType(unmovable)).isEqualTo(MigrateType.UNMOVABLE);
        assertThat(twin.mem.buddy().pageblockType(movable)).isEqualTo(MigrateType.MOVABLE);
        free(twin, movable, 9);
        free(twin, unmovable, 9);
        // Both are mergeable types: one order-10 block, and the Movable buddy's pageblock became Unmovable.
        assertThat(twin.mem.frames().headOrder(movable & unmovable)).isEqualTo(10);
        assertThat(twin.mem.buddy().pageblockType(movable)).isEqualTo(MigrateType.UNMOVABLE);
        twin.compareLists("after the merge");
    }

    /** The example: the first unmovable page on a machine too small to group claims the order-9 block. */
    @Test
    void onASmallMachineTheFirstUnmovablePageSplitsTheLargestMovableBlock() {
        OracleTwin twin = new OracleTwin(Profiles.custom(4 * MIB, Map.of("dma", MIB), true).withAllocator(false, true, 4));
        assertThat(twin.mem.buddy().mobilityGroupingDisabled()).isTrue();
        alloc(twin, Gfp.KERNEL, 0);
        assertThat(BuddyinfoReport.line(twin.populated.get(1)))
                .isEqualTo("Node 0, zone   Normal      1      1      1      1      1      1      1      1      2      0      0 ");
        PhysicalMemory textbook = new PhysicalMemory(Profiles.custom(4 * MIB, Map.of("dma", MIB), true).textbookBuddy());
        textbook.allocPages(Gfp.KERNEL, 0, Owner.PAGES, ExecContext.PROCESS);
        assertThat(BuddyinfoReport.line(textbook.zones().get(2)))
                .isEqualTo("Node 0, zone   Normal      1      1      1      1      1      1      1      1      0      1      0 ");
    }

    /**
     * free_unref_page_commit() past nr_pcp_high(): freeing page after page on one CPU fills its list until
     * count >= high, and free_pcppages_bulk() gives nr_pcp_free() pages back from the list's tail. 64 MiB with
     * 48 MiB of Normal: batch 3, high_min the low watermark, high_max 1,536.
     */
    @Test
    void freeingPageAfterPageDrainsTheListWhenItsCountReachesHigh() {
        OracleTwin twin = new OracleTwin(Profiles.custom(64 * MIB, Map.of("dma", 16 * MIB), true).withAllocator(true, true, 1));
        Zone normal = twin.populated.get(1);
        java.util.List<Integer> held = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) held.add(alloc(twin, Gfp.KERNEL, 0));   // more than high_max
        int drains = 0;
        for (int pfn : held) {
            int before = normal.pcpCount(0);
            free(twin, pfn, 0);
            if (normal.pcpCount(0) < before + 1) drains++;
        }
        assertThat(drains).as("frees that drained the list").isPositive();
        twin.compareLists("after the frees");
        twin.drain();
        twin.compare("after drain");
        assertThat(normal.pcpCount(0)).isZero();
    }

    /**
     * The other drain of free_unref_page_commit(): frees of order 1 to 3 in a row (PCPF_PREV_FREE_HIGH_ORDER set by
     * the one before) once free_count and count reach batch (PCPF_FREE_HIGH_BATCH) are free_high: nr_pcp_high()
     * returns 0 and lowers high by batch << 5, nr_pcp_free() gives back everything up to batch << 5.
     */
    @Test
    void consecutiveOrder1FreesDrainTheWholeListAsFreeHigh() {
        OracleTwin twin = new OracleTwin(Profiles.custom(64 * MIB, Map.of("dma", 16 * MIB), true).withAllocator(true, true, 1));
        Zone normal = twin.populated.get(1);
        java.util.List<Integer> held = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) held.add(alloc(twin, Gfp.KERNEL, 1));
        int emptied = 0;
        for (int pfn : held) {
            int before = normal.pcpCount(0);
            free(twin, pfn, 1);
            if (before > 0 && normal.pcpCount(0) == 0) emptied++;
        }
        assertThat(emptied).as("frees that emptied the lists at once").isPositive();
        twin.compareLists("after the frees");
    }
}
