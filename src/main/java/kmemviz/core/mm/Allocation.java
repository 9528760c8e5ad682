package kmemviz.core.mm;

/**
 * One live allocation: what made it, with which flags and where, and the memory it holds. There is one of these
 * per allocation, never per frame; a frame points back to it through {@link FrameTable#allocId}.
 *
 * @param pfn            the head frame of a block allocation, or NO_PFN for one made of scattered pages or a slab object
 * @param order          the block's order, or -1
 * @param pages          the frames of a scattered allocation (a process, a file, vmalloc), else null
 * @param objectAddress  the physical byte address of a slab object, or -1
 * @param cacheName      the slab cache of an object or of a slab's pages, else null
 * @param requestedBytes what the caller asked for
 * @param actualBytes    what it got: the object size of its cache, or whole pages; the difference is internal
 *                       fragmentation
 * @param zeroed         handed out zeroed (kzalloc, __GFP_ZERO, get_zeroed_page)
 */
public record Allocation(int id, Api api, String call, int gfp, ExecContext context, String caller,
                         Owner owner, int pfn, int order, IntList pages, long objectAddress, String cacheName,
                         long requestedBytes, long actualBytes, boolean zeroed) {

    /** A block allocation of {@code 2^order} frames. */
    public static Allocation block(int id, Api api, String call, int gfp, ExecContext ctx, String caller, Owner owner,
                                   int pfn, int order, String cacheName, long requestedBytes) {
        return new Allocation(id, api, call, gfp, ctx, caller, owner, pfn, order, null, -1, cacheName, requestedBytes,
                (long) Profile.PAGE_SIZE << order, (gfp & Gfp.ZERO) != 0);
    }

    /** Whole frames held: 2^order for a block, the page count for scattered memory, 0 for a slab object. */
    public long nrPages() {
        if (pages != null) return pages.size();
        return isBlock() ? 1L << order : 0;
    }

    public long sizeBytes() { return pages != null ? pages.size() * (long) Profile.PAGE_SIZE : actualBytes; }

    public boolean isBlock() { return pfn != FrameTable.NO_PFN; }

    public boolean isObject() { return objectAddress >= 0; }

    /** The same allocation holding {@code copiedPages}, a copy of its page list. */
    Allocation withPages(IntList copiedPages) {
        return new Allocation(id, api, call, gfp, context, caller, owner, pfn, order, copiedPages, objectAddress, cacheName,
                requestedBytes, actualBytes, zeroed);
    }

    /** The same allocation with another requested size (krealloc in place). */
    public Allocation withRequestedBytes(long bytes, String newCall) {
        return new Allocation(id, api, newCall, gfp, context, caller, owner, pfn, order, pages, objectAddress, cacheName,
                bytes, actualBytes, zeroed);
    }
}
