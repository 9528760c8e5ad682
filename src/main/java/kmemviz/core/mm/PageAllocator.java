package kmemviz.core.mm;

/**
 * alloc_pages() from the zonelist down to the buddy lists, following __alloc_pages_noprof() and
 * __alloc_pages_slowpath() in mm/page_alloc.c, as the reference's simulator flow lays it out:
 *
 * <ol>
 *   <li>Fast path: each zone from gfp_zone() down, at the LOW mark.</li>
 *   <li>Slow path: wake kswapd, try again at the MIN mark with the caller's reserves (__GFP_HIGH halves the
 *       mark, and a caller that cannot sleep takes a further quarter off).</li>
 *   <li>Costly orders (&gt; 3), and orders above 0 that are not movable, try async direct compaction first
 *       (__alloc_pages_direct_compact() with INIT_COMPACT_PRIORITY); a costly __GFP_NORETRY request that compaction
 *       skipped or deferred gives up there.</li>
 *   <li>Callers that may sleep reclaim page cache directly, then compact, and retry while reclaim makes progress
 *       (should_reclaim_retry()) or compaction may yet succeed at a harder priority (should_compact_retry());
 *       __GFP_NORETRY gives up after one round, costly orders without __GFP_RETRY_MAYFAIL too.</li>
 *   <li>Then the OOM killer, for orders &lt;= 3 without __GFP_RETRY_MAYFAIL or __GFP_THISNODE, zones from
 *       Normal up, and only with __GFP_FS.</li>
 *   <li>Failure prints warn_alloc()'s "page allocation failure" unless __GFP_NOWARN.</li>
 * </ol>
 * The fast path adds ALLOC_NOFRAGMENT (alloc_flags_nofragment()) when the kernel has CONFIG_ZONE_DMA32 (x86_64)
 * and the preferred zone is Normal; get_page_from_freelist() then retries without it.
 * A high-order atomic request that succeeds in the slow path reserves its pageblock as HighAtomic
 * (reserve_highatomic_pageblock()); reclaim that made progress but still failed, and should_reclaim_retry() before the
 * OOM killer, give such pageblocks back (unreserve_highatomic_pageblock()).
 * Every watermark test uses wmark_pages(), the mark plus the zone's watermark_boost, which a fallback below a
 * pageblock raises (boost_watermark()) and kswapd's balance_pgdat() takes off; ZONE_BOOSTED_WATERMARK makes rmqueue()
 * wake kswapd. get_page_from_freelist() tests the high mark first for ZONE_BELOW_HIGH, which the per-CPU lists read.
 * Left out (the Help says so): cpusets, NUMA, rate limits.
 * kswapd runs when the command that woke it has finished, as if it were the next thing scheduled; kcompactd, which
 * kswapd wakes when it goes to sleep, right after it.
 */
public final class PageAllocator {
    static final int SWAP_CLUSTER_MAX = 32;
    static final int PAGE_ALLOC_COSTLY_ORDER = 3;
    static final int MAX_RECLAIM_RETRIES = 16;
    /** The kernel can loop forever (GFP_NOFS at OOM); the model stops after this many rounds and says so. */
    static final int MODEL_RETRY_LIMIT = 10_000;

    private final BuddyAllocator buddy;
    private final Profile profile;
    private final UserMemory user;
    private final Allocations allocations;
    private final Taint taint;
    private final ShowMem showMem;
    private final Compaction compaction;
    private MmListener listener = new MmListener() {};
    private AllocStories stories;                   // the explanation sink, or null: then nothing is recorded
    private int warnedOnce;                         // WARN_ON_ONCE sites that have fired this boot, a bit each
    private int kswapdOrder = -1, kswapdZoneIdx = -1;
    /** gfp_zone() for each value of the four zone bits, resolved once against this machine's zones. */
    private final int[] zoneIdxByZoneBits = new int[Gfp.ZONEMASK + 1];

    PageAllocator(BuddyAllocator buddy, Profile profile, UserMemory user, Allocations allocations, Taint taint, Compaction compaction) {
        this.buddy = buddy;
        this.compaction = compaction;
        this.profile = profile;
        this.user = user;
        this.allocations = allocations;
        this.taint = taint;
        this.showMem = new ShowMem(buddy, profile, user, allocations);
        for (int bits = 0; bits <= Gfp.ZONEMASK; bits++) zoneIdxByZoneBits[bits] = resolveZone(bits);
    }

