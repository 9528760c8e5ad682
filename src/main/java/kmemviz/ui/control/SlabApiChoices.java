package kmemviz.ui.control;

import java.util.List;
import kmemviz.core.cmd.CreateTask;
import kmemviz.core.cmd.Kmalloc;
import kmemviz.core.cmd.KmemCacheAlloc;
import kmemviz.core.cmd.Krealloc;
import kmemviz.core.cmd.Target;
import kmemviz.ui.control.ApiChoice.Input;

/** The slab layer's calls and create_task, as API chooser entries; each only builds its command. */
public final class SlabApiChoices {
    private SlabApiChoices() {}

    public static final List<ApiChoice> ALL = List.of(
            new ApiChoice("kmalloc", Input.BYTES, "void *kmalloc(size_t size, gfp_t gfp): an object from the kmalloc-N cache that fits, "
                    + "or whole pages above 8 KiB", r -> kmalloc(r, Kmalloc.Flavor.KMALLOC)),
            new ApiChoice("kzalloc", Input.BYTES, "void *kzalloc(size_t size, gfp_t gfp): kmalloc with __GFP_ZERO, the object comes zeroed",
                    r -> kmalloc(r, Kmalloc.Flavor.KZALLOC)),
            new ApiChoice("kcalloc", Input.COUNT_AND_BYTES, "void *kcalloc(size_t n, size_t size, gfp_t gfp): a zeroed array; "
                    + "n * size overflowing gives NULL", r -> kmalloc(r, Kmalloc.Flavor.KCALLOC)),
            new ApiChoice("kmalloc_array", Input.COUNT_AND_BYTES, "void *kmalloc_array(size_t n, size_t size, gfp_t gfp): an array, "
                    + "not zeroed; n * size overflowing gives NULL", r -> kmalloc(r, Kmalloc.Flavor.KMALLOC_ARRAY)),
            new ApiChoice("krealloc", Input.RESIZE, "void *krealloc(const void *p, size_t new_size, gfp_t gfp) of the selected object: "
                    + "in place while its cache still fits, else allocate, copy, free",
                    r -> new Krealloc(r.variable(), Target.variable(r.selectedVariable()), r.sizeBytes(), r.gfp(), "")),
            new ApiChoice("kmem_cache_alloc", Input.CACHE, "void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp): one object "
                    + "of a named cache (make one with New cache…)", r -> new KmemCacheAlloc(r.variable(), r.cacheVariable(), r.gfp(), "")),
            new ApiChoice("create_task", Input.NAME, "create_task(name): a kernel task and its THREAD_SIZE stack (Free calls exit_task)",
                    r -> new CreateTask(r.variable(), r.name())));

    private static Kmalloc kmalloc(ApiChoice.Request r, Kmalloc.Flavor f) {
        return new Kmalloc(r.variable(), f, f.isArray() ? r.count() : 1, r.sizeBytes(), r.gfp(), "");
    }
}
