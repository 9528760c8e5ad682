package kmemviz.core.mm;

import java.util.Collection;
import java.util.Collections;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memory that is not the kernel's own: page-cache pages, which reclaim can drop, and user processes'
 * anonymous pages, which only the OOM killer takes back (the model has no swap).
 *
 * <p>The page cache is one node-wide LRU in fault order (oldest first), as the kernel's per-node lruvec is
 * since 4.8; reclaim takes the oldest pages of the zones the request may use and leaves the others in place.
 * Entries of pages already gone (a file that was dropped) are skipped when they reach the front.
 */
public final class UserMemory {
    private final FrameTable frames;
    private final Map<Integer, Allocation> processes = new LinkedHashMap<>();
    private final IntDeque lru;                       // pairs: pfn, allocId
    private final long[] cachedPerZone;

    UserMemory(FrameTable frames, int nrZones) {
        this.frames = frames;
        this.lru = new IntDeque();
        this.cachedPerZone = new long[nrZones];
    }

    /** A copy for a checkpoint over {@code frames}; the processes are looked up again in the copied {@code allocations}. */
    UserMemory(UserMemory o, FrameTable frames, Allocations allocations) {
        this.frames = frames;
        this.cachedPerZone = o.cachedPerZone.clone();
        this.lru = o.lru.copy();
        for (int id : o.processes.keySet()) processes.put(id, allocations.get(id));
    }

    /** An estimate for the checkpoint budget: the LRU's ints and a map entry per process. */
    long bytes() { return 4L * lru.capacity() + 64L * processes.size(); }

    void addProcess(Allocation process) { processes.put(process.id(), process); }

    void removeProcess(int id) { processes.remove(id); }

    /** The live user processes in creation order, which is pid order (for_each_process()). */
    Collection<Allocation> processes() { return Collections.unmodifiableCollection(processes.values()); }

    void pageCacheAdded(int pfn, int allocId, int zoneIdx) {
        lru.addLast(pfn);
        lru.addLast(allocId);
        cachedPerZone[zoneIdx]++;
    }

    /**
     * Compaction moved a page-cache page to {@code pfn} (same zone): the new page joins the LRU as the newest, as
     * migrate_folio_move()'s folio_add_lru() puts it; the old entry goes stale.
     */
    void pageCacheMigrated(int pfn, int allocId) {
        lru.addLast(pfn);
        lru.addLast(allocId);
    }

    /** A page left the page cache other than by reclaim (its file was dropped); its LRU entry goes stale. */
    void pageCacheDropped(int zoneIdx) { cachedPerZone[zoneIdx]--; }

    /** zone_reclaimable_pages(): page-cache pages of the zone that reclaim could free. */
    long reclaimable(int zoneIdx) { return cachedPerZone[zoneIdx]; }

    /**
     * Takes up to {@code nrToReclaim} of the oldest page-cache pages in zones up to {@code highestZoneIdx} off the
     * LRU and returns their pfns; the caller frees them. Pages of higher zones keep their place.
     */
    IntList isolateOldest(BuddyAllocator buddy, int highestZoneIdx, int nrToReclaim) {
        IntList taken = new IntList();
        IntList skipped = new IntList();
        while (!lru.isEmpty() && taken.size() < nrToReclaim) {
            int pfn = lru.pollFirst(), id = lru.pollFirst();
            if (!isCached(pfn, id)) continue;
            int zoneIdx = buddy.zoneOf(pfn).index();
            if (zoneIdx <= highestZoneIdx) {
                taken.add(pfn);
                cachedPerZone[zoneIdx]--;
            } else {
                skipped.add(pfn);
                skipped.add(id);
            }
        }
        for (int i = skipped.size() - 1; i >= 0; i--) lru.addFirst(skipped.get(i));
        return taken;
    }

    private boolean isCached(int pfn, int id) {
        return frames.ownerCode(pfn) == Owner.PAGE_CACHE.code() && frames.allocId[pfn] == id;
    }

    /** oom_badness() without swap or oom_score_adj: the process with the most resident pages, or null. */
    Allocation oomVictim() {
        Allocation victim = null;
        for (Allocation p : processes.values()) if (victim == null || p.nrPages() > victim.nrPages()) victim = p;
        return victim;
    }
}
