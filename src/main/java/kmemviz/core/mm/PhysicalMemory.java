package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * One booted machine's physical memory: the frame table, the zones with their buddy lists and watermarks,
 * the page allocator above them, user memory and the live allocations. Deterministic: the same profile and
 * the same calls give the same pfns and the same events. Single-threaded.
 */
public final class PhysicalMemory {
    private final Profile profile;
    private final BuddyAllocator buddy;
    private final PageAllocator pageAllocator;
    private final UserMemory user;
    private final Allocations allocations;
    private final long minFreeKbytes;
    private final Taint taint;
    private final Compaction compaction;

    public PhysicalMemory(Profile profile) { this(profile, List.of()); }

    /**
     * A machine booted to look like a /proc capture when {@code imported} names its zones ({@link ImportedLayout}:
     * the free lists, pageblocks, watermarks and per-CPU lists as captured, the rest of managed memory in use);
     * with an empty list, the profile's own boot.
     */
    public PhysicalMemory(Profile profile, List<ImportedZone> imported) {
        this.profile = profile;
        this.buddy = new BuddyAllocator(profile);
        this.allocations = new Allocations();
        this.user = new UserMemory(buddy.frames(), buddy.zones().size());
        this.taint = new Taint();
        this.compaction = new Compaction(buddy, user, allocations);
        this.pageAllocator = new PageAllocator(buddy, profile, user, allocations, taint, compaction);
        for (Reservation r : profile.reserved()) buddy.frames().fill(r.range().startPfn(), r.range().nrPages(), Owner.RESERVED, 0);
        if (imported.isEmpty()) {
            for (PfnRange free : bootFreeRanges(profile)) buddy.freeBootRange(free);
            minFreeKbytes = Watermarks.setup(buddy.zones(), profile);
            buddy.setupPcp(profile);
        } else {
            ImportedLayout.apply(buddy, profile, imported);
            // __setup_per_zone_wmarks() shares pages_min out over the lowmem zones, so their mins add up to it.
            minFreeKbytes = buddy.zones().stream().filter(z -> z.type() != ZoneType.HIGHMEM && z.type() != ZoneType.MOVABLE)
                    .mapToLong(z -> z.watermark(Watermark.MIN)).sum() << (Profile.PAGE_SHIFT - 10);
        }
    }

    /** A copy of everything but the frame table, which is given; no listener. */
    private PhysicalMemory(PhysicalMemory o, FrameTable frames) {
        this.profile = o.profile;
        this.buddy = new BuddyAllocator(o.buddy, frames);
        this.allocations = o.allocations.copy();
        this.user = new UserMemory(o.user, frames, allocations);
        this.taint = o.taint.copy();
        this.compaction = new Compaction(o.compaction, buddy, user, allocations);
        this.pageAllocator = new PageAllocator(o.pageAllocator, buddy, user, allocations, taint, compaction);
        this.minFreeKbytes = o.minFreeKbytes;
    }

    /**
     * This memory frozen for a checkpoint: the frame table as an image that shares the chunks not written since the
     * last snapshot or restore with it, and a copy of the rest, which is small.
     */
    public Snapshot snapshot() {
        return new Snapshot(frames().image(), new PhysicalMemory(this, null));
    }

    /**
     * A memory equal to the snapshot, with no listener. {@code replaced} (or null) is the memory it replaces: its frame
     * arrays are reused when the machine has as many frames, and it must not be used afterwards.
     */
    public static PhysicalMemory restore(Snapshot snapshot, PhysicalMemory replaced) {
        FrameTable frames = FrameTable.restore(snapshot.frames, replaced == null ? null : replaced.frames());
        return new PhysicalMemory(snapshot.rest, frames);
    }

    /**
     * A frozen {@link PhysicalMemory}. {@code rest} has no frame table (its parts hold null for it): it is never run,
     * only copied from by {@link #restore}.
     */
    public static final class Snapshot {
        private final FrameTable.Image frames;
        private final PhysicalMemory rest;

        private Snapshot(FrameTable.Image frames, PhysicalMemory rest) {
            this.frames = frames;
            this.rest = rest;
        }

        public Profile profile() { return rest.profile; }

        /**
         * The bytes of the frozen frame tables of {@code snapshots}: snapshots taken one after another share the
         * chunks that did not change, and a shared chunk is counted once.
         */
        public static long frameBytes(List<Snapshot> snapshots) {
            return FrameTable.Image.distinctBytes(snapshots.stream().map(s -> s.frames).toList());
        }

        /** An estimate of the rest: zones, allocation records and their page lists, the LRU. */
        public long otherBytes() { return rest.otherBytes(); }
    }

