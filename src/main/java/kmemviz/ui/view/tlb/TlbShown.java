package kmemviz.ui.view.tlb;

import java.util.Arrays;
import kmemviz.core.kernel.TlbEvents;
import kmemviz.core.vm.PageSize;
import kmemviz.core.vm.Tlb;
import kmemviz.core.vm.TlbGeometry;
import kmemviz.core.vm.TlbStats;

/**
 * What the TLB panel shows: its own copy of every TLB slot (vpn, page size, last use) and of the counters, so an
 * animation can lag the core. It records nothing: the kernel's {@link kmemviz.core.kernel.EventRecorder} records
 * a command's TLB events ({@link TlbEvents}); {@link #apply} replays one on the copy, and {@link #syncFrom} copies
 * the core's truth back. The LRU order shown is by last use within a set, as the core's stamps are.
 *
 * <p>It also keeps the hit rate over time: {@link #addAccesses} reads a command's access results, and each
 * {@link #BATCH} accesses close one point (total accesses so far, % of that batch that hit a TLB), tagged with the
 * number of the command's events played by then so that an animation can reveal the points as it plays. One
 * {@code touch} of 1,024 pages gives 32 points. No JavaFX; FX thread, or the thread that owns the kernel while
 * the views are detached.
 */
public final class TlbShown {
    private static final PageSize[] SIZES = PageSize.values();

    private TlbGeometry[] geometry = new TlbGeometry[0];
    private int stlb = -1;
    private long[][] vpn = new long[0][];
    private byte[][] size = new byte[0][];
    private long[][] stamp = new long[0][];
    private long clock;
    private long accesses, l1Hits, stlbHits, walks, cycles;
    private int costL1 = 1, costStlb = 9, costWalk = 30;
    private int lastTlb = -1, lastSlot = -1;
    /** Accesses per point of the hit-rate chart. */
    public static final int BATCH = 32;
    private int batchAccesses, batchHits;
    private long totalAccesses;
    private long[] pointX = new long[64];
    private double[] pointRate = new double[64];
    private int[] pointEvent = new int[64];
    private int nrPoints;

    public int nrStructures() { return geometry.length; }

    public TlbGeometry geometry(int t) { return geometry[t]; }

    public int stlbIndex() { return stlb; }

    /** The vpn in a slot, or {@link Tlb#EMPTY}. */
    public long slotVpn(int t, int set, int way) { return vpn[t][set * geometry[t].ways() + way]; }

    /** The page size of a slot, or null when empty. */
    public PageSize slotSize(int t, int set, int way) {
        int i = set * geometry[t].ways() + way;
        return vpn[t][i] == Tlb.EMPTY || size[t][i] < 0 ? null : SIZES[size[t][i]];   // an eviction or flush leaves the size behind
    }

    /** 0 for the most recently used entry of its set, ways - 1 for the next victim; -1 when empty. */
    public int lruRank(int t, int set, int way) {
        int ways = geometry[t].ways(), base = set * ways;
        if (vpn[t][base + way] == Tlb.EMPTY) return -1;
        int rank = 0;
        for (int w = 0; w < ways; w++) if (vpn[t][base + w] != Tlb.EMPTY && stamp[t][base + w] > stamp[t][base + way]) rank++;
        return rank;
    }

    public int occupancy(int t) {
        int n = 0;
        for (long v : vpn[t]) if (v != Tlb.EMPTY) n++;
        return n;
    }

    /** The slot the last applied event touched, as tlb and slot index (set * ways + way), or -1. */
    public int lastTlb() { return lastTlb; }

    public int lastSlot() { return lastSlot; }

    public long accesses() { return accesses; }

    public long l1Hits() { return l1Hits; }

    public long stlbHits() { return stlbHits; }

    public long walks() { return walks; }

    /** The core's estimated cycles; while an animation plays, counted with the same per-level costs. */
    public long cycles() { return cycles; }

    /** Copies slots, LRU order and counters from the core's TLB; recorded events are dropped. */
    public void syncFrom(Tlb tlb) {
        var s = tlb.structures();
        if (geometry.length != s.size() || !Arrays.asList(geometry).equals(s)) {
            geometry = s.toArray(new TlbGeometry[0]);
            vpn = new long[geometry.length][];
            size = new byte[geometry.length][];
            stamp = new long[geometry.length][];
            for (int t = 0; t < geometry.length; t++) {
                vpn[t] = new long[geometry[t].entries()];
                size[t] = new byte[geometry[t].entries()];
                stamp[t] = new long[geometry[t].entries()];
            }
        }
        stlb = tlb.stlbIndex();
        for (int t = 0; t < geometry.length; t++) {
            int ways = geometry[t].ways();
            for (int set = 0; set < geometry[t].sets(); set++)
                for (int w = 0; w < ways; w++) {
                    int i = set * ways + w;
                    vpn[t][i] = tlb.slotVpn(t, set, w);
                    PageSize ps = tlb.slotPageSize(t, set, w);
                    size[t][i] = (byte) (ps == null ? -1 : ps.ordinal());
                    int rank = tlb.lruRank(t, set, w);
                    stamp[t][i] = rank < 0 ? 0 : ways - rank;
                }
        }
        clock = 1 << 20;
        TlbStats st = tlb.stats();
        accesses = st.accesses();
        l1Hits = st.l1Hits();
        stlbHits = st.stlbHits();
        walks = st.walks();
        cycles = st.cycles();
        costL1 = tlb.costs().l1Hit();
        costStlb = tlb.costs().stlbHit();
        costWalk = tlb.costs().walk();
        pointsReady();
        lastTlb = lastSlot = -1;
    }

