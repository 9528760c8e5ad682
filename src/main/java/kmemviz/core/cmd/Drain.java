package kmemviz.core.cmd;

/** {@code drain}: drain_all_pages(NULL), every CPU's per-CPU lists back to the buddy lists. */
public record Drain() implements Command {
    public String text() { return "drain"; }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
