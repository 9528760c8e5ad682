package kmemviz.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import kmemviz.core.cmd.Kfree;
import kmemviz.core.cmd.Kmalloc;
import kmemviz.core.cmd.Target;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;
import kmemviz.core.slab.SlabAllocator;
import kmemviz.core.slab.SlabPageSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * kmalloc(64, GFP_KERNEL) + kfree pairs on x86_64-16g, two ways:
 * <ul>
 *   <li>{@code kmalloc_kfree_pairs_per_s}: the slab-layer calls the kernel's kmalloc() and kfree() make for a slab
 *       object (kmallocCache(), KmemCache.alloc(), SlabAllocator.kfree()), with no listeners: the counterpart of
 *       SLUB's fast path. Slab pages come from the model's page allocator.</li>
 *   <li>{@code kmalloc_kfree_commands_per_s}: the same pair as commands through {@link Kernel#execute}, as the
 *       toolbar and scripts issue them (checks, object records, events, outcome and history included).</li>
 * </ul>
 */
@Command(name = "slab", mixinStandardHelpOptions = true, description = "kmalloc(64) + kfree pairs per second.")
public final class BenchSlabCommand implements Callable<Integer> {
    private static final int SIZE = 64;

    @Option(names = "--pairs", defaultValue = "5000000", description = "slab-layer pairs per round (default ${DEFAULT-VALUE})")
    long pairs;

    @Option(names = "--commands", defaultValue = "200000", description = "command pairs per round (default ${DEFAULT-VALUE})")
    int commands;

    @Override
    public Integer call() {
        Profile profile = Profiles.builtIn("x86_64-16g");
        PhysicalMemory mem = new PhysicalMemory(profile);
        mem.setListener(new MmListener() {});
        SlabPageSource pages = new SlabPageSource() {
            @Override public int allocSlabPages(int order, int gfp) { return mem.allocPages(gfp, order, Owner.SLAB, ExecContext.PROCESS); }
            @Override public void freeSlabPages(int pfn, int order) { mem.freePages(pfn, order); }
        };
        SlabAllocator slab = new SlabAllocator(pages, profile.nrCpus(), profile.pointerSize(), mem.taint());
        for (int i = 0; i < 64; i++) kmalloc(slab, pages);   // a few live objects keep the slab from emptying each round
        Kernel kernel = new Kernel(profile);
        double[] rate = BenchRounds.medianRates(List.of(
                new BenchRounds.Variant(pairs, () -> slabPairs(slab, pages, pairs)),
                new BenchRounds.Variant(commands, () -> commandPairs(kernel, commands))));
        System.out.printf("kmalloc_kfree_pairs_per_s %.0f pairs/s%n", rate[0]);
        System.out.printf("kmalloc_kfree_commands_per_s %.0f pairs/s%n", rate[1]);
        return 0;
    }

    /** What SlabCalls does for kmalloc(64, GFP_KERNEL): the size's kmalloc cache, then an object from it. */
    private static long kmalloc(SlabAllocator slab, SlabPageSource pages) {
        return slab.kmallocCache(SIZE).alloc(Gfp.KERNEL, pages);
    }

    private static long slabPairs(SlabAllocator slab, SlabPageSource pages, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            long p = kmalloc(slab, pages);
            sum += p;
            slab.kfree(p);
        }
        return sum;
    }

    private static long commandPairs(Kernel kernel, int n) {
        Kmalloc kmalloc = new Kmalloc("p", Kmalloc.Flavor.KMALLOC, 1, SIZE, Gfp.KERNEL, "");
        Kfree kfree = new Kfree(Target.variable("p"));
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += kernel.execute(kmalloc).status().ordinal();
            sum += kernel.execute(kfree).status().ordinal();
        }
        return sum;
    }
}
