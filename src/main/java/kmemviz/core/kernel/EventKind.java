package kmemviz.core.kernel;

/** The kinds of {@link MmEvent}, one per {@link kmemviz.core.mm.MmListener} method. */
public enum EventKind { ALLOCATED, TAKEN, FREED, SPLIT, MERGED, QUEUED, WATERMARK, KSWAPD_WOKEN, DIRECT_RECLAIM, KSWAPD_RECLAIM,
    OBJECT_ALLOCATED, OBJECT_FREED, MAPPED, UNMAPPED, KMAP, KUNMAP, TLB_FLUSH, REPORT }
