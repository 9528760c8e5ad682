package kmemviz.core.mm;

/**
 * enum compact_priority of include/linux/compaction.h: lower is harder. The slow path starts direct compaction at
 * {@link #INIT} (async) and should_compact_retry() lowers it to {@link #MIN_COSTLY} for costly orders, {@link #MIN}
 * for the others, which also ignores the skip bits and scans the whole zone.
 */
public enum CompactPriority {
    SYNC_FULL, SYNC_LIGHT, ASYNC;

    public static final CompactPriority MIN = SYNC_FULL, MIN_COSTLY = SYNC_LIGHT, DEF = SYNC_LIGHT, INIT = ASYNC;

    /** One step harder, or this if it is already the hardest. */
    CompactPriority harder() { return this == SYNC_FULL ? this : values()[ordinal() - 1]; }
}