    /**
     * An estimate of what a copy of everything but the frame table allocates, for the checkpoint budget: zones, the
     * LRU, a map entry per allocation and the page lists of scattered ones (the other records are shared).
     */
    public long otherBytes() {
        long bytes = zones().size() * 400L + user.bytes();
        for (Allocation a : allocations.all()) bytes += 64 + (a.pages() == null ? 0 : 100 + 4L * a.pages().size());
        return bytes;
    }

    /** The frame table's bytes: 14 per frame. */
    public long frameTableBytes() { return 14L * frames().nrFrames(); }

    /**
     * memblock's free ranges (RAM minus reservations) in ascending order, cut at zone boundaries so that no
     * boot block crosses a zone.
     */
    static List<PfnRange> bootFreeRanges(Profile profile) {
        List<PfnRange> out = new ArrayList<>();
        for (PfnRange ram : profile.ram()) {
            int start = ram.startPfn();
            while (start < ram.endPfn()) {
                int end = ram.endPfn();
                for (Reservation r : profile.reserved()) {
                    PfnRange rr = r.range();
                    if (rr.contains(start)) { start = rr.endPfn(); end = start; break; }
                    if (rr.startPfn() > start) end = Math.min(end, rr.startPfn());
                }
                if (start >= end) continue;
                for (ZoneSpan z : profile.zones())
                    if (z.span().startPfn() > start && z.span().startPfn() < end) end = z.span().startPfn();
                out.add(new PfnRange(start, end));
                start = end;
            }
        }
        return out;
    }

    public void setListener(MmListener listener) {
        buddy.setListener(listener);
        pageAllocator.setListener(listener);
        compaction.setListener(listener);
    }

    /** Attaches the explanation sink that records what the allocator decides, or detaches it (null). */
    public void setStories(AllocStories stories) { pageAllocator.setStories(stories); }

    public Profile profile() { return profile; }

    public BuddyAllocator buddy() { return buddy; }

    public FrameTable frames() { return buddy.frames(); }

    public List<Zone> zones() { return buddy.zones(); }

    public Allocations allocations() { return allocations; }

    public PageAllocator pageAllocator() { return pageAllocator; }

    public long minFreeKbytes() { return minFreeKbytes; }

    /** This boot's taint mask, which every report's CPU line prints (slab and vm reports included). */
    public Taint taint() { return taint; }

    /** The zone the pfn is in, or null for a pfn outside every populated zone. */
    public Zone zoneOf(int pfn) { return pfn >= 0 && pfn < frames().nrFrames() ? buddy.zoneOf(pfn) : null; }

    /** alloc_pages() and bookkeeping: the new allocation, or null when the allocator returned NULL. */
    public Allocation allocBlock(Api api, String call, int gfp, int order, Owner owner, ExecContext ctx,
                                 String caller, String cacheName, long requestedBytes) {
        int id = allocations.nextId();
        int pfn = pageAllocator.allocPages(gfp, order, owner, id, ctx);
        if (pfn == FrameTable.NO_PFN) return null;
        Allocation a = Allocation.block(id, api, call, gfp, ctx, caller, owner, pfn, order, cacheName, requestedBytes);
        allocations.add(a);
        return a;
    }

    /** Records a slab object, which holds no frame of its own; its slab's pages are a block allocation. */
    public Allocation addObject(Api api, String call, int gfp, ExecContext ctx, String caller, long objectAddress,
                                String cacheName, long requestedBytes, long actualBytes) {
        Allocation a = new Allocation(allocations.nextId(), api, call, gfp, ctx, caller, Owner.SLAB, FrameTable.NO_PFN,
                -1, null, objectAddress, cacheName, requestedBytes, actualBytes, (gfp & Gfp.ZERO) != 0);
        allocations.add(a);
        return a;
    }

    /** Replaces a record in place (same id), for krealloc() that keeps its object. */
    public void replace(Allocation a) { allocations.add(a); }

    /** Forgets a slab object's record; the slab layer has freed the object. */
    public void removeObject(Allocation a) { allocations.remove(a.id()); }

    /**
     * The bare page allocator: a block of {@code owner}'s with no allocation record, for callers that keep their
     * own books (slab pages, page tables, benchmarks). Returns the head pfn or NO_PFN.
     */
    public int allocPages(int gfp, int order, Owner owner, ExecContext ctx) {
        return pageAllocator.allocPages(gfp, order, owner, 0, ctx);
    }

    /** Gives back a block taken with {@link #allocPages(int, int, Owner, ExecContext)}. */
    public void freePages(int pfn, int order) { buddy.freePages(pfn, order); }

