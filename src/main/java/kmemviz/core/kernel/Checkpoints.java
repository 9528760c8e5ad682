package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kmemviz.core.cmd.Replay;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.PhysicalMemory;

/**
 * The kernel's saved states, so that undo, redo and seeking replay at most {@link #INTERVAL} commands, at step 10 as at
 * step 100,000.
 *
 * <p><b>When.</b> A checkpoint holds the state after step {@code s} of the kernel's timeline (step 0 is the first
 * machine). One is taken after every step that is a multiple of {@link #INTERVAL} and after every {@code machine}
 * line, so that a seek never replays across a boot, and after a trace replayed whole or a part of one that ends a
 * span of {@link #REPLAY_SPAN_LINES} lines, since a command that replays a trace is worth a thousand others. A seek restores the nearest checkpoint at or before its target
 * and replays the commands after it.
 *
 * <p><b>Why K = {@value #INTERVAL}.</b> Measured on x86_64-16g (4M frames) with the mix of {@code bench history}, thread
 * CPU time on this project's 2-core machine shared with other jobs: replaying a command of the mix costs 3.5-16 µs
 * (more late in a long history, with a thousand live allocations); taking a checkpoint 1-2 ms (the frame chunks
 * written since the last one, the small state, recounting the shared bytes); restoring one 0.3-1 ms (only the chunks
 * that differ are written back). Undo after 100,000 commands then costs 3.5-4.2 ms at K = 1,000, 2.7 ms at K = 500,
 * and 250-300 ms with no checkpoint but the first; the worst case, K - 1 slow commands, stays near 16 ms, under the
 * 30 ms target. Checkpoints at K = 1,000 add under 2 µs a command, lost in the noise of a 100,000-command run
 * (4.9-8.1 µs a command with them, 7.7-15 without). K = 500 holds 45 checkpoints in 72.5 MiB, against 37 in 70.2 MiB
 * at 1,000, so close to the bound below that thinning would start to space recent checkpoints out, which costs
 * seeks more than the smaller K saves undo.
 *
 * <p><b>Memory bound.</b> The frame table is frozen in chunks shared between checkpoints wherever they are equal, so
 * the first checkpoint of a machine costs one full image of its frame table and each later one only the chunks that
 * changed (a chunk is counted once however many checkpoints share it). The total, frame chunks plus an estimate of
 * the small state (zones, allocation records, slab arrays, page tables, TLB), is kept at or below
 * {@link #budgetBytes}: one image of the model plus 25% of the model's own heap, but never less than
 * {@link #MIN_BUDGET_BYTES}, because on a small machine the fixed parts of a checkpoint (the TLB's entries, the slab
 * caches' arrays) are a large share of the model and a proportional bound would keep almost none.
 *
 * <p><b>Thinning.</b> Checkpoints within {@code dense} intervals of the newest are all kept; further back, those of the
 * band {@code [2^(l-1), 2^l) * dense} intervals from the newest are kept only on steps that are multiples of
 * {@code 2^l * K}: every 2nd, then every 4th, ... so that their number grows with the logarithm of the history and a
 * seek to a point {@code d} steps back replays at most about {@code d / dense} commands. {@code dense} starts at
 * {@link #DENSE} and halves while the total is over budget; at 1, the oldest checkpoints go first. A seek before the
 * oldest checkpoint of a machine boots that machine again and replays from there.
 */
final class Checkpoints {
    static final int INTERVAL = 1_000;
    static final int DENSE = 16;
    static final long MIN_BUDGET_BYTES = 16L << 20;

    /** The kernel after step {@code step}; the slab and vm parts are frozen copies, never run, only copied from. */
    record Checkpoint(int step, PhysicalMemory.Snapshot memory, SlabState slab, VmState vm,
                      Map<String, Pointer> variables, ExecContext context, TraceReplay replay, long otherBytes) {}

