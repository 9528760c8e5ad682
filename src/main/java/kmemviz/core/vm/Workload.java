package kmemviz.core.vm;

import java.util.SplittableRandom;
import kmemviz.core.mm.Profile;

/**
 * Access patterns over a virtual range, fed to a {@link Tlb} with the page size the page tables give for each
 * address. The size of the last leaf seen is cached as a [lo, hi) range, so a run over one large page or one
 * page-table region asks the page tables once per leaf, not once per access.
 */
public final class Workload {
    private final PageTables pt;
    private final Tlb tlb;
    private long cachedLo = 1, cachedHi = 0;     // empty
    private PageSize cachedSize;
    private long faults;

    public Workload(PageTables pt, Tlb tlb) {
        this.pt = pt;
        this.tlb = tlb;
    }

    /** Touches the first byte of every 4 KiB page of [start, start + lengthBytes). */
    public WorkloadSummary sequential(long start, long lengthBytes) {
        return stride(start, lengthBytes, Profile.PAGE_SIZE);
    }

    /** Touches start, start + stride, ... below start + lengthBytes. */
    public WorkloadSummary stride(long start, long lengthBytes, long strideBytes) {
        if (strideBytes <= 0) throw new IllegalArgumentException("stride must be > 0");
        TlbStats before = begin();
        for (long off = 0; off < lengthBytes; off += strideBytes) touch(start + off);
        return end(before);
    }

    /** {@code count} accesses at uniformly random byte offsets of the range, reproducible from {@code seed}. */
    public WorkloadSummary random(long start, long lengthBytes, long count, long seed) {
        if (lengthBytes <= 0) throw new IllegalArgumentException("length must be > 0");
        SplittableRandom rnd = new SplittableRandom(seed);
        TlbStats before = begin();
        for (long i = 0; i < count; i++) touch(start + rnd.nextLong(lengthBytes));
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
