package kmemviz.core.mm;

/**
 * One decision the page allocator made for one allocation, as {@link AllocStories} records it: a kind named for the
 * kernel function that decided, the zone and order it concerned, the ALLOC_* flags in force, and up to four numbers
 * whose meaning each {@link Kind} states. Steps are made only while a story is being recorded, never on the plain
 * allocation path, so a record per step costs nothing when nobody asks; {@link StoryText} turns them into words.
 *
 * @param zone  the zone the step concerns, or null
 * @param order the order the step concerns (the request's, or the block's found), or -1
 * @param allocFlags the allocator's ALLOC_* flags ({@link AllocFlags#format}) when they matter, else 0
 */
public record ExplainStep(Kind kind, ZoneType zone, int order, int allocFlags, long a, long b, long c, long d) {
    public ExplainStep {
        if (kind == null) throw new IllegalArgumentException("an explain step needs a kind");
    }

    /** What was decided, in the order __alloc_pages() and __alloc_pages_slowpath() can decide it. */
    public enum Kind {
        /** __alloc_pages(): a = gfp, b = gfp_migratetype(), c = the zonelist as a mask of ZoneType ordinals; zone = gfp_zone(). */
        ALLOC_PAGES,
        /** get_page_from_freelist() starts a pass over the zonelist with allocFlags. */
        FREELIST_PASS,
        /**
         * __zone_watermark_unusable_free(): a = the zone's free HighAtomic pages, which a request without a reserve flag
         * does not count (the watermark step that follows gives the free pages without them).
         */
        HIGHATOMIC_UNUSABLE,
        /** zone_watermark_fast() passed: a = free pages, b = wmark_pages(), c = the min after reserves, d = lowmem_reserve. */
        WATERMARK_OK,
        /** zone_watermark_fast() failed: free - (2^order - 1) &lt;= min + lowmem_reserve; a-d as WATERMARK_OK. */
        WATERMARK_BELOW,
        /** zone_watermark_fast() failed: enough free pages, but no free block of this order or above; a-d as WATERMARK_OK. */
        WATERMARK_NO_BLOCK,
        /** ALLOC_NO_WATERMARKS: the zone is tried without a watermark check. */
        NO_WATERMARKS,
        /** rmqueue_pcplist(): the CPU's list had a block. a = cpu, b = migratetype, c = pcp->count before, d = pfn. */
        PCP_HIT,
        /** rmqueue_bulk() refilled an empty per-CPU list: a = cpu, b = migratetype, c = nr_pcp_alloc(), d = blocks moved. */
        PCP_REFILL,
        /** __rmqueue_smallest(): a = migratetype, b = the order of the block found, c = its pfn; order = the request's. */
        RMQUEUE_SMALLEST,
        /** __rmqueue_claim(): a = the request's type, b = the fallback type, c = the pfn of the block taken, order = its order. */
        RMQUEUE_CLAIM,
        /** __rmqueue_steal(): a-c as RMQUEUE_CLAIM; the pageblock keeps its type. */
        RMQUEUE_STEAL,
        /**
         * boost_watermark() from try_to_steal_block(), a fallback below a pageblock: a = watermark_boost before, b =
         * after, c = 1 if ALLOC_KSWAPD set ZONE_BOOSTED_WATERMARK.
         */
        BOOST_WATERMARK,
        /**
         * rmqueue() found ZONE_BOOSTED_WATERMARK with ALLOC_KSWAPD, cleared it and called wakeup_kswapd(zone, 0, 0,
         * zone_idx): a = 1 if kswapd was woken, 0 if it was already.
         */
        BOOST_WAKE_KSWAPD,
        /**
         * reserve_highatomic_pageblock(): a high-order atomic allocation reserved its pageblock(s): a = the first
         * pageblock's pfn, b = the pages added to the reserve, c = nr_reserved_highatomic after; order = the request's.
         */
        RESERVE_HIGHATOMIC,
        /** __rmqueue() found nothing in the zone: a = migratetype, allocFlags with or without ALLOC_NOFRAGMENT. */
        RMQUEUE_EMPTY,
        /** get_page_from_freelist(): every zone refused with ALLOC_NOFRAGMENT, so it retries without it. */
        NOFRAGMENT_RETRY,
        /** __alloc_pages_slowpath() with gfp_to_alloc_flags(): allocFlags. */
        SLOWPATH,
        /** wake_all_kswapds(): kswapd woken for this order and highest zone. */
        KSWAPD_WOKEN,
        /** wakeup_kswapd(): already woken by an earlier request, it will reclaim for the largest. */
        KSWAPD_PENDING,
        /** wakeup_kswapd(): pgdat_balanced(), so kswapd is not woken. */
        KSWAPD_BALANCED,
        /** __gfp_pfmemalloc_flags(): __GFP_MEMALLOC, so ALLOC_NO_WATERMARKS from here on. */
        MEMALLOC,
        /** !can_direct_reclaim: the caller may not sleep, so no reclaim and no OOM killer. */
        CANNOT_RECLAIM,
        /** __alloc_pages_direct_reclaim(): a = pages reclaimed, b = pages asked for. */
        DIRECT_RECLAIM,
        /**
         * unreserve_highatomic_pageblock(): a HighAtomic pageblock went back to the request's type. a = the pfn of the
         * free block found, order = its order, b = the new migratetype, c = nr_reserved_highatomic after, d = 1 if forced
         * (should_reclaim_retry() before the OOM killer), 0 after direct reclaim.
         */
        UNRESERVE_HIGHATOMIC,
        /** __alloc_pages_direct_reclaim(): drain_all_pages() once, then one more try. */
        DRAIN_ALL_PAGES,
        /**
         * __alloc_pages_direct_compact(): a = the {@link CompactResult} ordinal, b = pages migrated. The hook for the
         * compaction model: it records this step where the kernel compacts.
         */
        DIRECT_COMPACT,
        /** __GFP_NORETRY: no loop. */
        NORETRY,
        /** A costly order (&gt; PAGE_ALLOC_COSTLY_ORDER) without __GFP_RETRY_MAYFAIL: no loop and no OOM killer. */
        COSTLY,
        /** should_reclaim_retry() said retry: a = no_progress_loops. */
        RECLAIM_RETRY,
        /** should_reclaim_retry() said stop: a = no_progress_loops, b = reclaimable pages up to the highest zone. */
        RECLAIM_GIVE_UP,
        /** __alloc_pages_may_oom() does not call the OOM killer: a = the {@link OomSkip} ordinal. */
        OOM_SKIPPED,
        /** out_of_memory() killed a process: a = its pid, b = the pages it held; the slow path retries. */
        OOM_KILL,
        /** out_of_memory() found no process to kill. */
        OOM_NOTHING,
        /** __GFP_NOFAIL: one last try with ALLOC_MIN_RESERVE. */
        NOFAIL,
        /** The kernel would loop on; the model stops after a = rounds. */
        MODEL_LIMIT,
        /** The request got a block: a = its pfn, in zone. */
        GOT_PAGE,
        /** nopage: the request returns NULL. */
        NOPAGE
    }

    /** Why __alloc_pages_may_oom() calls no OOM killer, in the order it checks. */
    public enum OomSkip { COSTLY_ORDER, RETRY_MAYFAIL_OR_THISNODE, LOWMEM_ONLY, NO_FS }
}
