package kmemviz.app.cli;

import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import kmemviz.core.kernel.EventRecorder;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The allocator's throughput on x86_64-16g: 65,536 slots; each operation picks a random slot and, if it is empty,
 * fills it with alloc_pages(GFP_KERNEL, order) for a random order 0..3, otherwise frees what it holds.
 * Measured twice: with no listener, and with an {@link EventRecorder} as the UI would record; then the heap the
 * booted model takes.
 */
@Command(name = "core", mixinStandardHelpOptions = true, description = "Buddy allocator alloc/free throughput and model heap.")
public final class BenchCoreCommand implements Callable<Integer> {
    static final int SLOTS = 65_536;

    @Option(names = "--ops", defaultValue = "20000000", description = "operations per measured run (default ${DEFAULT-VALUE})")
    long ops;

    @Override
    public Integer call() {
        System.out.printf("alloc_free_ops_per_s %.0f ops/s%n", run(false));
        System.out.printf("alloc_free_ops_per_s_recording %.0f ops/s%n", run(true));
        System.out.printf("model_heap_mib %.1f MiB%n", heapMib());
        return 0;
    }

    private double run(boolean recording) {
        PhysicalMemory mem = new PhysicalMemory(Profiles.builtIn("x86_64-16g"));
        EventRecorder recorder = new EventRecorder();
        mem.setListener(recording ? recorder : new MmListener() {});
        int[] pfn = new int[SLOTS], order = new int[SLOTS];
        java.util.Arrays.fill(pfn, FrameTable.NO_PFN);
        SplittableRandom rnd = new SplittableRandom(42);
        workload(mem, recorder, pfn, order, rnd, ops / 4);                 // warm-up
        long t0 = System.nanoTime();
        long sum = workload(mem, recorder, pfn, order, rnd, ops);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sum == 42) System.out.print("");                           // keeps the JIT from dropping the work
        return ops / seconds;
    }

    private static long workload(PhysicalMemory mem, EventRecorder recorder, int[] pfn, int[] order,
                                 SplittableRandom rnd, long ops) {
        long sum = 0;
        for (long i = 0; i < ops; i++) {
            int slot = rnd.nextInt(SLOTS);
            recorder.clear();
            if (pfn[slot] == FrameTable.NO_PFN) {
                order[slot] = rnd.nextInt(4);
                pfn[slot] = mem.allocPages(Gfp.KERNEL, order[slot], Owner.PAGES, ExecContext.PROCESS);
                sum += pfn[slot];
            } else {
                mem.freePages(pfn[slot], order[slot]);
                pfn[slot] = FrameTable.NO_PFN;
            }
        }
        return sum;
    }

    private static double heapMib() {
        long before = usedAfterGc();
        PhysicalMemory mem = new PhysicalMemory(Profiles.builtIn("x86_64-16g"));
        long after = usedAfterGc();
        if (mem.frames().nrFrames() == 0) System.out.print("");
        return (after - before) / (1024.0 * 1024.0);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
