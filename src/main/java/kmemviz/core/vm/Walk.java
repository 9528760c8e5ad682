package kmemviz.core.vm;

import java.util.List;
import kmemviz.core.mm.Profile;

/**
 * The result of walking the page tables for one virtual address.
 *
 * @param steps       the entries read, top level first; a walk that faults ends with the non-present entry
 * @param pageSize    size of the leaf that maps the address, or null when the walk faulted
 * @param pfn         first frame of that leaf (for a 2 MiB leaf the 2 MiB-aligned pfn), or -1
 * @param offset      byte offset inside the leaf page: va & (pageSize - 1)
 * @param faultReason why the walk stopped without a translation, or null
 */
public record Walk(List<WalkStep> steps, PageSize pageSize, int pfn, long offset, String faultReason) {
    public Walk {
        steps = List.copyOf(steps);
        if ((pageSize == null) == (faultReason == null))
            throw new IllegalArgumentException("a walk has either a page size or a fault reason");
    }

    public boolean mapped() { return pageSize != null; }

    /** The physical address the walk produced, or -1. */
    public long physAddr() { return mapped() ? ((long) pfn << Profile.PAGE_SHIFT) + offset : -1; }

    /** The 4 KiB frame holding the byte, which differs from {@link #pfn()} inside a large page. */
    public int framePfn() { return mapped() ? (int) (physAddr() >>> Profile.PAGE_SHIFT) : -1; }

    /** The step of the named level ("PGD", "PUD", ...), or null if the walk stopped above it. */
    public WalkStep step(String level) {
        for (WalkStep s : steps) if (s.level().equals(level)) return s;
        return null;
    }
}
