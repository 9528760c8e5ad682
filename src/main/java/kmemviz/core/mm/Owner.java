package kmemviz.core.mm;

/**
 * Who a page frame belongs to, as the physical map colours it. A nibble per block head (and per frame in no block)
 * in {@link FrameTable}.
 * The kernel keeps this knowledge spread over page flags, page types and the mapping pointer;
 * the model keeps one label per block, which a viewer reads for each of its frames.
 */
public enum Owner {
    FREE("free"),
    HOLE("hole (no RAM)"),
    RESERVED("reserved"),
    PAGE_CACHE("page cache"),
    USER("user process"),
    SLAB("slab"),
    KMALLOC_LARGE("kmalloc (large)"),
    PAGES("alloc_pages"),
    VMALLOC("vmalloc"),
    PAGE_TABLE("page table"),
    TASK_STACK("task stack"),
    /**
     * Memory of a machine imported from /proc that was neither free nor on a per-CPU list there: the captured files
     * say that it was in use, not by whom, so it has no allocation record and cannot be freed.
     */
    IMPORTED("in use (imported)");

    private static final Owner[] VALUES = values();
    private final String label;

    Owner(String label) { this.label = label; }

    public String label() { return label; }

    public byte code() { return (byte) ordinal(); }

    public static Owner of(byte code) { return VALUES[code]; }
}
