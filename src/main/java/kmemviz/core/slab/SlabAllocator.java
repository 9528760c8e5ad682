package kmemviz.core.slab;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Taint;

/**
 * The slab layer: the kmalloc caches plus the caches made by kmem_cache_create(). Single-threaded, like the core.
 *
 * <p><b>Handles.</b> An object is named by its physical address (&ge; 0); {@link #NULL} is a failed allocation. kmalloc()
 * takes an object from {@link #kmallocCache}; zero, large and oversize requests never reach this layer (see
 * {@link KmallocPlan}). Reports print kernel virtual addresses, {@code directMapBase + phys}
 * (0xffff888000000000 on x86_64 without KASLR, 0xc0000000 on i386), raw as SLUB prints them when slab debugging has
 * turned on no_hash_pointers.
 *
 * <p><b>What is checked.</b> The model detects what SLUB detects with {@code slab_debug=F} (double free, invalid
 * pointer) and with SLAB_FREELIST_HARDENED (wrong cache), and never corrupts itself: a bad free changes nothing.
 * Reports give the lines SLUB prints first (BUG header, FIX line, WARN lines); the tracking, Slab and Object lines,
 * hex dumps and stack traces are left out. Taint (B, W) follows the 6.12.118 report functions, which add_taint(B) and
 * WARN_ON (W).
 *
 * <p><b>Not modelled.</b> Cache merging (every kmem_cache_create() makes a cache of its own, with its own slabinfo
 * line), the rcl-/cg-/rnd- kmalloc families (only KMALLOC_NORMAL is created here; the kernel model adds dma-kmalloc
 * caches on first use through kmemCacheCreate()), the boot
 * caches kmem_cache and kmem_cache_node, per-CPU slabs and partial lists, NUMA nodes, KASAN and KFENCE.
 */
public final class SlabAllocator {
    /** No object: the allocation failed. */
    public static final long NULL = KmemCache.NULL;

    private static final String RULE = "=============================================================================";
    private static final String DASHES = "-----------------------------------------------------------------------------";
    private static final String CUT_HERE = "------------[ cut here ]------------";
    // Lines of the WARNs: page_alloc.c as the reference gives it for 6.12.0; slub.c and slab_common.c from the 6.12.117 Debian tree.
    private static final String WARN_WRONG_CACHE = "mm/slub.c:4770";
    private static final String WARN_NOT_SLAB = "mm/slub.c:4756";
    private static final String WARN_DESTROY = "mm/slab_common.c:548";
    private static final String WARN_DUPLICATE = "mm/slab_common.c:107";

    private final SlabPageSource pages;
    private final int nrCpus, pointerSize;
    private final long directMapBase;
    private final PfnSlotMap cacheIdByPfn;
    private final List<KmemCache> cachesById = new ArrayList<>();   // creation order; never shrinks
    private final List<KmemCache> listed = new ArrayList<>();       // slab_caches, creation order (slabinfo reverses)
    private final KmemCache[] kmallocByIndex = new KmemCache[KmallocSizes.KMALLOC_SHIFT_HIGH + 1];
    private final Taint taint;                                       // the boot's, shared with every report
    private boolean warnedNotSlab;
    private int reportCpu, reportPid = 1;

    /**
     * Boots the slab layer: create_kmalloc_caches() for KMALLOC_NORMAL.
     *
     * @param nrCpus      present CPUs, which decide slab orders (4 for the x86_64 profile, 2 for i386)
     * @param pointerSize 8 on x86_64, 4 on i386
     * @param taint       the kernel's taint mask, which SLUB's reports print and set
     */
    public SlabAllocator(SlabPageSource pages, int nrCpus, int pointerSize, Taint taint) {
        if (pages == null) throw new IllegalArgumentException("a page source is required");
        this.pages = pages;
        this.taint = taint;
        this.nrCpus = nrCpus;
        this.pointerSize = pointerSize;
        this.directMapBase = pointerSize == 8 ? 0xffff888000000000L : 0xc0000000L;
        this.cacheIdByPfn = new PfnSlotMap();
        for (int index : KmallocSizes.creationOrder()) {
            int size = KmallocSizes.indexSize(index);
            KmemCache cache = register(KmallocSizes.indexName(index), SlabGeometry.forKmalloc(size, nrCpus, pointerSize));
            kmallocByIndex[index] = cache;
        }
    }

