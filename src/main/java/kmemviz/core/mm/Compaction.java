package kmemviz.core.mm;

import java.util.Arrays;

/**
 * Memory compaction as mm/compaction.c of 6.12.118 runs it, for one node: direct compaction from the allocator's slow
 * path ({@link #tryToCompactPages}), kcompactd ({@link #wakeupKcompactd}, {@link #runKcompactd}) and a write to
 * /proc/sys/vm/compact_memory ({@link #compactNode}).
 *
 * <p>compact_zone() in steps: compaction_suit_allocation_order() (is a page of the order free already, and are there
 * enough free pages above the watermark to move pages into?); then, until compact_finished() says the scanners met or
 * a block of the order is free: isolate_migratepages() takes up to COMPACT_CLUSTER_MAX movable pages from the next
 * suitable pageblock at the migration scanner, and migrate_pages() moves each to a page compaction_alloc() takes from
 * the blocks isolate_freepages() took off the buddy lists at the free scanner; the old pages are freed as any page
 * is. At the end the unused free blocks go back. Movable means on an LRU: user memory and page cache; pages from
 * alloc_pages(), slab, vmalloc and page tables stay where they are.
 *
 * <p>Pageblock skip bits (PB_migrate_skip, in {@link Pageblocks}) mark blocks where a scan found nothing, so that
 * later runs pass them, until kswapd going to sleep clears them (reset_isolation_suitable()). A run at the lowest
 * priority, and compact_memory, ignore them.
 *
 * <p>What the model leaves out (say so in Help): the fast searches (fast_find_migrateblock(),
 * fast_isolate_freepages()), the free scanner's stride (it looks at every pfn), capture_control (the caller takes
 * its page from the free lists afterwards), proactive compaction and anything run by a timer. Every isolated page
 * migrates (no pinned, dirty or writeback page), so async and sync runs differ only where that changes the result:
 * which pageblocks an async direct run scans, which cached scanner position it uses, and that it gives up an
 * order-aligned block at the first page it cannot isolate.
 */
public final class Compaction {
    static final int COMPACT_CLUSTER_MAX = 32;           // SWAP_CLUSTER_MAX, include/linux/swap.h:225-226
    static final int EXTFRAG_THRESHOLD = 500;            // sysctl_extfrag_threshold, mm/compaction.c:1926
    private static final int MAX_COMPACT_RETRIES = 16;   // mm/page_alloc.c:3748
    private static final byte USER = Owner.USER.code(), PAGE_CACHE = Owner.PAGE_CACHE.code();

    private final BuddyAllocator buddy;
    private final UserMemory user;
    private final Allocations allocations;
    private final ZoneCompaction[] zoneState;
    private final CompactStats stats;
    // pgdat->kcompactd_max_order and kcompactd_highest_zoneidx; kcompactdWoken: woken, runs after the command
    private int kcompactdMaxOrder;
    private int kcompactdHighestZoneIdx;
    private boolean kcompactdWoken;
    private MmListener listener = new MmListener() {};

    Compaction(BuddyAllocator buddy, UserMemory user, Allocations allocations) {
        this.buddy = buddy;
        this.user = user;
        this.allocations = allocations;
        zoneState = new ZoneCompaction[buddy.zones().size()];
        for (int i = 0; i < zoneState.length; i++) zoneState[i] = new ZoneCompaction();
        stats = new CompactStats();
        kcompactdHighestZoneIdx = zoneState.length - 1;
    }

    /** A copy for a checkpoint over copied parts, with no listener. */
    Compaction(Compaction o, BuddyAllocator buddy, UserMemory user, Allocations allocations) {
        this.buddy = buddy;
        this.user = user;
        this.allocations = allocations;
        zoneState = new ZoneCompaction[o.zoneState.length];
        for (int i = 0; i < zoneState.length; i++) zoneState[i] = new ZoneCompaction(o.zoneState[i]);
        stats = o.stats.copy();
        kcompactdMaxOrder = o.kcompactdMaxOrder;
        kcompactdHighestZoneIdx = o.kcompactdHighestZoneIdx;
        kcompactdWoken = o.kcompactdWoken;
    }

    void setListener(MmListener listener) { this.listener = listener; }

    /** The compact_* counters of /proc/vmstat since boot. */
    public CompactStats stats() { return stats; }

