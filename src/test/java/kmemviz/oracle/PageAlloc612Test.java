package kmemviz.oracle;

import static kmemviz.oracle.PageAlloc612.MOVABLE;
import static kmemviz.oracle.PageAlloc612.RECLAIMABLE;
import static kmemviz.oracle.PageAlloc612.UNMOVABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kmemviz.oracle.PageAlloc612.Config;
import kmemviz.oracle.PageAlloc612.ZoneSpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The oracle checked on its own: the worked example, hand-derived facts of 6.12's rules, and its books
 * balancing over random sequences. It checks the model elsewhere; here it must first be right itself.
 */
class PageAlloc612Test {
    /** machine custom 4MiB dma=1MiB reserved=0: DMA pfns 0x0-0xff, Normal 0x100-0x3ff, all free at boot. */
    static Config fourMiB(boolean pcp, int cpus) {
        return new Config(List.of(
                new ZoneSpec("DMA", 0x0, 0x100, 0x100, List.of(new long[] {0x0, 0x100}), 0x100, 4, 5),
                new ZoneSpec("Normal", 0x100, 0x400, 0x300, List.of(new long[] {0x100, 0x400}), 0x300, 12, 15)),
                9, cpus, pcp, true, 9);
    }

    /** 64 MiB, enough for grouping by mobility (16,384 pages >= 512 * 5): DMA 16 MiB, Normal 48 MiB. */
    static Config sixtyFourMiB(boolean pcp, int cpus) {
        return new Config(List.of(
                new ZoneSpec("DMA", 0x0, 0x1000, 0xf9e, List.of(new long[] {0x1, 0x9f}, new long[] {0x100, 0x1000}), 0xf9e, 20, 24),
                new ZoneSpec("Normal", 0x1000, 0x4000, 0x3000, List.of(new long[] {0x1000, 0x4000}), 0x3000, 60, 72)),
                9, cpus, pcp, true, 9);
    }

