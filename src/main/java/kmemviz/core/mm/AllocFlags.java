package kmemviz.core.mm;

/** The allocator's internal {@code ALLOC_*} flags (mm/internal.h) that the model uses. */
final class AllocFlags {
    static final int WMARK_MIN = 0, WMARK_LOW = 1, WMARK_HIGH = 2, WMARK_MASK = 3;
    static final int NO_WATERMARKS = 0x04;
    static final int OOM = 0x08;
    static final int NON_BLOCK = 0x10;
    static final int MIN_RESERVE = 0x20;       // the same bit as __GFP_HIGH
    /** ALLOC_NOFRAGMENT: do not take a fallback type's free pages below a pageblock in the first pass. */
    static final int NOFRAGMENT = 0x100;
    /** ALLOC_HIGHATOMIC: may take from, and reserve, HighAtomic pageblocks. */
    static final int HIGHATOMIC = 0x200;
    /** ALLOC_KSWAPD: may wake kswapd; the bit of __GFP_KSWAPD_RECLAIM, as gfp_to_alloc_flags() relies on. */
    static final int KSWAPD = Gfp.KSWAPD_RECLAIM;
    /** ALLOC_RESERVES: the flags that allow allocations below the min mark, and may count HighAtomic free pages. */
    static final int RESERVES = NON_BLOCK | MIN_RESERVE | HIGHATOMIC | OOM;

    private AllocFlags() {}

    /**
     * gfp_to_alloc_flags() for the slow path, without cpusets and CMA: the MIN mark, __GFP_HIGH and
     * __GFP_KSWAPD_RECLAIM carried over, and ALLOC_NON_BLOCK for callers that cannot sleep; with __GFP_HIGH as
     * well and an order above 0 (a high-order GFP_ATOMIC), ALLOC_HIGHATOMIC (mm/page_alloc.c:4099-4108).
     */
    static int forSlowPath(int gfp, int order) {
        int flags = WMARK_MIN | (gfp & (Gfp.HIGH | Gfp.KSWAPD_RECLAIM));
        if (!Gfp.allowBlocking(gfp) && (gfp & Gfp.NOMEMALLOC) == 0) {
            flags |= NON_BLOCK;
            if (order > 0 && (flags & MIN_RESERVE) != 0) flags |= HIGHATOMIC;
        }
        return flags;
    }

    /**
     * The flags as the kernel names them, e.g. {@code ALLOC_WMARK_MIN|ALLOC_KSWAPD|ALLOC_NON_BLOCK}. ALLOC_KSWAPD and
     * ALLOC_MIN_RESERVE share their bits with __GFP_KSWAPD_RECLAIM and __GFP_HIGH, as gfp_to_alloc_flags() relies on.
     */
    static String format(int flags) {
        StringBuilder b = new StringBuilder((flags & NO_WATERMARKS) != 0 ? "ALLOC_NO_WATERMARKS"
                : "ALLOC_WMARK_" + Watermark.values()[mark(flags)].name());
        if ((flags & OOM) != 0) b.append("|ALLOC_OOM");
        if ((flags & NON_BLOCK) != 0) b.append("|ALLOC_NON_BLOCK");
        if ((flags & MIN_RESERVE) != 0) b.append("|ALLOC_MIN_RESERVE");
        if ((flags & NOFRAGMENT) != 0) b.append("|ALLOC_NOFRAGMENT");
        if ((flags & HIGHATOMIC) != 0) b.append("|ALLOC_HIGHATOMIC");
        if ((flags & KSWAPD) != 0) b.append("|ALLOC_KSWAPD");
        return b.toString();
    }

    /** The mark's index into Zone.watermark: ALLOC_WMARK_MIN/LOW/HIGH equal WMARK_MIN/LOW/HIGH, as in the kernel. */
    static int mark(int flags) { return flags & WMARK_MASK; }
}
