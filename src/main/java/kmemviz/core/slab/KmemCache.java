package kmemviz.core.slab;

import kmemviz.core.mm.Gfp;

import static kmemviz.core.mm.Profile.PAGE_SHIFT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One slab cache (struct kmem_cache), single-threaded like the rest of the core.
 *
 * <p><b>Handles.</b> An object is named by its physical byte address, {@code (headPfn << PAGE_SHIFT) + index * size},
 * as a {@code long} &ge; 0; {@link #NULL} (-1) means no object. An address inside a slab maps back to its slab in O(1)
 * through a pfn &rarr; slot hash that holds every pfn of every slab (a pfn lives in exactly one slab).
 *
 * <p><b>Slabs.</b> A slab is a slot in parallel primitive arrays: head pfn, order, objects, inuse, list links, and
 * {@code wordsPerSlab} words of an in-use bitmap (bit i set = object i allocated). Slots of discarded slabs are reused.
 *
 * <p><b>Lists.</b> The partial list holds every slab with a free object, empty ones included (as the node partial
 * list does); the full list holds full slabs (SLUB keeps full slabs on no list unless debugging; the model lists them
 * so views can walk them).
 *
 * <p><b>Allocation (simplified, deterministic).</b> SLUB takes from the CPU slab, then the CPU partial slabs, then the
 * node partial list. The model has no per-CPU state: it takes the lowest free object of the slab at the head of the
 * partial list. A new slab goes to the head, and so does a full slab that gets a free (as put_cpu_partial() would
 * make it the next one used), so allocation prefers the most recent partial slab. Within a slab the lowest free index
 * is used, where SLUB pops a LIFO freelist; the two agree on a fresh slab, which SLUB also fills in address order.
 *
 * <p><b>Free.</b> The object's bit is cleared. A slab that becomes empty is discarded (its pages go back to the page
 * source, discard_slab()) when the partial list already holds {@code min_partial} slabs, counting the slab itself
 * when it is on the list (the test in __slab_free()); otherwise it stays on the partial list, empty. A double free, an
 * address that is not an object start, or an address outside this cache's slabs changes nothing and is reported as a
 * {@link FreeStatus}.
 *
 * <p><b>New slabs</b> (allocate_slab()): first at the preferred order with {@code __Gfp.NOWARN | __Gfp.NORETRY} and
 * without {@code __Gfp.NOFAIL}; if the page source fails, once more at {@code get_order(size)} with the caller's mask.
 */
public final class KmemCache {
    /** The null handle: allocation failed. */
    public static final long NULL = -1L;
    public static final int MIN_PARTIAL = 5;
    public static final int MAX_PARTIAL = 10;

    /** Outcome of {@link #free}; an enum, so the hot path returns without allocating. */
    public enum FreeStatus { FREED, NOT_IN_CACHE, INVALID_POINTER, ALREADY_FREE }

    private static final int NONE = -1;
    private static final byte FREE_SLOT = 0, ON_PARTIAL = 1, ON_FULL = 2;

    private final String name;
    private final SlabGeometry geometry;
    private final int size;
    private final int minPartial;
    private final int wordsPerSlab;
    private final PfnSlotMap ownerByPfn;  // the allocator's pfn -> cache id map, or null when standalone
    private final int cacheId;

    private final PfnSlotMap slotByPfn;
    private int capacity;
    private int[] headPfn, objects, inuse, next, prev;
    private byte[] slabOrder, list;
    private long[] bitmap;
    private int freeSlotHead = NONE, slotsUsed;
    private int partialHead = NONE, fullHead = NONE;
    private int nrPartial, nrFull, nrSlabs;
    private long totalObjects, activeObjects;

    /** A standalone cache (tests, tools); {@link SlabAllocator} makes the ones the model uses. */
    public KmemCache(String name, SlabGeometry geometry) { this(name, geometry, null, -1); }

