package kmemviz.core.vm;

import java.util.SplittableRandom;
import kmemviz.core.mm.Profile;

/**
 * Access patterns over a virtual range, fed to a {@link Tlb} with the page size the page tables give for each
 * address. The size of the last leaf seen is cached as a [lo, hi) range, so a run over one large page or one
 * page-table region asks the page tables once per leaf, not once per access.
 */
public final class Workload {
    /**
     * Told every {@link #CHUNK} accesses how many are done: a long run reports its progress and stops there when
     * asked (by throwing). The core's vm package knows no kernel job; the caller decides what a tick means.
     */
    @FunctionalInterface
    public interface Ticker {
        Ticker NONE = (done, total) -> {};

        void tick(long done, long total);
    }

    /** Accesses between two ticks: 65,536 take some 20-60 ms when every one walks, a few ticks a second. */
    public static final long CHUNK = 1 << 16;

    private final PageTables pt;
    private final Tlb tlb;
    private final Ticker ticker;
    private long cachedLo = 1, cachedHi = 0;     // empty
    private PageSize cachedSize;
    private long faults;

    public Workload(PageTables pt, Tlb tlb) { this(pt, tlb, Ticker.NONE); }

    public Workload(PageTables pt, Tlb tlb, Ticker ticker) {
        this.pt = pt;
        this.tlb = tlb;
        this.ticker = ticker;
    }

    /** Touches the first byte of every 4 KiB page of [start, start + lengthBytes). */
    public WorkloadSummary sequential(long start, long lengthBytes) {
        return stride(start, lengthBytes, Profile.PAGE_SIZE);
    }

    /** Touches start, start + stride, ... below start + lengthBytes. */
    public WorkloadSummary stride(long start, long lengthBytes, long strideBytes) {
        if (strideBytes <= 0) throw new IllegalArgumentException("stride must be > 0");
        TlbStats before = begin();
        long total = lengthBytes / strideBytes + (lengthBytes % strideBytes == 0 ? 0 : 1), done = 0;
        for (long off = 0; off < lengthBytes; off += strideBytes) {
            touch(start + off);
            if (++done % CHUNK == 0) ticker.tick(done, total);
        }
        return end(before);
    }

    /** {@code count} accesses at uniformly random byte offsets of the range, reproducible from {@code seed}. */
    public WorkloadSummary random(long start, long lengthBytes, long count, long seed) {
        if (lengthBytes <= 0) throw new IllegalArgumentException("length must be > 0");
        SplittableRandom rnd = new SplittableRandom(seed);
        TlbStats before = begin();
        for (long i = 0; i < count; i++) {
            touch(start + rnd.nextLong(lengthBytes));
            if ((i + 1) % CHUNK == 0) ticker.tick(i + 1, count);
        }
        return end(before);
    }

    private void touch(long vaddr) {
        if (Long.compareUnsigned(vaddr, cachedLo) < 0 || Long.compareUnsigned(vaddr, cachedHi) >= 0) {
            cachedSize = pt.pageSizeAt(vaddr);
            if (cachedSize == null) {
                faults++;
                cachedLo = 1;
                cachedHi = 0;
                return;
            }
            cachedLo = vaddr & -cachedSize.bytes();
            cachedHi = cachedLo + cachedSize.bytes();
        }
        tlb.access(vaddr, cachedSize);
    }

    private TlbStats begin() {
        faults = 0;
        cachedLo = 1;
        cachedHi = 0;          // the page tables may have changed since the last run
        return tlb.stats();
    }

    private WorkloadSummary end(TlbStats b) {
        TlbStats a = tlb.stats();
        return new WorkloadSummary(a.accesses() - b.accesses(), a.l1Hits() - b.l1Hits(), a.stlbHits() - b.stlbHits(),
                a.walks() - b.walks(), a.cycles() - b.cycles(), faults);
    }
}
