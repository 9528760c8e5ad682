package kmemviz.core.slab;

/** Where slabs get their pages: the buddy allocator, in the real model. */
public interface SlabPageSource {
    /** alloc_pages() for a slab of the given order; returns the head pfn, or -1 when the allocation failed. */
    int allocSlabPages(int order, int gfp);

    void freeSlabPages(int pfn, int order);
}