    @Test
    void theFirstUnmovablePageOnASmallMachineClaimsTheLargestMovableBlock() {
        PageAlloc612 oracle = new PageAlloc612(fourMiB(false, 1));
        assertThat(oracle.mobilityGroupingDisabled()).isTrue();
        assertThat(oracle.buddyinfo(1)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0);

        assertThat(oracle.alloc(0, UNMOVABLE, 1, 0)).isEqualTo(0x200);
        assertThat(oracle.buddyinfo(1)).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 0);
        assertThat(oracle.pageblockType(0x200)).isEqualTo(UNMOVABLE);
    }

    @Test
    void aLargeEnoughMachineGroupsByMobilityAndMovablePagesComeFromMovableBlocks() {
        PageAlloc612 oracle = new PageAlloc612(sixtyFourMiB(false, 1));
        assertThat(oracle.mobilityGroupingDisabled()).isFalse();
        // Boot freed Normal as twelve order-10 blocks, each to the tail: the head is 0x1000.
        assertThat(oracle.buddyinfo(1)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12);
        assertThat(oracle.alloc(0, MOVABLE, 1, 0)).isEqualTo(0x1000);
        assertThat(oracle.pageblockType(0x1000)).isEqualTo(MOVABLE);
    }

    @Test
    void anUnmovablePageClaimsOnlyOnePageblockOfAnOrder10Block() {
        PageAlloc612 oracle = new PageAlloc612(sixtyFourMiB(false, 1));
        long pfn = oracle.alloc(0, UNMOVABLE, 1, 0);
        // ALLOC_NOFRAGMENT: the claim starts from the largest block (order 10 at 0x1000): both of its pageblocks
        // become Unmovable (change_pageblock_range over the whole block), and the page is its first.
        assertThat(pfn).isEqualTo(0x1000);
        assertThat(oracle.pageblockType(0x1000)).isEqualTo(UNMOVABLE);
        assertThat(oracle.pageblockType(0x1200)).isEqualTo(UNMOVABLE);
        assertThat(oracle.blockCounts(1)).containsExactly(2, 22, 0, 0, 0);
        // The rest of the order-10 block is on the Unmovable lists, one block per order 0..9.
        int[][] byType = oracle.freeByType(1);
        assertThat(byType[UNMOVABLE]).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0);
        assertThat(byType[MOVABLE]).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11);
    }

    @Test
    void theFirstOrder0PageOnACpuComesWithABatchOnItsList() {
        PageAlloc612 oracle = new PageAlloc612(sixtyFourMiB(true, 2));
        long pfn = oracle.alloc(0, MOVABLE, 1, 0);
        int[] pageset = oracle.pageset(1, 0);
        // zone_batchsize(12,288 managed pages) = rounddown_pow_of_two(3 + 1) - 1 = 3; nr_pcp_alloc() takes
        // batch << alloc_factor = 3 pages (high = high_min + batch leaves room), one is returned, two stay.
        assertThat(pageset[2]).isEqualTo(3);
        assertThat(pfn).isEqualTo(0x1000);
        assertThat(pageset[0]).isEqualTo(2);
        assertThat(oracle.pcpList(1, 0, MOVABLE)).containsExactly(0x1001L, 0x1002L);
        assertThat(oracle.freePages(1)).isEqualTo(0x3000 - 3);
        // The next order-0 page on the other CPU takes its own batch.
        assertThat(oracle.alloc(0, MOVABLE, 1, 1)).isEqualTo(0x1003);
    }

    @Test
    void drainingAfterFreeingEverythingGivesBackTheBootState() {
        PageAlloc612 oracle = new PageAlloc612(sixtyFourMiB(true, 2));
        int[] bootNormal = oracle.buddyinfo(1);
        List<long[]> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) held.add(new long[] {oracle.alloc(i % 4, i % 3 == 0 ? UNMOVABLE : MOVABLE, 1, i % 2), i % 4});
        for (long[] h : held) oracle.free(h[0], (int) h[1], 1);
        oracle.drainAllPages();
        assertThat(oracle.buddyinfo(1)).containsExactly(bootNormal);
        assertThat(oracle.freePages(1)).isEqualTo(0x3000);
    }

    /** The books balance after every step: free + per-CPU + held pages = managed, every free block on its block's type. */
    @Property(tries = 60)
    void theBooksBalance(@ForAll @IntRange(min = 1, max = 400) int steps, @ForAll long seed,
                         @ForAll boolean pcp) {
        PageAlloc612 oracle = new PageAlloc612(sixtyFourMiB(pcp, 2));
        Random random = new Random(seed);
        List<long[]> held = new ArrayList<>();
        long heldPages = 0;
        for (int s = 0; s < steps; s++) {
            if (!held.isEmpty() && (random.nextInt(3) == 0 || heldPages > 4000)) {
                long[] h = held.remove(random.nextInt(held.size()));
                oracle.free(h[0], (int) h[1], random.nextInt(2));
                heldPages -= 1L << h[1];
            } else {
                int order = random.nextInt(5) == 0 ? random.nextInt(11) : random.nextInt(4);
                int type = new int[] {UNMOVABLE, MOVABLE, RECLAIMABLE}[random.nextInt(3)];
                long pfn = oracle.alloc(order, type, 1, random.nextInt(2));
                if (pfn < 0) continue;
                assertThat(pfn & ((1L << order) - 1)).as("alignment").isZero();
                held.add(new long[] {pfn, order});
                heldPages += 1L << order;
            }
            long free = oracle.freePages(0) + oracle.freePages(1);
            long onPcp = 0;
            for (int z = 0; z < 2; z++) for (int c = 0; c < 2; c++) onPcp += oracle.pageset(z, c)[0];
            assertThat(free + onPcp + heldPages).isEqualTo(0xf9e + 0x3000);
            for (int z = 0; z < 2; z++) {
                for (int o = 0; o < PageAlloc612.NR_PAGE_ORDERS; o++) {
                    for (int t = 0; t < PageAlloc612.MIGRATE_TYPES; t++) {
                        for (long f : oracle.freeList(z, o, t)) {
                            assertThat(oracle.pageblockType(f)).as("type of the block of free 0x%x", f).isEqualTo(t);
                        }
                    }
                }
            }
        }
    }
}