    /** Whether the pageblock holding {@code pfn} has its skip bit set. */
    public boolean pageblockSkip(int pfn) { return buddy.pageblocks().skip(pfn); }

    /** How many more attempts at {@code order} in the zone compaction_deferred() would skip, without counting one. */
    public int deferredAttempts(Zone zone, int order) {
        ZoneCompaction zs = zoneState[zone.index()];
        return order < zs.orderFailed ? 0 : Math.max(0, (1 << zs.deferShift) - zs.considered - 1);
    }

    // ---- the three callers ----

    /**
     * compact_node() with proactive false, for a write to /proc/sys/vm/compact_memory: every populated zone from the
     * lowest, or only {@code only} when it is not null, compacted whole, synchronously, ignoring the skip bits.
     */
    public void compactNode(Zone only) {
        for (Zone zone : buddy.zones()) {
            if (!zone.isPopulated() || (only != null && only != zone)) continue;
            compactZone(new CompactControl(zone, CompactControl.VIA_COMPACT_MEMORY, buddy.gfpMigratetype(Gfp.KERNEL),
                    CompactControl.MigrateMode.SYNC, 0, buddy.zones().size() - 1, false, true, true, false));
        }
    }

    /**
     * try_to_compact_pages() (mm/compaction.c:2810-2880): each zone of the zonelist from {@code highest} down that
     * is not deferred, until one reports success; a sync run that ends with the scanners met defers the zone.
     */
    CompactResult tryToCompactPages(int gfp, int order, int allocFlags, int highest, CompactPriority prio) {
        CompactResult rc = CompactResult.SKIPPED;
        if (!gfpCompactionAllowed(gfp)) return rc;
        boolean min = prio == CompactPriority.MIN;
        for (int idx = highest; idx >= 0; idx--) {
            Zone zone = buddy.zones().get(idx);
            if (!zone.isPopulated()) continue;
            ZoneCompaction zs = zoneState[idx];
            if (prio.ordinal() > CompactPriority.MIN.ordinal() && zs.deferred(order)) {
                rc = max(CompactResult.DEFERRED, rc);
                continue;
            }
            CompactControl cc = new CompactControl(zone, order, buddy.gfpMigratetype(gfp),
                    prio == CompactPriority.ASYNC ? CompactControl.MigrateMode.ASYNC : CompactControl.MigrateMode.SYNC_LIGHT,
                    allocFlags, highest, true, min, min, min);
            CompactResult status = compactZone(cc);
            rc = max(status, rc);
            if (status == CompactResult.SUCCESS) {
                zs.deferReset(order, false);
                break;
            }
            if (prio != CompactPriority.ASYNC && (status == CompactResult.COMPLETE || status == CompactResult.PARTIAL_SKIPPED)) zs.defer(order);
        }
        return rc;
    }

    /** gfp_compaction_allowed(): compaction may do I/O, so it needs __GFP_IO. */
    static boolean gfpCompactionAllowed(int gfp) { return (gfp & Gfp.IO) != 0; }

    /** __alloc_pages_direct_compact()'s bookkeeping after the allocation it compacted for succeeded in {@code zone}. */
    void directCompactSucceeded(Zone zone, int order) {
        ZoneCompaction zs = zoneState[zone.index()];
        zs.blockskipFlush = false;
        zs.deferReset(order, true);
        stats.success++;
    }

    void countStall() { stats.stall++; }

    void countFail() { stats.fail++; }

    /**
     * should_compact_retry() (mm/page_alloc.c:3812-3870), for orders above 0: after a skip, whether reclaim could
     * make some zone suitable; after a success, up to 16 retries (4 for costly orders); after a failure, one step to
     * a harder priority while there is one. {@code state} holds the priority and the retries, and is updated.
     */
    boolean shouldCompactRetry(int order, int highest, CompactResult result, SlowPathCompaction state) {
        if (order == 0) return false;
        if (result == CompactResult.SKIPPED) return zonelistSuitable(order, highest);
        if (result == CompactResult.SUCCESS) {
            int maxRetries = order > PageAllocator.PAGE_ALLOC_COSTLY_ORDER ? MAX_COMPACT_RETRIES / 4 : MAX_COMPACT_RETRIES;
            if (++state.retries <= maxRetries) return true;
        }
        CompactPriority minPriority = order > PageAllocator.PAGE_ALLOC_COSTLY_ORDER ? CompactPriority.MIN_COSTLY : CompactPriority.MIN;
        if (state.priority.ordinal() > minPriority.ordinal()) {
            state.priority = state.priority.harder();
            state.retries = 0;
            return true;
        }
        return false;
    }

