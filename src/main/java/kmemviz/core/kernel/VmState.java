package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kmemviz.core.mm.PfnRange;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;
import kmemviz.core.vm.AddressLayout;
import kmemviz.core.vm.Arch;
import kmemviz.core.vm.DirectMap;
import kmemviz.core.vm.PageSize;
import kmemviz.core.vm.PageTables;
import kmemviz.core.vm.Pkmap;
import kmemviz.core.vm.Tlb;
import kmemviz.core.vm.TlbListener;
import kmemviz.core.vm.Vmalloc;
import kmemviz.core.vm.Walk;

/**
 * The virtual side of one boot: the address-space layout, the kernel page tables with the direct map built as
 * init_mem_mapping() builds it, the vmalloc area, the pkmap slots of i386 and the TLB. TLB events go on the
 * kernel's one event path ({@link KernelListener}), flushes also as the model's tlbFlushed event.
 */
public final class VmState implements TlbListener {
    /** What {@link #directMapAddress} answers for a frame outside the direct map. Kernel addresses are negative longs. */
    public static final long NO_ADDRESS = -1L;

    private final AddressLayout layout;
    private final VmFrames frames;
    private final PageTables pageTables;
    private final DirectMap directMap;
    private final Vmalloc vmalloc;
    private final KernelListener events;
    private final int nrFrames;
    private final Pkmap pkmap;
    /** The vmalloc area's page-table pages made at boot (preallocate_vmalloc_pages()); empty on i386. */
    private final Set<Integer> vmallocBootTables;
    private Tlb tlb;
    final Map<Long, Integer> vmallocIds = new HashMap<>();          // area start -> allocation id
    /** area start -> allocation ids of its vm_struct, vmap_area and kmalloc'ed pages[] (0: none), see VmCalls. */
    final Map<Long, int[]> vmallocObjects = new HashMap<>();
    boolean zeroSizeWarned;                                          // WARN_ON_ONCE(!size) in __vmalloc_node_range()

    VmState(PhysicalMemory mem, KernelListener events) {
        Profile p = mem.profile();
        this.events = events;
        this.nrFrames = mem.frames().nrFrames();
        boolean is64 = p.bits() == 64;
        this.layout = is64 ? AddressLayout.x86_64() : AddressLayout.i386(p.endPfn());
        this.frames = new VmFrames(mem);
        this.pageTables = new PageTables(is64 ? Arch.X86_64 : Arch.I386, frames, VmFrames.GFP_PGTABLE_KERNEL);
        List<PfnRange> lowRam = new ArrayList<>();
        long lowLimit = is64 ? Long.MAX_VALUE : Profiles.I386_MAX_LOW_PFN;
        for (PfnRange r : p.ram()) {
            long end = Math.min(r.endPfn(), lowLimit);
            if (end > r.startPfn()) lowRam.add(new PfnRange(r.startPfn(), (int) end));
        }
        this.directMap = DirectMap.build(pageTables, layout, lowRam, true, p.gbpages());
        frames.outsideRam();
        this.vmallocBootTables = Set.copyOf(pageTables.preallocateTopLevel(layout.vmallocStart(), layout.vmallocEnd()));
        frames.bootDone();
        this.tlb = Tlb.skylake();
        this.tlb.setListener(this);
        // __vmalloc_node_range() compares with totalram_pages(), the managed pages, not the present RAM.
        this.vmalloc = new Vmalloc(layout, pageTables, tlb, managedPages(mem));
        this.pkmap = new Pkmap(pageTables, tlb, events);
    }

    private static long managedPages(PhysicalMemory mem) {
        long managed = 0;
        for (kmemviz.core.mm.Zone z : mem.zones()) managed += z.managedPages();
        return managed;
    }

    /**
     * A copy for a checkpoint over {@code mem}, reporting to {@code events}; both null for the frozen copy a
     * checkpoint keeps, which is never run, only copied from. The TLB's events go to {@code events}, like the rest.
     */
    VmState(VmState o, PhysicalMemory mem, KernelListener events) {
        this.events = events;
        this.nrFrames = o.nrFrames;
        this.layout = o.layout;
        this.frames = new VmFrames(o.frames, mem);
        this.pageTables = o.pageTables.copy(frames);
        this.vmallocBootTables = o.vmallocBootTables;
        this.directMap = o.directMap.copy(pageTables);
        this.tlb = o.tlb.copy();
        this.tlb.setListener(this);
        this.vmalloc = o.vmalloc.copy(pageTables, tlb);
        vmallocIds.putAll(o.vmallocIds);
        for (Map.Entry<Long, int[]> e : o.vmallocObjects.entrySet()) vmallocObjects.put(e.getKey(), e.getValue().clone());
        this.pkmap = new Pkmap(o.pkmap, pageTables, tlb, events);
        zeroSizeWarned = o.zeroSizeWarned;
    }

