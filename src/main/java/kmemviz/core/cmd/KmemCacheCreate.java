package kmemviz.core.cmd;

/** {@code c = kmem_cache_create("task_struct", 7296)}: a named cache of objects of one size. */
public record KmemCacheCreate(String variable, String name, int size) implements SlabCommand {
    public String text() { return Texts.assign(variable, "kmem_cache_create(" + Texts.quote(name) + ", " + size + ")", ""); }

    public <R> R accept(SlabCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
