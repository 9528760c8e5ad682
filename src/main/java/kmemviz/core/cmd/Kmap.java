package kmemviz.core.cmd;

/** {@code v = kmap(p)}: an address for a page from alloc_pages, temporary for a HighMem page. */
public record Kmap(String variable, String page) implements VmCommand {
    public String text() { return Texts.assign(variable, "kmap(" + page + ")", ""); }

    public <R> R accept(VmCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
