package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place an {@link AllocStory} becomes words: a numbered line per step, with the kernel's function names and
 * the numbers the allocator compared, and for a failed request a last line with the exact conditions that failed
 * (each zone's watermark check in the last pass, then why the slow path gave up). The command line prints
 * {@link #render}, the inspector shows {@link #lines}.
 */
public final class StoryText {
    private StoryText() {}

    /** One line of a story: steps inside a zonelist pass (a zone's check, what rmqueue() took) are nested. */
    public record Line(int number, boolean nested, String text) {}

    /**
     * A title for the story: the call that asked (or the bare request) and what it got, e.g.
     * {@code alloc_pages(GFP_KERNEL, 4) → NULL}.
     */
    public static String title(AllocStory story, String call) {
        String asked = call != null ? call : "__alloc_pages(" + Gfp.format(story.gfp()) + ", order " + story.order() + ")";
        return asked + (story.failed() ? " → NULL" : String.format(" → pfn 0x%x", story.pfn()));
    }

    /** The story as text, one numbered line per step and, for a failure, the final condition. */
    public static String render(AllocStory story) {
        StringBuilder b = new StringBuilder();
        for (Line l : lines(story)) {
            b.append(l.nested() ? "    " : "").append(l.number() > 0 ? l.number() + ". " : "").append(l.text()).append('\n');
        }
        return b.toString();
    }

    public static List<Line> lines(AllocStory story) {
        List<Line> out = steps(story);
        if (story.failed()) out.add(new Line(0, false, "Failed because: " + failure(story)));
        return out;
    }

    /** The numbered steps alone, for a view that shows the failed conditions apart (the story panel, above them). */
    public static List<Line> steps(AllocStory story) {
        List<Line> out = new ArrayList<>();
        int n = 0;
        for (ExplainStep s : story.steps()) out.add(new Line(++n, nested(s.kind()), text(s)));
        return out;
    }

    private static boolean nested(ExplainStep.Kind kind) {
        return switch (kind) {
            case HIGHATOMIC_UNUSABLE, WATERMARK_OK, WATERMARK_BELOW, WATERMARK_NO_BLOCK, NO_WATERMARKS, PCP_HIT, PCP_REFILL,
                 RMQUEUE_SMALLEST, RMQUEUE_CLAIM, RMQUEUE_STEAL, BOOST_WATERMARK, BOOST_WAKE_KSWAPD, RMQUEUE_EMPTY,
                 RESERVE_HIGHATOMIC -> true;
            default -> false;
        };
    }

    /**
     * The conditions that failed, e.g. {@code Normal: free 912 ≤ min 1018 + lowmem_reserve 0 with ALLOC_WMARK_MIN;
     * DMA32: …; no reclaimable pages; order 4 is costly: no OOM killer}: each zone of the last pass at the caller's
     * own mark (the high-mark pass of __alloc_pages_may_oom() only if there is no other), then the slow path's reasons.
     */
    public static String failure(AllocStory story) {
        List<ExplainStep> steps = story.steps();
        List<String> parts = new ArrayList<>();
        List<ExplainStep> last = lastPass(story);
        for (ExplainStep s : last) {
            switch (s.kind()) {
                case WATERMARK_BELOW, WATERMARK_NO_BLOCK -> parts.add(s.zone().kernelName() + ": " + comparison(s) + " with " + AllocFlags.format(s.allocFlags()));
                case RMQUEUE_EMPTY -> parts.add(s.zone().kernelName() + ": passed its watermark, but " + emptyReason(s));
                default -> { }
            }
        }
        if (steps.stream().noneMatch(s -> s.kind() == ExplainStep.Kind.FREELIST_PASS)) parts.add("the zonelist was never walked");
        long reclaimed = -1;
        for (ExplainStep s : steps) if (s.kind() == ExplainStep.Kind.DIRECT_RECLAIM) reclaimed = s.a();
        if (reclaimed == 0) parts.add("no reclaimable pages");
        for (ExplainStep s : steps) {
            String why = switch (s.kind()) {
                case CANNOT_RECLAIM -> "the caller cannot sleep (no __GFP_DIRECT_RECLAIM): no reclaim, no OOM killer";
                case NORETRY -> "__GFP_NORETRY: no retry";
                case COSTLY -> "order " + s.order() + " is costly: no OOM killer";
                case OOM_SKIPPED -> oomSkip(s);
                case OOM_NOTHING -> "no process left to kill";
                case MODEL_LIMIT -> "the model stopped after " + s.a() + " rounds";
                default -> null;
            };
            if (why != null) parts.add(why);
        }
        return String.join("; ", parts);
    }

    /**
     * The steps of the zonelist pass that decided a failure: the last one at the caller's own mark, or the high-mark
     * pass of __alloc_pages_may_oom() only if there is no other. Empty when no pass was made.
     */
    public static List<ExplainStep> lastPass(AllocStory story) {
        List<ExplainStep> steps = story.steps();
        int pass = -1;
        for (int i = 0; i < steps.size(); i++) {
            ExplainStep s = steps.get(i);
            if (s.kind() == ExplainStep.Kind.FREELIST_PASS
                    && (pass < 0 || (s.allocFlags() & AllocFlags.NO_WATERMARKS) != 0 || AllocFlags.mark(s.allocFlags()) != Watermark.HIGH.ordinal())) pass = i;
        }
        int end = pass + 1;
        while (pass >= 0 && end < steps.size() && steps.get(end).kind() != ExplainStep.Kind.FREELIST_PASS
                && steps.get(end).kind() != ExplainStep.Kind.NOFRAGMENT_RETRY) end++;
        return pass < 0 ? List.of() : steps.subList(pass + 1, end);
    }

    private static String text(ExplainStep s) {
        String zone = s.zone() == null ? "" : s.zone().kernelName();
        return switch (s.kind()) {
            case ALLOC_PAGES -> "__alloc_pages(" + Gfp.format((int) s.a()) + ", order " + s.order() + "): gfp_zone() = " + zone
                    + ", zonelist " + zonelist(s.c()) + ", gfp_migratetype() = " + MigrateType.of((int) s.b()).kernelName()
                    + "; the fast path with " + AllocFlags.format(s.allocFlags());
            case FREELIST_PASS -> "get_page_from_freelist() with " + AllocFlags.format(s.allocFlags());
            case HIGHATOMIC_UNUSABLE -> zone + ": " + s.a() + " free pages are HighAtomic, reserved for high-order atomic requests:"
                    + " not counted without ALLOC_HIGHATOMIC or another reserve flag";
            case WATERMARK_OK -> zone + ": zone_watermark_ok() true: " + comparison(s);
            case WATERMARK_BELOW, WATERMARK_NO_BLOCK -> zone + ": zone_watermark_ok() false: " + comparison(s) + ", next zone";
            case NO_WATERMARKS -> zone + ": ALLOC_NO_WATERMARKS, no watermark check";
            case PCP_HIT -> String.format("rmqueue_pcplist(): pfn 0x%x from the head of CPU %d's %s order-%d list (pcp->count %d → %d)",
                    s.d(), s.a(), type(s.b()), s.order(), s.c(), s.c() - (1L << s.order()));
            case PCP_REFILL -> String.format("rmqueue_pcplist(): CPU %d's %s order-%d list was empty: rmqueue_bulk() moved %d of the"
                    + " %d blocks nr_pcp_alloc() asked for from the buddy lists to it", s.a(), type(s.b()), s.order(), s.d(), s.c());
            case RMQUEUE_SMALLEST -> String.format("__rmqueue_smallest(): the %s list of order %d had the block at pfn 0x%x", type(s.a()), s.b(), s.c())
                    + (s.b() > s.order() ? ", expand() split it down to order " + s.order() : "");
            case RMQUEUE_CLAIM -> String.format("__rmqueue_claim(): no %s block, so the largest fallback: the order-%d %s block at pfn 0x%x; ",
                    type(s.a()), s.order(), type(s.b()), s.c())
                    + (s.d() < 0 ? "try_to_steal_block(): it spans whole pageblocks, which become " + type(s.a())
                       : "try_to_steal_block(): " + s.d() + " pages of its pageblock are free or alike (at least half), so the pageblock becomes "
                         + type(s.a()) + " and its free pages move to its lists");
            case RMQUEUE_STEAL -> String.format("__rmqueue_steal(): no pageblock could be claimed for %s, so the smallest fallback: the order-%d %s block at"
                    + " pfn 0x%x; its pageblock stays %s", type(s.a()), s.order(), type(s.b()), s.c(), type(s.b()));
            case BOOST_WATERMARK -> "boost_watermark(): a fallback below a pageblock: " + zone + "'s watermark_boost " + s.a()
                    + " → " + s.b() + " pages" + (s.a() == s.b() ? " (its limit)" : "") + (s.c() == 1 ? "; ZONE_BOOSTED_WATERMARK set, so rmqueue() wakes kswapd" : "");
            case BOOST_WAKE_KSWAPD -> "rmqueue(): ZONE_BOOSTED_WATERMARK cleared, wakeup_kswapd() for " + zone
                    + (s.a() == 1 ? ": kswapd woken (it runs after this call)" : ": kswapd was already woken");
            case RMQUEUE_EMPTY -> zone + ": " + emptyReason(s) + ", next zone";
            case RESERVE_HIGHATOMIC -> String.format("reserve_highatomic_pageblock(): a high-order atomic allocation, so the pageblock at"
                    + " pfn 0x%x becomes HighAtomic (%d pages; %s's reserve is now %d pages)", s.a(), s.b(), zone, s.c());
            case UNRESERVE_HIGHATOMIC -> String.format("%s: unreserve_highatomic_pageblock(ac, %s) gives the HighAtomic pageblock of the"
                    + " order-%d free block at pfn 0x%x to %s (the reserve is now %d pages)",
                    s.d() == 1 ? "should_reclaim_retry(), before the OOM killer" : "__alloc_pages_direct_reclaim()",
                    s.d() == 1, s.order(), s.a(), type(s.b()), s.c())
                    + (s.d() == 1 ? ": retry" : "");
            case NOFRAGMENT_RETRY -> "no zone served the request with ALLOC_NOFRAGMENT: get_page_from_freelist() tries again without it";
            case SLOWPATH -> "__alloc_pages_slowpath(): gfp_to_alloc_flags() gives " + AllocFlags.format(s.allocFlags());
            case KSWAPD_WOKEN -> "wake_all_kswapds(): kswapd woken for order " + s.order() + " up to " + zone + " (it runs after this call)";
            case KSWAPD_PENDING -> "wake_all_kswapds(): kswapd is already woken and will reclaim for the largest request";
            case KSWAPD_BALANCED -> "wake_all_kswapds(): pgdat_balanced(), a zone is above its high mark, and no zone is boosted: kswapd not woken";
            case MEMALLOC -> "__gfp_pfmemalloc_flags(): __GFP_MEMALLOC, so ALLOC_NO_WATERMARKS from here on";
            case CANNOT_RECLAIM -> "no __GFP_DIRECT_RECLAIM: the caller cannot sleep, so no direct reclaim: nopage";
            case DIRECT_RECLAIM -> s.a() == 0 ? "__alloc_pages_direct_reclaim(): try_to_free_pages() found no reclaimable pages"
                    : "__alloc_pages_direct_reclaim(): try_to_free_pages() reclaimed " + s.a() + " pages (asked for " + s.b() + ")";
            case DRAIN_ALL_PAGES -> "__alloc_pages_direct_reclaim(): still nothing, so drain_all_pages() and one more try";
            case DIRECT_COMPACT -> "__alloc_pages_direct_compact(): COMPACT_" + CompactResult.values()[(int) s.a()].name()
                    + ", " + s.b() + " pages migrated";
            case NORETRY -> "__GFP_NORETRY: no retry: nopage";
            case COSTLY -> "order " + s.order() + " > PAGE_ALLOC_COSTLY_ORDER (3) without __GFP_RETRY_MAYFAIL: no retry, no OOM killer: nopage";
            case RECLAIM_RETRY -> "should_reclaim_retry(): reclaim may still help (no_progress_loops " + s.a() + "): retry";
            case RECLAIM_GIVE_UP -> "should_reclaim_retry(): no (no_progress_loops " + s.a() + ", " + s.b()
                    + " reclaimable pages would not lift any zone above min): __alloc_pages_may_oom()";
            case OOM_SKIPPED -> "__alloc_pages_may_oom(): no OOM killer: " + oomSkip(s) + ": nopage";
            case OOM_KILL -> "out_of_memory(): killed pid " + s.a() + ", which held " + s.b() + " pages: retry";
            case OOM_NOTHING -> "out_of_memory(): no process to kill: nopage";
            case NOFAIL -> "__GFP_NOFAIL: one more try with " + AllocFlags.format(s.allocFlags());
            case MODEL_LIMIT -> "the kernel would keep retrying; the model stops after " + s.a() + " rounds";
            case GOT_PAGE -> String.format("got the order-%d block at pfn 0x%x in %s", s.order(), s.a(), zone);
            case NOPAGE -> "nopage: the allocation returns NULL";
        };
    }

    /**
     * __zone_watermark_ok()'s comparison with its numbers: free pages less 2^order - 1 against the mark (lowered for the
     * reserve flags) plus lowmem_reserve, and for a high order whether a block of that order or more is free.
     */
    /** The watermark a check compared with ("min", "low", "high"), or "mark" when the step has no alloc flags. */
    public static String markName(ExplainStep s) {
        return s.allocFlags() == 0 ? "mark" : Watermark.values()[AllocFlags.mark(s.allocFlags())].name().toLowerCase();
    }

    public static String comparison(ExplainStep s) {
        long free = s.a(), mark = s.b(), min = s.c(), reserve = s.d();
        long usable = free - ((1L << s.order()) - 1);
        String left = s.order() == 0 ? "free " + free : "free " + free + " - " + ((1L << s.order()) - 1) + " = " + usable;
        String right = markName(s) + " " + min + (min != mark ? " (" + mark + " lowered for the reserves)" : "") + " + lowmem_reserve " + reserve;
        return switch (s.kind()) {
            case WATERMARK_BELOW -> left + " ≤ " + right;
            case WATERMARK_NO_BLOCK -> left + " > " + right + ", but no free block of order " + s.order() + " or more";
            default -> left + " > " + right;
        };
    }

    private static String emptyReason(ExplainStep s) {
        return (s.allocFlags() & AllocFlags.NOFRAGMENT) != 0
                ? "no " + type(s.a()) + " block, and ALLOC_NOFRAGMENT forbids taking another type's below a pageblock"
                : "no free block of order " + s.order() + " or more that " + type(s.a()) + " may use";
    }

    private static String oomSkip(ExplainStep s) {
        return switch (ExplainStep.OomSkip.values()[(int) s.a()]) {
            case COSTLY_ORDER -> "order " + s.order() + " is costly";
            case RETRY_MAYFAIL_OR_THISNODE -> "__GFP_RETRY_MAYFAIL or __GFP_THISNODE";
            case LOWMEM_ONLY -> "the request may use only zones below Normal";
            case NO_FS -> "no __GFP_FS, so out_of_memory() kills nothing (the kernel keeps retrying; the model fails it)";
        };
    }

    private static String type(long migratetype) { return MigrateType.of((int) migratetype).kernelName(); }

    private static String zonelist(long zoneMask) {
        List<String> names = new ArrayList<>();
        ZoneType[] types = ZoneType.values();
        for (int t = types.length - 1; t >= 0; t--) if ((zoneMask & 1L << t) != 0) names.add(types[t].kernelName());
        return String.join(" → ", names);
    }
}
