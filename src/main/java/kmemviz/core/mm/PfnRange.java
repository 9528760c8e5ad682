package kmemviz.core.mm;

/** A half-open range of page frame numbers, {@code [startPfn, endPfn)}. */
public record PfnRange(int startPfn, int endPfn) {
    public PfnRange {
        if (startPfn < 0 || endPfn < startPfn)
            throw new IllegalArgumentException("bad pfn range [" + startPfn + ", " + endPfn + ")");
    }

    /** The pfns of the physical byte range {@code [startBytes, endBytes)}, which must be page-aligned. */
    public static PfnRange ofBytes(long startBytes, long endBytes) {
        return new PfnRange((int) (startBytes >>> Profile.PAGE_SHIFT), (int) (endBytes >>> Profile.PAGE_SHIFT));
    }

    public long startBytes() { return (long) startPfn << Profile.PAGE_SHIFT; }

    public long endBytes() { return (long) endPfn << Profile.PAGE_SHIFT; }

    public int nrPages() { return endPfn - startPfn; }

    public boolean contains(int pfn) { return pfn >= startPfn && pfn < endPfn; }

    public boolean isEmpty() { return startPfn == endPfn; }
}
