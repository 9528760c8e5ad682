package kmemviz.core.mm;

/**
 * Hands out the "in use (imported)" frames of a machine booted from a /proc capture to the owners that slabinfo and
 * vmallocinfo name (slab caches, vmalloc areas), so that free memory stays as the capture gave it. The capture says
 * how many pages each owner had, never which, so the places are ours: naturally aligned blocks.
 *
 * <p>One pass over the frame table cuts the imported memory, zone by zone, into its largest aligned blocks, kept
 * per order as the buddy allocator keeps its free lists; a request takes the smallest block that holds it and
 * splits it as expand() does. A frame taken never becomes imported again, and nothing else takes imported frames
 * while the capture's owners are placed, so the lists stay true: the pass costs one read of the frame table, each
 * block O(MAX_PAGE_ORDER). Slab pages come from lowmem only (GFP_KERNEL never takes HighMem or Movable), vmalloc
 * pages from any zone, lowmem first.
 */
public final class ImportedPages {
    private static final int LOW = 0, HIGH = 1;

    private final PhysicalMemory mem;
    private final FrameTable frames;
    /** [LOW or HIGH][order]: imported blocks by first pfn, lowest first. */
    private final IntDeque[][] blocks = new IntDeque[2][BuddyAllocator.NR_PAGE_ORDERS];

    ImportedPages(PhysicalMemory mem) {
        this.mem = mem;
        this.frames = mem.frames();
        for (IntDeque[] pool : blocks) for (int o = 0; o < pool.length; o++) pool[o] = new IntDeque();
        byte imported = Owner.IMPORTED.code();
        byte[] owners = frames.owners();                      // one walk block by block, not a head lookup per frame
        for (Zone z : mem.zones()) {
            IntDeque[] pool = blocks[z.type() == ZoneType.HIGHMEM || z.type() == ZoneType.MOVABLE ? HIGH : LOW];
            int end = Math.min(z.endPfn(), frames.nrFrames());
            for (int pfn = z.startPfn(); pfn < end; ) {
                if (owners[pfn] != imported) { pfn++; continue; }
                int runEnd = pfn;
                while (runEnd < end && owners[runEnd] == imported) runEnd++;
                while (pfn < runEnd) {                      // the run's largest aligned blocks, as memblock frees a range
                    int order = Math.min(BuddyAllocator.MAX_PAGE_ORDER, pfn == 0 ? BuddyAllocator.MAX_PAGE_ORDER : Integer.numberOfTrailingZeros(pfn));
                    while (pfn + (1 << order) > runEnd) order--;
                    pool[order].addLast(pfn);
                    pfn += 1 << order;
                }
            }
        }
    }

    /**
     * A block of imported frames turned into a block allocation of {@code owner}, as allocBlock() would record it,
     * or null when no aligned run of 2^order imported frames is left.
     */
    public Allocation block(Api api, String call, int order, Owner owner, boolean lowmemOnly, String caller, String cacheName) {
        int pfn = take(order, lowmemOnly);
        if (pfn == FrameTable.NO_PFN) return null;
        int id = mem.allocations().nextId();
        frames.allocBlock(pfn, order, owner, id);
        Allocation a = Allocation.block(id, api, call, 0, ExecContext.PROCESS, caller, owner, pfn, order, cacheName,
                (long) Profile.PAGE_SIZE << order);
        mem.allocations().add(a);
        return a;
    }

    /** One imported frame added to a scattered allocation (see {@link PhysicalMemory#beginScattered}); NO_PFN when none is left. */
    public int page(Allocation scattered) {
        int pfn = take(0, false);
        if (pfn == FrameTable.NO_PFN) return pfn;
        frames.allocBlock(pfn, 0, scattered.owner(), scattered.id());
        scattered.pages().add(pfn);
        return pfn;
    }

    /** The smallest block of at least {@code order}, split down to it; the halves split off go back on the lists. */
    private int take(int order, boolean lowmemOnly) {
        for (int pool = LOW; pool <= (lowmemOnly ? LOW : HIGH); pool++)
            for (int o = order; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                if (blocks[pool][o].isEmpty()) continue;
                int pfn = blocks[pool][o].pollFirst();
                for (int k = o - 1; k >= order; k--) blocks[pool][k].addFirst(pfn + (1 << k));
                return pfn;
            }
        return FrameTable.NO_PFN;
    }
}
