package kmemviz.app.cli;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import kmemviz.core.kernel.EventRecorder;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The allocator's throughput on x86_64-16g: 65,536 slots; each operation picks a random slot and, if it is empty,
 * fills it with alloc_pages(GFP_KERNEL, order) for a random order 0..3, otherwise frees what it holds.
 * Measured with no listener, then with an {@link EventRecorder} as the UI would record (each warmed up by
 * {@link BenchRounds}); then the heap the booted model takes. bench/buddy.c runs the same workload in C.
 */
@Command(name = "core", mixinStandardHelpOptions = true, description = "Buddy allocator alloc/free throughput and model heap.")
public final class BenchCoreCommand implements Callable<Integer> {
    static final int SLOTS = 65_536;

    @Option(names = "--ops", defaultValue = "5000000", description = "operations per round (default ${DEFAULT-VALUE})")
    long ops;

    @Override
    public Integer call() {
        Workload plain = new Workload(false), recording = new Workload(true), kernel = new Workload(false, KERNEL_612);
        double[] rates = BenchRounds.medianRates(List.of(
                new BenchRounds.Variant(ops, () -> plain.run(ops)),
                new BenchRounds.Variant(ops, () -> recording.run(ops)),
                new BenchRounds.Variant(ops, () -> kernel.run(ops))));
        System.out.printf("alloc_free_ops_per_s %.0f ops/s%n", rates[0]);
        System.out.printf("alloc_free_ops_per_s_recording %.0f ops/s%n", rates[1]);
        System.out.printf("alloc_free_ops_per_s_pcp %.0f ops/s%n", rates[2]);
        System.out.printf("model_heap_mib %.1f MiB%n", heapMib());
        return 0;
    }

    /** The textbook buddy allocator of bench/buddy.c: x86_64-16g with pcp=off migratetypes=off. */
    static final Profile TEXTBOOK = Profiles.builtIn("x86_64-16g").textbookBuddy();
    /** The same machine as 6.12 runs it, with per-CPU lists and migrate types (the profile's default). */
    static final Profile KERNEL_612 = Profiles.builtIn("x86_64-16g");

    /** A booted machine, the slots and the random stream; each run continues where the last one stopped. */
    static final class Workload {
        private final PhysicalMemory mem;
        private final EventRecorder recorder = new EventRecorder();
        private final int[] pfn = new int[SLOTS], order = new int[SLOTS];
        private final SplittableRandom rnd = new SplittableRandom(42);
        private final boolean recording;

        Workload(boolean recording) { this(recording, TEXTBOOK); }

        Workload(boolean recording, Profile profile) {
            this.recording = recording;
            mem = new PhysicalMemory(profile);
            mem.setListener(recording ? recorder : new MmListener() {});
            Arrays.fill(pfn, FrameTable.NO_PFN);
        }

        /** {@code ops} operations; returns the sum of the pfns allocated, which bench/buddy.c prints as pfn_sum. */
        long run(long ops) {
            long sum = 0;
            for (long i = 0; i < ops; i++) {
                int slot = rnd.nextInt(SLOTS);
                // A command's events, as the kernel facade clears them; with no listener there is nothing to clear,
                // and bench/buddy.c, the yardstick for the plain variant, has no recorder either.
                if (recording) recorder.clear();
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
