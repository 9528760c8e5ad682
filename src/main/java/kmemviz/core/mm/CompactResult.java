package kmemviz.core.mm;

/**
 * enum compact_result of include/linux/compaction.h (6.12.118), in its order: try_to_compact_pages() keeps the
 * largest over the zones it tried, so the order is part of the meaning.
 */
public enum CompactResult {
    /** compaction_suitable() said no because the fragmentation index blames a lack of memory. */
    NOT_SUITABLE_ZONE,
    /** Too few free pages above the watermark for the free scanner to work with. */
    SKIPPED,
    /** compaction_deferred(): recent runs at this order failed, so this one is not tried. */
    DEFERRED,
    /** Internal to compact_finished(): no suitable page yet, keep going. */
    NO_SUITABLE_PAGE,
    CONTINUE,
    /** The scanners met after scanning the whole zone. */
    COMPLETE,
    /** The scanners met, but the run started from cached positions rather than the zone's ends. */
    PARTIAL_SKIPPED,
    CONTENDED,
    /** A free block of the requested order exists now. */
    SUCCESS;

    /** The name the kernel's tracepoints print (compaction_status_string). */
    public String kernelName() {
        return switch (this) {
            case NOT_SUITABLE_ZONE -> "not_suitable_zone";
            case SKIPPED -> "skipped";
            case DEFERRED -> "deferred";
            case NO_SUITABLE_PAGE -> "no_suitable_page";
            case CONTINUE -> "continue";
            case COMPLETE -> "complete";
            case PARTIAL_SKIPPED -> "partial_skipped";
            case CONTENDED -> "contended";
            case SUCCESS -> "success";
        };
    }
}