    /** The slow path's compaction state across its retries: compact_priority and compaction_retries. */
    static final class SlowPathCompaction {
        CompactPriority priority = CompactPriority.DEF;
        int retries;
        CompactResult result = CompactResult.SKIPPED;
    }

    /**
     * compaction_zonelist_suitable(): would some zone pass __compaction_suitable() if reclaim freed a 1/order share
     * of its reclaimable pages?
     */
    private boolean zonelistSuitable(int order, int highest) {
        for (int idx = highest; idx >= 0; idx--) {
            Zone zone = buddy.zones().get(idx);
            if (!zone.isPopulated()) continue;
            long available = user.reclaimable(idx) / order + zone.freePages;
            if (compactionSuitableWatermark(zone, order, highest, available)) return true;
        }
        return false;
    }

    /**
     * wakeup_kcompactd() (mm/compaction.c:3126-3154): remembers the largest order and the lowest highest zone asked
     * for, and wakes kcompactd if some zone is worth compacting for them. The model runs it after the command,
     * right after kswapd ({@link #runKcompactd}).
     */
    void wakeupKcompactd(int order, int highestZoneIdx) {
        if (order == 0) return;
        kcompactdMaxOrder = Math.max(kcompactdMaxOrder, order);
        kcompactdHighestZoneIdx = Math.min(kcompactdHighestZoneIdx, highestZoneIdx);
        if (kcompactdWoken || !kcompactdNodeSuitable()) return;
        kcompactdWoken = true;
        listener.kcompactdWoken(kcompactdMaxOrder, buddy.zones().get(kcompactdHighestZoneIdx).type());
    }

    /** kcompactd_node_suitable(). */
    private boolean kcompactdNodeSuitable() {
        for (int idx = 0; idx <= kcompactdHighestZoneIdx; idx++) {
            Zone zone = buddy.zones().get(idx);
            if (zone.isPopulated()
                    && suitAllocationOrder(zone, kcompactdMaxOrder, kcompactdHighestZoneIdx, AllocFlags.WMARK_MIN) == CompactResult.CONTINUE)
                return true;
        }
        return false;
    }

    /**
     * kcompactd_do_work() (mm/compaction.c:3048-3124), if kcompactd was woken: each zone up to the highest asked for
     * that is neither deferred nor unsuitable, compacted in SYNC_LIGHT mode for GFP_KERNEL (so only Unmovable
     * pageblocks count as done); a run that ends with the scanners met drains the per-CPU lists and defers the zone.
     */
    void runKcompactd() {
        if (!kcompactdWoken) return;
        kcompactdWoken = false;
        int order = kcompactdMaxOrder, highest = kcompactdHighestZoneIdx;
        stats.daemonWake++;
        for (int idx = 0; idx <= highest; idx++) {
            Zone zone = buddy.zones().get(idx);
            ZoneCompaction zs = zoneState[idx];
            if (!zone.isPopulated() || zs.deferred(order)) continue;
            if (suitAllocationOrder(zone, order, idx, AllocFlags.WMARK_MIN) != CompactResult.CONTINUE) continue;
            CompactControl cc = new CompactControl(zone, order, buddy.gfpMigratetype(Gfp.KERNEL), CompactControl.MigrateMode.SYNC_LIGHT,
                    0, highest, false, false, false, false);
            CompactResult status = compactZone(cc);
            if (status == CompactResult.SUCCESS) {
                zs.deferReset(order, false);
            } else if (status == CompactResult.PARTIAL_SKIPPED || status == CompactResult.COMPLETE) {
                buddy.drainAllPages(zone);
                zs.defer(order);
            }
            stats.daemonMigrateScanned += cc.totalMigrateScanned;
            stats.daemonFreeScanned += cc.totalFreeScanned;
        }
        if (kcompactdMaxOrder <= order) kcompactdMaxOrder = 0;
        if (kcompactdHighestZoneIdx >= highest) kcompactdHighestZoneIdx = zoneState.length - 1;
    }

