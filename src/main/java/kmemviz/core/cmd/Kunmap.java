package kmemviz.core.cmd;

/** {@code kunmap(p)}: the page's kmap() is over. */
public record Kunmap(String page) implements VmCommand {
    public String text() { return "kunmap(" + page + ")"; }

    public <R> R accept(VmCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