    /** An estimate of what a copy of this side allocates (page tables, vmalloc areas, TLB), for the checkpoint budget. */
    long heapBytes() {
        return pageTables.heapBytes() + vmalloc.heapBytes()
                + tlb.heapBytes() + 2L * Pkmap.LAST_PKMAP * Integer.BYTES + 64L * vmallocIds.size()
                + 80L * vmallocObjects.size();
    }

    public AddressLayout layout() { return layout; }

    public PageTables pageTables() { return pageTables; }

    public DirectMap directMap() { return directMap; }

    public Vmalloc vmalloc() { return vmalloc; }

    public Tlb tlb() { return tlb; }

    /** The kmap() slots of a HighMem kernel (unused on x86_64, where every page has a direct-map address). */
    public Pkmap pkmap() { return pkmap; }

    VmFrames frames() { return frames; }

    /** True for a page-table page of the vmalloc area made at boot, outside RAM and the free lists. */
    public boolean isVmallocBootTable(int pfn) { return vmallocBootTables.contains(pfn); }

    /** The page walk for a virtual address, as the MMU would do it. */
    public Walk translate(long vaddr) { return pageTables.translate(vaddr); }

    /** The frame behind a direct-map address of RAM, or -1. */
    public int directMapPfn(long vaddr) {
        int pfn = layout.pfnOfDirectMap(vaddr);
        return pfn < nrFrames ? pfn : -1;
    }

    /** The direct-map address of a frame, or {@link #NO_ADDRESS} for HighMem, which has none. */
    public long directMapAddress(int pfn) { return layout.directMapAddress(pfn); }

    public String format(long vaddr) { return AddressLayout.hex(vaddr, layout.arch().is64()); }

    /** The allocation id of the vmalloc area starting at {@code start}, or 0. */
    public int vmallocId(long start) { return vmallocIds.getOrDefault(start, 0); }

    /**
     * Every page of every vmalloc area translates to the frame recorded for it, that frame belongs to the area's
     * allocation, and no frame is mapped twice in the vmalloc area.
     */
    List<String> checkInvariants(kmemviz.core.mm.PhysicalMemory mem) {
        List<String> bad = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (kmemviz.core.vm.VmapArea area : vmalloc.areas()) {
            int[] pfns = vmalloc.pagesOf(area.start());
            for (int i = 0; i < pfns.length; i++) {
                long va = area.start() + ((long) i << Profile.PAGE_SHIFT);
                Walk w = translate(va);
                if (!w.mapped() || w.framePfn() != pfns[i]) bad.add(format(va) + " does not translate to its pfn 0x" + Integer.toHexString(pfns[i]));
                if (!seen.add(pfns[i])) bad.add("pfn 0x" + Integer.toHexString(pfns[i]) + " is mapped twice in the vmalloc area");
                int owner = mem.frames().allocId(pfns[i]);
                kmemviz.core.mm.Allocation a = mem.allocations().get(owner);
                if (a == null || a.pages() == null) bad.add("vmalloc pfn 0x" + Integer.toHexString(pfns[i]) + " belongs to no scattered allocation");
            }
            if (translate(area.end() - Profile.PAGE_SIZE).mapped() && !area.noGuard())
                bad.add("the guard page of the area at " + format(area.start()) + " is mapped");
        }
        return bad;
    }

    /** A TLB of another geometry or cost; it starts empty, with the listeners kept. */
    void replaceTlb(Tlb replacement) {
        tlb = replacement;
        tlb.setListener(this);
        vmalloc.setTlb(replacement);
        pkmap.setTlb(replacement);
    }

    @Override public void hit(int t, int set, int way, long vpn) { events.hit(t, set, way, vpn); }

    @Override public void miss(int t, long vpn) { events.miss(t, vpn); }

    @Override public void fill(int t, int set, int way, long vpn, PageSize size) { events.fill(t, set, way, vpn, size); }

    @Override public void evict(int t, int set, int way, long vpn, PageSize size) { events.evict(t, set, way, vpn, size); }

    @Override public void flush(long start, long end, boolean full) {
        events.tlbFlushed(start, end, full);
        events.flush(start, end, full);
    }

    @Override public void walk(long vaddr, PageSize size) { events.walk(vaddr, size); }

    @Override public void accessDone(long vaddr, int result) { events.accessDone(vaddr, result); }
}