    /** A copy for a checkpoint on {@code pages} and the copied memory's {@code taint}: every cache copied, the lists in the same order. */
    public SlabAllocator copy(SlabPageSource pages, Taint taint) { return new SlabAllocator(this, pages, taint); }

    private SlabAllocator(SlabAllocator o, SlabPageSource pages, Taint taint) {
        this.pages = pages;
        this.taint = taint;
        this.nrCpus = o.nrCpus;
        this.pointerSize = o.pointerSize;
        this.directMapBase = o.directMapBase;
        this.cacheIdByPfn = new PfnSlotMap(o.cacheIdByPfn);
        for (KmemCache c : o.cachesById) cachesById.add(new KmemCache(c, cacheIdByPfn));
        for (KmemCache c : o.listed) listed.add(counterpart(c));
        for (int i = 0; i < kmallocByIndex.length; i++) if (o.kmallocByIndex[i] != null) kmallocByIndex[i] = counterpart(o.kmallocByIndex[i]);
        this.warnedNotSlab = o.warnedNotSlab;
        this.reportCpu = o.reportCpu;
        this.reportPid = o.reportPid;
    }

    /** In a {@link #copy}, the cache that was {@code original} in the allocator it was copied from. */
    public KmemCache counterpart(KmemCache original) { return cachesById.get(original.cacheId()); }

    /** An estimate of the slab layer's heap, for the checkpoint budget. */
    public long heapBytes() {
        long bytes = 8L * cacheIdByPfn.capacity();
        for (KmemCache c : cachesById) bytes += c.heapBytes();
        return bytes;
    }

    public int nrCpus() { return nrCpus; }
    public int pointerSize() { return pointerSize; }

    /** CPU and PID printed in WARNING lines; the kernel model sets them before each command. */
    public void setReportContext(int cpu, int pid) { reportCpu = cpu; reportPid = pid; }

    /** Caches on slab_caches, in creation order (the slabinfo listing is the reverse). */
    public List<KmemCache> caches() { return List.copyOf(listed); }

    /** The listed cache with this name, newest first as the kernel's lookups walk, or null. */
    public KmemCache cache(String name) {
        for (int i = listed.size() - 1; i >= 0; i--) if (listed.get(i).name().equals(name)) return listed.get(i);
        return null;
    }

    /** The kmalloc cache serving this size, or null for 0 and large sizes. */
    public KmemCache kmallocCache(long sizeBytes) {
        int index = KmallocSizes.kmallocIndex(sizeBytes);
        return index < 0 ? null : kmallocByIndex[index];
    }

    /** The cache whose slab holds this address (leaked caches included), or null. */
    public KmemCache cacheOf(long addr) {
        if (addr < 0 || (addr >>> Profile.PAGE_SHIFT) > Integer.MAX_VALUE) return null;
        int id = cacheIdByPfn.get((int) (addr >>> Profile.PAGE_SHIFT));
        return id == PfnSlotMap.MISSING ? null : cachesById.get(id);
    }

    /** Mirrors kfree(). A pointer outside every slab is reported as NOT_SLAB: free_large_kmalloc() is the caller's. */
    public FreeResult kfree(long addr) {
        if (addr == NULL) return FreeResult.IGNORED;
        KmemCache cache = cacheOf(addr);
        if (cache == null) return new FreeResult(FreeResult.Status.NOT_SLAB, false, null, List.of());
        return freeTo(cache, addr);
    }

    /** Mirrors kmem_cache_free() with cache_from_obj()'s check (SLAB_FREELIST_HARDENED). */
    public FreeResult kmemCacheFree(KmemCache cache, long addr) {
        KmemCache real = cacheOf(addr);
        if (real == null) {
            List<String> report = List.of();
            if (!warnedNotSlab) {
                warnedNotSlab = true;
                report = warn("virt_to_cache: Object is not a Slab page!", WARN_NOT_SLAB, "kmem_cache_free");
            }
            return new FreeResult(FreeResult.Status.NOT_SLAB, false, null, report);
        }
        if (real == cache) return freeTo(cache, addr);
        List<String> report = new ArrayList<>(warn("cache_from_obj: Wrong slab cache. " + cache.name()
                + " but object is from " + real.name(), WARN_WRONG_CACHE, "kmem_cache_free"));
        FreeResult inner = freeTo(real, addr);
        report.addAll(inner.report());
        return new FreeResult(FreeResult.Status.WRONG_CACHE, inner.freed(), real.name(), report);
    }

