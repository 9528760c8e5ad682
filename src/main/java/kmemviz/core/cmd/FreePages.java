package kmemviz.core.cmd;

/**
 * {@code __free_pages(p, order)} (a page from alloc_pages) or {@code free_pages(a, order)} (an address).
 * The target is a variable, or for free_pages a literal address.
 */
public record FreePages(Target target, int order, boolean byAddress) implements Command {
    public String text() {
        return (byAddress ? "free_pages(" : "__free_pages(") + target.text() + ", " + order + ")";
    }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
