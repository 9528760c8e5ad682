package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.slab.KmemCache;
import kmemviz.core.slab.SlabAllocator;

/**
 * The slab layer of one boot and the kernel's books on it: which allocation each live object is, the caches
 * that script variables name, and what became of freed objects (for the double-free report).
 */
public final class SlabState {
    private final SlabAllocator slab;
    private final SlabPages pages;
    // One entry per object address ever used: the live object's allocation id (> 0), or after its free
    // -(1 + index of the freeing call in freeingCalls). A free replaces the id and an allocation the call, so one
    // primitive map serves both questions without boxing; a replay frees and allocates millions of objects.
    private final LongIntMap objects;
    private int nrLiveObjects;
    // Objects a machine imported from /proc booted with: slabinfo counts them but names no allocation, so they have
    // no record; one freed leaves this count (its address had no entry in objects).
    private long nrImportedObjects;
    private final List<String> freeingCalls;
    private final Map<String, Integer> freeingCallIndex;
    private final List<KmemCache> cacheRefs = new ArrayList<>();
    /** free_large_kmalloc()'s WARN_ON_ONCE has fired this boot (kfree() of a non-compound page). */
    boolean kfreeOfPageWarned;

    SlabState(PhysicalMemory mem) {
        this.pages = new SlabPages(mem);
        this.slab = new SlabAllocator(pages, mem.profile().nrCpus(), mem.profile().pointerSize(), mem.taint());
        this.objects = new LongIntMap();
        this.freeingCalls = new ArrayList<>();
        this.freeingCallIndex = new HashMap<>();
    }

    /**
     * A copy for a checkpoint whose new slabs come from {@code mem}; null for the frozen copy a checkpoint keeps,
     * which is never run, only copied from.
     */
    SlabState(SlabState o, PhysicalMemory mem) {
        this.pages = new SlabPages(mem);
        // The frozen copy (no memory) is never run; the live copy shares the restored memory's taint.
        this.slab = o.slab.copy(pages, mem == null ? new kmemviz.core.mm.Taint() : mem.taint());
        kfreeOfPageWarned = o.kfreeOfPageWarned;
        objects = new LongIntMap(o.objects);
        nrLiveObjects = o.nrLiveObjects;
        nrImportedObjects = o.nrImportedObjects;
        freeingCalls = new ArrayList<>(o.freeingCalls);
        freeingCallIndex = new HashMap<>(o.freeingCallIndex);
        for (KmemCache c : o.cacheRefs) cacheRefs.add(slab.counterpart(c));
    }

    /** An estimate of what a copy of this layer allocates, for the checkpoint budget. */
    long heapBytes() { return slab.heapBytes() + 12L * 2 * objects.size() + 64L * freeingCalls.size() + 8L * cacheRefs.size(); }

    public SlabAllocator allocator() { return slab; }

    SlabPages pages() { return pages; }

    /** The allocation id of the live object at this physical address, or 0. */
    public int objectId(long phys) { return Math.max(0, objects.get(phys)); }

    void objectAdded(long phys, int id) {
        if (id <= 0) throw new IllegalArgumentException("allocation ids are > 0, was " + id);
        if (objects.get(phys) <= 0) nrLiveObjects++;
        objects.put(phys, id);
    }

    /** Objects allocated by an imported slab ({@link kmemviz.core.slab.KmemCache#importSlab}), without records. */
    void objectsImported(long n) { nrImportedObjects += n; }

    void objectRemoved(long phys, String freeingCall) {
        int v = objects.get(phys);
        if (v > 0) nrLiveObjects--;
        else if (v == LongIntMap.MISSING) nrImportedObjects--;
        Integer call = freeingCallIndex.get(freeingCall);
        if (call == null) {
            call = freeingCalls.size();
            freeingCalls.add(freeingCall);
            freeingCallIndex.put(freeingCall, call);
        }
        objects.put(phys, -1 - call);
    }

    /** The call that last freed the object at this address, or null. */
    String freedBy(long phys) {
        int v = objects.get(phys);
        return v < 0 ? freeingCalls.get(-1 - v) : null;
    }

    /** A number for a cache that a script variable can hold (1-based). */
    int refer(KmemCache cache) {
        cacheRefs.add(cache);
        return cacheRefs.size();
    }

    KmemCache cacheByRef(int ref) { return ref >= 1 && ref <= cacheRefs.size() ? cacheRefs.get(ref - 1) : null; }

    /**
     * The cache a kmalloc of {@code bytes} uses: kmalloc-N, or for __GFP_DMA its dma-kmalloc-N twin, which the
     * model creates on first use (the kernel creates the whole family at boot).
     */
    KmemCache kmallocCache(long bytes, boolean dma) {
        KmemCache normal = slab.kmallocCache(bytes);
        if (!dma) return normal;
        String name = "dma-" + normal.name();
        KmemCache twin = slab.cache(name);
        return twin != null ? twin : slab.kmemCacheCreate(name, normal.geometry().size()).cache();
    }

    /** Live object records that the slab layer does not hold as allocated, and the reverse. */
    List<String> checkInvariants() {
        List<String> bad = new ArrayList<>(slab.checkInvariants());
        long live = 0;
        objects.forEachKey(phys -> {
            if (objects.get(phys) <= 0) return;
            KmemCache c = slab.cacheOf(phys);
            if (c == null || !c.isAllocated(phys)) bad.add("object at phys 0x" + Long.toHexString(phys) + " is recorded but not allocated");
        });
        for (KmemCache c : allCaches()) live += c.activeObjs();
        if (live != nrLiveObjects + nrImportedObjects)
            bad.add(nrLiveObjects + " object records and " + nrImportedObjects + " imported objects, but the caches hold " + live + " objects");
        return bad;
    }

    /** Listed caches and leaked ones that variables still name. */
    private List<KmemCache> allCaches() {
        List<KmemCache> all = new ArrayList<>(slab.caches());
        for (KmemCache c : cacheRefs) if (!all.contains(c)) all.add(c);
        return all;
    }

}