    /** Mirrors ksize(): the cache's size for an allocated slab object, 0 for NULL/ZERO_SIZE_PTR or anything else. */
    public long ksize(long addr) {
        KmemCache cache = cacheOf(addr);
        return cache != null && cache.isAllocated(addr) ? cache.geometry().size() : 0;
    }

    /** kmem_cache_create(name, size, 0, 0, NULL). */
    public CacheCreateResult kmemCacheCreate(String name, int sizeBytes) { return kmemCacheCreate(name, sizeBytes, 0); }

    /**
     * Mirrors kmem_cache_create() for a cache without flags or ctor: never merged (see the class comment). The
     * sanity checks are those of CONFIG_DEBUG_VM's kmem_cache_sanity_check(): a size above KMALLOC_MAX_SIZE fails,
     * a duplicate name WARNs and the cache is still made, as in the kernel.
     */
    public CacheCreateResult kmemCacheCreate(String name, int sizeBytes, int align) {
        if (name == null || name.isEmpty() || sizeBytes > KmallocSizes.KMALLOC_MAX_SIZE)
            return new CacheCreateResult(null, List.of("kmem_cache_create(" + name + ") integrity check failed"));
        if (sizeBytes <= 0) throw new IllegalArgumentException("size must be > 0, was " + sizeBytes);
        List<String> report = cache(name) == null ? List.of()
                : warn("kmem_cache of name '" + name + "' already exists", WARN_DUPLICATE, "kmem_cache_create");
        KmemCache cache = register(name, SlabGeometry.compute(sizeBytes, align, nrCpus, pointerSize));
        return new CacheCreateResult(cache, report);
    }

    /**
     * The cache a /proc/slabinfo row names, made ready for its imported slabs: the listed cache of that name when
     * its layout matches, else a fresh one with the row's layout in its place (same list position, same kmalloc
     * index), else a new cache. The cache moves to the head of the listing, so that importing a file's rows from
     * its last to its first lists them again in the file's order. Only on a fresh boot, before any slab exists: a
     * cache replaced must be empty.
     */
    public KmemCache importCache(String name, SlabGeometry geometry) {
        KmemCache old = cache(name);
        if (old == null) return register(name, geometry);
        KmemCache cache = old;
        if (old.geometry().size() != geometry.size() || old.geometry().order() != geometry.order()) {
            if (old.numSlabs() != 0) throw new IllegalStateException(name + " already has slabs");
            cache = new KmemCache(name, geometry, cacheIdByPfn, old.cacheId());
            cachesById.set(old.cacheId(), cache);
            for (int i = 0; i < kmallocByIndex.length; i++) if (kmallocByIndex[i] == old) kmallocByIndex[i] = cache;
        }
        listed.remove(old);
        listed.add(cache);
        return cache;
    }

    /**
     * Mirrors kmem_cache_destroy(): empty slabs go back to the page source. If objects remain, SLUB prints one
     * "Objects remaining" BUG per partial slab that holds objects (objects in full slabs are not listed), then the
     * "still has objects" WARN; the cache leaves the list (and /proc/slabinfo) but is leaked: its slabs keep their
     * pages, and kfree() of its objects still works, because each slab still points at the cache.
     *
     * @param caller the %pS of the caller, e.g. "demo_exit+0x1a/0x30 [demo]"
     */
    public DestroyResult kmemCacheDestroy(KmemCache cache, String caller) {
        if (cache == null) return new DestroyResult(false, List.of());   // NULL is ignored
        if (!listed.contains(cache)) throw new IllegalArgumentException(cache.name() + " is not on the cache list");
        for (KmemCache k : kmallocByIndex)
            if (k == cache) throw new IllegalArgumentException(cache.name() + " is a kmalloc cache; those live for the whole boot");
        List<String> report = new ArrayList<>();
        cache.shrink(pages);
        for (int slot : cache.partialSlabsInUse()) {
            report.addAll(bugHeader(cache.name(), "Objects remaining on __kmem_cache_shutdown()"));
            long base = (long) cache.slabHeadPfn(slot) << Profile.PAGE_SHIFT;
            for (long obj : cache.liveObjects(slot)) report.add("Object " + ptr(obj) + " @offset=" + (obj - base));
            taintBug();
        }
        listed.remove(cache);
        if (cache.numSlabs() == 0) return new DestroyResult(true, report);
        report.addAll(warn("kmem_cache_destroy " + cache.name() + ": Slab cache still has objects when called from " + caller,
                WARN_DESTROY, "kmem_cache_destroy"));
        return new DestroyResult(false, report);
    }