    /**
     * reset_isolation_suitable(), when kswapd goes to sleep: in each zone where a direct compaction's scanners met
     * since (compact_blockskip_flush), the skip bits are cleared and the scanners start again from the zone's ends.
     * The kernel walks the zone for the first blocks worth scanning; the model restarts at the ends.
     */
    void resetIsolationSuitable() {
        for (Zone zone : buddy.zones())
            if (zone.isPopulated() && zoneState[zone.index()].blockskipFlush) resetZoneIsolationSuitable(zone);
    }

    /** __reset_isolation_suitable() for one zone, as the model does it (see {@link #resetIsolationSuitable}). */
    private void resetZoneIsolationSuitable(Zone zone) {
        ZoneCompaction zs = zoneState[zone.index()];
        if (!zs.blockskipFlush) return;
        zs.blockskipFlush = false;
        int nr = buddy.pageblocks().nrPages();
        for (int pfn = pageblockStart(zone.startPfn()); pfn < zone.endPfn(); pfn += nr) buddy.pageblocks().setSkip(pfn, false);
        zs.initMigratePfn = zone.startPfn();
        resetCachedPositions(zone);
    }

    // ---- compact_zone() ----

    /** compact_zone() (mm/compaction.c:2509-2743). */
    private CompactResult compactZone(CompactControl cc) {
        Zone zone = cc.zone;
        ZoneCompaction zs = zoneState[zone.index()];
        int start = zone.startPfn(), end = zone.endPfn();
        if (cc.order != CompactControl.VIA_COMPACT_MEMORY) {
            CompactResult ret = suitAllocationOrder(zone, cc.order, cc.highestZoneIdx, cc.allocFlags);
            if (ret != CompactResult.CONTINUE) return ret;
        }
        if (zs.restarting(cc.order)) resetZoneIsolationSuitable(zone);
        int sync = cc.sync() ? 1 : 0;
        if (cc.wholeZone) {
            cc.migratePfn = start;
            cc.freePfn = pageblockStart(end - 1);
        } else {
            cc.migratePfn = zs.cachedMigratePfn[sync];
            cc.freePfn = zs.cachedFreePfn;
            if (cc.freePfn < start || cc.freePfn >= end) {
                cc.freePfn = pageblockStart(end - 1);
                zs.cachedFreePfn = cc.freePfn;
            }
            if (cc.migratePfn < start || cc.migratePfn >= end) {
                cc.migratePfn = start;
                zs.cachedMigratePfn[0] = zs.cachedMigratePfn[1] = start;
            }
            if (cc.migratePfn <= zs.initMigratePfn) cc.wholeZone = true;
        }
        // Until a block with candidates is found, an async run keeps both cached positions level.
        boolean updateCached = !cc.sync() && zs.cachedMigratePfn[0] == zs.cachedMigratePfn[1];
        listener.compactionBegin(zone.type(), cc.order, cc.migratePfn, cc.freePfn);
        int lastMigratedPfn = 0;
        CompactResult ret;
        while ((ret = compactFinished(cc)) == CompactResult.CONTINUE) {
            cc.finishPageblock = pageblockStart(lastMigratedPfn) == pageblockStart(cc.migratePfn);
            boolean isolated = isolateMigratepages(cc);
            listener.compactionScanners(zone.type(), cc.migratePfn, cc.freePfn);
            if (isolated) {
                updateCached = false;
                lastMigratedPfn = Math.max(start, pageblockStart(cc.migratePfn - 1));
                if (!migratePages(cc) && !scannersMet(cc)) {
                    // -ENOMEM from compaction_alloc() before the scanners met: the free scanner was refused.
                    ret = CompactResult.CONTENDED;
                    break;
                }
            } else if (updateCached) {
                zs.cachedMigratePfn[1] = zs.cachedMigratePfn[0];
            }
            // check_drain: once the migration scanner has left the order-aligned block it migrated from, that
            // block's freed pages leave this CPU's lists (lru_add_drain_cpu_zone()) so that they can merge.
            if (cc.order > 0 && lastMigratedPfn != 0 && lastMigratedPfn < blockStart(cc.migratePfn, cc.order)) {
                buddy.drainLocalPages(zone);
                lastMigratedPfn = 0;
            }
        }
        releaseFreeList(cc, zs);
        remapOwners(cc);
        stats.migrateScanned += cc.totalMigrateScanned;
        stats.freeScanned += cc.totalFreeScanned;
        listener.compactionEnd(zone.type(), cc.order, ret, cc.moved.size() / 2);
        return ret;
    }