    /** A copy for a checkpoint over copied parts, with no listener; kswapd's pending wake-up is kept. */
    PageAllocator(PageAllocator o, BuddyAllocator buddy, UserMemory user, Allocations allocations, Taint taint, Compaction compaction) {
        this.buddy = buddy;
        this.compaction = compaction;
        this.profile = o.profile;
        this.user = user;
        this.allocations = allocations;
        this.taint = taint;
        this.showMem = new ShowMem(buddy, profile, user, allocations);
        this.warnedOnce = o.warnedOnce;
        this.kswapdOrder = o.kswapdOrder;
        this.kswapdZoneIdx = o.kswapdZoneIdx;
        System.arraycopy(o.zoneIdxByZoneBits, 0, zoneIdxByZoneBits, 0, zoneIdxByZoneBits.length);
    }

    private int resolveZone(int zoneBits) {
        ZoneType t = Gfp.zone(zoneBits, profile.hasZone(ZoneType.DMA32), profile.hasZone(ZoneType.HIGHMEM));
        for (Zone z : buddy.zones()) if (z.type() == t) return z.index();
        throw new IllegalStateException("gfp_zone() chose " + t + ", which " + profile.name() + " lacks");
    }

    void setListener(MmListener listener) { this.listener = listener; }

    /** Attaches the explanation sink (or detaches it with null). */
    void setStories(AllocStories stories) {
        this.stories = stories;
        buddy.setStories(stories);
    }

    /** gfp_zone() on this machine, as an index into the zone list. */
    public int highestZoneIdx(int gfp) { return zoneIdxByZoneBits[gfp & Gfp.ZONEMASK]; }

    /** __alloc_pages(): the head pfn of a block of {@code order}, or NO_PFN. */
    public int allocPages(int gfp, int order, Owner owner, int allocId, ExecContext ctx) {
        if (order > BuddyAllocator.MAX_PAGE_ORDER) {
            // WARN_ON_ONCE_GFP(): __GFP_NOWARN silences it without using up the once.
            if ((gfp & Gfp.NOWARN) == 0) warnOnce(WARN_ORDER, ctx, "__alloc_pages_noprof+0x2f0/0x330");
            return FrameTable.NO_PFN;
        }
        int highest = highestZoneIdx(gfp);
        // alloc_flags_nofragment(): ALLOC_KSWAPD is the bit of __GFP_KSWAPD_RECLAIM, copied from the mask.
        int fastFlags = AllocFlags.WMARK_LOW | (gfp & AllocFlags.KSWAPD) | allocFlagsNofragment(highest);
        if (stories != null) explainBegin(gfp, order, fastFlags, highest, allocId);
        int pfn = getPageFromFreelist(gfp, order, fastFlags, highest, owner, allocId);
        if (pfn == FrameTable.NO_PFN) pfn = slowPath(gfp, order, highest, owner, allocId, ctx);
        if (stories != null) explainEnd(pfn, order);
        return pfn;
    }

    // The explanation hooks: each records a step only while a sink is attached (see AllocStories).

    private void explainBegin(int gfp, int order, int fastFlags, int highest, int allocId) {
        stories.begin(allocId, gfp, order);
        int zonelist = 0;
        for (int idx = highest; idx >= 0; idx--) if (buddy.zone(idx).isPopulated()) zonelist |= 1 << buddy.zone(idx).type().ordinal();
        stories.step(ExplainStep.Kind.ALLOC_PAGES, buddy.zone(highest).type(), order, fastFlags, gfp, buddy.gfpMigratetype(gfp), zonelist, 0);
    }

    private void explainEnd(int pfn, int order) {
        if (pfn == FrameTable.NO_PFN) stories.step(ExplainStep.Kind.NOPAGE, null, order, 0);
        else stories.step(ExplainStep.Kind.GOT_PAGE, buddy.zoneOf(pfn).type(), order, 0, pfn, 0, 0, 0);
        stories.end(pfn);
    }

    private void explainWatermark(Zone zone, int order, int flags, int highest, boolean ok) {
        long mark = watermarkFastMark(zone, order, flags, highest);
        long held = zone.freePages - BuddyAllocator.usableFree(zone, flags);
        if (held > 0) stories.step(ExplainStep.Kind.HIGHATOMIC_UNUSABLE, zone.type(), order, flags, held, 0, 0, 0);
        stories.watermark(zone, order, flags, mark, BuddyAllocator.watermarkMin(mark, flags), highest, ok);
    }

    private void explainEmpty(Zone zone, int order, int flags, int gfp) {
        stories.step(ExplainStep.Kind.RMQUEUE_EMPTY, zone.type(), order, flags, buddy.gfpMigratetype(gfp), 0, 0, 0);
    }

    private void explain(ExplainStep.Kind kind, int order, int flags, long a, long b) {
        if (stories != null) stories.step(kind, null, order, flags, a, b, 0, 0);
    }

