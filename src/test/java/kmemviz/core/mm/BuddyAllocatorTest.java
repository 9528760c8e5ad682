package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kmemviz.core.report.BuddyinfoReport;
import org.junit.jupiter.api.Test;

class BuddyAllocatorTest {
    static final long MIB = Profiles.MIB;

    /** The reference's worked example B: 4 MiB, 1 MiB of DMA, nothing reserved, as the textbook buddy allocator. */
    static PhysicalMemory tiny() {
        return new PhysicalMemory(Profiles.custom(4 * MIB, Map.of("dma", MIB), true).textbookBuddy());
    }

    static Zone zone(PhysicalMemory mem, ZoneType type) {
        return mem.zones().stream().filter(z -> z.type() == type).findFirst().orElseThrow();
    }

    static Allocation alloc(PhysicalMemory mem, int gfp, int order) {
        return mem.allocBlock(Api.ALLOC_PAGES, "alloc_pages", gfp, order, Owner.PAGES, ExecContext.PROCESS, "", null, 4096L << order);
    }

    @Test
    void bootHandsOverAlignedBlocksPerZone() {
        PhysicalMemory mem = tiny();
        assertThat(BuddyinfoReport.render(mem)).isEqualTo(
                "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      0      0 \n"
              + "Node 0, zone   Normal      0      0      0      0      0      0      0      0      1      1      0 \n");
        assertThat(zone(mem, ZoneType.NORMAL).freeListHead(8, MigrateType.MOVABLE)).isEqualTo(256);
        assertThat(zone(mem, ZoneType.NORMAL).freeListHead(9, MigrateType.MOVABLE)).isEqualTo(512);
        assertThat(mem.invariants().check()).isEmpty();
    }

    @Test
    void oneOrderZeroAllocationSplitsTheSmallestBlockDownToOrderZero() {
        PhysicalMemory mem = tiny();
        Allocation a = alloc(mem, Gfp.KERNEL, 0);
        assertThat(a.pfn()).isEqualTo(256);
        assertThat(BuddyinfoReport.line(zone(mem, ZoneType.NORMAL)))
                .isEqualTo("Node 0, zone   Normal      1      1      1      1      1      1      1      1      0      1      0 ");
        assertThat(mem.invariants().check()).isEmpty();
    }

    @Test
    void expandPutsEachUpperHalfAtTheHeadOfItsList() {
        PhysicalMemory mem = tiny();
        List<Integer> splits = new ArrayList<>();
        mem.setListener(new MmListener() {
            @Override public void blockSplit(ZoneType zone, int pfn, int order) { splits.add(pfn); }
        });
        alloc(mem, Gfp.KERNEL, 5);           // the order-8 block at 256: halves at 384, 320, 288
        assertThat(splits).containsExactly(384, 320, 288);
        Allocation second = alloc(mem, Gfp.KERNEL, 5);
        assertThat(second.pfn()).isEqualTo(288);   // the head of the order-5 list
    }

    @Test
    void theBlockTakenOffItsListIsReportedBeforeItIsSplit() {
        PhysicalMemory mem = tiny();
        List<String> seen = new ArrayList<>();
        mem.setListener(new MmListener() {
            @Override public void blockTaken(ZoneType zone, int pfn, int order) { seen.add("taken " + pfn + "/" + order); }
            @Override public void blockSplit(ZoneType zone, int pfn, int order) { seen.add("split " + pfn + "/" + order); }
        });
        alloc(mem, Gfp.KERNEL, 7);
        assertThat(seen).containsExactly("taken 256/8", "split 384/7");
    }

