package kmemviz.core.mm;

/**
 * The compact_* fields of struct zone (include/linux/mmzone.h): where the scanners restart, and the deferral state
 * that keeps failing compactions from running every time. Zeroed at boot, as the kernel's zone is.
 */
final class ZoneCompaction {
    /** Do not skip compaction more than 64 times (COMPACT_MAX_DEFER_SHIFT). */
    static final int MAX_DEFER_SHIFT = 6;

    /** compact_cached_migrate_pfn[0] for async, [1] for sync runs. */
    final int[] cachedMigratePfn = new int[2];
    int cachedFreePfn;
    int initMigratePfn;
    int considered;
    int deferShift;
    int orderFailed;
    boolean blockskipFlush;

    ZoneCompaction() {}

    ZoneCompaction(ZoneCompaction o) {
        cachedMigratePfn[0] = o.cachedMigratePfn[0];
        cachedMigratePfn[1] = o.cachedMigratePfn[1];
        cachedFreePfn = o.cachedFreePfn;
        initMigratePfn = o.initMigratePfn;
        considered = o.considered;
        deferShift = o.deferShift;
        orderFailed = o.orderFailed;
        blockskipFlush = o.blockskipFlush;
    }

    /** defer_compaction() (mm/compaction.c:159-172): skip the next 2^deferShift attempts at this order or above. */
    void defer(int order) {
        considered = 0;
        deferShift = Math.min(deferShift + 1, MAX_DEFER_SHIFT);
        if (order < orderFailed) orderFailed = order;
    }

    /** compaction_deferred() (mm/compaction.c:174-191): true if this attempt is to be skipped; counts it. */
    boolean deferred(int order) {
        if (order < orderFailed) return false;
        int limit = 1 << deferShift;
        if (++considered >= limit) {
            considered = limit;
            return false;
        }
        return true;
    }

    /** compaction_defer_reset() (mm/compaction.c:197-207). */
    void deferReset(int order, boolean allocSuccess) {
        if (allocSuccess) {
            considered = 0;
            deferShift = 0;
        }
        if (order >= orderFailed) orderFailed = order + 1;
    }

    /** compaction_restarting(): many failures at this order, and the deferral has run its course. */
    boolean restarting(int order) {
        return order >= orderFailed && deferShift == MAX_DEFER_SHIFT && considered >= 1 << deferShift;
    }
}
