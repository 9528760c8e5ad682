package kmemviz.core.vm;

/**
 * Why the vm code wants a frame, so the page allocator can account it (PageTables vs vmalloc in /proc/meminfo) and
 * name the kernel function that asked: a page-table page is allocated by the level that found its entry empty
 * (mm/memory.c's __pud_alloc(), __pmd_alloc() and __pte_alloc_kernel() behind vmap_range_noflush()'s *_alloc_track()).
 */
public enum FrameUse {
    PGD_TABLE("pgd_alloc()"), PUD_TABLE("__pud_alloc()"), PMD_TABLE("__pmd_alloc()"), PTE_TABLE("__pte_alloc_kernel()"),
    VMALLOC("__vmalloc_area_node()");

    private final String allocator;

    FrameUse(String allocator) { this.allocator = allocator; }

    public boolean isPageTable() { return this != VMALLOC; }

    /** The kernel function that allocates the frame, as the allocation's call. */
    public String allocator() { return allocator; }
}
