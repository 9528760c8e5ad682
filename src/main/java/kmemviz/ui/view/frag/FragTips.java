package kmemviz.ui.view.frag;

import kmemviz.core.mm.Fragmentation.ContigPageInfo;
import kmemviz.core.report.ExtfragReport;

/**
 * What the parts of the fragmentation panel mean, in the kernel's terms (mm/vmstat.c and compaction_suitable() in
 * mm/compaction.c of 6.12.118), with the figures behind the one under the pointer. No JavaFX.
 */
final class FragTips {
    private FragTips() {}

    static String of(FragPainter.Hit hit, FragPainter.Input in) {
        return switch (hit.part()) {
            case UNUSABLE -> unusable(in, hit.order());
            case EXTFRAG -> extfrag(in, hit.order());
            case THRESHOLD -> """
                    extfrag_threshold (500, /proc/sys/vm/extfrag_threshold): compaction_suitable() does not compact a
                    zone for an order above 3 when its index is between 0 and 0.500, because the allocation would fail
                    for lack of memory, which moving pages cannot cure (reclaim can).""";
            case MIGRATE_SCANNER -> "Migration scanner" + at(in.compaction().migratePfn())
                    + ": walks up from the zone's start, isolating movable pages (user memory, page cache) to move away.";
            case FREE_SCANNER -> "Free scanner" + at(in.compaction().freePfn())
                    + ": walks down from the zone's end, taking free pages for the moved pages to land in. "
                    + "When the two meet, the zone is compacted: used pages at the end, free memory together at the start.";
            case STRIP -> String.format("Zone %s, pfn 0x%x-0x%x: pale is free, dark is in use (%d frames sampled per column). "
                    + "Arches show the latest pages compaction moved, from their old place to their new one.",
                    in.zoneName(), in.startPfn(), in.endPfn() - 1, FragPainter.SAMPLES_PER_COLUMN);
            case NONE -> null;
        };
    }

    private static String at(int pfn) { return String.format(" at pfn 0x%x", pfn); }

    private static String unusable(FragPainter.Input in, int order) {
        ContigPageInfo info = in.info(order);
        int v = in.unusable(order);
        return String.format("""
                Unusable free space index, %s order %d: %s
                The share of free pages that sit in blocks smaller than 2^%d pages, so are no use to an order-%d
                allocation: 0 means every free page is in a large enough block, 1 that none is (or nothing is free).
                Here: %,d free pages, of which %,d are in blocks of order >= %d.
                (unusable_free_index() in mm/vmstat.c; debugfs extfrag/unusable_index)""",
                in.zoneName(), order, ExtfragReport.formatUnusable(v), order, order, info.freePages(),
                info.freeBlocksSuitable() << order, order);
    }

    private static String extfrag(FragPainter.Input in, int order) {
        ContigPageInfo info = in.info(order);
        int v = in.extfrag(order);
        String meaning = v == -1000 ? "-1.000: a free block of order >= " + order + " exists, so an allocation would succeed."
                : info.freeBlocksTotal() == 0 ? "Nothing is free: the index is 0 (a lack of memory)."
                : "No free block is large enough. Near 0 the failure is a lack of memory (reclaim helps); near 1 it is "
                        + "fragmentation: enough pages are free, in pieces too small (compaction helps).";
        return String.format("""
                External fragmentation index, %s order %d: %s
                %s
                compaction_suitable() compacts for an order above 3 only when the index is above 0.500
                (extfrag_threshold). Here: %,d free pages in %,d free blocks.
                (__fragmentation_index() in mm/vmstat.c; debugfs extfrag/extfrag_index)""",
                in.zoneName(), order, ExtfragReport.formatExtfrag(v).trim(), meaning, info.freePages(), info.freeBlocksTotal());
    }
}
