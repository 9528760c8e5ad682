package kmemviz.core.slab;

import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Profile;

/**
 * What kmalloc() does with a size, before any memory is touched (__do_kmalloc_node(), mm/slub.c).
 *
 * @param kind       the path taken
 * @param cacheName  the kmalloc cache for {@link Kind#SLAB_OBJECT}, else null
 * @param bytesAlloc what the kmalloc trace event calls bytes_alloc: the cache's size, or PAGE_SIZE &lt;&lt; order for a
 *                   large kmalloc; 0 otherwise
 * @param order      get_order(size) for {@link Kind#LARGE} and {@link Kind#TOO_LARGE}, else 0
 */
public record KmallocPlan(Kind kind, String cacheName, long bytesAlloc, int order) {
    public enum Kind {
        /** 1..KMALLOC_MAX_CACHE_SIZE: an object from a kmalloc cache. */
        SLAB_OBJECT,
        /** 0: ZERO_SIZE_PTR, no allocation and no trace event. */
        ZERO_SIZE,
        /** Up to KMALLOC_MAX_SIZE: kmalloc_large(), a compound page of {@code order} from the page allocator. */
        LARGE,
        /** Above KMALLOC_MAX_SIZE: the page allocator refuses the order with a WARN, kmalloc returns NULL. */
        TOO_LARGE
    }

    public KmallocPlan {
        if (kind == null) throw new IllegalArgumentException("kind must not be null");
        if ((kind == Kind.SLAB_OBJECT) != (cacheName != null))
            throw new IllegalArgumentException("cacheName goes with SLAB_OBJECT only, got " + kind + "/" + cacheName);
    }

    /** Mirrors the size dispatch of __do_kmalloc_node(). */
    public static KmallocPlan of(long sizeBytes) {
        if (sizeBytes < 0) throw new IllegalArgumentException("size_t cannot be negative: " + sizeBytes);
        if (sizeBytes == 0) return new KmallocPlan(Kind.ZERO_SIZE, null, 0, 0);
        if (sizeBytes <= KmallocSizes.KMALLOC_MAX_CACHE_SIZE)
            return new KmallocPlan(Kind.SLAB_OBJECT, KmallocSizes.cacheName(sizeBytes), KmallocSizes.objectSize(sizeBytes), 0);
        int order = BuddyAllocator.getOrder(sizeBytes);
        if (sizeBytes <= KmallocSizes.KMALLOC_MAX_SIZE)
            return new KmallocPlan(Kind.LARGE, null, (long) Profile.PAGE_SIZE << order, order);
        return new KmallocPlan(Kind.TOO_LARGE, null, 0, order);
    }
}