    private void explainKswapd(ExplainStep.Kind kind, int order, int highest) {
        if (stories != null) stories.step(kind, buddy.zone(highest).type(), order, 0);
    }

    private void reserveHighatomic(Zone zone, int pfn, int order) {
        long added = buddy.reserveHighatomicPageblock(zone, pfn, order);
        if (added > 0 && stories != null)
            stories.step(ExplainStep.Kind.RESERVE_HIGHATOMIC, zone.type(), order, 0, pfn & -(1 << buddy.pageblockOrder()), added,
                    zone.nrReservedHighatomic, 0);
    }

    /** unreserve_highatomic_pageblock() for this request's zones and migrate type; true if a pageblock was released. */
    private boolean unreserveHighatomic(int gfp, int order, int highest, boolean force) {
        BuddyAllocator.Unreserved u = buddy.unreserveHighatomicPageblock(highest, buddy.gfpMigratetype(gfp), force);
        if (u == null) return false;
        if (stories != null)
            stories.step(ExplainStep.Kind.UNRESERVE_HIGHATOMIC, u.zone().type(), u.order(), 0, u.pfn(),
                    buddy.pageblockType(u.pfn()).ordinal(), u.zone().nrReservedHighatomic, force ? 1 : 0);
        return true;
    }

    /** The page cache reclaim could free from the zones up to {@code highest}. */
    private long reclaimableUpTo(int highest) {
        long n = 0;
        for (int idx = 0; idx <= highest; idx++) n += user.reclaimable(idx);
        return n;
    }

