package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Random pressure with migrate types on, per-CPU lists on or off and 1 to 4 CPUs, on machines big enough for a
 * HighAtomic reserve (1% of Normal is at least a pageblock): high-order GFP_ATOMIC requests among GFP_KERNEL,
 * GFP_HIGHUSER_MOVABLE, reclaimable and GFP_NOWAIT ones, user processes that push the zone below its watermarks
 * (and get OOM-killed), page cache for reclaim, frees, {@code cpu K}, {@code drain} and kswapd. After every step the
 * invariant checker (free counts, each free block on its pageblock's type list, nr_free_highatomic and
 * nr_reserved_highatomic against the HighAtomic lists and pageblocks, per-CPU pages neither free in the buddy lists
 * nor allocated) and the reserve's limit, ALIGN(managed / 100, pageblock_nr_pages) (mm/page_alloc.c:2083).
 */
class HighAtomicPropertiesTest {
    static final long MIB = Profiles.MIB;
    private static final int[] GFPS = {Gfp.ATOMIC, Gfp.ATOMIC, Gfp.KERNEL, Gfp.HIGHUSER_MOVABLE, Gfp.KERNEL | Gfp.RECLAIMABLE,
        Gfp.NOWAIT, Gfp.ATOMIC | Gfp.NOWARN};

    @Property(tries = 40)
    void invariantsHoldAndTheReserveStaysWithinItsLimit(@ForAll @IntRange(min = 200, max = 320) int sizeMib,
                                                       @ForAll boolean pcp, @ForAll @IntRange(min = 1, max = 4) int cpus,
                                                       @ForAll @IntRange(min = 1, max = 150) int steps, @ForAll long seed) {
        Profile profile = Profiles.custom(sizeMib * MIB, Map.of("dma", MIB, "reserved", MIB), true).withAllocator(pcp, true, cpus);
        PhysicalMemory mem = new PhysicalMemory(profile);
        Random random = new Random(seed);
        List<int[]> held = new ArrayList<>();
        long maxReserved = 0;
        boolean released = false;
        check(mem, "boot");
        for (int s = 0; s < steps; s++) {
            long before = mem.zones().stream().mapToLong(Zone::nrReservedHighatomic).sum();
            int what = random.nextInt(24);
            String step;
            if (what < 12) {
                int gfp = GFPS[random.nextInt(GFPS.length)];
                int order = random.nextInt(4) == 0 ? random.nextInt(11) : random.nextInt(4);
                int pfn = mem.allocPages(gfp | Gfp.NOWARN, order, Owner.PAGES, ExecContext.PROCESS);
                if (pfn != FrameTable.NO_PFN) held.add(new int[] {pfn, order});
                step = "alloc_pages(" + Gfp.format(gfp) + ", " + order + ") = " + pfn;
            } else if (what < 17 && !held.isEmpty()) {
                int[] b = held.remove(random.nextInt(held.size()));
                mem.freePages(b[0], b[1]);
                step = "__free_pages(" + b[0] + ", " + b[1] + ")";
            } else if (what < 19) {
                // Leave a few MiB free: enough to fall below the low mark, rarely to the OOM killer.
                long free = mem.zones().stream().mapToLong(Zone::freePages).sum();
                long pages = Math.max(1, free - 256 - random.nextInt(1024));
                mem.spawnProcess("p" + s, pages, "user_process");
                step = "user_process(" + pages + " pages)";
            } else if (what == 19) {
                mem.readFile("f" + s, 1 + random.nextInt(2048), "page_cache");
                step = "page_cache";
            } else if (what == 20) {
                mem.setCpu(random.nextInt(cpus));
                step = "cpu " + mem.cpu();
            } else if (what == 21) {
                mem.drainAllPages();
                step = "drain";
            } else {
                mem.runKswapd();
                step = "kswapd";
            }
            check(mem, step);
            long after = mem.zones().stream().mapToLong(Zone::nrReservedHighatomic).sum();
            released |= after < before;
            maxReserved = Math.max(maxReserved, after);
        }
        Statistics.label("a HighAtomic reserve was made").collect(maxReserved > 0);
        Statistics.label("a HighAtomic pageblock was released").collect(released);
    }

    private static void check(PhysicalMemory mem, String step) {
        assertThat(mem.invariants().check()).as("after " + step).isEmpty();
        int pageblock = 1 << mem.buddy().pageblockOrder();
        for (Zone z : mem.zones()) {
            long limit = (z.managedPages() / 100 + pageblock - 1) / pageblock * pageblock;
            // A reserve starts below the limit and adds a pageblock at a time, so it ends at most a pageblock short.
            if (z.nrReservedHighatomic() > 0) assertThat(z.nrReservedHighatomic()).as(z.name() + " after " + step).isLessThanOrEqualTo(limit);
        }
    }
}
