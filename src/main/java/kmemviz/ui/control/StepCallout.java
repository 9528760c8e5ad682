package kmemviz.ui.control;

import kmemviz.core.kernel.MmEvent;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Owner;
import kmemviz.ui.view.ShownMemory;

/**
 * What the call-out over the map says while the animation plays one buddy event, in words a student in the back row
 * can follow: the split of expand(), the merge steps of __free_one_page(), and where merging stops. It reads the
 * shown copy after the event was applied, so a QUEUED block's buddy is as the animation has it at that moment.
 */
final class StepCallout {
    private StepCallout() {}

    /** The call-out for {@code e}, or null for events that are not buddy steps (mappings, slab objects, reports). */
    static String of(MmEvent e, ShownMemory shown) {
        int o = e.order();
        return switch (e.kind()) {
            case SPLIT -> String.format("order-%d block → two order-%d buddies; the upper half (pfn 0x%x) goes to the order-%d free list",
                    o + 1, o, e.pfn(), o);
            case MERGED -> String.format("order-%d buddies 0x%x and 0x%x are both free → one order-%d block",
                    o - 1, e.pfn(), e.pfn() + (1 << (o - 1)), o);
            case TAKEN -> String.format("the order-%d block at 0x%x leaves the order-%d free list", o, e.pfn(), o);
            case ALLOCATED -> e.nrPages() > 1 << o ? null : String.format("order-%d block at 0x%x handed out", o, e.pfn());
            case FREED -> e.nrPages() > 1 << o ? null
                    : String.format("order-%d block at 0x%x freed: is its buddy 0x%x free too?", o, e.pfn(), buddy(e.pfn(), o));
            case QUEUED -> queued(e.pfn(), o, shown);
            default -> null;
        };
    }

    /** A freed block comes to rest: the reason merging stopped, read from the buddy's frames. */
    private static String queued(int pfn, int order, ShownMemory shown) {
        String joins = String.format("order-%d block at 0x%x joins the order-%d free list", order, pfn, order);
        if (order >= BuddyAllocator.MAX_PAGE_ORDER) return joins + " (the largest order: nothing to merge with)";
        int b = buddy(pfn, order);
        if (b >= shown.nrFrames()) return joins;
        if (shown.owners()[b] != Owner.FREE.code())
            return joins + String.format("; its buddy 0x%x is busy (%s): merging stops", b, Owner.values()[shown.owners()[b]].label());
        return joins + String.format("; its buddy 0x%x is split into smaller blocks, part in use: merging stops", b);
    }

    /** __find_buddy_pfn() in mm/internal.h: buddies differ only in bit {@code order} of the pfn. */
    private static int buddy(int pfn, int order) { return pfn ^ (1 << order); }
}