    /**
     * A replay in parts is checkpointed after the part that reaches or crosses each multiple of this many trace
     * lines, and after a whole replay: a seek into a trace then replays at most this many lines and one part (about
     * 40 ms at {@code bench replay}'s rate of some 500,000 lines a CPU second), however long the trace, while a
     * 1,000,000-line trace takes 50 checkpoints, not one per step.
     */
    static final long REPLAY_SPAN_LINES = 20_000;

    /** Whether the state after {@code r} is checkpointed whatever its step (see {@link #REPLAY_SPAN_LINES}). */
    static boolean endsReplaySpan(Replay r) {
        return r.whole() || (r.firstLine() - 1) / REPLAY_SPAN_LINES != r.lastLine() / REPLAY_SPAN_LINES;
    }

    private final int interval;
    private final long minBudgetBytes;
    private final TreeMap<Integer, Checkpoint> byStep = new TreeMap<>();
    private long bytes;                                                        // as of the last add
    private int dense = DENSE;                                                 // the thinning level last needed

    Checkpoints(int interval, long minBudgetBytes) {
        if (interval < 1) throw new IllegalArgumentException("interval must be >= 1, was " + interval);
        this.interval = interval;
        this.minBudgetBytes = minBudgetBytes;
    }

    /** The memory bound: one image of the model plus a quarter of its heap, at least the minimum. */
    long budgetBytes(long modelBytes) { return Math.max(minBudgetBytes, modelBytes + modelBytes / 4); }

    /**
     * Whether the state after {@code step} should be saved: every interval-th step and every machine line, unless
     * thinning would drop it at once (a seek far back passes steps whose checkpoints were thinned).
     */
    boolean isDue(int step, boolean machineLine) {
        if (byStep.containsKey(step) || !(step % interval == 0 || machineLine)) return false;
        return byStep.isEmpty() || kept(step, Math.max(step, byStep.lastKey()), interval, dense);
    }

    /** The checkpoint nearest at or before {@code step}, or null. */
    Checkpoint atOrBefore(int step) {
        Map.Entry<Integer, Checkpoint> e = byStep.floorEntry(step);
        return e == null ? null : e.getValue();
    }

    /** Keeps {@code c}, then thins the older ones until the total fits {@code budgetBytes}. */
    void add(Checkpoint c, long budgetBytes) {
        byStep.put(c.step(), c);
        thin(budgetBytes);
    }

    /** Forgets the checkpoints after {@code step}: the timeline after it changed. */
    void dropAfter(int step) {
        if (!byStep.isEmpty() && byStep.lastKey() > step) {
            byStep.tailMap(step, false).clear();
            bytes = measure();
        }
    }

    /** The bytes all checkpoints hold: shared frame chunks once, plus the estimate of their small state. */
    long bytes() { return bytes; }

    List<Integer> steps() { return new ArrayList<>(byStep.keySet()); }

    private void thin(long budgetBytes) {
        int newest = byStep.lastKey();
        for (dense = DENSE; dense >= 1; dense /= 2) {
            final int d = dense;
            byStep.keySet().removeIf(step -> !kept(step, newest, interval, d));
            bytes = measure();
            if (bytes <= budgetBytes) return;
        }
        dense = 1;
        while (bytes > budgetBytes && byStep.size() > 1) {
            byStep.pollFirstEntry();
            bytes = measure();
        }
    }

    private long measure() {
        long other = 0;
        for (Checkpoint c : byStep.values()) other += c.otherBytes();
        return other + PhysicalMemory.Snapshot.frameBytes(byStep.values().stream().map(Checkpoint::memory).toList());
    }

    /** The thinning rule of the class comment: all near the newest, every 2nd, 4th, ... interval further back. */
    static boolean kept(int step, int newest, int interval, int dense) {
        long band = (long) dense * interval;
        long distance = newest - step;
        if (distance < band) return true;
        int level = 63 - Long.numberOfLeadingZeros(distance / band) + 1;   // floor(log2(distance / band)) + 1
        return level < 31 && step % ((long) interval << level) == 0;
    }
}