    /** compact_finished() (mm/compaction.c:2273-2380): NO_SUITABLE_PAGE counts as CONTINUE. */
    private CompactResult compactFinished(CompactControl cc) {
        if (scannersMet(cc)) {
            resetCachedPositions(cc.zone);
            if (cc.directCompaction) zoneState[cc.zone.index()].blockskipFlush = true;
            return cc.wholeZone ? CompactResult.COMPLETE : CompactResult.PARTIAL_SKIPPED;
        }
        if (cc.order == CompactControl.VIA_COMPACT_MEMORY) return CompactResult.CONTINUE;
        // Always finish the pageblock being scanned, so that a later fallback need not steal another one soon.
        if (!pageblockAligned(cc.migratePfn)) return CompactResult.CONTINUE;
        return buddy.hasSuitableFreeBlock(cc.zone, cc.order, cc.migratetype) ? CompactResult.SUCCESS : CompactResult.CONTINUE;
    }

    /** compact_scanners_met(): the free scanner is in the migration scanner's pageblock or below it. */
    private boolean scannersMet(CompactControl cc) {
        int order = buddy.pageblockOrder();
        return cc.freePfn >> order <= cc.migratePfn >> order;
    }

    /** compaction_suit_allocation_order() (mm/compaction.c:2492-2507). */
    private CompactResult suitAllocationOrder(Zone zone, int order, int highest, int allocFlags) {
        if (BuddyAllocator.watermarkOk(zone, order, zone.wmarkPages(AllocFlags.mark(allocFlags)), highest, allocFlags))
            return CompactResult.SUCCESS;
        return compactionSuitable(zone, order, highest) ? CompactResult.CONTINUE : CompactResult.SKIPPED;
    }

    /**
     * compaction_suitable() (mm/compaction.c:2411-2452): enough free order-0 pages above the mark for the free
     * scanner, and for costly orders a fragmentation index above extfrag_threshold (the failure is fragmentation,
     * not a lack of memory).
     */
    private boolean compactionSuitable(Zone zone, int order, int highest) {
        if (!compactionSuitableWatermark(zone, order, highest, zone.freePages)) return false;
        if (order > PageAllocator.PAGE_ALLOC_COSTLY_ORDER) {
            int fragindex = Fragmentation.fragmentationIndex(zone, order);
            if (fragindex >= 0 && fragindex <= EXTFRAG_THRESHOLD) return false;
        }
        return true;
    }

    /**
     * __compaction_suitable(): an order-0 watermark check of {@code freePages} against the low mark (costly orders)
     * or the min mark, plus compact_gap() = 2 &lt;&lt; order pages for the free scanner to work with.
     */
    private static boolean compactionSuitableWatermark(Zone zone, int order, int highest, long freePages) {
        Watermark mark = order > PageAllocator.PAGE_ALLOC_COSTLY_ORDER ? Watermark.LOW : Watermark.MIN;
        long watermark = zone.wmarkPages(mark.ordinal()) + (2L << order);
        long saved = zone.freePages;
        zone.freePages = freePages;
        boolean ok = BuddyAllocator.watermarkOk(zone, 0, watermark, highest, 0);
        zone.freePages = saved;
        return ok;
    }

    private void resetCachedPositions(Zone zone) {
        ZoneCompaction zs = zoneState[zone.index()];
        zs.cachedMigratePfn[0] = zs.cachedMigratePfn[1] = zone.startPfn();
        zs.cachedFreePfn = pageblockStart(zone.endPfn() - 1);
    }

    // ---- the migration scanner ----

    /**
     * isolate_migratepages() (mm/compaction.c:2080-2185) without fast_find_migrateblock(): from cc.migratePfn, the
     * first pageblock below the free scanner whose skip bit is clear and that suits as a source, isolated.
     */
    private boolean isolateMigratepages(CompactControl cc) {
        int nr = buddy.pageblocks().nrPages();
        int lowPfn = cc.migratePfn;
        int blockEnd = pageblockStart(lowPfn) + nr;
        for (; blockEnd <= cc.freePfn; cc.migratePfn = lowPfn = blockEnd, blockEnd += nr) {
            int blockStart = Math.max(blockEnd - nr, cc.zone.startPfn());
            if ((pageblockAligned(lowPfn) || lowPfn == cc.zone.startPfn()) && !isolationSuitable(cc, blockStart)) continue;
            if (!suitableMigrationSource(cc, blockStart)) {
                updateCachedMigrate(cc, blockEnd);
                continue;
            }
            isolateMigratepagesBlock(cc, lowPfn, blockEnd);
            break;
        }
        return cc.nrMigratepages > 0;
    }

