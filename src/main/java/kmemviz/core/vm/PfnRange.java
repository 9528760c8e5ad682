package kmemviz.core.vm;

/** A physical range [startPfn, endPfn) of frames, e.g. one E820 RAM entry as memblock sees it. */
public record PfnRange(long startPfn, long endPfn) {
    public PfnRange {
        if (startPfn < 0 || endPfn <= startPfn)
            throw new IllegalArgumentException("need 0 <= startPfn < endPfn, was [" + startPfn + ", " + endPfn + ")");
    }

    public static PfnRange ofBytes(long startBytes, long endBytes) {
        return new PfnRange(startBytes >>> AddressLayout.PAGE_SHIFT, endBytes >>> AddressLayout.PAGE_SHIFT);
    }

    public long startBytes() { return startPfn << AddressLayout.PAGE_SHIFT; }

    public long endBytes() { return endPfn << AddressLayout.PAGE_SHIFT; }
}
