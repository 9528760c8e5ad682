package kmemviz.core.slab;

import java.util.List;

/**
 * Outcome of kmem_cache_destroy().
 *
 * @param destroyed true when the cache was empty and is gone with all its slabs; false when objects remained and the
 *                  cache was unlinked from the cache list but leaked, as the kernel does
 * @param report    kernel log lines, empty for a clean destroy
 */
public record DestroyResult(boolean destroyed, List<String> report) {
    public DestroyResult { report = List.copyOf(report); }
}