    private int slowPath(int gfp, int order, int highest, Owner owner, int allocId, ExecContext ctx) {
        boolean costly = order > PAGE_ALLOC_COSTLY_ORDER;
        if ((gfp & Gfp.NOFAIL) != 0) {
            if (order > 1) warnOnce(WARN_NOFAIL_ORDER, ctx, "__alloc_pages_slowpath+0x9d6/0xe10");
            if (!Gfp.allowBlocking(gfp)) warnOnce(WARN_NOFAIL_NO_RECLAIM, ctx, "__alloc_pages_slowpath+0x9d6/0xe10");
        }
        int flags = AllocFlags.forSlowPath(gfp, order);
        explain(ExplainStep.Kind.SLOWPATH, order, flags, 0, 0);
        if ((gfp & Gfp.KSWAPD_RECLAIM) != 0) explainKswapd(wakeKswapd(gfp, order, highest), order, highest);
        int first = getPageFromFreelist(gfp, order, flags, highest, owner, allocId);
        if (first != FrameTable.NO_PFN) return first;
        boolean canCompact = Compaction.gfpCompactionAllowed(gfp);
        boolean pfmemalloc = (gfp & Gfp.MEMALLOC) != 0 && (gfp & Gfp.NOMEMALLOC) == 0;
        Compaction.SlowPathCompaction compact = new Compaction.SlowPathCompaction();
        boolean giveUp = false;
        // Costly orders compact before they reclaim: there may be enough base pages already. So do non-movable
        // high orders, since compaction keeps them out of other types' pageblocks. Not with reserves to spend yet.
        if (Gfp.allowBlocking(gfp) && canCompact && (costly || order > 0 && buddy.gfpMigratetype(gfp) != Pageblocks.MOVABLE) && !pfmemalloc) {
            compact.priority = CompactPriority.INIT;
            int pfn = directCompact(gfp, order, flags, highest, owner, allocId, compact);
            if (pfn != FrameTable.NO_PFN) return pfn;
            if (costly && (gfp & Gfp.NORETRY) != 0) {
                giveUp = compact.result == CompactResult.SKIPPED || compact.result == CompactResult.DEFERRED
                        || (gfp & Gfp.THISNODE) != 0;
            } else {
                compact.priority = CompactPriority.DEF;
            }
        }
        // __gfp_pfmemalloc_flags() at "retry": __GFP_MEMALLOC ignores the watermarks from here on.
        if (pfmemalloc) {
            flags = AllocFlags.NO_WATERMARKS | (flags & AllocFlags.KSWAPD);   // ALLOC_KSWAPD kept (mm/page_alloc.c:4461)
            explain(ExplainStep.Kind.MEMALLOC, order, flags, 0, 0);
        }
        int noProgressLoops = 0, round = 0;
        for (; round < MODEL_RETRY_LIMIT && !giveUp; round++) {
            int pfn = getPageFromFreelist(gfp, order, flags, highest, owner, allocId);
            if (pfn != FrameTable.NO_PFN) return pfn;
            if (!Gfp.allowBlocking(gfp)) {
                explain(ExplainStep.Kind.CANNOT_RECLAIM, order, flags, 0, 0);
                break;
            }
            long reclaimed = directReclaim(order, highest);
            explain(ExplainStep.Kind.DIRECT_RECLAIM, order, flags, reclaimed, Math.max(SWAP_CLUSTER_MAX, 1 << order));
            if (reclaimed > 0) {
                pfn = getPageFromFreelist(gfp, order, flags, highest, owner, allocId);
                if (pfn != FrameTable.NO_PFN) return pfn;
                // __alloc_pages_direct_reclaim(): once, pages held back go to the buddy lists and it retries: a
                // HighAtomic pageblock (while the zone has more than one) and the per-CPU lists.
                unreserveHighatomic(gfp, order, highest, false);
                explain(ExplainStep.Kind.DRAIN_ALL_PAGES, order, flags, 0, 0);
                buddy.drainAllPages();
                pfn = getPageFromFreelist(gfp, order, flags, highest, owner, allocId);
                if (pfn != FrameTable.NO_PFN) return pfn;
            }
            pfn = directCompact(gfp, order, flags, highest, owner, allocId, compact);
            if (pfn != FrameTable.NO_PFN) return pfn;
            if ((gfp & Gfp.NORETRY) != 0) {
                explain(ExplainStep.Kind.NORETRY, order, flags, 0, 0);
                break;
            }
            if (costly && (!canCompact || (gfp & Gfp.RETRY_MAYFAIL) == 0)) {
                explain(ExplainStep.Kind.COSTLY, order, flags, 0, 0);
                break;
            }
            noProgressLoops = reclaimed > 0 && !costly ? 0 : noProgressLoops + 1;
            if (noProgressLoops <= MAX_RECLAIM_RETRIES && reclaimRetryMayHelp(order, flags, highest)) {
                explain(ExplainStep.Kind.RECLAIM_RETRY, order, flags, noProgressLoops, 0);
                continue;
            }
            // should_reclaim_retry()'s "Before OOM, exhaust highatomic_reserve": a pageblock released is a retry.
            if (unreserveHighatomic(gfp, order, highest, true)) continue;
            // Compaction needs free base pages, so a retry for it only makes sense while reclaim makes progress.
            if (reclaimed > 0 && canCompact && compaction.shouldCompactRetry(order, highest, compact.result, compact)) continue;
            explain(ExplainStep.Kind.RECLAIM_GIVE_UP, order, flags, noProgressLoops, reclaimableUpTo(highest));
            pfn = getPageFromFreelist(gfp, order, AllocFlags.WMARK_HIGH, highest, owner, allocId);
            if (pfn != FrameTable.NO_PFN) return pfn;
            ExplainStep.OomSkip skip = oomSkip(gfp, order, buddy.zones().get(highest).type());
            if (skip != null) {
                explain(ExplainStep.Kind.OOM_SKIPPED, order, flags, skip.ordinal(), 0);
                break;
            }
            if ((gfp & Gfp.FS) == 0) {
                explain(ExplainStep.Kind.OOM_SKIPPED, order, flags, ExplainStep.OomSkip.NO_FS.ordinal(), 0);
                listener.report(KernelReport.of(KernelReport.Kind.NOTE, "kmemviz: out_of_memory() kills nothing for a"
                        + " request without __GFP_FS and the kernel keeps retrying here; the model stops and fails it"));
                break;
            }
            if (!oomKill(gfp, order, highest, allocId, ctx)) break;
            noProgressLoops = 0;
        }
        if (round == MODEL_RETRY_LIMIT) explain(ExplainStep.Kind.MODEL_LIMIT, order, flags, round, 0);
        if ((gfp & Gfp.NOFAIL) != 0 && Gfp.allowBlocking(gfp)) {
            explain(ExplainStep.Kind.NOFAIL, order, flags | AllocFlags.MIN_RESERVE, 0, 0);
            int pfn = getPageFromFreelist(gfp, order, flags | AllocFlags.MIN_RESERVE, highest, owner, allocId);
            if (pfn != FrameTable.NO_PFN) return pfn;
            listener.report(KernelReport.of(KernelReport.Kind.NOTE,
                    "kmemviz: a __GFP_NOFAIL allocation would loop forever here; the model gives up and returns NULL"));
        }
        if ((gfp & Gfp.NOWARN) == 0) warnAlloc(gfp, order, highest, allocId, ctx);
        return FrameTable.NO_PFN;
    }

