package kmemviz.ui.view.slab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kmemviz.core.kernel.SlabState;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Allocations;
import kmemviz.core.mm.Profile;
import kmemviz.core.slab.KmemCache;

/**
 * What the slab view shows, copied from the core after each command into flat arrays: the caches, their slabs,
 * and one int per object slot (its allocation id, 0 when free). Laid out as equal-height rows: a header row per
 * cache, then for each slab {@code ceil(objects / cols)} lines of slots. Nothing here decides anything.
 *
 * <p>Slots of one slab are flattened at {@code slabSlot0[s] .. slabSlot0[s] + slabObjects[s]}.
 */
final class SlabRows {
    static final byte HEADER = 0, LINE = 1;
    static final byte EMPTY = 0, PARTIAL = 1, FULL = 2;

    // caches
    String[] cacheName = new String[0];
    int[] cacheSize = new int[0], cacheObjectSize = new int[0], cachePerSlab = new int[0], cachePages = new int[0];
    long[] cacheActive = new long[0], cacheTotal = new long[0];
    // slabs
    int[] slabCache = new int[0], slabHeadPfn = new int[0], slabOrder = new int[0], slabObjects = new int[0],
            slabInuse = new int[0], slabSlot0 = new int[0];
    // object slots
    int[] slotAllocId = new int[0];
    boolean[] slotZeroed = new boolean[0];
    // rows for a given column count
    int cols = 1;
    byte[] rowKind = new byte[0];
    int[] rowCache = new int[0], rowSlab = new int[0], rowFirstIndex = new int[0];
    int nrRows;

    /** Copies the slab layer: caches with slabs, or all listed caches when {@code all}. */
    static SlabRows of(SlabState slab, Allocations allocations, boolean all) {
        SlabRows r = new SlabRows();
        List<KmemCache> caches = new ArrayList<>();
        for (KmemCache c : slab.allocator().caches()) if (all || c.numSlabs() > 0) caches.add(c);
        int nc = caches.size(), ns = 0, nobj = 0;
        for (KmemCache c : caches) for (int s : c.slabSlots()) { ns++; nobj += c.slabObjects(s); }
        r.cacheName = new String[nc];
        r.cacheSize = new int[nc]; r.cacheObjectSize = new int[nc]; r.cachePerSlab = new int[nc]; r.cachePages = new int[nc];
        r.cacheActive = new long[nc]; r.cacheTotal = new long[nc];
        r.slabCache = new int[ns]; r.slabHeadPfn = new int[ns]; r.slabOrder = new int[ns]; r.slabObjects = new int[ns];
        r.slabInuse = new int[ns]; r.slabSlot0 = new int[ns];
        r.slotAllocId = new int[nobj];
        r.slotZeroed = new boolean[nobj];
        int si = 0, oi = 0;
        for (int ci = 0; ci < nc; ci++) {
            KmemCache c = caches.get(ci);
            r.cacheName[ci] = c.name();
            r.cacheSize[ci] = c.geometry().size();
            r.cacheObjectSize[ci] = c.geometry().objectSize();
            r.cachePerSlab[ci] = c.geometry().objectsPerSlab();
            r.cachePages[ci] = c.geometry().pagesPerSlab();
            r.cacheActive[ci] = c.activeObjs();
            r.cacheTotal[ci] = c.numObjs();
            int[] slots = c.slabSlots();
            Arrays.sort(slots);                         // stable order on screen: slab slots, not list position
            for (int s : slots) {
                r.slabCache[si] = ci;
                r.slabHeadPfn[si] = c.slabHeadPfn(s);
                r.slabOrder[si] = c.slabOrder(s);
                r.slabObjects[si] = c.slabObjects(s);
                r.slabInuse[si] = c.slabInuse(s);
                r.slabSlot0[si] = oi;
                long base = (long) r.slabHeadPfn[si] << Profile.PAGE_SHIFT;
                for (long addr : c.liveObjects(s)) {
                    int index = (int) ((addr - base) / r.cacheSize[ci]);
                    int id = slab.objectId(addr);
                    r.slotAllocId[oi + index] = id == 0 ? -1 : id;     // -1: in use, but no record (not from a command)
                    Allocation a = id == 0 ? null : allocations.get(id);
                    r.slotZeroed[oi + index] = a != null && a.zeroed();
                }
                oi += r.slabObjects[si];
                si++;
            }
        }
        return r;
    }

    byte slabState(int s) {
        return slabInuse[s] == 0 ? EMPTY : slabInuse[s] == slabObjects[s] ? FULL : PARTIAL;
    }

    /** Lays the rows out for {@code cols} slots per line. */
    void layout(int cols) {
        this.cols = Math.max(1, cols);
        int n = cacheName.length;
        for (int s = 0; s < slabObjects.length; s++) n += lines(s);
        rowKind = new byte[n]; rowCache = new int[n]; rowSlab = new int[n]; rowFirstIndex = new int[n];
        int row = 0, s = 0;
        for (int c = 0; c < cacheName.length; c++) {
            rowKind[row] = HEADER; rowCache[row] = c; rowSlab[row] = -1; row++;
            for (; s < slabCache.length && slabCache[s] == c; s++)
                for (int l = 0; l < lines(s); l++) {
                    rowKind[row] = LINE; rowCache[row] = c; rowSlab[row] = s; rowFirstIndex[row] = l * this.cols; row++;
                }
        }
        nrRows = n;
    }

    int lines(int s) { return (slabObjects[s] + cols - 1) / cols; }

    /** The first row of slab {@code s}, or -1. */
    int rowOfSlab(int s) {
        for (int r = 0; r < nrRows; r++) if (rowSlab[r] == s) return r;
        return -1;
    }

    /** The slab and slot of an allocation id: {slab, index}, or null. */
    int[] find(int allocId) {
        if (allocId <= 0) return null;
        for (int s = 0; s < slabObjects.length; s++)
            for (int i = 0; i < slabObjects[s]; i++) if (slotAllocId[slabSlot0[s] + i] == allocId) return new int[] {s, i};
        return null;
    }

    /** The slab whose pages hold {@code pfn}, or -1. */
    int slabOfPfn(int pfn) {
        for (int s = 0; s < slabHeadPfn.length; s++)
            if (pfn >= slabHeadPfn[s] && pfn < slabHeadPfn[s] + (1 << slabOrder[s])) return s;
        return -1;
    }
}