    /**
     * suitable_migration_source(): an async direct run only scans pageblocks of the request's type (any Movable one
     * for a movable request); every other run scans all.
     */
    private boolean suitableMigrationSource(CompactControl cc, int pfn) {
        if (cc.mode != CompactControl.MigrateMode.ASYNC || !cc.directCompaction) return true;
        return buddy.pageblocks().type(pfn) == cc.migratetype;
    }

    private boolean isolationSuitable(CompactControl cc, int pfn) { return cc.ignoreSkipHint || !buddy.pageblocks().skip(pfn); }

    /**
     * isolate_migratepages_block() (mm/compaction.c:870-1353): walks [lowPfn, endPfn), skipping free blocks whole and
     * isolating pages on an LRU (user memory, page cache) until COMPACT_CLUSTER_MAX are held. An async direct run
     * gives up an order-aligned block at the first page it cannot isolate (skip_on_failure), putting back what it
     * took from it, since that block cannot become free. A block scanned to its end with nothing isolated gets its
     * skip bit.
     */
    private void isolateMigratepagesBlock(CompactControl cc, int lowPfn, int endPfn) {
        FrameTable frames = buddy.frames();
        int nrScanned = 0, nrIsolated = 0;
        int validPage = FrameTable.NO_PFN;        // the block's first page, if the scan began there
        boolean skipOnFailure = cc.directCompaction && cc.mode == CompactControl.MigrateMode.ASYNC;
        int nextSkipPfn = skipOnFailure ? blockEnd(lowPfn, cc.order) : 0;
        for (; lowPfn < endPfn; lowPfn++) {
            if (skipOnFailure && lowPfn >= nextSkipPfn) {
                // Everything in the previous order-aligned block was isolated: migrate it now.
                if (nrIsolated > 0) break;
                nextSkipPfn = blockEnd(lowPfn, cc.order);
            }
            if (validPage == FrameTable.NO_PFN && (pageblockAligned(lowPfn) || lowPfn == cc.zone.startPfn())) validPage = lowPfn;
            nrScanned++;
            int freeOrder = frames.buddyOrder(lowPfn);
            if (freeOrder >= 0) {
                lowPfn += (1 << freeOrder) - 1;
                nrScanned += (1 << freeOrder) - 1;
                continue;
            }
            byte who = frames.ownerCode(lowPfn);
            if (who == USER || who == PAGE_CACHE) {
                cc.migratepages.add(lowPfn);
                cc.nrMigratepages++;
                nrIsolated++;
                if (cc.nrMigratepages >= COMPACT_CLUSTER_MAX && !cc.finishPageblock) {
                    lowPfn++;
                    break;
                }
                continue;
            }
            if (!skipOnFailure) continue;
            if (nrIsolated > 0) {                 // putback_movable_pages(): they stay where they are
                cc.migratepages.clear();
                cc.nrMigratepages = 0;
                nrIsolated = 0;
            }
            if (lowPfn < nextSkipPfn) {
                lowPfn = nextSkipPfn - 1;
                nextSkipPfn += 1 << Math.max(cc.order, 0);
            }
        }
        if (lowPfn > endPfn) lowPfn = endPfn;
        if (lowPfn == endPfn && (nrIsolated == 0 || cc.finishPageblock)) {
            if (validPage != FrameTable.NO_PFN) buddy.pageblocks().setSkip(validPage, true);
            updateCachedMigrate(cc, lowPfn);
        }
        cc.totalMigrateScanned += nrScanned;
        stats.isolated += nrIsolated;
        cc.migratePfn = lowPfn;
    }

    /** update_cached_migrate(): where async and sync runs restart, only ever forwards. */
    private void updateCachedMigrate(CompactControl cc, int pfn) {
        ZoneCompaction zs = zoneState[cc.zone.index()];
        int end = pageblockEnd(pfn);
        if (end > zs.cachedMigratePfn[0]) zs.cachedMigratePfn[0] = end;
        if (cc.sync() && end > zs.cachedMigratePfn[1]) zs.cachedMigratePfn[1] = end;
    }