    /**
     * __alloc_pages_direct_compact() (mm/page_alloc.c:3753-3809): try_to_compact_pages() at {@code state}'s priority,
     * then the free lists. A run that was not skipped counts a compact_stall, and then a success or a failure.
     * The kernel may capture the page compaction freed (capture_control); the model takes it from the free lists.
     */
    private int directCompact(int gfp, int order, int flags, int highest, Owner owner, int allocId, Compaction.SlowPathCompaction state) {
        if (order == 0) return FrameTable.NO_PFN;
        long migratedBefore = compaction.stats().pgmigrateSuccess();
        state.result = compaction.tryToCompactPages(gfp, order, flags, highest, state.priority);
        explain(ExplainStep.Kind.DIRECT_COMPACT, order, flags, state.result.ordinal(), compaction.stats().pgmigrateSuccess() - migratedBefore);
        if (state.result == CompactResult.SKIPPED) return FrameTable.NO_PFN;
        compaction.countStall();
        int pfn = getPageFromFreelist(gfp, order, flags, highest, owner, allocId);
        if (pfn != FrameTable.NO_PFN) {
            compaction.directCompactSucceeded(buddy.zoneOf(pfn), order);
            return pfn;
        }
        compaction.countFail();
        return FrameTable.NO_PFN;
    }

    /**
     * get_page_from_freelist(): the first zone from {@code highest} down that passes its watermark; with
     * ALLOC_NOFRAGMENT, a second pass without it if every zone was too fragmented.
     */
    private int getPageFromFreelist(int gfp, int order, int flags, int highest, Owner owner, int allocId) {
        while (true) {
            boolean noFragment = (flags & AllocFlags.NOFRAGMENT) != 0;
            if (stories != null) explainStep(ExplainStep.Kind.FREELIST_PASS, order, flags);
            for (int idx = highest; idx >= 0; idx--) {
                Zone zone = buddy.zone(idx);
                if (!zone.isPopulated()) continue;
                // get_page_from_freelist() tests the high mark first, for the per-CPU lists' sake (ZONE_BELOW_HIGH),
                // and a zone that passes it goes straight to rmqueue() ("goto try_this_zone"): the flags' mark is never
                // above the high one, so it would pass too. With a story attached that test is still made, so that the
                // explanation names the mark the request is held to.
                boolean aboveHigh = !zone.belowHigh && zoneWatermarkFast(zone, order, AllocFlags.WMARK_HIGH, highest, flags);
                if (!zone.belowHigh && !aboveHigh) zone.belowHigh = true;
                if ((!aboveHigh || stories != null) && !watermarkAllows(zone, order, flags, highest)) continue;
                int pfn = buddy.rmqueue(zone, order, gfp, flags, owner, allocId);
                if ((flags & AllocFlags.KSWAPD) != 0 && zone.boostedWatermark) wakeKswapdForBoost(zone);
                if (pfn != FrameTable.NO_PFN) {
                    // get_page_from_freelist(): a high-order atomic allocation keeps its pageblock for the next one.
                    if ((flags & AllocFlags.HIGHATOMIC) != 0) reserveHighatomic(zone, pfn, order);
                    return pfn;
                }
                if (stories != null) explainEmpty(zone, order, flags, gfp);
            }
            if (!noFragment) return FrameTable.NO_PFN;
            flags &= ~AllocFlags.NOFRAGMENT;
            if (stories != null) explainStep(ExplainStep.Kind.NOFRAGMENT_RETRY, order, flags);
        }
    }

    /**
     * get_page_from_freelist()'s watermark test of one zone at the flags' mark (always true with ALLOC_NO_WATERMARKS),
     * told to the story if one is attached. Out of line, with the story steps below, so that the loop above stays
     * small enough for the JIT to inline it into alloc_pages().
     */
    private boolean watermarkAllows(Zone zone, int order, int flags, int highest) {
        if ((flags & AllocFlags.NO_WATERMARKS) != 0) {
            if (stories != null) stories.step(ExplainStep.Kind.NO_WATERMARKS, zone.type(), order, flags);
            return true;
        }
        boolean ok = BuddyAllocator.watermarkOk(zone, order, watermarkFastMark(zone, order, flags, highest), highest, flags);
        if (stories != null) explainWatermark(zone, order, flags, highest, ok);
        return ok;
    }

    private void explainStep(ExplainStep.Kind kind, int order, int flags) { stories.step(kind, null, order, flags); }

    /**
     * The mark zone_watermark_fast() decides with: wmark_pages(), boost included, except that an order-0 request with
     * ALLOC_MIN_RESERVE at the min mark that fails it is checked again without the boost (mm/page_alloc.c:3321-3331),
     * so that the min mark stays where kswapd is woken below low. Returns the mark of the check that decides.
     */
    private static long watermarkFastMark(Zone zone, int order, int flags, int highest) {
        int mark = AllocFlags.mark(flags);
        long boosted = zone.wmarkPages(mark);
        if (ignoresBoost(zone, order, flags) && !BuddyAllocator.watermarkOk(zone, order, boosted, highest, flags)) return zone.watermark[mark];
        return boosted;
    }

