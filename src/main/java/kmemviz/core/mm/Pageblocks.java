package kmemviz.core.mm;

/**
 * The migrate type of every pageblock (the kernel's pageblock_flags bitmap, one byte per pageblock here), indexed
 * by {@code pfn >> pageblockOrder} from pfn 0 as the kernel's bitmap is aligned, and whether grouping by mobility
 * is disabled. Boot (memmap_init_range()) marks every pageblock Movable before build_all_zonelists() decides about
 * grouping; set_pageblock_migratetype() then turns the three ordinary types into Unmovable if it is off.
 */
final class Pageblocks {
    static final int UNMOVABLE = MigrateType.UNMOVABLE.ordinal(), MOVABLE = MigrateType.MOVABLE.ordinal(),
            RECLAIMABLE = MigrateType.RECLAIMABLE.ordinal(), HIGHATOMIC = MigrateType.HIGHATOMIC.ordinal(),
            ISOLATE = MigrateType.ISOLATE.ordinal();

    final int order;
    private final byte[] type;
    // PB_migrate_skip, the compaction hint that shares pageblock_flags with the type: scanning this block found
    // nothing to isolate, so the scanners pass it until __reset_isolation_suitable() clears it.
    private final boolean[] skip;
    private boolean mobilityDisabled;

    Pageblocks(int nrFrames, int order) {
        this.order = order;
        type = new byte[(nrFrames >>> order) + 1];
        skip = new boolean[type.length];
        java.util.Arrays.fill(type, (byte) MOVABLE);
    }

    /** A copy for a checkpoint. */
    Pageblocks(Pageblocks o) {
        order = o.order;
        type = o.type.clone();
        skip = o.skip.clone();
        mobilityDisabled = o.mobilityDisabled;
    }

    /** get_pageblock_skip(). */
    boolean skip(int pfn) { return skip[pfn >>> order]; }

    /** set_pageblock_skip() and clear_pageblock_skip(). */
    void setSkip(int pfn, boolean on) { skip[pfn >>> order] = on; }

    int nrPages() { return 1 << order; }

    /** get_pfnblock_migratetype(). */
    int type(int pfn) { return type[pfn >>> order]; }

    /** set_pageblock_migratetype() for the pageblock holding pfn. */
    void set(int pfn, int migratetype) {
        type[pfn >>> order] = (byte) (mobilityDisabled && migratetype < MigrateType.PCPTYPES ? UNMOVABLE : migratetype);
    }

    /** page_group_by_mobility_disabled. */
    boolean mobilityDisabled() { return mobilityDisabled; }

    /**
     * build_all_zonelists(): grouping by mobility is off when nr_free_zone_pages() is below
     * pageblock_nr_pages * MIGRATE_TYPES. At that point of boot no watermark is set and each zone's managed pages
     * still equal its present pages (free_area_init_core() calls zone_init_internals() with present_pages), so the
     * sum is the present pages of the zones GFP_HIGHUSER_MOVABLE may use, which on every model machine is all.
     */
    void decideGrouping(long presentPages) {
        mobilityDisabled = presentPages < (long) nrPages() * MigrateType.COUNT;
    }
}
