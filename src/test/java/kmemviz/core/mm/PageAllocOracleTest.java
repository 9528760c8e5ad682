package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The model against the independent reading of 6.12.118 in {@code kmemviz.oracle.PageAlloc612}: random machines
 * (64-bit with DMA32 or 32-bit with HighMem, zone boundaries off the pageblock grid, memory reserved at pfn 0,
 * 1 to 4 CPUs, per-CPU lists on and off, migrate types on and off) and random sequences of alloc_pages() of orders 0 to 10 with
 * GFP_KERNEL, GFP_HIGHUSER_MOVABLE (half of it user memory, on the LRU) or GFP_KERNEL | __GFP_RECLAIMABLE,
 * optionally __GFP_DMA or __GFP_DMA32,
 * __free_pages(), {@code cpu K} and {@code drain}, where no watermark decides. After every step: the pfn,
 * buddyinfo, free blocks per type and order, pageblocks per type, each CPU's pageset, the HighAtomic reserve and
 * the watermark boost; every 25 steps and at the end, every free list and every per-CPU list, head to tail.
 */
class PageAllocOracleTest {
    static final long KIB = Profiles.KIB, MIB = Profiles.MIB;
    private static final int[] GFPS = {Gfp.KERNEL, Gfp.HIGHUSER_MOVABLE, Gfp.KERNEL | Gfp.RECLAIMABLE};

    static Profile machine(int sizeMib, int dmaKib, int dma32Mib, boolean highmem, int reservedPages, int cpus, boolean pcp,
                           boolean migratetypes) {
        Map<String, Long> options = new HashMap<>();
        options.put("dma", dmaKib * KIB);
        if (highmem) options.put("highmem", (long) sizeMib / 4 * MIB);
        else if (dma32Mib > 0) options.put("dma32", dma32Mib * MIB);
        options.put("reserved", reservedPages * 4 * KIB);
        return Profiles.custom(sizeMib * MIB, options, true).withAllocator(pcp, migratetypes, cpus);
    }

    @Property(tries = 80)
    void theModelPlacesEveryPageWhere612Does(@ForAll @IntRange(min = 4, max = 96) int sizeMib,
                                              @ForAll @IntRange(min = 1, max = 250) int dmaPages4k,
                                              @ForAll @IntRange(min = 0, max = 3) int dma32Quarters,
                                              @ForAll boolean highmem, @ForAll @IntRange(min = 0, max = 40) int reserved,
                                              @ForAll @IntRange(min = 1, max = 4) int cpus, @ForAll boolean pcp,
                                              @ForAll boolean migratetypes, @ForAll @IntRange(min = 1, max = 300) int steps, @ForAll long seed) {
        int dmaKib = dmaPages4k * 4 * 4;             // up to 4000 KiB, rarely on a pageblock boundary
        int dma32Mib = sizeMib / 4 * dma32Quarters / 2;
        Assume.that(dmaKib < sizeMib * 1024L / 4);
        OracleTwin twin = new OracleTwin(machine(sizeMib, dmaKib, dma32Mib, highmem && sizeMib >= 8, reserved, cpus, pcp, migratetypes));
        assertThat(twin.sameGrouping()).as("grouping by mobility, decided from present pages by both").isTrue();
        run(twin, steps, new Random(seed), cpus);
    }

    /** The random walk: mostly small orders, a few large ones; frees when a watermark would decide. */
    static void run(OracleTwin twin, int steps, Random random, int cpus) {
        twin.compare("boot");
        twin.compareLists("boot");
        List<int[]> held = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            int what = random.nextInt(20);
            String step;
            if (what == 0 && cpus > 1) {
                int k = random.nextInt(cpus);
                twin.setCpu(k);
                step = "step " + s + " cpu " + k;
            } else if (what == 1) {
                twin.drain();
                step = "step " + s + " drain";
            } else {
                int order = random.nextInt(6) == 0 ? random.nextInt(11) : random.nextInt(4);
                int gfp = GFPS[random.nextInt(GFPS.length)];
                int zone = random.nextInt(8);
                if (zone == 0) gfp |= Gfp.DMA;
                else if (zone == 1) gfp |= Gfp.DMA32;
                if (zone < 2) gfp &= ~Gfp.HIGHMEM;          // __GFP_HIGHMEM with __GFP_DMA(32) is a bad zone mask
                boolean free = !held.isEmpty() && (what < 8 || !twin.noWatermarkDecides(gfp, order));
                if (free) {
                    int[] h = held.remove(random.nextInt(held.size()));
                    twin.free(h[0], h[1]);
                    step = "step " + s + " __free_pages(" + h[0] + ", " + h[1] + ")";
                } else if (twin.noWatermarkDecides(gfp, order)) {
                    // Half the movable requests are user memory, on the LRU: movable pages when a fallback weighs a pageblock.
                    Owner owner = (gfp & Gfp.MOVABLE) != 0 && random.nextBoolean() ? Owner.USER : Owner.PAGES;
                    step = "step " + s + " alloc_pages(" + Gfp.format(gfp) + ", " + order + ") for " + owner;
                    int pfn = twin.alloc(gfp, order, owner, step);
                    if (pfn != FrameTable.NO_PFN) held.add(new int[] {pfn, order});
                } else {
                    continue;
                }
            }
            twin.compare(step);
            if (s % 25 == 24) twin.compareLists(step);
        }
        twin.compareLists("the end");
        for (int[] h : held) twin.free(h[0], h[1]);
        twin.drain();
        twin.compare("all freed and drained");
        assertThat(twin.mem.invariants().check()).isEmpty();
    }
}
