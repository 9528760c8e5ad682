package kmemviz.core.mm;

/**
 * struct compact_control of mm/internal.h: one compact_zone() run's settings, its two scanners and the pages it
 * holds. The migration scanner ({@link #migratePfn}) climbs from the zone's start, the free scanner
 * ({@link #freePfn}) comes down from its end a pageblock at a time; the run ends when they meet in one pageblock.
 */
final class CompactControl {
    /** enum migrate_mode, as far as compaction uses it. */
    enum MigrateMode { ASYNC, SYNC_LIGHT, SYNC }

    /** cc->order of a run for /proc/sys/vm/compact_memory (is_via_compact_memory()): compact everything. */
    static final int VIA_COMPACT_MEMORY = -1;

    final Zone zone;
    final int order;
    final int migratetype;          // gfp_migratetype() of the request
    final MigrateMode mode;
    final int allocFlags;
    final int highestZoneIdx;
    final boolean directCompaction;
    final boolean ignoreSkipHint;
    final boolean ignoreBlockSuitable;
    boolean wholeZone;
    boolean finishPageblock;
    int migratePfn;
    int freePfn;
    /** cc->migratepages: isolated pages still to move; {@link #nrMigratepages} of them are left. */
    final IntList migratepages = new IntList();
    int nrMigratepages;
    /** cc->freepages[order]: free blocks the free scanner took off the buddy lists, by order. */
    final IntDeque[] freepages = new IntDeque[BuddyAllocator.NR_PAGE_ORDERS];
    long nrFreepages;
    /** Where the last isolate_freepages_block() stopped (its *start_pfn out-parameter). */
    int freeScanEnd;
    long totalMigrateScanned, totalFreeScanned;
    /** Pages moved in this run, as pairs (old pfn, new pfn), for the owners' page lists at the end. */
    final IntList moved = new IntList();

    CompactControl(Zone zone, int order, int migratetype, MigrateMode mode, int allocFlags, int highestZoneIdx,
                   boolean directCompaction, boolean wholeZone, boolean ignoreSkipHint, boolean ignoreBlockSuitable) {
        if (order < VIA_COMPACT_MEMORY || order > BuddyAllocator.MAX_PAGE_ORDER)
            throw new IllegalArgumentException("compact_control: order must be -1.." + BuddyAllocator.MAX_PAGE_ORDER + ", was " + order);
        this.zone = zone;
        this.order = order;
        this.migratetype = migratetype;
        this.mode = mode;
        this.allocFlags = allocFlags;
        this.highestZoneIdx = highestZoneIdx;
        this.directCompaction = directCompaction;
        this.wholeZone = wholeZone;
        this.ignoreSkipHint = ignoreSkipHint;
        this.ignoreBlockSuitable = ignoreBlockSuitable;
        for (int o = 0; o < freepages.length; o++) freepages[o] = new IntDeque();
    }

    boolean sync() { return mode != MigrateMode.ASYNC; }
}
