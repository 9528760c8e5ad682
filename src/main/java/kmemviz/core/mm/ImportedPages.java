package kmemviz.core.mm;

/**
 * Hands out the "in use (imported)" frames of a machine booted from a /proc capture to the owners that slabinfo and
 * vmallocinfo name (slab caches, vmalloc areas), so that free memory stays as the capture gave it. The capture says
 * how many pages each owner had, never which, so the places are ours: naturally aligned blocks, lowest pfn first.
 *
 * <p>One cursor per order moves up the frame table and never back, since a taken frame never becomes imported
 * again; so handing out all of a machine's imported memory costs one pass per order used, not one per block.
 * Slab pages come from lowmem only (GFP_KERNEL never takes HighMem or Movable), vmalloc pages from any zone.
 */
public final class ImportedPages {
    private final PhysicalMemory mem;
    private final FrameTable frames;
    private final int[] cursor = new int[BuddyAllocator.NR_PAGE_ORDERS];
    private final int[] lowCursor = new int[BuddyAllocator.NR_PAGE_ORDERS];

    ImportedPages(PhysicalMemory mem) {
        this.mem = mem;
        this.frames = mem.frames();
    }

    /**
     * A block of imported frames turned into a block allocation of {@code owner}, as allocBlock() would record it,
     * or null when no aligned run of 2^order imported frames is left.
     */
    public Allocation block(Api api, String call, int order, Owner owner, boolean lowmemOnly, String caller, String cacheName) {
        int pfn = find(order, lowmemOnly ? lowCursor : cursor, lowmemOnly);
        if (pfn == FrameTable.NO_PFN) return null;
        int id = mem.allocations().nextId();
        frames.order[pfn] = (byte) order;                      // a block's head carries its order, as prepNewPage() sets it
        frames.allocBlock(pfn, order, owner, id);
        Allocation a = Allocation.block(id, api, call, 0, ExecContext.PROCESS, caller, owner, pfn, order, cacheName,
                (long) Profile.PAGE_SIZE << order);
        mem.allocations().add(a);
        return a;
    }

    /** One imported frame added to a scattered allocation (see {@link PhysicalMemory#beginScattered}); NO_PFN when none is left. */
    public int page(Allocation scattered) {
        int pfn = find(0, cursor, false);
        if (pfn == FrameTable.NO_PFN) return pfn;
        frames.order[pfn] = 0;
        frames.allocBlock(pfn, 0, scattered.owner(), scattered.id());
        scattered.pages().add(pfn);
        return pfn;
    }

    private int find(int order, int[] cursors, boolean lowmemOnly) {
        int size = 1 << order, nrFrames = frames.nrFrames();
        int pfn = (cursors[order] + size - 1) & -size;
        byte imported = Owner.IMPORTED.code();
        while (pfn + size <= nrFrames) {
            int bad = -1;
            for (int p = pfn + size - 1; p >= pfn; p--) if (frames.owner[p] != imported) { bad = p; break; }
            Zone z = bad < 0 ? mem.zoneOf(pfn) : null;
            if (bad < 0 && z != null && mem.zoneOf(pfn + size - 1) == z
                    && !(lowmemOnly && (z.type() == ZoneType.HIGHMEM || z.type() == ZoneType.MOVABLE))) {
                cursors[order] = pfn + size;
                return pfn;
            }
            pfn = ((bad < 0 ? pfn : bad) + size) & -size;
        }
        cursors[order] = nrFrames;
        return FrameTable.NO_PFN;
    }
}
