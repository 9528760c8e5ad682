package kmemviz.core.slab;

import java.util.List;

/**
 * A kmalloc() with its report lines, for callers off the hot path.
 *
 * @param plan   the path taken
 * @param handle as {@link SlabAllocator#kmalloc(long, int)} returns it
 * @param report kernel log lines to show (the oversize WARN), empty when the kernel prints nothing
 */
public record KmallocResult(KmallocPlan plan, long handle, List<String> report) {
    public KmallocResult {
        if (plan == null) throw new IllegalArgumentException("plan must not be null");
        report = List.copyOf(report);
    }
}
