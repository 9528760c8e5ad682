package kmemviz.app.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The measuring loop the hand-written benchmarks share: rounds of a fixed number of operations, warmed up until
 * the rate settles, then the median of several timed rounds.
 *
 * <p>Why each part: a fixed short warm-up let the first variant measured still run partly interpreted or with
 * code the JIT later threw away, so "recording" could print faster than "not recording". Here each variant warms
 * up until its last two rounds differ by less than {@link #SETTLED} (or for at most {@link #MAX_WARMUP_ROUNDS},
 * because on a busy machine the rate may never settle), so the code timed is the code the JIT settled on for it;
 * the next variant warms up again after the JIT has recompiled for it. (Interleaving the variants instead made
 * every listener call site bimorphic and slowed the plain variant by about 30%.) The median of
 * {@link #TIMED_ROUNDS} rounds ignores a round that another process slowed down. Rates are per second of this
 * thread's CPU time, not of wall time: on a shared machine the time the thread waits for a core is not the
 * benchmark's (bench/buddy.c counts the same way).
 */
final class BenchRounds {
    static final int MIN_WARMUP_ROUNDS = 3;
    static final int MAX_WARMUP_ROUNDS = 30;
    static final int TIMED_ROUNDS = 5;
    static final double SETTLED = 0.03;

    /** One variant of a benchmark: a round runs {@code opsPerRound} operations and returns a value that uses them. */
    record Variant(long opsPerRound, LongSupplier round) {}

    private BenchRounds() {}

    /** The median rate in operations per second of each variant, measured one after the other in the order given. */
    static double[] medianRates(List<Variant> variants) {
        double[] medians = new double[variants.size()];
        for (int v = 0; v < medians.length; v++) medians[v] = medianRate(variants.get(v));
        return medians;
    }

    private static double medianRate(Variant variant) {
        double last = 0;
        for (int warm = 0; warm < MAX_WARMUP_ROUNDS; warm++) {
            double previous = last;
            last = timedRate(variant);
            if (warm >= MIN_WARMUP_ROUNDS && Math.abs(last - previous) < SETTLED * previous) break;
        }
        double[] rates = new double[TIMED_ROUNDS];
        for (int r = 0; r < TIMED_ROUNDS; r++) rates[r] = timedRate(variant);
        Arrays.sort(rates);
        return rates[TIMED_ROUNDS / 2];
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    private static double timedRate(Variant variant) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        sink += variant.round().getAsLong();        // kept in a field, so the JIT cannot drop the work
        return variant.opsPerRound() / ((THREADS.getCurrentThreadCpuTime() - t0) / 1e9);
    }
}
