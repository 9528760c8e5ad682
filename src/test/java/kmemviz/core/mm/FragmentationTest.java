package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.IntToLongFunction;
import kmemviz.core.mm.Fragmentation.ContigPageInfo;
import org.junit.jupiter.api.Test;

/**
 * The formulas of mm/vmstat.c (6.12.118) against figures worked by hand in the kernel's integer arithmetic:
 * fill_contig_page_info() lines 1072-1102, __fragmentation_index() lines 1111-1133, unusable_free_index() lines
 * 2213-2229. The main case is Normal of {@code machine custom 4MiB dma=1MiB reserved=0} after one order-0
 * allocation: one free block of each order 0..7 and one of order 9, 767 pages in 9 blocks.
 */
class FragmentationTest {
    private static final long[] NORMAL = {1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0};

    private static IntToLongFunction counts(long... nrFree) { return order -> nrFree[order]; }

    private static ContigPageInfo info(int order, long... nrFree) {
        return Fragmentation.fillContigPageInfo(counts(nrFree), order);
    }

    @Test
    void fillContigPageInfoCountsPagesBlocksAndTheBlocksOfTheOrderThatFit() {
        // order 1: suitable = sum over k >= 1 of nr_free[k] << (k - 1) = 1+2+4+8+16+32+64 + 256 = 383
        assertThat(info(1, NORMAL)).isEqualTo(new ContigPageInfo(767, 9, 383));
        // order 9: the order-9 block alone; order 10: nothing fits
        assertThat(info(9, NORMAL)).isEqualTo(new ContigPageInfo(767, 9, 1));
        assertThat(info(10, NORMAL)).isEqualTo(new ContigPageInfo(767, 9, 0));
    }

    @Test
    void unusableFreeIndexIsTheShareOfFreePagesInBlocksTooSmallTruncatedToThousandths() {
        // (767 - (suitable << k)) * 1000 / 767, where the pages below order k are 2^k - 1 for k <= 8, 255 at 9
        // and all 767 at 10: 1000/767 = 1, 3000/767 = 3, 7000/767 = 9, ..., 255000/767 = 332 (332.46).
        int[] expected = {0, 1, 3, 9, 19, 40, 82, 165, 332, 332, 1000};
        for (int order = 0; order < expected.length; order++)
            assertThat(Fragmentation.unusableFreeIndex(order, info(order, NORMAL))).as("order %d", order)
                    .isEqualTo(expected[order]);
    }

    @Test
    void fragmentationIndexIsMinusOneThousandWhileABlockFitsAndTheKernelsFormulaAfter() {
        for (int order = 0; order <= 9; order++)
            assertThat(Fragmentation.fragmentationIndex(order, info(order, NORMAL))).isEqualTo(-1000);
        // order 10: 1000 - (1000 + 767000 / 1024) / 9 = 1000 - (1000 + 749) / 9 = 1000 - 194 = 806
        assertThat(Fragmentation.fragmentationIndex(10, info(10, NORMAL))).isEqualTo(806);
    }

    @Test
    void manySmallBlocksPointToFragmentationFewToALackOfMemory() {
        // 512 order-0 blocks, order 9: 1000 - (1000 + 512000 / 512) / 512 = 1000 - 2000 / 512 = 1000 - 3 = 997
        assertThat(Fragmentation.fragmentationIndex(9, info(9, 512, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).isEqualTo(997);
        // two order-0 blocks, order 3: 1000 - (1000 + 2000 / 8) / 2 = 1000 - 1250 / 2 = 1000 - 625 = 375
        assertThat(Fragmentation.fragmentationIndex(3, info(3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).isEqualTo(375);
    }

    @Test
    void oneBlockOfHalfTheOrderGivesANegativeIndexAsTheKernelReturnsIt() {
        // one order-8 block (DMA of the 4 MiB machine), order 9: 1000 - (1000 + 256000 / 512) / 1 = -500
        long[] dma = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0};
        assertThat(Fragmentation.fragmentationIndex(9, info(9, dma))).isEqualTo(-500);
        // order 10: 1000 - (1000 + 256000 / 1024) = -250
        assertThat(Fragmentation.fragmentationIndex(10, info(10, dma))).isEqualTo(-250);
    }

    @Test
    void aZoneWithNothingFreeIsAllUnusableAndHasIndexZero() {
        ContigPageInfo none = info(4, new long[BuddyAllocator.NR_PAGE_ORDERS]);
        assertThat(Fragmentation.unusableFreeIndex(4, none)).isEqualTo(1000);
        assertThat(Fragmentation.fragmentationIndex(4, none)).isZero();
    }

    @Test
    void anOrderAboveMaxPageOrderIsRefusedNamingIt() {
        assertThatThrownBy(() -> info(11, NORMAL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order must be 0..10, was 11");
        assertThatThrownBy(() -> Fragmentation.fragmentationIndex(-1, new ContigPageInfo(1, 1, 0)))
                .hasMessageContaining("was -1");
        assertThatThrownBy(() -> new ContigPageInfo(-1, 0, 0)).hasMessageContaining("free_pages -1");
    }
}
