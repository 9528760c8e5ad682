package kmemviz.core.kernel;

import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.slab.SlabPageSource;

/**
 * allocate_slab() and discard_slab() on the model's page allocator: each slab's pages are one block allocation
 * owned by SLAB and named after its cache, so the physical map can colour slab pages by cache.
 * The slab layer does not say which cache a new slab is for, so the caller names it first with {@link #forCache}.
 */
final class SlabPages implements SlabPageSource {
    private final PhysicalMemory mem;
    private String cacheName = "?";
    private ExecContext context = ExecContext.PROCESS;
    private Runnable beforeNewSlab;

    SlabPages(PhysicalMemory mem) { this.mem = mem; }

    /** Names the cache the next slab is for; {@code beforeNewSlab} (or null) runs once if a new slab needs pages. */
    SlabPages forCache(String name, ExecContext ctx, Runnable beforeNewSlab) {
        this.cacheName = name;
        this.context = ctx;
        this.beforeNewSlab = beforeNewSlab;
        return this;
    }

    @Override
    public int allocSlabPages(int order, int gfp) {
        if (beforeNewSlab != null) {
            beforeNewSlab.run();
            beforeNewSlab = null;
        }
        Allocation a = mem.allocBlock(Api.SLAB, "allocate_slab(" + cacheName + ")", gfp, order, Owner.SLAB, context,
                cacheName, cacheName, (long) Profile.PAGE_SIZE << order);
        return a == null ? FrameTable.NO_PFN : a.pfn();
    }

    @Override
    public void freeSlabPages(int pfn, int order) {
        mem.freeBlock(mem.allocations().get(mem.frames().allocId(pfn)));
    }
}
