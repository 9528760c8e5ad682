package kmemviz.core.report;

import java.util.Locale;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Fragmentation;
import kmemviz.core.mm.Fragmentation.ContigPageInfo;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Zone;

/**
 * debugfs's extfrag/unusable_index and extfrag/extfrag_index, byte for byte as unusable_show_print() and
 * extfrag_show_print() in mm/vmstat.c print them: populated zones only (walk_zones_in_node() with
 * assert_populated), {@code "Node %d, zone %8s "}, then one index per order in thousandths as
 * {@code "%d.%03d "} (unusable) or {@code "%2d.%03d "} (extfrag), then a newline. C's division truncates toward
 * zero as Java's does, so -1000 prints "-1.000" and -500 prints " 0.-500", as the kernel's seq_printf does.
 */
public final class ExtfragReport {
    private ExtfragReport() {}

    /** One of the two indices of an order: unusable_free_index() or __fragmentation_index(). */
    private interface Index {
        int of(int order, ContigPageInfo info);
    }

    private static final String UNUSABLE_FORMAT = "%d.%03d", EXTFRAG_FORMAT = "%2d.%03d";

    /** extfrag/unusable_index (unusable_show()). */
    public static String unusableIndex(PhysicalMemory mem) {
        return render(mem, UNUSABLE_FORMAT, Fragmentation::unusableFreeIndex);
    }

    /** extfrag/extfrag_index (extfrag_show()). */
    public static String extfragIndex(PhysicalMemory mem) {
        return render(mem, EXTFRAG_FORMAT, Fragmentation::fragmentationIndex);
    }

    /** One unusable free space index as unusable_show_print() prints it ("0.034"), without the trailing space. */
    public static String formatUnusable(int thousandths) { return format(UNUSABLE_FORMAT, thousandths); }

    /** One fragmentation index as extfrag_show_print() prints it ("-1.000", " 0.-500"), without the trailing space. */
    public static String formatExtfrag(int thousandths) { return format(EXTFRAG_FORMAT, thousandths); }

    private static String format(String format, int thousandths) {
        return String.format(Locale.ROOT, format, thousandths / 1000, thousandths % 1000);
    }

    private static String render(PhysicalMemory mem, String format, Index index) {
        StringBuilder out = new StringBuilder();
        for (Zone z : mem.zones()) {
            if (!z.isPopulated()) continue;
            out.append(String.format(Locale.ROOT, "Node %d, zone %8s ", 0, z.name()));
            for (int order = 0; order < BuddyAllocator.NR_PAGE_ORDERS; order++) {
                int thousandths = index.of(order, Fragmentation.fillContigPageInfo(z, order));
                out.append(format(format, thousandths)).append(' ');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
