package kmemviz.core.kernel;

import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.ImportedPages;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Reservation;
import kmemviz.core.vm.FrameSource;
import kmemviz.core.vm.FrameUse;

/**
 * Where the virtual-memory layer gets frames.
 * <ul>
 *   <li>At boot, the direct map's page tables come from memory memblock keeps: the top pages of the kernel
 *       image reservation (its BRK area). A machine without one (a custom machine) gets tables that have no
 *       frame in its map: numbers past the end of RAM.</li>
 *   <li>The vmalloc area's PUD pages that preallocate_vmalloc_pages() makes in mem_init() (x86_64) come, in the
 *       kernel, from the buddy allocator just after memblock handed it all memory. The model keeps boot's free
 *       memory idealised (every zone freed in ascending blocks), so they are numbered past the end of RAM too
 *       ({@link #outsideRam}): present and walked through, but outside the frame map and the free lists.</li>
 *   <li>Later, page-table pages come from the buddy allocator (the *_alloc() of the level that needed one,
 *       GFP_PGTABLE_KERNEL) and are
 *       never freed, as in the kernel; vmalloc pages are order-0 pages of the allocation being built, named
 *       with {@link #buildInto}.</li>
 * </ul>
 */
final class VmFrames implements FrameSource {
    static final int GFP_PGTABLE_KERNEL = Gfp.KERNEL | Gfp.ZERO;

    private final PhysicalMemory mem;
    private boolean booting = true;
    private int nextBootPfn;
    private int nextOutsidePfn;                                  // the next table numbered past the end of RAM
    private boolean outsideRam;
    private final int bootPfnFloor;
    private Allocation building;
    private ImportedPages imported;                              // set while a /proc capture's areas are mapped
    private ExecContext context = ExecContext.PROCESS;

    VmFrames(PhysicalMemory mem) {
        this.mem = mem;
        Reservation image = mem.profile().reserved().stream()
                .filter(r -> r.label().startsWith("kernel image")).findFirst().orElse(null);
        if (image != null) {
            nextBootPfn = image.range().endPfn() - 1;
            bootPfnFloor = image.range().startPfn();
        } else {
            bootPfnFloor = -1;
        }
        nextOutsidePfn = mem.frames().nrFrames();
    }

    /** A copy for a checkpoint that takes frames from {@code mem} (null in the frozen copy a checkpoint keeps). */
    VmFrames(VmFrames o, PhysicalMemory mem) {
        this.mem = mem;
        this.booting = o.booting;
        this.nextBootPfn = o.nextBootPfn;
        this.nextOutsidePfn = o.nextOutsidePfn;
        this.bootPfnFloor = o.bootPfnFloor;
        this.context = o.context;
    }

    void bootDone() { booting = false; outsideRam = false; }

    /** While booting, the next table pages are numbered past the end of RAM whatever the machine (see above). */
    void outsideRam() { outsideRam = true; }

    /**
     * While a machine imported from /proc gets its vmalloc areas mapped, page-table pages come out of the in-use
     * memory too (null ends it): the capture's free memory already lacks them.
     */
    void takeFrom(ImportedPages pages) { imported = pages; }

    /** The allocation that the next vmalloc pages belong to. */
    VmFrames buildInto(Allocation a, ExecContext ctx) {
        this.building = a;
        this.context = ctx;
        return this;
    }

    @Override
    public int allocFrame(int gfp, FrameUse use) {
        if (booting) return bootFrame();
        if (use.isPageTable() && imported != null) {
            Allocation a = imported.block(Api.PAGE_TABLE, use.allocator(), 0, Owner.PAGE_TABLE, true, "page table", null);
            if (a != null) return a.pfn();
        }
        if (use.isPageTable()) {
            Allocation a = mem.allocBlock(Api.PAGE_TABLE, use.allocator(), GFP_PGTABLE_KERNEL, 0, Owner.PAGE_TABLE,
                    context, "page table", null, Profile.PAGE_SIZE);
            return a == null ? FrameTable.NO_PFN : a.pfn();
        }
        return mem.addScatteredPage(building, gfp);
    }

    private int bootFrame() {
        if (bootPfnFloor < 0 || outsideRam) return nextOutsidePfn++;
        if (nextBootPfn < bootPfnFloor) throw new IllegalStateException("the kernel image has no room left for boot page tables");
        mem.claimReservedFrame(nextBootPfn, Owner.PAGE_TABLE);
        return nextBootPfn--;
    }

    @Override
    public void freeFrame(int pfn) {
        Allocation a = mem.allocations().get(mem.frames().allocId(pfn));
        mem.freeScatteredPage(a, pfn);
    }
}
