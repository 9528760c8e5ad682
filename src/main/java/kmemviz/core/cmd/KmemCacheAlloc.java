package kmemviz.core.cmd;

import kmemviz.core.mm.Gfp;

/** {@code p = kmem_cache_alloc(c, gfp)}. */
public record KmemCacheAlloc(String variable, String cache, int gfp, String caller) implements SlabCommand {
    public KmemCacheAlloc { caller = caller == null ? "" : caller; }

    public String text() { return Texts.assign(variable, "kmem_cache_alloc(" + cache + ", " + Gfp.format(gfp) + ")", caller); }

    public <R> R accept(SlabCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
