package kmemviz.core.vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.mm.Profile;

/**
 * vmalloc() and vfree() on top of {@link VmapAreas}, {@link PageTables} and a {@link Tlb}
 * (__vmalloc_node_range(), __get_vm_area_node(), __vmalloc_area_node() and vfree() in mm/vmalloc.c, 6.12).
 *
 * <p>vmalloc(size): fail if size exceeds RAM; round size up to pages; reserve size + one guard page (unless
 * VM_NO_GUARD) at the lowest fitting address; get the pages[] array, which is itself vmalloc'ed (same caller,
 * its own line in /proc/vmallocinfo) when it is larger than PAGE_SIZE, i.e. above 512 pages; allocate the
 * pages one order-0 frame at a time; then write one 4 KiB PTE per page (vmap_pages_range()). Every failure
 * undoes what this call took and returns the kernel's warning text. Frames are scattered; only the virtual
 * range is contiguous. Huge vmalloc (VM_ALLOW_HUGE_VMAP) is not modelled: plain vmalloc never uses it.
 *
 * <p>vfree(addr): find and unlink the area, clear its PTEs, flush the TLB for the area's range (guard
 * included) with flush_tlb_kernel_range(), free the frames, then free a vmalloc'ed pages[] array the same
 * way. Simplification: the kernel defers the flush to a lazy purge that batches many areas (so the span is
 * usually more than 33 pages and becomes a full flush) and keeps the range unusable until then; here each
 * vfree flushes its own range at once and the range is free again at once.
 *
 * <p>The GFP mask is passed through to the FrameSource untouched; whether __GFP_NOWARN hides a warning, and
 * the warn_alloc() prefix, are the integrator's. Single-threaded.
 */
public final class Vmalloc {
    /**
     * vmalloc's own bookkeeping objects, which the integrator takes from the slab layer: for each area the
     * struct vm_struct (kzalloc_node() in __get_vm_area_node()) and the struct vmap_area (kmem_cache_alloc_node()
     * of vmap_area_cachep in alloc_vmap_area()), and a pages[] array of at most PAGE_SIZE (kmalloc_node() in
     * __vmalloc_area_node()); vfree() gives them back.
     */
    public interface AreaObjects {
        /** vm_struct and vmap_area of the area at {@code start}; false when either could not be had (nothing kept). */
        boolean getArea(long start);

        /** The kmalloc'ed pages[] of {@code bytes} for the area at {@code start}; false when it could not be had. */
        boolean getArray(long start, long bytes);

        /** Everything taken for the area at {@code start}, freed. */
        void put(long start);
    }

    private AreaObjects objects;

    private static final long PAGE = Profile.PAGE_SIZE;
    /** sizeof(struct page *) on x86_64 / i386. */
    private final int pointerBytes;
    private final AddressLayout layout;
    private final PageTables pt;
    private Tlb tlb;
    private final VmapAreas areas;
    private final long totalRamPages;
    private final Map<Long, int[]> pages = new HashMap<>();        // area start -> pfn per page
    private final Map<Long, Long> pagesArray = new HashMap<>();    // area start -> start of its vmalloc'ed pages[]

    /** @param tlb may be null when no TLB is simulated */
    public Vmalloc(AddressLayout layout, PageTables pt, Tlb tlb, long totalRamPages) {
        this(layout, pt, tlb, totalRamPages, new VmapAreas(layout.vmallocStart(), layout.vmallocEnd()));
    }

    /**
     * A copy for a checkpoint over {@code pt} and {@code tlb} (the copies of this one's). An area's pfn array is
     * written once, when the area is mapped, and never changed, so the copies share them.
     */
    public Vmalloc copy(PageTables pt, Tlb tlb) {
        Vmalloc c = new Vmalloc(layout, pt, tlb, totalRamPages, areas.copy());
        c.pages.putAll(pages);
        c.pagesArray.putAll(pagesArray);
        return c;
    }