    /**
     * migrate_pages() with compaction_alloc() as the allocator: each isolated page in order to a page from the free
     * scanner. False when it ran out of target pages (-ENOMEM); the pages not moved stay where they are.
     */
    private boolean migratePages(CompactControl cc) {
        boolean allMoved = true;
        for (int i = 0; i < cc.migratepages.size(); i++) {
            int dst = compactionAlloc(cc);
            if (dst == FrameTable.NO_PFN) {
                allMoved = false;
                break;
            }
            int src = cc.migratepages.get(i);
            int id = buddy.frames().allocId(src);
            boolean cached = buddy.frames().ownerCode(src) == PAGE_CACHE;
            buddy.migratePage(cc.zone, src, dst);
            // migrate_folio_move() puts the new folio on the LRU with folio_add_lru(): it is the newest there.
            if (cached) user.pageCacheMigrated(dst, id);
            cc.moved.add(src);
            cc.moved.add(dst);
            cc.nrMigratepages--;
            stats.pgmigrateSuccess++;
        }
        cc.migratepages.clear();
        cc.nrMigratepages = 0;
        return allMoved;
    }

    // ---- the free scanner ----

    /**
     * compaction_alloc() (mm/compaction.c:1833-1879) for an order-0 page: the first block of the lowest order held,
     * split with the upper halves going to the heads of the lower lists; isolate_freepages() once if none is held.
     */
    private int compactionAlloc(CompactControl cc) {
        int startOrder = firstHeldOrder(cc);
        if (startOrder < 0) {
            isolateFreepages(cc);
            startOrder = firstHeldOrder(cc);
            if (startOrder < 0) return FrameTable.NO_PFN;
        }
        int pfn = cc.freepages[startOrder].pollFirst();
        for (int size = 1 << startOrder; startOrder > 0; ) {
            startOrder--;
            size >>= 1;
            cc.freepages[startOrder].addFirst(pfn + size);
        }
        cc.nrFreepages--;
        return pfn;
    }

