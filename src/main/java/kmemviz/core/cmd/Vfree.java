package kmemviz.core.cmd;

/** {@code vfree(v)} or {@code kvfree(p)} (which is vfree for a vmalloc address and kfree otherwise). */
public record Vfree(Target target, boolean kv) implements VmCommand {
    public String text() { return (kv ? "kvfree(" : "vfree(") + target.text() + ")"; }

    public <R> R accept(VmCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