    private Vmalloc(AddressLayout layout, PageTables pt, Tlb tlb, long totalRamPages, VmapAreas areas) {
        this.layout = layout;
        this.pt = pt;
        this.tlb = tlb;
        this.totalRamPages = totalRamPages;
        this.pointerBytes = layout.arch().is64() ? 8 : 4;
        this.areas = areas;
    }

    /** An estimate of what a copy allocates (map entries; the pfn arrays and areas are shared), for the checkpoint budget. */
    public long heapBytes() { return 200L * areas.size(); }

    /** Where the next calls take and give back their vm_struct, vmap_area and pages[] objects; null: nowhere. */
    public void setAreaObjects(AreaObjects objects) { this.objects = objects; }

    /** The TLB that vfree flushes, after the TLB was reconfigured. */
    public void setTlb(Tlb tlb) { this.tlb = tlb; }

    /** vmalloc(size): page alignment, with a guard page. */
    public VmallocResult vmalloc(long sizeBytes, int gfp, String caller, FrameSource frames) {
        return vmallocNodeRange(sizeBytes, PAGE, false, gfp, caller, frames);
    }

    /** __vmalloc_node_range() over [VMALLOC_START, VMALLOC_END) with order-0 pages. */
    public VmallocResult vmallocNodeRange(long sizeBytes, long align, boolean noGuard, int gfp, String caller,
                                          FrameSource frames) {
        if (sizeBytes <= 0) return new VmallocResult(null, List.of());    // WARN_ON_ONCE(!size): NULL
        if ((sizeBytes >>> Profile.PAGE_SHIFT) > totalRamPages)
            return VmallocResult.failed(String.format("vmalloc error: size %d, exceeds total pages", sizeBytes));
        long alignedSize = (sizeBytes + PAGE - 1) & -PAGE;
        long reserve = noGuard ? alignedSize : alignedSize + PAGE;
        long start = areas.findLowest(reserve, Math.max(align, PAGE));
        if (start == -1)
            return VmallocResult.failed(
                    String.format("vmalloc_node_range for size %d failed: Address range restricted to %#x - %#x",
                            reserve, areas.vstart(), areas.vend()),
                    String.format("vmalloc error: size %d, vm_struct allocation failed", sizeBytes));
        int nrPages = (int) (alignedSize >>> Profile.PAGE_SHIFT);
        long arrayBytes = (long) nrPages * pointerBytes;
        boolean vpages = arrayBytes > PAGE;
        VmapArea area = new VmapArea(start, reserve, nrPages, caller, noGuard, vpages);
        if (objects != null && !objects.getArea(start))
            return VmallocResult.failed(String.format("vmalloc error: size %d, vm_struct allocation failed", sizeBytes));
        areas.insert(area);

        List<String> warnings = new ArrayList<>();
        long arrayStart = 0;
        if (vpages) {
            // "the recursion is strictly bounded": the array of a 4 MiB area is 8 KiB, whose own array is kmalloc'ed.
            VmallocResult nested = vmallocNodeRange(arrayBytes, 1, false, gfp, caller, frames);
            if (!nested.ok()) {
                areas.remove(start);
                if (objects != null) objects.put(start);
                warnings.addAll(nested.warnings());
                warnings.add(String.format("vmalloc error: size %d, failed to allocated page array size %d",
                        alignedSize, arrayBytes));
                return new VmallocResult(null, warnings);
            }
            arrayStart = nested.addr();
        } else if (objects != null && !objects.getArray(start, arrayBytes)) {
            undoArea(start, 0, frames);
            return VmallocResult.failed(String.format("vmalloc error: size %d, failed to allocated page array size %d",
                    alignedSize, arrayBytes));
        }

        int[] pfns = new int[nrPages];
        for (int i = 0; i < nrPages; i++) {
            int pfn = frames.allocFrame(gfp, FrameUse.VMALLOC);
            if (pfn < 0) {
                for (int j = 0; j < i; j++) frames.freeFrame(pfns[j]);
                undoArea(start, arrayStart, frames);
                // 6.12 prints area->nr_pages * PAGE_SIZE: the pages it did get, not the size asked for.
                return VmallocResult.failed(String.format("vmalloc error: size %d, failed to allocate pages",
                        (long) i * PAGE));
            }
            pfns[i] = pfn;
        }
        for (int i = 0; i < nrPages; i++) {
            if (!pt.map4k(start + i * PAGE, pfns[i])) {
                for (int j = 0; j < i; j++) pt.unmap4k(start + j * PAGE);
                for (int pfn : pfns) frames.freeFrame(pfn);
                undoArea(start, arrayStart, frames);
                return VmallocResult.failed(String.format("vmalloc error: size %d, failed to map pages", alignedSize));
            }
        }
        pages.put(start, pfns);
        if (vpages) pagesArray.put(start, arrayStart);
        return new VmallocResult(area, warnings);
    }

