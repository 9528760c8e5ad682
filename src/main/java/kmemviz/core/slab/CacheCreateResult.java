package kmemviz.core.slab;

import java.util.List;

/**
 * Outcome of kmem_cache_create().
 *
 * @param cache  the new cache, or null when the kernel refuses it
 * @param report kernel log lines (duplicate-name WARN, integrity failure), empty when none
 */
public record CacheCreateResult(KmemCache cache, List<String> report) {
    public CacheCreateResult { report = List.copyOf(report); }
}
