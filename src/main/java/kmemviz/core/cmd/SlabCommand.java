package kmemviz.core.cmd;

/** The slab-level calls of the kernel API: the kmalloc family and kmem caches. */
public sealed interface SlabCommand extends Command
        permits Kmalloc, Krealloc, Kfree, KmemCacheCreate, KmemCacheAlloc, KmemCacheFree, KmemCacheDestroy {}
