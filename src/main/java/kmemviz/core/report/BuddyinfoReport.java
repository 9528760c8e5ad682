package kmemviz.core.report;

import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Zone;

/**
 * /proc/buddyinfo, byte for byte as frag_show_print() in mm/vmstat.c prints it: populated zones only,
 * {@code "Node %d, zone %8s "} then {@code "%6lu "} per order, then a newline (so each line ends in a space).
 */
public final class BuddyinfoReport {
    private BuddyinfoReport() {}

    public static String render(PhysicalMemory mem) {
        StringBuilder out = new StringBuilder();
        for (Zone z : mem.zones()) if (z.isPopulated()) out.append(line(z)).append('\n');
        return out.toString();
    }

    public static String line(Zone z) {
        StringBuilder out = new StringBuilder(String.format("Node %d, zone %8s ", 0, z.name()));
        for (int order = 0; order < BuddyAllocator.NR_PAGE_ORDERS; order++) out.append(String.format("%6d ", z.nrFree(order)));
        return out.toString();
    }
}
