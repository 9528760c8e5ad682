package kmemviz.ui.view.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.VmState;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Profile;
import kmemviz.core.vm.AddressLayout;
import kmemviz.core.vm.MapRange;
import kmemviz.core.vm.PageSize;
import kmemviz.core.vm.Pkmap;
import kmemviz.core.vm.Region;
import kmemviz.core.vm.VmapArea;

/**
 * What the mapping view draws, read from the core after each command: the shown address-space parts, the
 * mapped virtual ranges ("areas": vmalloc areas with their guard pages, block allocations seen through the direct
 * map, kmap slots) and one line per mapped 4 KiB page, virtual address to pfn. Lines are stored in primitive
 * arrays, grouped by area; areas are sorted by address so that hit-testing is a binary search. Nothing here
 * decides anything: every address and pfn is the core's.
 */
public final class MappingModel {
    /**
     * KMAP: a pkmap slot in use (pkmap_count >= 2). KMAP_UNUSED: kunmap'ed but still mapped (pkmap_count == 1):
     * its PTE stays until flush_all_zero_pkmaps() clears every such slot at once, when kmap() wraps around.
     * NO_PAGES: a range of the vmalloc area that holds no pages of ours (an imported ioremap or vmap reservation:
     * vmallocinfo prints no pages= for it), so no line goes down and it is no guard page either.
     */
    public enum Kind { VMALLOC, DIRECT, KMAP, KMAP_UNUSED, NO_PAGES }

    private static final long MIB = 1L << 20;

    final int nrFrames;
    final boolean is64;
    final List<VirtualAxis.Part> parts;
    // areas, sorted by unsigned start
    final int nrAreas;
    final long[] areaStart;
    final long[] areaMappedBytes;
    final long[] areaGuardBytes;
    final int[] areaAllocId;
    final Kind[] areaKind;
    /** What a NO_PAGES area is, as the view labels it ("ioremap (no pages)"); null for the other kinds. */
    final String[] areaLabel;
    public final int[] areaFirstLine;
    public final int[] areaNrLines;
    // lines, grouped by area
    final int nrLines;
    final long[] lineVaddr;
    public final int[] linePfn;
    // direct-map leaves as virtual ranges
    final long[] dmStart, dmEnd;
    final PageSize[] dmSize;
    private final Map<Integer, int[]> areasByAlloc = new HashMap<>();

    private MappingModel(int nrFrames, boolean is64, List<VirtualAxis.Part> parts, List<long[]> areas,
                         List<int[]> pfns, List<Kind> kinds, List<String> labels, List<MapRange> ranges, long pageOffset) {
        this.nrFrames = nrFrames;
        this.is64 = is64;
        this.parts = List.copyOf(parts);
        Integer[] order = new Integer[areas.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(areas.get(a)[0], areas.get(b)[0]));
        nrAreas = order.length;
        areaStart = new long[nrAreas];
        areaMappedBytes = new long[nrAreas];
        areaGuardBytes = new long[nrAreas];
        areaAllocId = new int[nrAreas];
        areaKind = new Kind[nrAreas];
        areaLabel = new String[nrAreas];
        areaFirstLine = new int[nrAreas];
        areaNrLines = new int[nrAreas];
        int total = 0;
        for (int[] p : pfns) total += p.length;
        nrLines = total;
        lineVaddr = new long[total];
        linePfn = new int[total];
        int line = 0;
        Map<Integer, List<Integer>> byAlloc = new HashMap<>();
        for (int i = 0; i < nrAreas; i++) {
            long[] a = areas.get(order[i]);
            int[] p = pfns.get(order[i]);
            areaStart[i] = a[0];
            areaMappedBytes[i] = a[1];
            areaGuardBytes[i] = a[2];
            areaAllocId[i] = (int) a[3];
            areaKind[i] = kinds.get(order[i]);
            areaLabel[i] = labels.get(order[i]);
            areaFirstLine[i] = line;
            areaNrLines[i] = p.length;
            for (int k = 0; k < p.length; k++, line++) {
                lineVaddr[line] = a[0] + ((long) k << Profile.PAGE_SHIFT);
                linePfn[line] = p[k];
            }
            if (a[3] > 0) byAlloc.computeIfAbsent((int) a[3], x -> new ArrayList<>()).add(i);
        }
        byAlloc.forEach((id, l) -> areasByAlloc.put(id, l.stream().mapToInt(Integer::intValue).toArray()));
        dmStart = new long[ranges.size()];
        dmEnd = new long[ranges.size()];
        dmSize = new PageSize[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            dmStart[i] = pageOffset + ranges.get(i).start();
            dmEnd[i] = pageOffset + ranges.get(i).end();
            dmSize[i] = ranges.get(i).pageSize();
        }
    }