    /**
     * zone_watermark_fast() at wmark_pages(mark); the exception above looks at the flags' mark, not at {@code mark},
     * so it also applies to the high-mark test of ZONE_BELOW_HIGH, which then tests the unboosted min mark.
     */
    private static boolean zoneWatermarkFast(Zone zone, int order, int mark, int highest, int flags) {
        if (BuddyAllocator.watermarkOk(zone, order, zone.wmarkPages(mark), highest, flags)) return true;
        return ignoresBoost(zone, order, flags)
                && BuddyAllocator.watermarkOk(zone, order, zone.watermark[AllocFlags.WMARK_MIN], highest, flags);
    }

    /** An order-0 request with ALLOC_MIN_RESERVE at ALLOC_WMARK_MIN in a boosted zone (mm/page_alloc.c:3321-3331). */
    private static boolean ignoresBoost(Zone zone, int order, int flags) {
        return order == 0 && (flags & AllocFlags.MIN_RESERVE) != 0 && zone.watermarkBoost > 0
                && AllocFlags.mark(flags) == AllocFlags.WMARK_MIN;
    }

    /**
     * alloc_flags_nofragment(): ALLOC_NOFRAGMENT with CONFIG_ZONE_DMA32 (the x86_64 kernel, not i386) when the
     * preferred zone, the first populated one from {@code highest} down, is Normal.
     */
    private int allocFlagsNofragment(int highest) {
        if (profile.bits() != 64 || !buddy.migratetypes()) return 0;
        for (int idx = highest; idx >= 0; idx--) {
            Zone zone = buddy.zone(idx);
            if (zone.isPopulated()) return zone.type() == ZoneType.NORMAL ? AllocFlags.NOFRAGMENT : 0;
        }
        return 0;
    }

    /** should_reclaim_retry(): would some zone pass the MIN mark if all its reclaimable pages were freed? */
    private boolean reclaimRetryMayHelp(int order, int flags, int highest) {
        for (int idx = highest; idx >= 0; idx--) {
            Zone zone = buddy.zones().get(idx);
            long reclaimable = user.reclaimable(idx);
            if (!zone.isPopulated() || reclaimable == 0) continue;
            long saved = zone.freePages;
            zone.freePages += reclaimable;
            boolean ok = BuddyAllocator.watermarkOk(zone, order, zone.wmarkPages(AllocFlags.WMARK_MIN), highest, flags);
            zone.freePages = saved;
            if (ok) return true;
        }
        return false;
    }

    /** __alloc_pages_may_oom()'s preconditions for calling the OOM killer: the first that fails, or null. */
    private static ExplainStep.OomSkip oomSkip(int gfp, int order, ZoneType highest) {
        if (order > PAGE_ALLOC_COSTLY_ORDER) return ExplainStep.OomSkip.COSTLY_ORDER;
        if ((gfp & (Gfp.RETRY_MAYFAIL | Gfp.THISNODE)) != 0) return ExplainStep.OomSkip.RETRY_MAYFAIL_OR_THISNODE;
        if (highest.ordinal() < ZoneType.NORMAL.ordinal()) return ExplainStep.OomSkip.LOWMEM_ONLY;
        return null;
    }

    /** try_to_free_pages(): reclaims max(SWAP_CLUSTER_MAX, 2^order) of the oldest eligible page-cache pages. */
    private long directReclaim(int order, int highest) {
        return reclaim(Math.max(SWAP_CLUSTER_MAX, 1 << order), highest, false);
    }

    private long reclaim(int nrToReclaim, int highest, boolean byKswapd) {
        IntList pfns = user.isolateOldest(buddy, highest, nrToReclaim);
        long[] perZone = new long[buddy.zones().size()];
        for (int i = 0; i < pfns.size(); i++) {
            int pfn = pfns.get(i);
            Allocation file = allocations.get(buddy.frames().allocId(pfn));
            file.pages().removeValue(pfn);
            perZone[buddy.zoneOf(pfn).index()]++;
            buddy.freePages(pfn, 0);
        }
        for (Zone z : buddy.zones())
            if (perZone[z.index()] > 0) listener.pagesReclaimed(z.type(), perZone[z.index()], byKswapd);
        return pfns.size();
    }

