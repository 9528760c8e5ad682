package kmemviz.core.vm;

/** A named stretch of the kernel's virtual address space, [start, end) with end exclusive, for a UI to draw. */
public record Region(String name, long start, long end) {
    public Region {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("region needs a name");
        if (Long.compareUnsigned(start, end) >= 0 && end != 0)
            throw new IllegalArgumentException(name + ": start must be below end");
    }

    /** Size in bytes; end == 0 means "up to the top of the 64-bit address space". */
    public long sizeBytes() { return end - start; }

    public boolean contains(long vaddr) {
        return Long.compareUnsigned(vaddr, start) >= 0 && (end == 0 || Long.compareUnsigned(vaddr, end) < 0);
    }
}
