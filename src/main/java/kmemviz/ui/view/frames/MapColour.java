package kmemviz.ui.view.frames;

/**
 * The frame map's CSS colour properties, in one place: the first entries follow {@link kmemviz.core.mm.Owner}'s
 * order, then the zone tints follow {@link kmemviz.core.mm.ZoneType}'s. Values live in kmemviz.css.
 */
enum MapColour {
    FREE, HOLE, RESERVED, PAGE_CACHE, USER, SLAB, KMALLOC_LARGE, PAGES, VMALLOC, PAGE_TABLE, TASK_STACK,
    ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, ZONE_HIGHMEM, ZONE_MOVABLE, ZONE_DEVICE,
    BACKGROUND, FREE_OUTLINE, SELECTION, HOVER, LABEL, FLASH, FAILURE;

    static final int FIRST_ZONE = ZONE_DMA.ordinal();

    /** {@code -kmv-page-cache} for PAGE_CACHE. */
    String cssProperty() { return "-kmv-" + name().toLowerCase().replace('_', '-'); }
}
