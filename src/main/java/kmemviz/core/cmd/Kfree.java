package kmemviz.core.cmd;

/** {@code kfree(p)}; {@code kfree(NULL)} does nothing, as in the kernel. */
public record Kfree(Target target) implements SlabCommand {
    public String text() { return "kfree(" + target.text() + ")"; }

    public <R> R accept(SlabCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
