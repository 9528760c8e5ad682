package kmemviz.app.cli;

import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Pointer;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Profile;

/**
 * What {@code run --explain VAR} names: the allocation a script variable holds (for a slab object, the slab pages it
 * lives in), or {@code last-failure}. Each way it can name nothing is an error that says why.
 */
public final class ExplainTarget {
    static final String LAST_FAILURE = "last-failure";

    private ExplainTarget() {}

    /** The story for {@code target} after the script ran, or an IllegalArgumentException naming what is missing. */
    public static AllocStory story(Kernel kernel, AllocStories stories, String target, String script) {
        if (target.equals(LAST_FAILURE)) {
            if (stories.lastFailure() == null) throw new IllegalArgumentException("--explain last-failure: no allocation failed in " + script);
            return stories.lastFailure();
        }
        Pointer p = kernel.variables().get(target);
        if (p == null) {
            throw new IllegalArgumentException("--explain " + target + ": " + script + " has no variable " + target
                    + (kernel.variables().isEmpty() ? " (it names none)" : " (its variables: " + String.join(", ", kernel.variables().keySet()) + ")")
                    + "; or use --explain last-failure");
        }
        if (p.isNull()) throw new IllegalArgumentException("--explain " + target + ": " + target
                + " is NULL, its allocation failed: --explain last-failure tells the last failure");
        if (p.kind() == Pointer.Kind.CACHE) throw new IllegalArgumentException("--explain " + target + ": " + target
                + " is a kmem_cache, not an allocation");
        int allocId = p.allocId();
        Allocation a = kernel.memory().allocations().get(allocId);
        if (a != null && a.isObject()) allocId = kernel.memory().frames().allocId((int) (a.objectAddress() >>> Profile.PAGE_SHIFT));
        AllocStory story = stories.story(allocId);
        if (story == null) throw new IllegalArgumentException("--explain " + target + ": the page allocator made no allocation for "
                + target + (a == null ? "" : " (" + a.call() + ")") + " that it still remembers (it keeps the last "
                + AllocStories.CAPACITY + ")");
        return story;
    }
}
