package kmemviz.core.cmd;

/** {@code kmem_cache_free(c, p)}. */
public record KmemCacheFree(String cache, Target target) implements SlabCommand {
    public String text() { return "kmem_cache_free(" + cache + ", " + target.text() + ")"; }

    public <R> R accept(SlabCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