    /** Gives a block allocation back to the buddy allocator. */
    public void freeBlock(Allocation a) {
        allocations.remove(a.id());
        buddy.freePages(a.pfn(), a.order());
    }

    /**
     * A block a trace says the kernel allocated, at its own pfn and with its traced migrate type: taken off the buddy
     * lists ({@link BuddyAllocator#takeBlockAt}) and recorded as an alloc_pages() block named by {@code call}. Null,
     * with nothing changed, when the block is misaligned, not inside one zone, or not free in the buddy lists.
     */
    public Allocation allocBlockAt(int pfn, int order, int migratetype, int gfp, String call, String caller) {
        if (order > BuddyAllocator.MAX_PAGE_ORDER || (pfn & ((1 << order) - 1)) != 0) return null;
        Zone zone = zoneOf(pfn);
        if (zone == null || zoneOf(pfn + (1 << order) - 1) != zone) return null;
        int id = allocations.nextId();
        if (!buddy.takeBlockAt(zone, pfn, order, migratetype, gfp, Owner.PAGES, id)) return null;
        Allocation a = Allocation.block(id, Api.ALLOC_PAGES, call, gfp, ExecContext.PROCESS, caller, Owner.PAGES, pfn, order,
                null, (long) Profile.PAGE_SIZE << order);
        allocations.add(a);
        return a;
    }

    /** Gives a block of {@link #allocBlockAt} back straight to the buddy lists ({@link BuddyAllocator#returnBlockAt}). */
    public void freeBlockAt(Allocation a) {
        allocations.remove(a.id());
        buddy.returnBlockAt(a.pfn(), a.order());
    }

    /** The pageblock holding {@code pfn} claimed for {@code migratetype} ({@link BuddyAllocator#claimPageblockAt}). */
    public boolean claimPageblockAt(int pfn, int migratetype) {
        Zone zone = zoneOf(pfn);
        return zone != null && buddy.claimPageblockAt(zone, pfn, migratetype);
    }

    /**
     * __free_pages() (mm/page_alloc.c:4939-4952) of a block allocated without __GFP_COMP, given a smaller
     * {@code order} than it was allocated with: the head page's reference drops to 0 and free_unref_page() frees its
     * first 2^order pages; the other pages never had a reference of their own, so nothing frees them. They stay
     * allocated, as the kernel leaks them, as buddy-sized pieces (the upper halves) under the same allocation id,
     * whose record now lists them page by page and is named by {@code leakCall}. Returns the leaked pages.
     */
    public long freeHeadPages(Allocation a, int order, String leakCall) {
        if (order >= a.order()) throw new IllegalArgumentException("order " + order + " frees the whole order-" + a.order() + " block");
        IntList leaked = new IntList();
        for (int o = a.order() - 1; o >= order; o--) {
            int piece = a.pfn() + (1 << o);
            frames().touch(piece);                                  // keeps owner and id; its order changes below
            frames().setHead(piece, o, a.owner());
            for (int p = piece; p < piece + (1 << o); p++) leaked.add(p);
        }
        long bytes = (long) leaked.size() * Profile.PAGE_SIZE;
        allocations.add(new Allocation(a.id(), a.api(), leakCall, a.gfp(), a.context(), a.caller(), a.owner(), FrameTable.NO_PFN,
                -1, leaked, -1, a.cacheName(), bytes, bytes, a.zeroed()));
        frames().setHead(a.pfn(), order, a.owner());
        buddy.freePages(a.pfn(), order);
        return leaked.size();
    }

    /**
     * A user process faults in {@code nrPages} anonymous pages, one order-0 GFP_HIGHUSER_MOVABLE page at a
     * time. It keeps what it got if memory runs out first.
     */
    public Allocation spawnProcess(String name, long nrPages, String call) {
        return scattered(Api.USER_PROCESS, Owner.USER, name, nrPages, call);
    }

    /** Reads {@code nrPages} of a file into the page cache (order-0 pages, the mapping's GFP_HIGHUSER_MOVABLE). */
    public Allocation readFile(String name, long nrPages, String call) {
        return scattered(Api.PAGE_CACHE, Owner.PAGE_CACHE, name, nrPages, call);
    }

