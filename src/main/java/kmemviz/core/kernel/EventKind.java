package kmemviz.core.kernel;

/**
 * The kinds of {@link MmEvent}, one per {@link kmemviz.core.mm.MmListener} method, some split by cause: reclaim
 * by kswapd or direct; a block onto a per-CPU list by rmqueue_bulk() ({@link #PCP_REFILLED}) or by
 * free_unref_page() ({@link #PCP_FREED}), off it to an allocation ({@link #PCP_TAKEN}) or back to the buddy lists
 * by free_pcppages_bulk() ({@link #PCP_DRAINED}). The COMPACT_* family follows one compact_zone() run: its start
 * and the scanners' positions as they move, each free block the free scanner takes, each page moved, and its end
 * with the result. {@link #PAGEBLOCK_TYPE_CHANGED} is a pageblock taking another migrate type.
 * {@link #WATERMARK_BOOST_REMOVED} is kswapd's balance_pgdat() taking a zone's watermark boost off.
 */
public enum EventKind { ALLOCATED, TAKEN, FREED, SPLIT, MERGED, QUEUED, WATERMARK, KSWAPD_WOKEN, DIRECT_RECLAIM, KSWAPD_RECLAIM,
    OBJECT_ALLOCATED, OBJECT_FREED, MAPPED, UNMAPPED, KMAP, KUNMAP, TLB_FLUSH, REPORT,
    PCP_REFILLED, PCP_FREED, PCP_TAKEN, PCP_DRAINED,
    COMPACT_BEGIN, COMPACT_SCANNERS, COMPACT_FREE_ISOLATED, COMPACT_MIGRATED, COMPACT_END, KCOMPACTD_WOKEN,
    PAGEBLOCK_TYPE_CHANGED, WATERMARK_BOOST_REMOVED;

    /** A block went onto a per-CPU list. */
    public boolean pcpAdded() { return this == PCP_REFILLED || this == PCP_FREED; }

    /** A block left a per-CPU list. */
    public boolean pcpRemoved() { return this == PCP_TAKEN || this == PCP_DRAINED; }
}
