package kmemviz.core.slab;

import java.util.List;

/**
 * Outcome of kfree() or kmem_cache_free() in the model. Success returns the shared {@link #FREED} constant, so the
 * hot path allocates nothing; error results carry the kernel's report lines.
 *
 * @param status    what happened
 * @param freed     whether an object was actually freed (true for a wrong-cache free: SLUB frees to the real cache)
 * @param cacheName the cache the report names, or null
 * @param report    kernel log lines, first line first
 */
public record FreeResult(Status status, boolean freed, String cacheName, List<String> report) {
    public enum Status {
        FREED,
        /** NULL or ZERO_SIZE_PTR: kfree() returns at once. */
        NULL_OR_ZERO_SIZE,
        /**
         * Not in any slab. kfree() treats it as a large kmalloc (free_large_kmalloc(): the caller frees the folio);
         * kmem_cache_free() warns once (virt_to_cache) and frees nothing.
         */
        NOT_SLAB,
        /** Inside a slab but not an object start: "Invalid object pointer"; nothing freed. */
        INVALID_POINTER,
        /** Already free: "Object already free"; nothing freed. */
        ALREADY_FREE,
        /** kmem_cache_free() with the wrong cache: WARN, then freed to the real cache (see {@link #freed}). */
        WRONG_CACHE
    }

    public static final FreeResult FREED = new FreeResult(Status.FREED, true, null, List.of());
    public static final FreeResult IGNORED = new FreeResult(Status.NULL_OR_ZERO_SIZE, false, null, List.of());

    public FreeResult {
        if (status == null) throw new IllegalArgumentException("status must not be null");
        report = List.copyOf(report);
    }
}