    /** Reads the mappings of {@code kernel} as they are now. */
    public static MappingModel of(Kernel kernel) {
        VmState vm = kernel.vm();
        AddressLayout layout = vm.layout();
        int nrFrames = kernel.memory().frames().nrFrames();
        List<long[]> areas = new ArrayList<>();
        List<int[]> pfns = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        long vmallocUsedEnd = layout.vmallocStart();
        for (VmapArea a : vm.vmalloc().areas()) {
            int[] p = vm.vmalloc().pagesOf(a.start());
            long mapped = (long) p.length << Profile.PAGE_SHIFT;
            // The area's size includes its guard page, as /proc/vmallocinfo shows it.
            areas.add(new long[] {a.start(), mapped, a.sizeBytes() - mapped, vm.vmallocId(a.start())});
            pfns.add(p);
            kinds.add(p.length == 0 ? Kind.NO_PAGES : Kind.VMALLOC);
            labels.add(p.length == 0 ? noPagesLabel(a.kind()) : null);
            if (Long.compareUnsigned(a.end(), vmallocUsedEnd) > 0) vmallocUsedEnd = a.end();
        }
        for (Allocation a : kernel.memory().allocations().all()) {
            if (!a.isBlock()) continue;
            long va = vm.directMapAddress(a.pfn());
            if (va == VmState.NO_ADDRESS) continue;
            int n = (int) a.nrPages();
            int[] p = new int[n];
            for (int i = 0; i < n; i++) p[i] = a.pfn() + i;
            areas.add(new long[] {va, (long) n << Profile.PAGE_SHIFT, 0, a.id()});
            pfns.add(p);
            kinds.add(Kind.DIRECT);
            labels.add(null);
        }
        Region pkmap = null;
        for (Region r : layout.regions()) if (r.name().startsWith("pkmap")) pkmap = r;
        if (pkmap != null) {
            // The core's pkmap_count[] and the slot's frame: no page walk per slot.
            int[] allocIds = kernel.memory().frames().allocIdsView();
            int slots = (int) ((pkmap.end() - pkmap.start()) >>> Profile.PAGE_SHIFT);
            for (int slot = 0; slot < slots; slot++) {
                int count = vm.pkmap().count(slot), pfn = vm.pkmap().pfn(slot);
                if (count == 0 || pfn < 0) continue;
                areas.add(new long[] {Pkmap.address(slot), Profile.PAGE_SIZE, 0, pfn < allocIds.length ? allocIds[pfn] : 0});
                pfns.add(new int[] {pfn});
                kinds.add(count == 1 ? Kind.KMAP_UNUSED : Kind.KMAP);
                labels.add(null);
            }
        }
        List<VirtualAxis.Part> parts = parts(layout, nrFrames, vmallocUsedEnd, pkmap);
        return new MappingModel(nrFrames, layout.arch().is64(), parts, areas, pfns, kinds, labels, vm.directMap().ranges(), layout.pageOffset());
    }

