package kmemviz.core.mm;

/** The call that made an allocation, which decides how it is freed. */
public enum Api {
    ALLOC_PAGES("alloc_pages", "__free_pages"),
    GET_FREE_PAGES("__get_free_pages", "free_pages"),
    USER_PROCESS("process", "exit"),
    PAGE_CACHE("file", "drop"),
    KMALLOC("kmalloc", "kfree"),
    KMALLOC_LARGE("kmalloc", "kfree"),
    SLAB("allocate_slab", "discard_slab"),
    KMEM_CACHE_ALLOC("kmem_cache_alloc", "kmem_cache_free"),
    VMALLOC("vmalloc", "vfree"),
    PAGE_TABLE("pte_alloc_kernel", "(never freed)"),
    TASK_STACK("create_task", "exit_task");

    private final String function;
    private final String freeFunction;

    Api(String function, String freeFunction) {
        this.function = function;
        this.freeFunction = freeFunction;
    }

    public String function() { return function; }

    public String freeFunction() { return freeFunction; }
}
