package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kmemviz.oracle.PageAlloc612;
import org.junit.jupiter.api.Test;

/**
 * A HighAtomic reserve and its release checked pfn for pfn against the oracle's own reading of
 * reserve_highatomic_pageblock() and unreserve_highatomic_pageblock() (mm/page_alloc.c of 6.12.118).
 * HighAtomicScenariosTest shows that the model's slow path reaches both; here the model's result is compared with
 * the oracle's: the block returned, every free list head to tail, pagetypeinfo's figures and nr_reserved_highatomic.
 *
 * <p>The machine: {@code machine custom 256MiB dma=1MiB reserved=1MiB pcp=off}: DMA is all reserved, Normal manages
 * 65,280 pages, so 1% (652) is more than a pageblock and the reserve may grow to ALIGN(652, 512) = 1,024 pages.
 * Unmovable pages fill Normal down to exactly its low mark, each in the fast path (the zone stays above low before
 * each request); then a GFP_ATOMIC order-2 request fails the fast path's low mark and is served by the slow path's
 * first get_page_from_freelist() with ALLOC_HIGHATOMIC, above the min mark that GFP_ATOMIC lowers. Nothing of the
 * fill is movable or reclaimable, so kswapd and kcompactd, if woken, change nothing.
 */
class HighAtomicOracleTest {
    private final OracleTwin twin = new OracleTwin(Profiles.custom(256 * Profiles.MIB,
            Map.of("dma", Profiles.MIB, "reserved", Profiles.MIB), true).withAllocator(false, true, 1));
    private final Zone normal = twin.populated.get(twin.populated.size() - 1);

    /** GFP_KERNEL blocks, largest first, each leaving at least the low mark free: ends with free == low. */
    private void fillToTheLowMark() {
        long low = normal.watermark(Watermark.LOW);
        for (int order = BuddyAllocator.MAX_PAGE_ORDER; order >= 0; order--) {
            while (normal.freePages() - (1L << order) >= low) {
                int pfn = twin.alloc(Gfp.KERNEL, order, "fill order " + order);
                assertThat(pfn).as("fill order %d", order).isNotEqualTo(FrameTable.NO_PFN);
            }
        }
        twin.compare("filled");
        assertThat(normal.freePages()).isEqualTo(low);
    }

    private int atomicOrder2() {
        int pfn = twin.mem.allocPages(Gfp.ATOMIC, 2, Owner.PAGES, ExecContext.PROCESS);
        long expected = twin.oracle.allocHighatomic(2, OracleTwin.oracleMigratetype(Gfp.ATOMIC), twin.oracleIndex(normal), 0);
        assertThat((long) pfn).as("the GFP_ATOMIC order-2 block").isEqualTo(expected);
        return pfn;
    }

    @Test
    void aHighOrderAtomicRequestReservesItsPageblockAsTheOracleDoes() {
        fillToTheLowMark();
        int pfn = atomicOrder2();
        twin.compare("after the reserve");
        twin.compareLists("after the reserve");
        assertThat(twin.mem.buddy().pageblockType(pfn)).isEqualTo(MigrateType.HIGHATOMIC);
        assertThat(normal.nrReservedHighatomic()).isEqualTo(512);
    }

    @Test
    void releasingTheReserveGivesThePageblockAndItsFreeBlocksToTheRequestsType() {
        fillToTheLowMark();
        int pfn = atomicOrder2();
        twin.free(pfn, 2);                              // back to the HighAtomic list: its pageblock's type
        twin.compare("after freeing the atomic block");
        assertThat(twin.mem.buddy().nrFree(normal, 2, MigrateType.HIGHATOMIC)).isPositive();
        // Without force a zone keeps its last reserved pageblock: nothing happens.
        assertThat(twin.mem.buddy().unreserveHighatomicPageblock(normal.index(), Pageblocks.MOVABLE, false)).isNull();
        assertThat(twin.oracle.unreserveHighatomic(PageAlloc612.MOVABLE, twin.oracleIndex(normal), false)).isFalse();
        // With force (should_reclaim_retry() before the OOM killer), for a movable request.
        assertThat(twin.mem.buddy().unreserveHighatomicPageblock(normal.index(), Pageblocks.MOVABLE, true)).isNotNull();
        assertThat(twin.oracle.unreserveHighatomic(PageAlloc612.MOVABLE, twin.oracleIndex(normal), true)).isTrue();
        twin.compare("after the release");
        twin.compareLists("after the release");
        assertThat(twin.mem.buddy().pageblockType(pfn)).isEqualTo(MigrateType.MOVABLE);
        assertThat(normal.nrReservedHighatomic()).isZero();
    }
}
