package kmemviz.core.cmd;

/** {@code kunmap(p)}: the page's kmap() is over. */
public record Kunmap(String page) implements VmCommand {
    public String text() { return "kunmap(" + page + ")"; }
}