    private static int firstHeldOrder(CompactControl cc) {
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) if (!cc.freepages[o].isEmpty()) return o;
        return -1;
    }

    /**
     * isolate_freepages() (mm/compaction.c:1713-1831) without fast_isolate_freepages() and with a stride of 1:
     * pageblocks from cc.freePfn down to the one above the migration scanner's, each suitable target whose skip bit
     * is clear isolated until enough free pages are held; a block scanned to its end gets its skip bit.
     */
    private void isolateFreepages(CompactControl cc) {
        Zone zone = cc.zone;
        int nr = buddy.pageblocks().nrPages();
        int isolateStart = cc.freePfn;
        int blockStart = pageblockStart(isolateStart);
        int blockEnd = Math.min(blockStart + nr, zone.endPfn());
        int lowPfn = pageblockEnd(cc.migratePfn);
        for (; blockStart >= lowPfn; blockEnd = blockStart, blockStart -= nr, isolateStart = blockStart) {
            if (blockStart < zone.startPfn()) continue;
            if (!suitableMigrationTarget(cc, blockStart) || !isolationSuitable(cc, blockStart)) continue;
            isolateFreepagesBlock(cc, isolateStart, blockEnd);
            isolateStart = cc.freeScanEnd;
            if (isolateStart == blockEnd) updatePageblockSkip(zone, blockStart, blockStart - nr);
            if (cc.nrFreepages >= cc.nrMigratepages) {
                if (isolateStart >= blockEnd) isolateStart = blockStart - nr;   // more may be here next time
                break;
            }
            if (isolateStart < blockEnd) break;                                 // isolation failed early
        }
        cc.freePfn = isolateStart;
        listener.compactionScanners(zone.type(), cc.migratePfn, cc.freePfn);
    }

    /**
     * suitable_migration_target(): not a block that starts with a free block of the requested order or more (nothing
     * to gain there), and, unless the run ignores it, a Movable pageblock.
     */
    private boolean suitableMigrationTarget(CompactControl cc, int pfn) {
        int freeOrder = buddy.frames().buddyOrder(pfn);
        if (freeOrder >= (cc.order > 0 ? cc.order : buddy.pageblockOrder())) return false;
        return cc.ignoreBlockSuitable || buddy.pageblocks().type(pfn) == Pageblocks.MOVABLE;
    }

    /**
     * isolate_freepages_block() (mm/compaction.c:589-726), non-strict: the free blocks in [startPfn, endPfn) taken off
     * the buddy lists whole, until the watermark refuses one or as many pages are held as are waiting to move.
     * Leaves where it stopped in cc.freeScanEnd.
     */
    private void isolateFreepagesBlock(CompactControl cc, int startPfn, int endPfn) {
        FrameTable frames = buddy.frames();
        int nrScanned = 0, total = 0;
        int pfn = startPfn;
        for (; pfn < endPfn; pfn++) {
            nrScanned++;
            int order = frames.buddyOrder(pfn);
            if (order < 0) continue;
            int isolated = buddy.isolateFreePage(cc.zone, pfn, order);
            if (isolated == 0) break;
            nrScanned += isolated - 1;
            total += isolated;
            cc.nrFreepages += isolated;
            cc.freepages[order].addLast(pfn);
            if (cc.nrMigratepages <= cc.nrFreepages) {
                pfn += isolated;
                break;
            }
            pfn += isolated - 1;
        }
        cc.freeScanEnd = Math.min(pfn, endPfn);
        cc.totalFreeScanned += nrScanned;
        stats.isolated += total;
    }

    /** update_pageblock_skip(): the skip bit, and the cached free scanner position moves down to {@code pfn}. */
    private void updatePageblockSkip(Zone zone, int blockPfn, int pfn) {
        buddy.pageblocks().setSkip(blockPfn, true);
        ZoneCompaction zs = zoneState[zone.index()];
        if (pfn < zs.cachedFreePfn) zs.cachedFreePfn = pfn;
    }

    /**
     * compact_zone()'s end: release_free_list() gives every unused isolated block back (lowest order first, each
     * list in order), and the cached free scanner position goes back up to the highest of them.
     */
    private void releaseFreeList(CompactControl cc, ZoneCompaction zs) {
        if (cc.nrFreepages == 0) return;
        int highPfn = 0;
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
            while (!cc.freepages[o].isEmpty()) {
                int pfn = cc.freepages[o].pollFirst();
                buddy.releaseIsolated(pfn, o);
                highPfn = Math.max(highPfn, pfn);
            }
        }
        cc.nrFreepages = 0;
        int freePfn = pageblockStart(highPfn);
        if (freePfn > zs.cachedFreePfn) zs.cachedFreePfn = freePfn;
    }

    /**
     * The owners of the moved pages follow them: each process's or file's page list gets the new pfns in place of
     * the old. The moves are sorted by old pfn once, so that each list is walked once with a binary search per page.
     */
    private void remapOwners(CompactControl cc) {
        int n = cc.moved.size() / 2;
        if (n == 0) return;
        long[] byOld = new long[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            int dst = cc.moved.get(2 * i + 1);
            byOld[i] = (long) cc.moved.get(2 * i) << 32 | dst;
            ids[i] = buddy.frames().allocId(dst);
        }
        Arrays.sort(byOld);
        Arrays.sort(ids);
        for (int i = 0; i < n; i++) {
            if (i > 0 && ids[i] == ids[i - 1]) continue;
            IntList pages = allocations.get(ids[i]).pages();
            for (int k = 0; k < pages.size(); k++) {
                int at = Arrays.binarySearch(byOld, (long) pages.get(k) << 32);
                int slot = at >= 0 ? at : -at - 1;
                if (slot < n && (int) (byOld[slot] >>> 32) == pages.get(k)) pages.set(k, (int) byOld[slot]);
            }
        }
    }

    // ---- pfn arithmetic ----

    private int pageblockStart(int pfn) { return pfn & ~(buddy.pageblocks().nrPages() - 1); }

    private int pageblockEnd(int pfn) { return pageblockStart(pfn) + buddy.pageblocks().nrPages(); }

    private boolean pageblockAligned(int pfn) { return (pfn & (buddy.pageblocks().nrPages() - 1)) == 0; }

    /** block_end_pfn(pfn, order); a compact_memory run (order -1) treats its blocks as single pages. */
    private static int blockEnd(int pfn, int order) {
        int size = 1 << Math.max(order, 0);
        return (pfn & -size) + size;
    }

    private static int blockStart(int pfn, int order) { return pfn & -(1 << Math.max(order, 0)); }

    private static CompactResult max(CompactResult a, CompactResult b) { return a.ordinal() >= b.ordinal() ? a : b; }
}
