package kmemviz.app.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Progress;
import kmemviz.core.mm.Profiles;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Undo and seek on x86_64-16g after long histories. The history is a seeded mix of the commands a lesson or a trace
 * issues, over {@value #SLOTS} variables that are each empty or hold one live allocation: an empty one is filled by
 * alloc_pages of order 0-3 (40%), kmalloc of 8 bytes to 8 KiB (35%), kmem_cache_alloc (10%) or vmalloc of 4-64 KiB
 * (15%); a live one is freed by the matching call. Each figure is timed until its batch medians settle (two in a
 * row within 10%), then reported as the median of {@value #MEASURED} runs, in wall-clock and in thread CPU time.
 * {@code model_heap_mib} is the kernel's own estimate of its heap (the frame table at 14 bytes a frame, and what a
 * copy of the small state allocates), the quantity the checkpoint bound is stated in; {@code bench core} measures
 * the heap of a bare boot instead.
 */
@CommandLine.Command(name = "history", mixinStandardHelpOptions = true,
        description = "Undo after 10,000 commands and seek to the middle of 100,000, with checkpoint memory.")
public final class BenchHistoryCommand implements Callable<Integer> {
    static final int SLOTS = 1_024;
    private static final int BATCH = 5, MEASURED = 11, MAX_BATCHES = 40;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the command mix (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-16g"));
        k.runAll(mix(10_000, seed), Progress.NONE);
        int end = k.position();
        double[] undo = measure(k::undo, k::redo);
        System.out.printf("undo_ms_after_10000 %.1f ms%n", undo[0]);
        System.out.printf("undo_cpu_ms_after_10000 %.1f ms%n", undo[1]);
        if (k.position() != end) throw new IllegalStateException("the undo bench did not come back to step " + end);

        Kernel big = new Kernel(Profiles.builtIn("x86_64-16g"));
        long t0 = System.nanoTime();
        big.runAll(mix(100_000, seed), Progress.NONE);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        int last = big.position(), middle = last / 2;
        double[] seek = measure(() -> big.seek(middle), () -> big.seek(last));
        System.out.printf("seek_ms_to_middle_of_100000 %.1f ms%n", seek[0]);
        System.out.printf("seek_cpu_ms_to_middle_of_100000 %.1f ms%n", seek[1]);
        System.out.printf("run_100000_ms %.0f ms%n", buildMs);
        System.out.printf("checkpoint_mib %.1f MiB%n", big.checkpointBytes() / MIB);
        System.out.printf("checkpoint_budget_mib %.1f MiB%n", big.checkpointBudgetBytes() / MIB);
        System.out.printf("model_heap_mib %.1f MiB%n", big.modelBytes() / MIB);
        return 0;
    }

    private static final double MIB = 1024.0 * 1024.0;

    /**
     * The median wall-clock and thread CPU times of {@code timed}, each run followed by {@code reset} (untimed), after
     * batches of warm-up runs until two batch medians in a row agree within 10%. The CPU time is what the run costs
     * when other processes share the cores; the wall-clock time is what a user waits.
     */
    private static double[] measure(Runnable timed, Runnable reset) {
        double previous = Double.NaN;
        for (int b = 0; b < MAX_BATCHES; b++) {
            double median = medianMs(BATCH, timed, reset)[0];
            if (Math.abs(median - previous) <= 0.1 * previous) break;
            previous = median;
        }
        return medianMs(MEASURED, timed, reset);
    }

    private static double[] medianMs(int runs, Runnable timed, Runnable reset) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[runs], cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            timed.run();
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            reset.run();
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[runs / 2], cpu[runs / 2]};
    }

    /** {@code n} commands of the mix, the kmem_cache_create that the cache allocations need first. */
    static List<kmemviz.core.cmd.Command> mix(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] freeing = new String[SLOTS];          // the call that frees what slot i holds, or null
        StringBuilder script = new StringBuilder("c = kmem_cache_create(\"bench_obj\", 192)\n");
        for (int i = 1; i < n; i++) {
            int slot = rnd.nextInt(SLOTS);
            String v = "s" + slot;
            if (freeing[slot] != null) {
                script.append(freeing[slot]).append('\n');
                freeing[slot] = null;
                continue;
            }
            int kind = rnd.nextInt(100);
            if (kind < 40) {
                int order = rnd.nextInt(4);
                script.append(v).append(" = alloc_pages(GFP_KERNEL, ").append(order).append(")\n");
                freeing[slot] = "__free_pages(" + v + ", " + order + ")";
            } else if (kind < 75) {
                script.append(v).append(" = kmalloc(").append(8 + rnd.nextInt(8 * 1024 - 7)).append(", GFP_KERNEL)\n");
                freeing[slot] = "kfree(" + v + ")";
            } else if (kind < 85) {
                script.append(v).append(" = kmem_cache_alloc(c, GFP_KERNEL)\n");
                freeing[slot] = "kmem_cache_free(c, " + v + ")";
            } else {
                script.append(v).append(" = vmalloc(").append(4096L * (1 + rnd.nextInt(16))).append(")\n");
                freeing[slot] = "vfree(" + v + ")";
            }
        }
        List<kmemviz.core.cmd.Command> commands = new ArrayList<>(n);
        for (ScriptLine line : new ScriptParser("bench-history").parse(script.toString())) commands.add(line.command());
        return commands;
    }
}
