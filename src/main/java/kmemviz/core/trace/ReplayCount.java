package kmemviz.core.trace;

/** What a replay did with each line of a trace: one counter each, in the order the summary prints them. */
public enum ReplayCount {
    PAGE_ALLOC(Group.APPLIED, "mm_page_alloc taken off the buddy lists at its pfn"),
    PAGE_ALLOC_PCP(Group.APPLIED, "mm_page_alloc taken off its CPU's per-CPU list"),
    PAGE_FREE(Group.APPLIED, "page frees given back to the buddy lists at their pfn"),
    PAGE_FREE_PCP(Group.APPLIED, "page frees put on their CPU's per-CPU list"),
    PCP_REFILL(Group.APPLIED, "blocks a refill put on a CPU's per-CPU list (mm_page_alloc_zone_locked percpu_refill=1)"),
    PCP_DRAIN(Group.APPLIED, "blocks drained from a per-CPU list to the buddy lists (mm_page_pcpu_drain)"),
    SLAB_ALLOC(Group.APPLIED, "slab objects allocated"),
    SLAB_FREE(Group.APPLIED, "slab objects freed"),
    PAGEBLOCK_CLAIMED(Group.APPLIED, "pageblocks claimed by a fallback (mm_page_alloc_extfrag)"),
    FAILED_ALLOC(Group.NOT_MODELLED, "allocations the traced kernel failed (NULL)"),
    NULL_FREE(Group.NOT_MODELLED, "frees of NULL"),
    LARGE_KMALLOC(Group.NOT_MODELLED, "large kmalloc and its kfree (its pages come as mm_page_alloc)"),
    PCP_MOVE(Group.NOT_MODELLED, "per-CPU list events the model could not follow (why: below)"),
    ZONE_LOCKED_ALLOC(Group.NOT_MODELLED, "mm_page_alloc_zone_locked outside a refill (its mm_page_alloc takes the block)"),
    FREE_PAIRED(Group.NOT_MODELLED, "second events of one free (mm_page_free_batched and mm_page_free of the same page)"),
    EXTFRAG_NOTED(Group.NOT_MODELLED, "fallbacks that kept their pageblock's type (mm_page_alloc_extfrag)"),
    PCP_OFF(Group.OFF_THE_LISTS, "this machine boots with pcp=off"),
    PCP_UNTRACED(Group.OFF_THE_LISTS, "the trace has no mm_page_pcpu_drain line, so it does not follow the lists"),
    PCP_NO_CPU(Group.OFF_THE_LISTS, "the line has no [CPU] column"),
    PCP_CPU_ABSENT(Group.OFF_THE_LISTS, "the traced CPU is not one of this machine's"),
    PCP_NOT_ON_LIST(Group.OFF_THE_LISTS, "the page was not on that list in the model (it was put there before the trace began)"),
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

    /**
     * The summary's paragraphs. OFF_THE_LISTS says why page events of a per-CPU order went to the buddy lists instead
     * of a per-CPU list; those events are counted in another group too, so it adds nothing to the totals.
     */
    public enum Group { APPLIED, NOT_MODELLED, OFF_THE_LISTS, SKIPPED, PROBLEM }

    private final Group group;
    private final String label;

    ReplayCount(Group group, String label) {
        this.group = group;
        this.label = label;
    }

    public Group group() { return group; }

    public String label() { return label; }
}
