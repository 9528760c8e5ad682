package kmemviz.core.mm;

/** A half-open range of page frame numbers, {@code [startPfn, endPfn)}. */
public record PfnRange(int startPfn, int endPfn) {
    public PfnRange {
        if (startPfn < 0 || endPfn < startPfn)
            throw new IllegalArgumentException("bad pfn range [" + startPfn + ", " + endPfn + ")");
    }

    public int nrPages() { return endPfn - startPfn; }

    public boolean contains(int pfn) { return pfn >= startPfn && pfn < endPfn; }

    public boolean isEmpty() { return startPfn == endPfn; }
}
