package kmemviz.core.kernel;

import kmemviz.core.mm.FrameTable;

/**
 * What a script variable holds: a {@code struct page *} (from alloc_pages), a kernel address (from
 * __get_free_pages), or a handle to user memory. It keeps its value after the memory is freed, as a C pointer
 * does, which is how a double free can be written.
 */
public record Pointer(Kind kind, int pfn, long address, int allocId) {
    /** PAGE: struct page *; ADDRESS: a kernel virtual address; HANDLE: user memory or a task; CACHE: a kmem_cache. */
    public enum Kind { PAGE, ADDRESS, HANDLE, CACHE }

    /** kmalloc(0)'s ((void *)16): not NULL, but no memory behind it. */
    public static final long ZERO_SIZE_PTR = 16;

    public static Pointer nullOf(Kind kind) { return new Pointer(kind, FrameTable.NO_PFN, 0, 0); }

    public boolean isNull() { return address == 0 && allocId == 0 && pfn == FrameTable.NO_PFN; }

    public boolean isZeroSizePtr() { return kind == Kind.ADDRESS && address == ZERO_SIZE_PTR; }
}