    private Allocation scattered(Api api, Owner owner, String name, long nrPages, String call) {
        Allocation a = beginScattered(api, owner, call, Gfp.HIGHUSER_MOVABLE, ExecContext.PROCESS, name, nrPages * Profile.PAGE_SIZE);
        if (api == Api.USER_PROCESS) user.addProcess(a);
        // An anonymous fault asks for a zeroed order-0 folio (vma_alloc_zeroed_movable_folio(), and folios are
        // __GFP_COMP), which may warn; readahead adds __GFP_NORETRY | __GFP_NOWARN to the mapping's mask, of which
        // the model keeps __GFP_NOWARN.
        int gfp = api == Api.USER_PROCESS ? Gfp.HIGHUSER_MOVABLE | Gfp.COMP | Gfp.ZERO : Gfp.HIGHUSER_MOVABLE | Gfp.NOWARN;
        for (long i = 0; i < nrPages; i++) {
            int pfn = addScatteredPage(a, gfp);
            if (pfn == FrameTable.NO_PFN) break;
            if (api == Api.PAGE_CACHE) user.pageCacheAdded(pfn, a.id(), buddy.zoneOf(pfn).index());
        }
        return a;
    }

    /** Starts an allocation made of order-0 pages from anywhere (user memory, vmalloc); it holds none yet. */
    public Allocation beginScattered(Api api, Owner owner, String call, int gfp, ExecContext ctx, String caller,
                                     long requestedBytes) {
        Allocation a = new Allocation(allocations.nextId(), api, call, gfp, ctx, caller, owner, FrameTable.NO_PFN, -1,
                new IntList(), -1, null, requestedBytes, requestedBytes, (gfp & Gfp.ZERO) != 0);
        allocations.add(a);
        return a;
    }

    /**
     * One more order-0 page for a scattered allocation; NO_PFN when there is none. If the OOM killer chose this
     * very allocation's process while it was asking, the page goes straight back and the answer is NO_PFN.
     */
    public int addScatteredPage(Allocation a, int gfp) {
        int pfn = pageAllocator.allocPages(gfp, 0, a.owner(), a.id(), a.context());
        if (pfn == FrameTable.NO_PFN) return pfn;
        if (allocations.get(a.id()) == null) {
            buddy.freePages(pfn, 0);
            return FrameTable.NO_PFN;
        }
        a.pages().add(pfn);
        return pfn;
    }

    /** Gives one page of a scattered allocation back. */
    public void freeScatteredPage(Allocation a, int pfn) {
        a.pages().removeValue(pfn);
        buddy.freePages(pfn, 0);
    }

    /** Forgets a scattered allocation whose pages have all gone back. */
    public void endScattered(Allocation a) {
        if (!a.pages().isEmpty()) throw new IllegalStateException(a.call() + " still holds " + a.pages().size() + " pages");
        allocations.remove(a.id());
    }

    /**
     * Hands a reserved frame to the kernel's early page tables: they live in memory memblock keeps (the kernel
     * image's BRK area), never in the buddy allocator.
     */
    public void claimReservedFrame(int pfn, Owner owner) {
        if (buddy.frames().owner(pfn) != Owner.RESERVED) throw new IllegalStateException("pfn " + pfn + " is not reserved");
        buddy.frames().fill(pfn, 1, owner, 0);
    }

    /** Hands the "in use (imported)" frames of a machine booted from /proc to slab caches and vmalloc areas. */
    public ImportedPages importedPages() { return new ImportedPages(this); }

    /** A process exits, or a file's pages are dropped from the cache. */
    public void releaseScattered(Allocation a) {
        if (a.api() == Api.USER_PROCESS) {
            pageAllocator.releaseProcess(a);
            return;
        }
        IntList pages = a.pages();
        for (int i = 0; i < pages.size(); i++) {
            user.pageCacheDropped(buddy.zoneOf(pages.get(i)).index());
            buddy.freePages(pages.get(i), 0);
        }
        allocations.remove(a.id());
    }

    /** {@code cpu K}: the following commands run on CPU K. */
    public void setCpu(int cpu) {
        if (cpu < 0 || cpu >= profile.nrCpus())
            throw new IllegalArgumentException("cpu " + cpu + ": this machine has CPUs 0 to " + (profile.nrCpus() - 1));
        buddy.setCpu(cpu);
    }

    /** The CPU the commands run on. */
    public int cpu() { return buddy.cpu(); }

    /** Memory compaction: its counters, skip bits and deferral state. */
    public Compaction compaction() { return compaction; }

    /**
     * A write to /proc/sys/vm/compact_memory (compact_nodes()): every zone compacted whole; with {@code zone} not null
     * only that zone, as the model's {@code compact zone Z} asks.
     */
    public void compact(Zone zone) { compaction.compactNode(zone); }

    /** drain_all_pages(NULL): every per-CPU list back to the buddy lists. */
    public void drainAllPages() { buddy.drainAllPages(); }

    /** Lets kswapd do the work a command woke it for. */
    public void runKswapd() { pageAllocator.runKswapd(); }

    public InvariantChecker invariants() { return new InvariantChecker(this); }
}