    KmemCache(String name, SlabGeometry geometry, PfnSlotMap ownerByPfn, int cacheId) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a cache needs a name");
        this.name = name;
        this.geometry = geometry;
        this.size = geometry.size();
        this.minPartial = minPartialFor(size);
        this.wordsPerSlab = (geometry.objectsPerSlab() + 63) >>> 6;
        this.ownerByPfn = ownerByPfn;
        this.cacheId = cacheId;
        this.slotByPfn = new PfnSlotMap();
        grow(4);
    }

    /** A copy for a checkpoint, every slab array cloned, registered in {@code ownerByPfn} (the copied allocator's map). */
    KmemCache(KmemCache o, PfnSlotMap ownerByPfn) {
        name = o.name;
        geometry = o.geometry;
        size = o.size;
        minPartial = o.minPartial;
        wordsPerSlab = o.wordsPerSlab;
        this.ownerByPfn = ownerByPfn;
        cacheId = o.cacheId;
        slotByPfn = new PfnSlotMap(o.slotByPfn);
        capacity = o.capacity;
        headPfn = o.headPfn.clone();
        objects = o.objects.clone();
        inuse = o.inuse.clone();
        next = o.next.clone();
        prev = o.prev.clone();
        slabOrder = o.slabOrder.clone();
        list = o.list.clone();
        bitmap = o.bitmap.clone();
        freeSlotHead = o.freeSlotHead;
        slotsUsed = o.slotsUsed;
        partialHead = o.partialHead;
        fullHead = o.fullHead;
        nrPartial = o.nrPartial;
        nrFull = o.nrFull;
        nrSlabs = o.nrSlabs;
        totalObjects = o.totalObjects;
        activeObjects = o.activeObjects;
    }

    /** An estimate of this cache's heap for the checkpoint budget: its slab arrays and pfn map. */
    long heapBytes() {
        return (long) capacity * (5 * Integer.BYTES + 2 + wordsPerSlab * Long.BYTES) + 8L * slotByPfn.capacity() + 200;
    }

    /** Mirrors set_min_partial(): {@code clamp(ilog2(size) / 2, MIN_PARTIAL, MAX_PARTIAL)}. */
    public static int minPartialFor(int sizeBytes) {
        int ilog2 = 31 - Integer.numberOfLeadingZeros(sizeBytes);
        return Math.max(MIN_PARTIAL, Math.min(MAX_PARTIAL, ilog2 / 2));
    }

    public String name() { return name; }
    public SlabGeometry geometry() { return geometry; }
    public int minPartial() { return minPartial; }
    int cacheId() { return cacheId; }

    /** slabinfo {@code <active_objs>}: no per-CPU slabs in the model, so every free object counts as free. */
    public long activeObjs() { return activeObjects; }
    /** slabinfo {@code <num_objs>}. */
    public long numObjs() { return totalObjects; }
    /** slabinfo {@code <active_slabs>}: SLUB reports the number of slabs here too. */
    public int activeSlabs() { return nrSlabs; }
    /** slabinfo {@code <num_slabs>}. */
    public int numSlabs() { return nrSlabs; }
    public int nrPartial() { return nrPartial; }
    public int nrFull() { return nrFull; }

    /**
     * Mirrors slab_alloc_node() for this model: an object from the head partial slab, or from a new slab.
     *
     * @return the object's physical address, or {@link #NULL} when the page source had no pages
     */
    public long alloc(int gfp, SlabPageSource source) {
        int s = partialHead;
        if (s == NONE) {
            s = newSlab(gfp, source);
            if (s == NONE) return NULL;
        }
        int base = s * wordsPerSlab, w = base;
        long free;
        while ((free = ~bitmap[w]) == 0) w++;
        int bit = Long.numberOfTrailingZeros(free);
        bitmap[w] |= 1L << bit;
        int index = ((w - base) << 6) + bit;
        activeObjects++;
        if (++inuse[s] == objects[s]) {
            unlink(s);
            pushFull(s);
        }
        return ((long) headPfn[s] << PAGE_SHIFT) + (long) index * size;
    }

    /** Mirrors slab_free()/__slab_free() for this model; see the class comment for the discard rule. */
    public FreeStatus free(long addr, SlabPageSource source) {
        int s = slabOf(addr);
        if (s == NONE) return FreeStatus.NOT_IN_CACHE;
        long offset = addr - ((long) headPfn[s] << PAGE_SHIFT);
        // check_valid_pointer(): the address must be an object start below objects * size.
        if (offset % size != 0 || offset / size >= objects[s]) return FreeStatus.INVALID_POINTER;
        int index = (int) (offset / size);
        int w = s * wordsPerSlab + (index >>> 6);
        long bit = 1L << index;
        if ((bitmap[w] & bit) == 0) return FreeStatus.ALREADY_FREE;
        bitmap[w] &= ~bit;
        activeObjects--;
        boolean wasFull = inuse[s]-- == objects[s];
        boolean discard = inuse[s] == 0 && nrPartial >= minPartial;
        if (wasFull) {
            unlink(s);
            if (discard) discardSlab(s, source);
            else pushPartial(s);
        } else if (discard) {
            unlink(s);
            discardSlab(s, source);
        }
        return FreeStatus.FREED;
    }

    /** Mirrors kmem_cache_shrink(): every empty slab goes back to the page source. Returns how many were freed. */
    public int shrink(SlabPageSource source) {
        int freed = 0;
        for (int s = partialHead; s != NONE; ) {
            int n = next[s];
            if (inuse[s] == 0) {
                unlink(s);
                discardSlab(s, source);
                freed++;
            }
            s = n;
        }
        return freed;
    }

    // ---- lookups ----

    /** The slab slot holding this address, or -1: an O(1) hash lookup of its pfn. */
    public int slabOf(long addr) {
        if (addr < 0 || (addr >>> PAGE_SHIFT) > Integer.MAX_VALUE) return NONE;
        int s = slotByPfn.get((int) (addr >>> PAGE_SHIFT));
        return s == PfnSlotMap.MISSING ? NONE : s;
    }

    public int slabHeadPfn(int slot) { checkSlot(slot); return headPfn[slot]; }
    public int slabOrder(int slot) { checkSlot(slot); return slabOrder[slot]; }
    public int slabObjects(int slot) { checkSlot(slot); return objects[slot]; }
    public int slabInuse(int slot) { checkSlot(slot); return inuse[slot]; }

    /** Index of the object whose bytes contain this address, or -1 (not in a slab, or in the slab's leftover tail). */
    public int objectIndexOf(long addr) {
        int s = slabOf(addr);
        if (s == NONE) return NONE;
        long index = (addr - ((long) headPfn[s] << PAGE_SHIFT)) / size;
        return index < objects[s] ? (int) index : NONE;
    }

    /** Start address of the object containing this address, or {@link #NULL}. */
    public long objectStart(long addr) {
        int index = objectIndexOf(addr);
        return index < 0 ? NULL : ((long) headPfn[slabOf(addr)] << PAGE_SHIFT) + (long) index * size;
    }

    /** True when this address is the start of an allocated object of this cache. */
    public boolean isAllocated(long addr) {
        int s = slabOf(addr);
        if (s == NONE) return false;
        long offset = addr - ((long) headPfn[s] << PAGE_SHIFT);
        if (offset % size != 0 || offset / size >= objects[s]) return false;
        int index = (int) (offset / size);
        return (bitmap[s * wordsPerSlab + (index >>> 6)] & (1L << index)) != 0;
    }

    /** Live slab slots: partial list first (head to tail), then the full list. */
    public int[] slabSlots() {
        int[] out = new int[nrSlabs];
        int i = 0;
        for (int s = partialHead; s != NONE; s = next[s]) out[i++] = s;
        for (int s = fullHead; s != NONE; s = next[s]) out[i++] = s;
        return out;
    }

    /** Addresses of the allocated objects of one slab, in address order. */
    public long[] liveObjects(int slot) {
        checkSlot(slot);
        long[] out = new long[inuse[slot]];
        int n = 0;
        for (int i = 0; i < objects[slot]; i++)
            if ((bitmap[slot * wordsPerSlab + (i >>> 6)] & (1L << i)) != 0)
                out[n++] = ((long) headPfn[slot] << PAGE_SHIFT) + (long) i * size;
        return out;
    }

    /** Partial slabs that still hold objects, in list order: what free_partial() reports at shutdown. */
    int[] partialSlabsInUse() {
        int n = 0;
        for (int s = partialHead; s != NONE; s = next[s]) if (inuse[s] > 0) n++;
        int[] out = new int[n];
        n = 0;
        for (int s = partialHead; s != NONE; s = next[s]) if (inuse[s] > 0) out[n++] = s;
        return out;
    }

    /**
     * Every broken rule, empty when the cache is consistent: inuse equals the bitmap's popcount, no bit past the
     * slab's objects, list membership matches inuse, the lists are well linked and counted, counters add up, and
     * every pfn of every slab maps to that slab (and to this cache in the allocator's map).
     */
    public List<String> checkInvariants() {
        List<String> bad = new ArrayList<>();
        BitSet seen = new BitSet();
        int walkedPartial = walk(partialHead, ON_PARTIAL, seen, bad);
        int walkedFull = walk(fullHead, ON_FULL, seen, bad);
        if (walkedPartial != nrPartial) bad.add(name + ": partial list has " + walkedPartial + " slabs, nrPartial " + nrPartial);
        if (walkedFull != nrFull) bad.add(name + ": full list has " + walkedFull + " slabs, nrFull " + nrFull);
        if (nrSlabs != nrPartial + nrFull) bad.add(name + ": nrSlabs " + nrSlabs + " != partial + full");
        long objs = 0, active = 0, pages = 0;
        for (int s = 0; s < slotsUsed; s++) {
            if (list[s] == FREE_SLOT) continue;
            if (!seen.get(s)) bad.add(name + ": slab " + s + " is live but on no list");
            objs += objects[s];
            active += inuse[s];
            pages += 1L << slabOrder[s];
            int pop = 0;
            for (int w = 0; w < wordsPerSlab; w++) pop += Long.bitCount(bitmap[s * wordsPerSlab + w]);
            if (pop != inuse[s]) bad.add(name + ": slab " + s + " inuse " + inuse[s] + " but bitmap has " + pop);
            for (int i = objects[s]; i < wordsPerSlab * 64; i++)
                if ((bitmap[s * wordsPerSlab + (i >>> 6)] & (1L << i)) != 0) {
                    bad.add(name + ": slab " + s + " has bit " + i + " set past its " + objects[s] + " objects");
                    break;
                }
            if (inuse[s] == objects[s] && list[s] != ON_FULL) bad.add(name + ": full slab " + s + " not on the full list");
            if (inuse[s] < objects[s] && list[s] != ON_PARTIAL) bad.add(name + ": slab " + s + " with free objects not on the partial list");
            for (int p = headPfn[s]; p < headPfn[s] + (1 << slabOrder[s]); p++) {
                if (slotByPfn.get(p) != s) bad.add(name + ": pfn " + p + " of slab " + s + " maps to " + slotByPfn.get(p));
                if (ownerByPfn != null && ownerByPfn.get(p) != cacheId)
                    bad.add(name + ": pfn " + p + " owned by cache " + ownerByPfn.get(p) + ", expected " + cacheId);
            }
        }
        if (objs != totalObjects) bad.add(name + ": num_objs " + totalObjects + " but slabs hold " + objs);
        if (active != activeObjects) bad.add(name + ": active_objs " + activeObjects + " but slabs use " + active);
        if (pages != slotByPfn.size()) bad.add(name + ": " + slotByPfn.size() + " pfns mapped for " + pages + " slab pages");
        return bad;
    }

    private int walk(int head, byte state, BitSet seen, List<String> bad) {
        int n = 0;
        for (int s = head, before = NONE; s != NONE; before = s, s = next[s]) {
            if (prev[s] != before) bad.add(name + ": slab " + s + " prev link " + prev[s] + ", expected " + before);
            if (list[s] != state) bad.add(name + ": slab " + s + " found on list " + state + " but marked " + list[s]);
            if (seen.get(s)) { bad.add(name + ": slab " + s + " on two lists or a cycle"); break; }
            seen.set(s);
            n++;
        }
        return n;
    }

    // ---- slab life cycle ----

    private int newSlab(int gfp, SlabPageSource source) {
        int order = geometry.order();
        int allocGfp = (gfp | Gfp.COMP | Gfp.NOWARN | Gfp.NORETRY) & ~Gfp.NOFAIL;
        if ((allocGfp & Gfp.DIRECT_RECLAIM) != 0 && order > geometry.minOrder())
            allocGfp = (allocGfp | Gfp.NOMEMALLOC) & ~Gfp.RECLAIM;
        int pfn = source.allocSlabPages(order, allocGfp);
        if (pfn < 0) {
            order = geometry.minOrder();
            pfn = source.allocSlabPages(order, gfp | Gfp.COMP);
            if (pfn < 0) return NONE;
        }
        return placeSlab(pfn, order, 0);
    }

    /**
     * A slab of a machine imported from /proc: its pages ({@code order} at {@code pfn}) were taken by the caller,
     * and its first {@code inuse} objects are allocated, since slabinfo gives counts, not which objects.
     */
    public void importSlab(int pfn, int order, int inuse) {
        if (inuse < 0 || inuse > geometry.objectsAt(order))
            throw new IllegalArgumentException(name + ": " + inuse + " objects in a slab of " + geometry.objectsAt(order));
        placeSlab(pfn, order, inuse);
    }

    /** A slab at {@code pfn} whose first {@code inuse} objects are allocated, on the list its fill decides. */
    private int placeSlab(int pfn, int order, int nrInuse) {
        int s = takeSlot();
        headPfn[s] = pfn;
        slabOrder[s] = (byte) order;
        objects[s] = geometry.objectsAt(order);
        inuse[s] = nrInuse;
        Arrays.fill(bitmap, s * wordsPerSlab, (s + 1) * wordsPerSlab, 0L);
        for (int i = 0; i < nrInuse; i++) bitmap[s * wordsPerSlab + (i >>> 6)] |= 1L << i;
        for (int p = pfn; p < pfn + (1 << order); p++) {
            slotByPfn.put(p, s);
            if (ownerByPfn != null) ownerByPfn.put(p, cacheId);
        }
        nrSlabs++;
        totalObjects += objects[s];
        activeObjects += nrInuse;
        if (nrInuse == objects[s]) pushFull(s);
        else pushPartial(s);
        return s;
    }

    /** Mirrors discard_slab(): the slab's pages go back; the caller has unlinked it. */
    private void discardSlab(int s, SlabPageSource source) {
        int pfn = headPfn[s], order = slabOrder[s];
        for (int p = pfn; p < pfn + (1 << order); p++) {
            slotByPfn.remove(p);
            if (ownerByPfn != null) ownerByPfn.remove(p);
        }
        nrSlabs--;
        totalObjects -= objects[s];
        list[s] = FREE_SLOT;
        next[s] = freeSlotHead;
        freeSlotHead = s;
        source.freeSlabPages(pfn, order);
    }

    private int takeSlot() {
        if (freeSlotHead != NONE) {
            int s = freeSlotHead;
            freeSlotHead = next[s];
            return s;
        }
        if (slotsUsed == capacity) grow(capacity * 2);
        return slotsUsed++;
    }

    private void grow(int newCapacity) {
        capacity = newCapacity;
        headPfn = headPfn == null ? new int[newCapacity] : Arrays.copyOf(headPfn, newCapacity);
        objects = objects == null ? new int[newCapacity] : Arrays.copyOf(objects, newCapacity);
        inuse = inuse == null ? new int[newCapacity] : Arrays.copyOf(inuse, newCapacity);
        next = next == null ? new int[newCapacity] : Arrays.copyOf(next, newCapacity);
        prev = prev == null ? new int[newCapacity] : Arrays.copyOf(prev, newCapacity);
        slabOrder = slabOrder == null ? new byte[newCapacity] : Arrays.copyOf(slabOrder, newCapacity);
        list = list == null ? new byte[newCapacity] : Arrays.copyOf(list, newCapacity);
        bitmap = bitmap == null ? new long[newCapacity * wordsPerSlab] : Arrays.copyOf(bitmap, newCapacity * wordsPerSlab);
    }

    private void pushPartial(int s) {
        push(s, partialHead, ON_PARTIAL);
        partialHead = s;
        nrPartial++;
    }

    private void pushFull(int s) {
        push(s, fullHead, ON_FULL);
        fullHead = s;
        nrFull++;
    }

    private void push(int s, int head, byte state) {
        next[s] = head;
        prev[s] = NONE;
        if (head != NONE) prev[head] = s;
        list[s] = state;
    }

    private void unlink(int s) {
        int n = next[s], p = prev[s];
        if (n != NONE) prev[n] = p;
        if (list[s] == ON_PARTIAL) {
            if (p != NONE) next[p] = n; else partialHead = n;
            nrPartial--;
        } else {
            if (p != NONE) next[p] = n; else fullHead = n;
            nrFull--;
        }
        next[s] = prev[s] = NONE;
    }

    private void checkSlot(int slot) {
        if (slot < 0 || slot >= slotsUsed || list[slot] == FREE_SLOT)
            throw new IllegalArgumentException(name + ": no live slab in slot " + slot);
    }

    @Override public String toString() { return name + " " + geometry; }
}
