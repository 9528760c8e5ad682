package kmemviz.app.cli;

import java.util.concurrent.Callable;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profiles;
import kmemviz.core.slab.SlabAllocator;
import kmemviz.core.slab.SlabPageSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * kmalloc(64, GFP_KERNEL) + kfree pairs on x86_64-16g, through the slab layer alone with no listeners: the
 * counterpart of SLUB's fast path. Slab pages come from the model's page allocator.
 */
@Command(name = "slab", mixinStandardHelpOptions = true, description = "kmalloc(64) + kfree pairs per second.")
public final class BenchSlabCommand implements Callable<Integer> {
    @Option(names = "--pairs", defaultValue = "50000000", description = "pairs per measured run (default ${DEFAULT-VALUE})")
    long pairs;

    @Override
    public Integer call() {
        PhysicalMemory mem = new PhysicalMemory(Profiles.builtIn("x86_64-16g"));
        mem.setListener(new MmListener() {});
        SlabPageSource pages = new SlabPageSource() {
            @Override public int allocSlabPages(int order, int gfp) { return mem.allocPages(gfp, order, Owner.SLAB, ExecContext.PROCESS); }
            @Override public void freeSlabPages(int pfn, int order) { mem.freePages(pfn, order); }
        };
        SlabAllocator slab = new SlabAllocator(pages, 4, 8);
        long[] live = new long[64];                 // a few live objects keep the slab from emptying each round
        for (int i = 0; i < live.length; i++) live[i] = slab.kmalloc(64, Gfp.KERNEL);
        pairsLoop(slab, pairs / 5);                 // warm-up
        long t0 = System.nanoTime();
        long sum = pairsLoop(slab, pairs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sum == 42) System.out.print("");
        System.out.printf("kmalloc_kfree_pairs_per_s %.0f pairs/s%n", pairs / seconds);
        return 0;
    }

    private static long pairsLoop(SlabAllocator slab, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            long p = slab.kmalloc(64, Gfp.KERNEL);
            sum += p;
            slab.kfree(p);
        }
        return sum;
    }
}
