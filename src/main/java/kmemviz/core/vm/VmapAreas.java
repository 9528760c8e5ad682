package kmemviz.core.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kmemviz.core.mm.Profile;

/**
 * The busy areas of one virtual range [vstart, vend) and the free-space search of alloc_vmap_area()
 * (mm/vmalloc.c).
 *
 * <p>The kernel keeps free space in an rb-tree augmented with the largest free size per subtree, and
 * find_vmap_lowest_match() returns the lowest free block where ALIGN(max(va_start, vstart), align) + size fits
 * below vend. Here the busy areas sit in a TreeMap by start and the gaps between them are scanned from the
 * bottom: the same answer, in O(areas). 6.12's per-CPU vmap-node pools (which reuse a recently freed area of
 * the same size first) and the lazy purge are left out: a freed range is free again at once.
 */
public final class VmapAreas {
    private final long vstart;
    private final long vend;
    private final TreeMap<Long, VmapArea> busy = new TreeMap<>(Long::compareUnsigned);

    public VmapAreas(long vstart, long vend) {
        if (Long.compareUnsigned(vstart, vend) >= 0) throw new IllegalArgumentException("empty range");
        this.vstart = vstart;
        this.vend = vend;
    }

    /** A copy for a checkpoint; the areas are immutable records, shared. */
    public VmapAreas copy() {
        VmapAreas c = new VmapAreas(vstart, vend);
        c.busy.putAll(busy);
        return c;
    }

    public long vstart() { return vstart; }

    public long vend() { return vend; }

    /** The lowest aligned start where {@code sizeBytes} fits, or -1 (find_vmap_lowest_match()). */
    public long findLowest(long sizeBytes, long align) {
        if (sizeBytes <= 0 || (sizeBytes & (Profile.PAGE_SIZE - 1)) != 0)
            throw new IllegalArgumentException("size must be page aligned and > 0");
        if (align <= 0 || (align & (align - 1)) != 0) throw new IllegalArgumentException("align must be a power of two");
        long addr = alignUp(vstart, align);
        for (VmapArea area : busy.values()) {
            if (Long.compareUnsigned(area.end(), addr) <= 0) continue;              // wholly below the candidate
            if (Long.compareUnsigned(addr + sizeBytes, area.start()) <= 0) break;   // fits in the gap before it
            addr = alignUp(area.end(), align);
        }
        if (Long.compareUnsigned(addr, vstart) < 0) return -1;          // wrapped past the top
        long end = addr + sizeBytes;
        if (Long.compareUnsigned(end, addr) < 0 || Long.compareUnsigned(end, vend) > 0) return -1;
        return addr;
    }

    public void insert(VmapArea area) {
        Map.Entry<Long, VmapArea> below = busy.floorEntry(area.start());
        Map.Entry<Long, VmapArea> above = busy.ceilingEntry(area.start());
        if ((below != null && below.getValue().contains(area.start()))
                || (above != null && Long.compareUnsigned(above.getKey(), area.end()) < 0))
            throw new IllegalStateException("area at " + Long.toHexString(area.start()) + " overlaps a busy area");
        busy.put(area.start(), area);
    }

    /** The area starting exactly at {@code start}, removed; or null (find_unlink_vmap_area()). */
    public VmapArea remove(long start) { return busy.remove(start); }

    /** The busy area containing {@code vaddr}, guard page included, or null. */
    public VmapArea areaContaining(long vaddr) {
        Map.Entry<Long, VmapArea> e = busy.floorEntry(vaddr);
        return e != null && e.getValue().contains(vaddr) ? e.getValue() : null;
    }

    /** Busy areas by address. */
    public List<VmapArea> areas() { return new ArrayList<>(busy.values()); }

    public int size() { return busy.size(); }

    private static long alignUp(long addr, long align) { return (addr + align - 1) & -align; }
}
