package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.mm.PfnRange;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;
import kmemviz.core.vm.AddressLayout;
import kmemviz.core.vm.Arch;
import kmemviz.core.vm.DirectMap;
import kmemviz.core.vm.PageSize;
import kmemviz.core.vm.PageTables;
import kmemviz.core.vm.Tlb;
import kmemviz.core.vm.TlbCosts;
import kmemviz.core.vm.TlbGeometry;
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
    /** LAST_PKMAP without PAE. */
    static final int LAST_PKMAP = 1024;

    private final AddressLayout layout;
    private final VmFrames frames;
    private final PageTables pageTables;
    private final DirectMap directMap;
    private final Vmalloc vmalloc;
    private final KernelListener events;
    private final int nrFrames;
    private Tlb tlb;
    final Map<Long, Integer> vmallocIds = new HashMap<>();          // area start -> allocation id
    final int[] pkmapPfn = new int[LAST_PKMAP];                      // -1: never used
    final int[] pkmapCount = new int[LAST_PKMAP];                    // 0 free, 1 mapped but unused, 2+ in use
    int lastPkmap;
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
        frames.bootDone();
        this.tlb = Tlb.skylake();
        this.tlb.setListener(this);
        this.vmalloc = new Vmalloc(layout, pageTables, tlb, p.totalRamPages());
        java.util.Arrays.fill(pkmapPfn, -1);
    }

    public AddressLayout layout() { return layout; }

    public PageTables pageTables() { return pageTables; }

    public DirectMap directMap() { return directMap; }

    public Vmalloc vmalloc() { return vmalloc; }

    public Tlb tlb() { return tlb; }

    VmFrames frames() { return frames; }

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
    }

    /** One structure of the current TLB resized, the others kept. */
    Tlb resized(String name, int entries, int ways) {
        List<TlbGeometry> l1 = new ArrayList<>();
        TlbGeometry stlb = tlb.structures().get(tlb.stlbIndex());
        for (int i = 0; i < tlb.structures().size(); i++) {
            if (i == tlb.stlbIndex()) continue;
            TlbGeometry g = tlb.structures().get(i);
            l1.add(matches(name, g) ? new TlbGeometry(g.name(), entries, ways, g.pageSizes()) : g);
        }
        if (name.equals("stlb")) stlb = new TlbGeometry(stlb.name(), entries, ways, stlb.pageSizes());
        return new Tlb(l1, stlb, tlb.costs());
    }

    Tlb withCosts(TlbCosts costs) {
        List<TlbGeometry> l1 = new ArrayList<>();
        for (int i = 0; i < tlb.structures().size(); i++) if (i != tlb.stlbIndex()) l1.add(tlb.structures().get(i));
        return new Tlb(l1, tlb.structures().get(tlb.stlbIndex()), costs);
    }

    private static boolean matches(String name, TlbGeometry g) {
        return switch (name) {
            case "l1-4k" -> g.pageSizes().contains(PageSize.SIZE_4K);
            case "l1-2m" -> g.pageSizes().contains(PageSize.SIZE_2M);
            case "l1-1g" -> g.pageSizes().contains(PageSize.SIZE_1G);
            default -> false;
        };
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

    /** The frame pkmap slot {@code slot} maps, or -1 if it never held one. */
    public int pkmapPfn(int slot) { return pkmapPfn[slot]; }

    /** pkmap_count[slot]: 0 free, 1 mapped but unused (kunmap'ed, until the next flush), 2 or more in use. */
    public int pkmapCount(int slot) { return pkmapCount[slot]; }

    /** The virtual address of pkmap slot {@code slot}. */
    public static long pkmapAddress(int slot) {
        return AddressLayout.I386_PKMAP_BASE + ((long) slot << Profile.PAGE_SHIFT);
    }
}
