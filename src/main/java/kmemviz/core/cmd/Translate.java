package kmemviz.core.cmd;

/** {@code translate(p)} or {@code translate(0xffff888000100000)}: the page walk for a virtual address. */
public record Translate(Target target) implements VmCommand {
    public String text() { return "translate(" + target.text() + ")"; }

    public boolean changesState() { return false; }

    public boolean printsResult() { return true; }

    public <R> R accept(VmCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
