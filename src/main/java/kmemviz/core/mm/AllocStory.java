package kmemviz.core.mm;

import java.util.List;

/**
 * The decisions the page allocator made for one request, in the order it made them ({@link ExplainStep}).
 *
 * @param allocId the allocation the request served (0 for a bare request such as a slab's pages)
 * @param pfn     the block's head pfn, or NO_PFN when the request failed
 */
public record AllocStory(int allocId, int gfp, int order, List<ExplainStep> steps, int pfn) {
    public AllocStory {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) throw new IllegalArgumentException("allocation " + allocId + ": a story has at least one step");
    }

    public boolean failed() { return pfn == FrameTable.NO_PFN; }
}
