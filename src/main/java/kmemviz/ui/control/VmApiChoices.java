package kmemviz.ui.control;

import java.util.List;
import kmemviz.core.cmd.Vmalloc;

/**
 * The vmalloc family as entries of the API chooser. vmalloc and vzalloc take no GFP argument (they are
 * GFP_KERNEL, vzalloc adding __GFP_ZERO): {@link #ignoresGfp} tells the toolbar to show the picker as unused.
 */
public final class VmApiChoices {
    private VmApiChoices() {}

    public static final List<ApiChoice> ALL = List.of(
            choice(Vmalloc.Flavor.VMALLOC, "void *vmalloc(unsigned long size): virtually contiguous pages from anywhere, one PTE each, plus a guard page (always GFP_KERNEL: the GFP picker is ignored)"),
            choice(Vmalloc.Flavor.VZALLOC, "void *vzalloc(unsigned long size): vmalloc() with the pages zeroed (GFP_KERNEL | __GFP_ZERO: the GFP picker is ignored)"),
            choice(Vmalloc.Flavor.KVMALLOC, "void *kvmalloc(size_t size, gfp_t flags): tries kmalloc() without retrying hard, falls back to vmalloc()"),
            choice(Vmalloc.Flavor.KVZALLOC, "void *kvzalloc(size_t size, gfp_t flags): kvmalloc() with __GFP_ZERO"));

    private static ApiChoice choice(Vmalloc.Flavor flavor, String help) {
        return new ApiChoice(flavor.function(), ApiChoice.Input.BYTES, help,
                (v, gfp, order, size) -> new Vmalloc(v, flavor, size, gfp, ""));
    }

    /** True for vmalloc and vzalloc, whose prototypes have no gfp_t argument. */
    public static boolean ignoresGfp(ApiChoice choice) {
        for (Vmalloc.Flavor f : Vmalloc.Flavor.values()) if (f.function().equals(choice.function())) return !f.takesGfp();
        return false;
    }
}
