package kmemviz.core.trace;

/** What a replay did with each line of a trace: one counter each, in the order the summary prints them. */
public enum ReplayCount {
    PAGE_ALLOC(Group.APPLIED, "mm_page_alloc taken off the free lists at its pfn"),
    PAGE_FREE(Group.APPLIED, "page frees given back at their pfn"),
    SLAB_ALLOC(Group.APPLIED, "slab objects allocated"),
    SLAB_FREE(Group.APPLIED, "slab objects freed"),
    PAGEBLOCK_CLAIMED(Group.APPLIED, "pageblocks claimed by a fallback (mm_page_alloc_extfrag)"),
    FAILED_ALLOC(Group.NOT_MODELLED, "allocations the traced kernel failed (NULL)"),
    NULL_FREE(Group.NOT_MODELLED, "frees of NULL"),
    LARGE_KMALLOC(Group.NOT_MODELLED, "large kmalloc and its kfree (its pages come as mm_page_alloc)"),
    PCP_MOVE(Group.NOT_MODELLED, "per-CPU list moves (mm_page_alloc_zone_locked, mm_page_pcpu_drain)"),
    EXTFRAG_NOTED(Group.NOT_MODELLED, "fallbacks that kept their pageblock's type (mm_page_alloc_extfrag)"),
    BLANK(Group.SKIPPED, "blank lines"),
    HEADER(Group.SKIPPED, "header lines"),
    OTHER_EVENT(Group.SKIPPED, "lines of other events"),
    MALFORMED(Group.PROBLEM, "malformed kmem lines"),
    PFN_OUTSIDE(Group.PROBLEM, "pfns outside the machine"),
    PFN_BUSY(Group.PROBLEM, "page allocations whose block is not free in the model"),
    UNSEEN_PFN_FREE(Group.PROBLEM, "frees of pages never seen allocated"),
    ORDER_MISMATCH(Group.PROBLEM, "page frees of another order than their allocation"),
    UNSEEN_PTR_FREE(Group.PROBLEM, "frees of pointers never seen allocated"),
    PTR_REUSED(Group.PROBLEM, "allocations of a pointer still live (its free was not traced)"),
    SLAB_ALLOC_FAILED(Group.PROBLEM, "slab allocations the model could not satisfy");

    /** The summary's paragraphs. */
    public enum Group { APPLIED, NOT_MODELLED, SKIPPED, PROBLEM }

    private final Group group;
    private final String label;

    ReplayCount(Group group, String label) {
        this.group = group;
        this.label = label;
    }

    public Group group() { return group; }

    public String label() { return label; }
}
