package kmemviz.core.mm;

/**
 * One live allocation: what made it, with which flags and where, and the frames it holds. There is one of these
 * per allocation, never per frame; a frame points back to it through {@link FrameTable#allocId}.
 *
 * @param pfn   the head frame of a block allocation, or NO_PFN for one made of scattered pages
 * @param order the block's order, or -1
 * @param pages the frames of a scattered allocation (a process, a file, vmalloc), else null
 */
public record Allocation(int id, Api api, String call, int gfp, ExecContext context, String caller,
                         Owner owner, int pfn, int order, IntList pages, long requestedBytes, boolean zeroed) {

    /** Frames held, counting a block as 2^order. */
    public long nrPages() { return pages != null ? pages.size() : 1L << order; }

    public long sizeBytes() { return nrPages() * Profile.PAGE_SIZE; }

    public boolean isBlock() { return pfn != FrameTable.NO_PFN; }
}