    /**
     * wakeup_kswapd(): only when the node is not balanced for this request, and once until kswapd has run. A balanced
     * node is fragmented at most: then a request that cannot compact itself wakes kcompactd instead. A boosted zone
     * up to {@code highest} wakes kswapd even on a balanced node. Returns what happened, for the story.
     */
    private ExplainStep.Kind wakeKswapd(int gfp, int order, int highest) {
        if (kswapdOrder >= 0) {                        // already woken: it will reclaim for the largest request
            kswapdOrder = Math.max(kswapdOrder, order);
            kswapdZoneIdx = Math.max(kswapdZoneIdx, highest);
            return ExplainStep.Kind.KSWAPD_PENDING;
        }
        if (nodeBalanced(order, highest) && !watermarkBoosted(highest)) {
            if (!Gfp.allowBlocking(gfp)) compaction.wakeupKcompactd(order, highest);
            return ExplainStep.Kind.KSWAPD_BALANCED;
        }
        kswapdOrder = order;
        kswapdZoneIdx = highest;
        listener.kswapdWoken(order, buddy.zones().get(highest).type());
        return ExplainStep.Kind.KSWAPD_WOKEN;
    }

    /**
     * rmqueue()'s epilogue (mm/page_alloc.c:3169-3174): a boost marked the zone, so the flag is cleared and
     * wakeup_kswapd(zone, 0, 0, zone_idx(zone)) called, whether or not this rmqueue() found a page.
     */
    private void wakeKswapdForBoost(Zone zone) {
        zone.boostedWatermark = false;
        ExplainStep.Kind woken = wakeKswapd(0, 0, zone.index());
        if (stories != null) stories.step(ExplainStep.Kind.BOOST_WAKE_KSWAPD, zone.type(), 0, 0, woken == ExplainStep.Kind.KSWAPD_WOKEN ? 1 : 0, 0, 0, 0);
    }

    /** pgdat_balanced(): any zone up to {@code highest} passes its HIGH mark, boost included, for this order. */
    private boolean nodeBalanced(int order, int highest) {
        for (int idx = 0; idx <= highest; idx++) {
            Zone z = buddy.zones().get(idx);
            if (z.isPopulated() && BuddyAllocator.watermarkOk(z, order, z.wmarkPages(AllocFlags.WMARK_HIGH), highest, 0)) return true;
        }
        return false;
    }

    /** pgdat_watermark_boosted() (mm/vmscan.c:6666-6688): a zone up to {@code highest} has a boost. */
    private boolean watermarkBoosted(int highest) {
        for (int idx = highest; idx >= 0; idx--) if (buddy.zone(idx).managedPages > 0 && buddy.zone(idx).watermarkBoost > 0) return true;
        return false;
    }

    /**
     * kswapd's balance_pgdat() (mm/vmscan.c:6867-7079), run after the command that woke it. It notes the zones'
     * boosts first and leaves them in place while it works. A balanced node with a boost is reclaimed "boosted":
     * SWAP_CLUSTER_MAX pages at a time until the boosts' sum is reclaimed or nothing more is; an unbalanced node
     * drops the boosted reclaim and reclaims until balanced (the high marks still boosted) or out of page cache.
     * Then each zone's boost loses what it was at the start (the kernel's 'zone_boosts'), so it is 0 unless it grew
     * meanwhile, and a boosted run wakes kcompactd for pageblock_order. Balanced, kswapd goes to sleep as
     * kswapd_try_to_sleep() does: the skip bits are reset and kcompactd is woken for the order; the model runs
     * kcompactd at once (it also runs here if a request woke it directly). The kernel's priority loop, its
     * no-writeback rule for boosted reclaim and its DEF_PRIORITY - 2 cap change nothing here: the model reclaims
     * only clean page cache.
     */
    void runKswapd() {
        if (kswapdOrder >= 0) {
            int order = kswapdOrder, highest = kswapdZoneIdx;
            kswapdOrder = kswapdZoneIdx = -1;
            long[] zoneBoosts = new long[highest + 1];
            long boostReclaim = 0;
            for (int idx = 0; idx <= highest; idx++) {
                if (buddy.zone(idx).managedPages == 0) continue;
                zoneBoosts[idx] = buddy.zone(idx).watermarkBoost;
                boostReclaim += zoneBoosts[idx];
            }
            boolean boosted = boostReclaim > 0;
            while (true) {
                boolean balanced = nodeBalanced(order, highest);
                if (!balanced && boostReclaim > 0) boostReclaim = 0;     // the kernel's "goto restart", unboosted
                if (boostReclaim == 0 && balanced) break;
                long reclaimed = reclaim(SWAP_CLUSTER_MAX, highest, true);
                if (reclaimed == 0) break;
                boostReclaim -= Math.min(boostReclaim, reclaimed);
            }
            if (boosted) {
                for (int idx = 0; idx <= highest; idx++) {
                    Zone z = buddy.zone(idx);
                    if (zoneBoosts[idx] == 0) continue;
                    long removed = Math.min(z.watermarkBoost, zoneBoosts[idx]);
                    z.watermarkBoost -= removed;
                    listener.watermarkBoostRemoved(z.type(), removed, z.watermarkBoost);
                }
                compaction.wakeupKcompactd(buddy.pageblockOrder(), highest);
            }
            if (nodeBalanced(order, highest)) {
                compaction.resetIsolationSuitable();
                compaction.wakeupKcompactd(order, highest);
            }
        }
        compaction.runKcompactd();
    }

