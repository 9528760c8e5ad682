package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explanation sink: while attached to a {@link PhysicalMemory} it records what the page allocator decides for
 * each request ({@link ExplainStep}s, in the kernel's order) and keeps the stories of the last {@link #CAPACITY}
 * allocations by id, plus the last failed request. Nothing is recorded while no sink is attached: the allocator
 * then holds null and tests it at each decision, so the plain path makes no step and no record.
 *
 * <p>A scattered allocation (a process, a file, vmalloc) asks for a page at a time under one id: its story is
 * the one of its last page, which is the one that failed if memory ran out. Single-threaded, like the core.
 */
public final class AllocStories {
    /** Stories kept, oldest dropped first: about 1 KiB each, so at most about a megabyte. */
    public static final int CAPACITY = 1024;

    private final Map<Integer, AllocStory> byAllocId = new LinkedHashMap<>(64, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<Integer, AllocStory> eldest) { return size() > CAPACITY; }
    };
    private AllocStory lastFailure, latest;
    private final List<ExplainStep> steps = new ArrayList<>();
    private int allocId, gfp, order;
    private int bulkStart = -1;            // inside rmqueue_bulk(): where its step goes; its blocks are summed up, not told one by one

    /** The story of an allocation by id, or null (never recorded, or one of more than CAPACITY ago). */
    public AllocStory story(int allocId) { return byAllocId.get(allocId); }

    /** The last request that returned NULL, or null. */
    public AllocStory lastFailure() { return lastFailure; }

    /** The last failure if it was also the last request told (nothing has been allocated since), else null. */
    public AllocStory lastFailureIfLatest() { return lastFailure == latest ? lastFailure : null; }

    /** The last request told, failed or not, or null. */
    public AllocStory latest() { return latest; }

    /** Forgets every story (a new machine: ids start again at 1). */
    public void clear() {
        byAllocId.clear();
        lastFailure = latest = null;
    }

    /**
     * Forgets the stories of ids above {@code lastId}: a checkpoint restored to a step before them, and the ids will
     * be given again to whatever runs next.
     */
    public void dropAfter(int lastId) {
        byAllocId.keySet().removeIf(id -> id > lastId);
        if (lastFailure != null && lastFailure.allocId() > lastId) lastFailure = null;
        if (latest != null && latest.allocId() > lastId) latest = null;
    }

    void begin(int allocId, int gfp, int order) {
        steps.clear();
        bulkStart = -1;
        this.allocId = allocId;
        this.gfp = gfp;
        this.order = order;
    }

    void step(ExplainStep.Kind kind, ZoneType zone, int order, int allocFlags, long a, long b, long c, long d) {
        steps.add(new ExplainStep(kind, zone, order, allocFlags, a, b, c, d));
    }

    void step(ExplainStep.Kind kind, ZoneType zone, int order, int allocFlags) { step(kind, zone, order, allocFlags, 0, 0, 0, 0); }

    /**
     * zone_watermark_fast()'s verdict with the numbers it compared: {@code min} is the mark after the reserve
     * flags, as __zone_watermark_ok() lowers it, and the free pages are those the flags may count (no HighAtomic ones
     * without a reserve flag).
     */
    void watermark(Zone zone, int order, int allocFlags, long mark, long min, int highestZoneIdx, boolean ok) {
        long reserve = zone.lowmemReserve[highestZoneIdx], free = BuddyAllocator.usableFree(zone, allocFlags);
        ExplainStep.Kind kind = ok ? ExplainStep.Kind.WATERMARK_OK
                : free - ((1L << order) - 1) <= min + reserve ? ExplainStep.Kind.WATERMARK_BELOW
                : ExplainStep.Kind.WATERMARK_NO_BLOCK;
        step(kind, zone.type(), order, allocFlags, free, mark, min, reserve);
    }

    /** rmqueue_bulk() starts: the __rmqueue() calls inside it are summed up by its PCP_REFILL step. */
    void enterBulk() { bulkStart = steps.size(); }

    /** rmqueue_bulk() is over: its step goes before the fallbacks it took, which happened inside it. */
    void leaveBulk(ZoneType zone, int order, int cpu, int migratetype, int batch, int alloced) {
        steps.add(bulkStart, new ExplainStep(ExplainStep.Kind.PCP_REFILL, zone, order, 0, cpu, migratetype, batch, alloced));
        bulkStart = -1;
    }

    boolean inBulk() { return bulkStart >= 0; }

    /** The request is over: its story is kept under its id, and as the last failure if it failed. */
    void end(int pfn) {
        if (steps.isEmpty()) return;
        AllocStory story = new AllocStory(allocId, gfp, order, steps, pfn);
        steps.clear();
        if (allocId != 0) {
            byAllocId.remove(allocId);                 // re-inserted last: a scattered allocation is as new as its last page
            byAllocId.put(allocId, story);
        }
        if (story.failed()) lastFailure = story;
        latest = story;
    }
}
