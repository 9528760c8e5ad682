package kmemviz.core.trace;

/**
 * One kmem trace event as {@code include/trace/events/kmem.h} records it, in any kernel's text from 2.6 to 6.x.
 * Pointers stay text: they are hashed per boot on 4.15 and later, raw in trace-cmd's output, and only ever compared
 * with each other, so that a free finds its allocation. A pfn of -1 is a failed allocation ({@code pfn=0} with a
 * NULL page).
 */
public sealed interface KmemEvent {

    /** kmalloc, kmalloc_node (up to 6.0), kmem_cache_alloc, kmem_cache_alloc_node (up to 6.0). */
    record SlabAlloc(String event, String callSite, String ptr, long bytesReq, long bytesAlloc, String gfpFlags,
                     int node) implements KmemEvent {
        /** kmem_cache_alloc and its _node twin: the object comes from a named cache, not from a kmalloc size. */
        public boolean fromCache() { return event.startsWith("kmem_cache"); }
    }

    /** kfree, kmem_cache_free ({@code name=} from about 5.12, else null). */
    record SlabFree(String event, String callSite, String ptr, String cacheName) implements KmemEvent {}

    /** mm_page_alloc: the page the allocator returned (pfn -1 when it failed). */
    record PageAlloc(long pfn, int order, int migratetype, String gfpFlags) implements KmemEvent {}

    /**
     * mm_page_free, mm_page_free_batched, and 2.6.3x's mm_page_free_direct and mm_pagevec_free: a page given back
     * to the allocator. Only the pfn and order matter to a replay.
     */
    record PageFree(String event, long pfn, int order) implements KmemEvent {}

    /** mm_page_alloc_zone_locked: a block taken from the buddy lists under the zone lock (a refill, or order > 3). */
    record PageAllocZoneLocked(long pfn, int order, int migratetype, boolean percpuRefill) implements KmemEvent {}

    /** mm_page_pcpu_drain: a page going from a per-CPU list back to the buddy lists. */
    record PagePcpuDrain(long pfn, int order, int migratetype) implements KmemEvent {}

    /** mm_page_alloc_extfrag: an allocation fell back to another migrate type's block. */
    record PageAllocExtfrag(long pfn, int allocOrder, int fallbackOrder, int pageblockOrder, int allocMigratetype,
                            int fallbackMigratetype, boolean changeOwnership) implements KmemEvent {}
}
