package kmemviz.core.cmd;

/** {@code kmem_cache_destroy(c)}. */
public record KmemCacheDestroy(String cache) implements SlabCommand {
    public String text() { return "kmem_cache_destroy(" + cache + ")"; }

    public <R> R accept(SlabCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