    private void undoArea(long start, long arrayStart, FrameSource frames) {
        areas.remove(start);
        if (arrayStart != 0) vfree(arrayStart, frames);
        if (objects != null) objects.put(start);
    }

    /**
     * vfree(addr): null when done (also for NULL), else the WARN text the kernel prints. %p is hashed in a real
     * kernel; the real address is shown here, as with no_hash_pointers.
     */
    public String vfree(long addr, FrameSource frames) {
        if (addr == 0) return null;
        boolean is64 = layout.arch().is64();
        if ((addr & (PAGE - 1)) != 0)
            return "Trying to vfree() bad address (" + AddressLayout.hex(addr, is64) + ")";
        VmapArea area = areas.remove(addr);
        if (area == null)
            return "Trying to vfree() nonexistent vm area (" + AddressLayout.hex(addr, is64) + ")";
        int[] pfns = pages.remove(addr);
        for (int i = 0; i < pfns.length; i++) pt.unmap4k(addr + i * PAGE);
        if (tlb != null) tlb.flushRange(area.start(), area.end());
        for (int pfn : pfns) frames.freeFrame(pfn);
        Long array = pagesArray.remove(addr);
        if (array != null) vfree(array, frames);
        if (objects != null) objects.put(addr);      // kvfree(area->pages), kfree(area), the vmap_area (see put)
        return null;
    }

    /**
     * What the kernel does when vmalloc() is called in interrupt (hard-IRQ, soft-IRQ or BH-disabled) context:
     * BUG_ON(in_interrupt()) in __get_vm_area_node(). The line number is that of the unpacked 6.12 tree and
     * moves between releases.
     */
    public static String vmallocInInterruptMessage() {
        return "kernel BUG at mm/vmalloc.c:3177!";
    }

    /**
     * An area of a machine imported from /proc: reserved at the start the importer chose and backed by
     * {@code pfns} (taken from the capture's in-use memory), one PTE per page as vmalloc() maps them; the caller
     * gives the page tables a frame source that takes from the in-use memory too. False, with nothing changed,
     * when a page-table page could not be had.
     */
    public boolean importArea(VmapArea area, int[] pfns) {
        if (pfns.length != area.nrPages()) throw new IllegalArgumentException(area.nrPages() + " pages, " + pfns.length + " frames");
        for (int i = 0; i < pfns.length; i++) {
            if (!pt.map4k(area.start() + i * PAGE, pfns[i])) {
                for (int j = 0; j < i; j++) pt.unmap4k(area.start() + j * PAGE);
                return false;
            }
        }
        areas.insert(area);
        pages.put(area.start(), pfns.clone());
        return true;
    }

    /** The busy area containing {@code vaddr} (guard page included), or null. */
    public VmapArea areaContaining(long vaddr) { return areas.areaContaining(vaddr); }

    /** Busy areas by address. */
    public List<VmapArea> areas() { return areas.areas(); }

    /** The frames of the area starting at {@code start}, in virtual order; null if there is none. */
    public int[] pagesOf(long start) {
        int[] p = pages.get(start);
        return p == null ? null : p.clone();
    }

    /** Pages held by all areas (VmallocUsed in /proc/meminfo counts these). */
    public long usedPages() {
        long n = 0;
        for (int[] p : pages.values()) n += p.length;
        return n;
    }
}
