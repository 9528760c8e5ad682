package kmemviz.core.cmd;

import kmemviz.core.mm.Gfp;

/**
 * {@code p = alloc_pages(gfp, order)}, {@code a = __get_free_pages(gfp, order)} or
 * {@code a = get_zeroed_page(gfp)}.
 *
 * @param variable the name the result is bound to, or null
 * @param caller   the label after {@code #}, naming the calling function, or ""
 */
public record AllocPages(String variable, Flavor flavor, int gfp, int order, String caller) implements Command {
    public enum Flavor { ALLOC_PAGES, GET_FREE_PAGES, GET_ZEROED_PAGE }

    public AllocPages {
        if (order < 0) throw new IllegalArgumentException("order must not be negative, was " + order);
        caller = caller == null ? "" : caller;
    }

    public String text() {
        String call = switch (flavor) {
            case ALLOC_PAGES -> "alloc_pages(" + Gfp.format(gfp) + ", " + order + ")";
            case GET_FREE_PAGES -> "__get_free_pages(" + Gfp.format(gfp) + ", " + order + ")";
            case GET_ZEROED_PAGE -> "get_zeroed_page(" + Gfp.format(gfp) + ")";
        };
        return Texts.assign(variable, call, caller);
    }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