    /**
     * out_of_memory() and oom_kill_process(): dump_header() (the invoking task, the stack, Mem-Info, the tasks), then
     * kill the largest process; the OOM reaper then gives its pages back and says so.
     */
    private boolean oomKill(int gfp, int order, int highest, int allocId, ExecContext ctx) {
        Allocation victim = user.oomVictim();
        Current current = current(allocId, ctx);
        String header = OomReport.invoked(current.comm(), gfp, order) + current.dumpStack(taint) + "\n"
                + showMem.render(highest) + OomReport.tasksState(user.processes());
        if (victim == null) {
            explain(ExplainStep.Kind.OOM_NOTHING, order, 0, 0, 0);
            listener.report(KernelReport.of(KernelReport.Kind.OOM_KILL, header
                    + "Out of memory and no killable processes...\n"
                    + "Kernel panic - not syncing: System is deadlocked on memory (the model carries on)"));
            return false;
        }
        listener.report(new KernelReport(KernelReport.Kind.OOM_KILL,
                "Out of memory: Killed process " + OomReport.pid(victim) + " (" + victim.caller() + ")",
                header + OomReport.killed(victim), FrameTable.NO_PFN, victim.id()));
        explain(ExplainStep.Kind.OOM_KILL, order, 0, OomReport.pid(victim), victim.nrPages());
        releaseProcess(victim);
        listener.report(KernelReport.of(KernelReport.Kind.NOTE, OomReport.reaped(victim)));
        return true;
    }

    /** The task the kernel calls current while it serves an allocation: its comm and pid, as reports print them. */
    private record Current(String comm, int pid) {
        String dumpStack(Taint taint) { return KernelText.dumpStackHeader(comm, pid, taint); }
    }

    /** The user process whose page fault this allocation serves, else the task of the calling context. */
    private Current current(int allocId, ExecContext ctx) {
        Allocation a = allocId == 0 ? null : allocations.get(allocId);
        return a != null && a.api() == Api.USER_PROCESS ? new Current(a.caller(), OomReport.pid(a)) : new Current(ctx.comm(), ctx.pid());
    }

    /** Gives every page of a user process back (exit, or the OOM reaper). */
    void releaseProcess(Allocation process) {
        IntList pages = process.pages();
        for (int i = 0; i < pages.size(); i++) buddy.freePages(pages.get(i), 0);
        user.removeProcess(process.id());
        allocations.remove(process.id());
    }

    // The WARN_ON_ONCE sites of mm/page_alloc.c (6.12.118) the model reaches; each fires once per boot.
    private static final int WARN_ORDER = 0, WARN_NOFAIL_ORDER = 1, WARN_NOFAIL_NO_RECLAIM = 2;
    private static final String[] WARN_SITES = {
        "mm/page_alloc.c:4835",         // __alloc_pages_noprof(): WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER, gfp)
        "mm/page_alloc.c:4312",         // __alloc_pages_slowpath(): __GFP_NOFAIL, WARN_ON_ONCE(order > 1)
        "mm/page_alloc.c:4317",         // __alloc_pages_slowpath(): __GFP_NOFAIL, WARN_ON_ONCE(!can_direct_reclaim)
    };

    private void warnOnce(int site, ExecContext ctx, String function) {
        if ((warnedOnce & 1 << site) != 0) return;
        warnedOnce |= 1 << site;
        listener.report(KernelReport.of(KernelReport.Kind.WARNING, KernelText.warning(ctx, taint, WARN_SITES[site], function)));
    }

    /**
     * warn_alloc() (mm/page_alloc.c:3612-3635): the failure line, the stack of the task that asked, and
     * __show_mem() for the zones up to gfp_zone() (warn_alloc_show_mem()). The 10-second rate limit is left out.
     */
    private void warnAlloc(int gfp, int order, int highest, int allocId, ExecContext ctx) {
        Current current = current(allocId, ctx);
        String first = current.comm() + ": page allocation failure: order:" + order + ", mode:0x" + Integer.toHexString(gfp)
                + "(" + Gfp.format(gfp) + "), nodemask=(null),cpuset=/,mems_allowed=0";
        listener.report(new KernelReport(KernelReport.Kind.ALLOC_FAILURE, first,
                first + "\n" + current.dumpStack(taint) + "\n" + showMem.render(highest).stripTrailing(),
                FrameTable.NO_PFN, 0));
    }
}
