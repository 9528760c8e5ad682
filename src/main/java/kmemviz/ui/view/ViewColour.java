package kmemviz.ui.view;

import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.ZoneType;

/**
 * Every colour a view paints with, by name: each is the CSS property {@link #cssProperty()} ({@code -kmv-free} for
 * FREE) that kmemviz.css sets on the view's style class, so one name means the same thing in every view that reads
 * it (LABEL is the text colour of the frame map, the mappings, the TLBs and the slabs alike). The owner colours
 * are named after {@link Owner} and the zone tints after {@link ZoneType}, so a painter finds them by enum.
 */
public enum ViewColour {
    // one per Owner, same names
    FREE, HOLE, RESERVED, PAGE_CACHE, USER, SLAB, KMALLOC_LARGE, PAGES, VMALLOC, PAGE_TABLE, TASK_STACK, IMPORTED,
    // one per ZoneType, ZONE_ + its name
    ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, ZONE_HIGHMEM, ZONE_MOVABLE, ZONE_DEVICE,
    // one per MigrateType, same names: the pageblock strip, and the frame map coloured by migrate type
    UNMOVABLE, MOVABLE, RECLAIMABLE, HIGHATOMIC, ISOLATE,
    // shared by several views
    BACKGROUND, LABEL, MUTED, SELECTION, FLASH, EMPTY, PAGE_2M, PAGE_1G,
    // the frame map (PCP: a free frame on a per-CPU list; MOVED: pages compaction moved)
    FREE_OUTLINE, HOVER, FAILURE, PCP, MOVED,
    // the mappings
    STRIP, GAP, GUARD, PAGE_4K, RIBBON, HIGHLIGHT, WALK,
    // the TLBs
    TOUCHED, OTHER,
    // the slabs
    HEADER, ZERO_MARK, FULL, PARTIAL;

    private static final ViewColour[] BY_OWNER = new ViewColour[Owner.values().length];
    private static final ViewColour[] BY_ZONE = new ViewColour[ZoneType.values().length];
    private static final ViewColour[] BY_MIGRATETYPE = new ViewColour[MigrateType.COUNT];

    static {
        for (Owner o : Owner.values()) BY_OWNER[o.ordinal()] = valueOf(o.name());
        for (ZoneType z : ZoneType.values()) BY_ZONE[z.ordinal()] = valueOf("ZONE_" + z.name());
        for (MigrateType t : MigrateType.values()) BY_MIGRATETYPE[t.ordinal()] = valueOf(t.name());
    }

    private final String css = "-kmv-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

    /** {@code -kmv-page-cache} for PAGE_CACHE. */
    public String cssProperty() { return css; }

    /** The colour of frames this owner holds. */
    public static ViewColour of(Owner o) { return BY_OWNER[o.ordinal()]; }

    /** The tint of this zone's band in the frame map. */
    public static ViewColour of(ZoneType z) { return BY_ZONE[z.ordinal()]; }

    /** The colour of pageblocks (and, coloured by migrate type, frames) of this migrate type. */
    public static ViewColour of(MigrateType t) { return BY_MIGRATETYPE[t.ordinal()]; }
}