    /** Replays event {@code i} of a command's recording on the copy. */
    public void apply(TlbEvents ev, int i) {
        int t = ev.tlb(i), slot = t < geometry.length ? ev.set(i) * geometry[t].ways() + ev.way(i) : 0;
        lastTlb = t;
        lastSlot = slot;
        switch (ev.kind(i)) {
            case HIT -> {
                stamp[t][slot] = ++clock;
                accesses += t == stlb ? 0 : 1;
                if (t == stlb) { stlbHits++; cycles += costStlb; } else { l1Hits++; cycles += costL1; }
            }
            case MISS -> { if (t != stlb) accesses++; }
            case WALK -> { walks++; cycles += costWalk; lastTlb = -1; }
            case FILL -> { vpn[t][slot] = ev.address(i); size[t][slot] = (byte) ev.pageSize(i).ordinal(); stamp[t][slot] = ++clock; }
            case EVICT -> vpn[t][slot] = Tlb.EMPTY;
            case FLUSH_ALL -> { for (long[] v : vpn) Arrays.fill(v, Tlb.EMPTY); lastTlb = -1; }
            case FLUSH_PAGE -> { flushCovering(ev.address(i)); lastTlb = -1; }
        }
    }

    private void flushCovering(long vaddr) {
        for (int t = 0; t < vpn.length; t++)
            for (int k = 0; k < vpn[t].length; k++) {
                if (vpn[t][k] == Tlb.EMPTY) continue;
                int shift = SIZES[size[t][k]].shift();
                if (vpn[t][k] == vaddr >>> shift) vpn[t][k] = Tlb.EMPTY;
            }
    }

    // ---- the hit rate over time ----

    /** Adds the accesses of a command's recording to the chart's batches; points close as batches fill. */
    public void addAccesses(TlbEvents ev) {
        for (int a = 0; a < ev.nrAccesses(); a++) {
            totalAccesses++;
            batchAccesses++;
            if (ev.accessResult(a) != Tlb.WALK) batchHits++;
            if (batchAccesses == BATCH) closeBatch(ev.accessEnd(a));
        }
    }

    /** Closes the batch in progress as a (shorter) point, shown once {@code event} events have played: a command is over. */
    public void closeBatch(int event) {
        if (batchAccesses == 0) return;
        if (nrPoints == pointX.length) {
            pointX = Arrays.copyOf(pointX, nrPoints * 2);
            pointRate = Arrays.copyOf(pointRate, nrPoints * 2);
            pointEvent = Arrays.copyOf(pointEvent, nrPoints * 2);
        }
        pointX[nrPoints] = totalAccesses;
        pointRate[nrPoints] = 100.0 * batchHits / batchAccesses;
        pointEvent[nrPoints] = event;
        nrPoints++;
        batchAccesses = batchHits = 0;
    }

    /** Points waiting to be plotted. */
    public int nrPoints() { return nrPoints; }

    /** Accesses counted when point {@code i} closed (the chart's x). */
    public long pointAccesses(int i) { return pointX[i]; }

    /** Hit rate in % (L1 or STLB hits over accesses) of the batch that point {@code i} closed. */
    public double pointHitRate(int i) { return pointRate[i]; }

    /** How many of the waiting points belong to events up to {@code event} (all of them for Integer.MAX_VALUE). */
    public int pointsUpTo(int event) {
        int n = 0;
        while (n < nrPoints && pointEvent[n] <= event) n++;
        return n;
    }

    /** Forgets the first {@code n} waiting points (they have been plotted). */
    public void dropPoints(int n) {
        System.arraycopy(pointX, n, pointX, 0, nrPoints - n);
        System.arraycopy(pointRate, n, pointRate, 0, nrPoints - n);
        System.arraycopy(pointEvent, n, pointEvent, 0, nrPoints - n);
        nrPoints -= n;
    }

    /** Events are about to be dropped: the waiting points no longer wait for any of them. */
    private void pointsReady() { Arrays.fill(pointEvent, 0, nrPoints, 0); }

    /** A new machine: the chart starts again. */
    public void resetPoints() {
        nrPoints = 0;
        batchAccesses = batchHits = 0;
        totalAccesses = 0;
    }
}