    /** The direct map (as far as RAM goes), the used part of the vmalloc area, and pkmap on i386, with gaps between. */
    static List<VirtualAxis.Part> parts(AddressLayout layout, int nrFrames, long vmallocUsedEnd, Region pkmap) {
        List<VirtualAxis.Part> parts = new ArrayList<>();
        long dmBytes = Math.min(layout.directMapEndPfn(), nrFrames) << Profile.PAGE_SHIFT;
        long dmShown = layout.arch().is64() ? roundUp(dmBytes, 1L << 30) : dmBytes;
        long dmEnd = layout.pageOffset() + dmShown;
        parts.add(new VirtualAxis.Part("direct map", layout.pageOffset(), dmEnd, 0.5));
        long vmStart = layout.vmallocStart(), vmEnd = layout.vmallocEnd() + 1;   // vmallocEnd() is inclusive on x86_64
        if (!layout.arch().is64()) vmEnd = layout.vmallocEnd();
        parts.add(new VirtualAxis.Part("unused", dmEnd, vmStart, 0));
        long used = vmallocUsedEnd - vmStart;
        long shown = Long.highestOneBit(Math.max(16 * MIB, used + used / 4) - 1) << 1;
        long vmShownEnd = Long.compareUnsigned(shown, vmEnd - vmStart) >= 0 ? vmEnd : vmStart + shown;
        parts.add(new VirtualAxis.Part("vmalloc area", vmStart, vmShownEnd, pkmap == null ? 0.5 : 0.32));
        if (vmShownEnd != vmEnd) parts.add(new VirtualAxis.Part("rest of vmalloc area", vmShownEnd, vmEnd, 0));
        if (pkmap != null) {
            if (vmEnd != pkmap.start()) parts.add(new VirtualAxis.Part("gap", vmEnd, pkmap.start(), 0));
            parts.add(new VirtualAxis.Part("pkmap (kmap)", pkmap.start(), pkmap.end(), 0.18));
        }
        return parts;
    }

    /**
     * "ioremap (no pages)" for an area vmallocinfo flags ioremap, and so for vmap, vm_map_ram, user and
     * dma-coherent; "reserved (no pages)" when it names none (an imported area with its flags cut off).
     */
    static String noPagesLabel(String kind) {
        for (String word : kind.split(" "))
            if (!word.isEmpty() && !word.startsWith("phys=") && !word.equals("vmalloc")) return word + " (no pages)";
        return "reserved (no pages)";
    }

    private static long roundUp(long v, long to) { return (v + to - 1) / to * to; }

    public int nrFrames() { return nrFrames; }

    public int nrAreas() { return nrAreas; }

    public int nrLines() { return nrLines; }

    public List<VirtualAxis.Part> parts() { return parts; }

    /** The area whose mapped pages or guard page hold {@code vaddr}, or -1: binary search by start. */
    public int areaAt(long vaddr) {
        int lo = 0, hi = nrAreas - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(areaStart[mid], vaddr) <= 0) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        // Areas never overlap (vmalloc areas are disjoint, and so are block allocations), so only the last start
        // at or below vaddr can hold it.
        return found >= 0 && Long.compareUnsigned(vaddr - areaStart[found], areaMappedBytes[found] + areaGuardBytes[found]) < 0
                ? found : -1;
    }

    public long areaStart(int area) { return areaStart[area]; }

    public long areaMappedBytes(int area) { return areaMappedBytes[area]; }

    public long areaGuardBytes(int area) { return areaGuardBytes[area]; }

    public int areaAllocId(int area) { return areaAllocId[area]; }

    public Kind areaKind(int area) { return areaKind[area]; }

    /** The pkmap slot of a kmap area: its page index from PKMAP_BASE. */
    public int pkmapSlot(int area) { return (int) ((areaStart[area] - AddressLayout.I386_PKMAP_BASE) >>> Profile.PAGE_SHIFT); }

    /** The areas of an allocation (usually one), empty if it maps nothing. */
    public int[] areasOf(int allocId) { return areasByAlloc.getOrDefault(allocId, new int[0]); }

    /** The pfns mapped by an allocation's pages, in virtual order. */
    public int[] pfnsOf(int allocId) {
        int[] areas = areasOf(allocId);
        int n = 0;
        for (int a : areas) n += areaNrLines[a];
        int[] out = new int[n];
        int k = 0;
        for (int a : areas) { System.arraycopy(linePfn, areaFirstLine[a], out, k, areaNrLines[a]); k += areaNrLines[a]; }
        return out;
    }

    /** The page size the direct map uses at {@code vaddr}, or null outside it. */
    public PageSize directMapPageSize(long vaddr) {
        for (int i = 0; i < dmStart.length; i++)
            if (Long.compareUnsigned(vaddr, dmStart[i]) >= 0 && Long.compareUnsigned(vaddr, dmEnd[i]) < 0) return dmSize[i];
        return null;
    }
}