    /** print_tainted() of the kernel's mask: "Not tainted", or 19 flag columns after "Tainted: ". */
    public String tainted() { return taint.print(); }

    /** slab_bug() and slab_err()/object_err() taint B (add_taint(TAINT_BAD_PAGE), mm/slub.c) and the WARN_ON W. */
    private void taintBug() {
        taint.add(Taint.Flag.BAD_PAGE);
        taint.add(Taint.Flag.WARN);
    }

    /** Every broken invariant of every cache, plus pfns claimed twice across caches; empty when all is well. */
    public List<String> checkInvariants() {
        List<String> bad = new ArrayList<>();
        long pagesInSlabs = 0;
        for (KmemCache cache : cachesById) {
            bad.addAll(cache.checkInvariants());
            for (int slot : cache.slabSlots()) pagesInSlabs += 1L << cache.slabOrder(slot);
        }
        // Each cache maps its own pfns to itself in cacheIdByPfn; equal totals mean no pfn is claimed twice.
        if (pagesInSlabs != cacheIdByPfn.size())
            bad.add("slab pages " + pagesInSlabs + " but " + cacheIdByPfn.size() + " pfns owned: a pfn is in two slabs");
        return bad;
    }

    private KmemCache register(String name, SlabGeometry geometry) {
        KmemCache cache = new KmemCache(name, geometry, cacheIdByPfn, cachesById.size());
        cachesById.add(cache);
        listed.add(cache);
        return cache;
    }

    private FreeResult freeTo(KmemCache cache, long addr) {
        switch (cache.free(addr, pages)) {
            case FREED:
                return FreeResult.FREED;
            case ALREADY_FREE:
                return bug(cache, FreeResult.Status.ALREADY_FREE, "Object already free", addr);
            case INVALID_POINTER:
                return bug(cache, FreeResult.Status.INVALID_POINTER, "Invalid object pointer " + ptr(addr), addr);
            default:
                throw new IllegalStateException(cache.name() + " disowns " + addr + " that the pfn map gives it");
        }
    }

    /** object_err()/slab_err() then free_debug_processing()'s FIX line. */
    private FreeResult bug(KmemCache cache, FreeResult.Status status, String reason, long addr) {
        List<String> report = new ArrayList<>(bugHeader(cache.name(), reason));
        taintBug();
        report.add("FIX " + cache.name() + ": Object at " + ptr(addr) + " not freed");
        return new FreeResult(status, false, cache.name(), report);
    }

    /** __slab_bug(): rule, "BUG cache (taint): reason", dashes, blank line. */
    private List<String> bugHeader(String cacheName, String reason) {
        return List.of(RULE, "BUG " + cacheName + " (" + tainted() + "): " + reason, DASHES, "");
    }

    /** __warn()'s first lines; the WARN taints W after printing the taint-free header. */
    private List<String> warn(String message, String fileLine, String function) {
        List<String> lines = new ArrayList<>();
        lines.add(CUT_HERE);
        if (message != null) lines.add(message);
        lines.add("WARNING: CPU: " + reportCpu + " PID: " + reportPid + " at " + fileLine + " " + function);
        taint.add(Taint.Flag.WARN);
        return lines;
    }

    private String ptr(long phys) {
        long vaddr = directMapBase + phys;
        return pointerSize == 8 ? String.format("0x%016x", vaddr) : String.format("0x%08x", vaddr & 0xffffffffL);
    }
}
