package kmemviz.app.cli;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The measuring loop the hand-written benchmarks share: rounds of a fixed number of operations, warmed up until
 * the rate settles, then the median of several timed rounds.
 *
 * <p>Why each part: a fixed short warm-up let the first variant measured still run partly interpreted or with
 * code the JIT later threw away, so "recording" could print faster than "not recording". Here the variants of
 * one benchmark warm up and are timed interleaved (A, B, A, B...), so both run under the same compiled code
 * (a listener call site that has seen both listeners stays bimorphic for both). Warm-up ends once every
 * variant's last two rounds differ by less than {@link #SETTLED}, or after {@link #MAX_WARMUP_ROUNDS}, because
 * on a busy machine the rate may never settle. The median of {@link #TIMED_ROUNDS} rounds ignores a round that
 * another process slowed down.
 */
final class BenchRounds {
    static final int MIN_WARMUP_ROUNDS = 3;
    static final int MAX_WARMUP_ROUNDS = 30;
    static final int TIMED_ROUNDS = 5;
    static final double SETTLED = 0.03;

    /** One variant of a benchmark: a round runs {@code opsPerRound} operations and returns a value that uses them. */
    record Variant(long opsPerRound, LongSupplier round) {}

    private BenchRounds() {}

    /** The median rate in operations per second of each variant, in the order given. */
    static double[] medianRates(List<Variant> variants) {
        int n = variants.size();
        double[] last = new double[n], previous = new double[n];
        for (int warm = 0; warm < MAX_WARMUP_ROUNDS; warm++) {
            boolean settled = warm >= MIN_WARMUP_ROUNDS;
            for (int v = 0; v < n; v++) {
                previous[v] = last[v];
                last[v] = timedRate(variants.get(v));
                settled &= Math.abs(last[v] - previous[v]) < SETTLED * previous[v];
            }
            if (settled) break;
        }
        double[][] rates = new double[n][TIMED_ROUNDS];
        for (int r = 0; r < TIMED_ROUNDS; r++)
            for (int v = 0; v < n; v++) rates[v][r] = timedRate(variants.get(v));
        double[] medians = new double[n];
        for (int v = 0; v < n; v++) {
            Arrays.sort(rates[v]);
            medians[v] = rates[v][TIMED_ROUNDS / 2];
        }
        return medians;
    }

    private static long sink;

    private static double timedRate(Variant variant) {
        long t0 = System.nanoTime();
        sink += variant.round().getAsLong();        // kept in a field, so the JIT cannot drop the work
        return variant.opsPerRound() / ((System.nanoTime() - t0) / 1e9);
    }
}
