package kmemviz.ui.control;

import java.util.List;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Command;

/**
 * One entry of the toolbar's API chooser: the function's name, which inputs it takes, and how to build its
 * command. The chooser is just a list of these, so kmalloc, kzalloc, kcalloc or vmalloc are one entry each
 * when the core has their commands.
 */
public record ApiChoice(String function, Input input, String help, Builder builder) {
    /** What the toolbar's inputs mean for this call. */
    public enum Input {
        /** An order 0..10 (or a size rounded up to one): alloc_pages, __get_free_pages. */
        ORDER,
        /** Always one page: get_zeroed_page. */
        SINGLE_PAGE,
        /** A size in bytes: the kmalloc family, vmalloc. */
        BYTES,
        /** A count and a size in bytes: kcalloc, kmalloc_array. */
        COUNT_AND_BYTES,
        /** A new size for the selected allocation: krealloc. */
        RESIZE,
        /** A kmem_cache named by a script variable: kmem_cache_alloc. */
        CACHE,
        /** A name: create_task. */
        NAME;

        public boolean takesBytes() { return this == BYTES || this == COUNT_AND_BYTES || this == RESIZE; }
    }

    /** What the toolbar read; fields an input does not use are 0 or null. */
    public record Request(String variable, int gfp, int order, long sizeBytes, long count, String selectedVariable,
                          String cacheVariable, String name) {}

    @FunctionalInterface
    public interface Builder {
        Command create(Request r);
    }

    /** Builds the command; {@code order} is meaningful for ORDER, {@code sizeBytes} for BYTES. */
    @FunctionalInterface
    public interface Factory {
        Command create(String variable, int gfp, int order, long sizeBytes);
    }

    /** An entry that needs only the variable, the mask, the order and the size. */
    public ApiChoice(String function, Input input, String help, Factory factory) {
        this(function, input, help, r -> factory.create(r.variable(), r.gfp(), r.order(), r.sizeBytes()));
    }

    @Override public String toString() { return function; }

    /** The page allocator's calls, as the core offers them today. */
    public static final List<ApiChoice> PAGE_CALLS = List.of(
            new ApiChoice("alloc_pages", Input.ORDER, "struct page *alloc_pages(gfp_t gfp, unsigned int order): 2^order contiguous frames",
                    (v, gfp, order, size) -> new AllocPages(v, AllocPages.Flavor.ALLOC_PAGES, gfp, order, "")),
            new ApiChoice("__get_free_pages", Input.ORDER, "unsigned long __get_free_pages(gfp_t gfp, unsigned int order): the same block, as a kernel virtual address",
                    (v, gfp, order, size) -> new AllocPages(v, AllocPages.Flavor.GET_FREE_PAGES, gfp, order, "")),
            new ApiChoice("get_zeroed_page", Input.SINGLE_PAGE, "unsigned long get_zeroed_page(gfp_t gfp): one page filled with zeroes (adds __GFP_ZERO)",
                    (v, gfp, order, size) -> new AllocPages(v, AllocPages.Flavor.GET_ZEROED_PAGE, gfp, 0, "")));
}
