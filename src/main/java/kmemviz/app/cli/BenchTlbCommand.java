package kmemviz.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import kmemviz.core.vm.PageSize;
import kmemviz.core.vm.Tlb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Simulated TLB lookups per second on the default (Skylake-like) TLB, for the access stream of the seed's demo:
 * passes over a 4 MiB vmalloc buffer (1024 pages of 4 KiB) and a 4 MiB direct-map buffer (2 MiB pages), one
 * access per 64-byte cache line, as a program reading the buffers would make them. Per pass the vmalloc buffer
 * misses the L1 dTLB once per page and the direct-map buffer twice in all.
 */
@Command(name = "tlb", mixinStandardHelpOptions = true, description = "Simulated TLB accesses per second.")
public final class BenchTlbCommand implements Callable<Integer> {
    private static final long VMALLOC_BUFFER = 0xffffc90000000000L;
    private static final long DIRECT_MAP_BUFFER = 0xffff888100000000L;
    private static final long BUFFER_BYTES = 4L << 20;
    private static final int CACHE_LINE = 64;

    @Option(names = "--passes", defaultValue = "50", description = "passes over both buffers per round (default ${DEFAULT-VALUE})")
    int passes;

    @Override
    public Integer call() {
        Tlb tlb = Tlb.skylake();
        long accesses = (long) passes * 2 * (BUFFER_BYTES / CACHE_LINE);
        double[] rate = BenchRounds.medianRates(List.of(new BenchRounds.Variant(accesses, () -> run(tlb, passes))));
        System.out.printf("tlb_accesses_per_s %.0f accesses/s%n", rate[0]);
        return 0;
    }

    private static long run(Tlb tlb, int passes) {
        long sum = 0;
        for (int p = 0; p < passes; p++) {
            for (long off = 0; off < BUFFER_BYTES; off += CACHE_LINE) sum += tlb.access(VMALLOC_BUFFER + off, PageSize.SIZE_4K);
            for (long off = 0; off < BUFFER_BYTES; off += CACHE_LINE) sum += tlb.access(DIRECT_MAP_BUFFER + off, PageSize.SIZE_2M);
        }
        return sum;
    }
}