    @Test
    void getOrderRoundsUpToWholeBlocks() {
        assertThat(BuddyAllocator.getOrder(1)).isZero();
        assertThat(BuddyAllocator.getOrder(4096)).isZero();
        assertThat(BuddyAllocator.getOrder(4097)).isEqualTo(1);
        assertThat(BuddyAllocator.getOrder(24 * 1024)).isEqualTo(3);
        assertThat(BuddyAllocator.getOrder(4L << 20)).isEqualTo(10);
        assertThat(BuddyAllocator.getOrder((4L << 20) + 1)).isEqualTo(11);
        assertThat(BuddyAllocator.getOrder(Long.MAX_VALUE)).isEqualTo(51);       // fls64((2^63 - 2) >> 12): no overflow
        assertThatThrownBy(() -> BuddyAllocator.getOrder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freeingBothBuddiesMergesThemBackIntoTheBootBlock() {
        PhysicalMemory mem = tiny();
        String before = BuddyinfoReport.render(mem);
        Allocation a = alloc(mem, Gfp.KERNEL, 0), b = alloc(mem, Gfp.KERNEL, 0);
        assertThat(b.pfn()).isEqualTo(257);
        mem.freeBlock(a);
        mem.freeBlock(b);
        assertThat(BuddyinfoReport.render(mem)).isEqualTo(before);
        assertThat(mem.invariants().check()).isEmpty();
    }

    @Test
    void aBlockWhoseParentsBuddyIsFreeGoesToTheTailOfItsList() {
        PhysicalMemory mem = tiny();
        // Take 256..263 as eight order-0 pages, then free 258 and 259: they merge to order 1 at 258,
        // whose parent (256, order 2) has its buddy 260 busy, so the block goes to the head.
        List<Allocation> pages = new ArrayList<>();
        for (int i = 0; i < 8; i++) pages.add(alloc(mem, Gfp.KERNEL, 0));
        Zone normal = zone(mem, ZoneType.NORMAL);
        List<Boolean> tails = new ArrayList<>();
        mem.setListener(new MmListener() {
            @Override public void blockQueued(ZoneType z, int pfn, int order, boolean tail) { tails.add(tail); }
        });
        mem.freeBlock(pages.get(2));
        mem.freeBlock(pages.get(3));
        assertThat(tails).containsExactly(false, false);
        assertThat(normal.freeListHead(1, MigrateType.MOVABLE)).isEqualTo(258);
        mem.freeBlock(pages.get(4));
        mem.freeBlock(pages.get(5));
        mem.freeBlock(pages.get(6));
        mem.freeBlock(pages.get(7));
        // 260 at order 2: its parent (256, order 3) has buddy 264, a free order-3 block from the boot split,
        // so buddy_merge_likely() sends it to the tail.
        assertThat(tails.get(tails.size() - 1)).isTrue();
        assertThat(mem.invariants().check()).isEmpty();
    }

    @Test
    void gfpDmaTakesFromTheDmaZoneAndGfpKernelFallsBackToItOnlyAboveTheReserve() {
        PhysicalMemory mem = tiny();
        Allocation dma = alloc(mem, Gfp.KERNEL | Gfp.DMA, 0);
        assertThat(mem.zoneOf(dma.pfn()).type()).isEqualTo(ZoneType.DMA);
        assertThat(zone(mem, ZoneType.DMA).lowmemReserves()).containsExactly(0, 0, 3, 3, 3);
    }

    @Test
    void watermarksOfTheTinyMachineMatchTheWorkedExample() {
        PhysicalMemory mem = tiny();
        Zone dma = zone(mem, ZoneType.DMA), normal = zone(mem, ZoneType.NORMAL);
        assertThat(mem.minFreeKbytes()).isEqualTo(256);
        assertThat(List.of(dma.watermark(Watermark.MIN), dma.watermark(Watermark.LOW), dma.watermark(Watermark.HIGH),
                dma.watermark(Watermark.PROMO))).containsExactly(16L, 20L, 24L, 28L);
        assertThat(List.of(normal.watermark(Watermark.MIN), normal.watermark(Watermark.LOW),
                normal.watermark(Watermark.HIGH))).containsExactly(48L, 60L, 72L);
    }
}
