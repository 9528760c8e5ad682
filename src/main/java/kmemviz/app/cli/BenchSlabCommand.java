package kmemviz.app.cli;

import java.util.List;
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
    @Option(names = "--pairs", defaultValue = "5000000", description = "pairs per round (default ${DEFAULT-VALUE})")
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
        double[] rate = BenchRounds.medianRates(List.of(new BenchRounds.Variant(pairs, () -> pairsLoop(slab, pairs))));
        System.out.printf("kmalloc_kfree_pairs_per_s %.0f pairs/s%n", rate[0]);
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
