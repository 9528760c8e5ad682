package kmemviz.core.report;

import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Zone;

/**
 * /proc/pagetypeinfo, byte for byte as pagetypeinfo_show() in mm/vmstat.c of 6.12.118 prints it for one node:
 * the pageblock order and size, the free blocks of each populated zone per migrate type and order
 * (pagetypeinfo_showfree_print(), which caps a list's count at 100,000 and prints it as {@code >100000}), and the
 * pageblocks per type (pagetypeinfo_showblockcount_print(), one pageblock every pageblock_nr_pages from the zone's
 * start). Debian's kernel is built without CONFIG_PAGE_OWNER, so there is no "mixed blocks" table. Pages on
 * per-CPU lists are not on the free lists, so they are not counted.
 */
public final class PagetypeinfoReport {
    private static final long FREE_COUNT_CAP = 100_000;

    private PagetypeinfoReport() {}

    public static String render(PhysicalMemory mem) {
        BuddyAllocator buddy = mem.buddy();
        StringBuilder out = new StringBuilder();
        out.append("Page block order: ").append(buddy.pageblockOrder()).append('\n');
        out.append("Pages per block:  ").append(1 << buddy.pageblockOrder()).append("\n\n");
        out.append(String.format("%-43s ", "Free pages count per migrate type at order"));
        for (int order = 0; order < BuddyAllocator.NR_PAGE_ORDERS; order++) out.append(String.format("%6d ", order));
        out.append('\n');
        for (Zone z : mem.zones()) {
            if (!z.isPopulated()) continue;
            for (MigrateType t : MigrateType.values()) {
                out.append(String.format("Node %4d, zone %8s, type %12s ", 0, z.name(), t.kernelName()));
                for (int order = 0; order < BuddyAllocator.NR_PAGE_ORDERS; order++) {
                    long n = buddy.nrFree(z, order, t);
                    out.append(n >= FREE_COUNT_CAP ? String.format(">%6d ", FREE_COUNT_CAP) : String.format("%6d ", n));
                }
                out.append('\n');
            }
        }
        out.append(String.format("\n%-23s", "Number of blocks type "));
        for (MigrateType t : MigrateType.values()) out.append(String.format("%12s ", t.kernelName()));
        out.append('\n');
        for (Zone z : mem.zones()) {
            if (!z.isPopulated()) continue;
            out.append(String.format("Node %d, zone %8s ", 0, z.name()));
            for (int count : buddy.pageblockCounts(z)) out.append(String.format("%12d ", count));
            out.append('\n');
        }
        return out.toString();
    }
}
