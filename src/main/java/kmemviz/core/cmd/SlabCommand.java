package kmemviz.core.cmd;

/** The slab-level calls of the kernel API: the kmalloc family and kmem caches. */
public sealed interface SlabCommand extends Command
        permits Kmalloc, Krealloc, Kfree, KmemCacheCreate, KmemCacheAlloc, KmemCacheFree, KmemCacheDestroy {

    @Override
    default <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }

    /** Calls the method of {@code visitor} for this command's type. */
    <R> R accept(Visitor<R> visitor);

    /** One method per type that {@link SlabCommand} permits. */
    interface Visitor<R> {
        R visit(Kmalloc c);

        R visit(Krealloc c);

        R visit(Kfree c);

        R visit(KmemCacheCreate c);

        R visit(KmemCacheAlloc c);

        R visit(KmemCacheFree c);

        R visit(KmemCacheDestroy c);
    }
}
