package kmemviz.core.report;

import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.Zone;

/**
 * /proc/zoneinfo in the 6.12 layout of zoneinfo_show_print() (mm/vmstat.c), for the fields the model has:
 * every configured zone, the short form for an empty one, and the counters the model does not keep left out
 * (the real file has per-node stats, vm stats and pagesets there).
 */
public final class ZoneinfoReport {
    private ZoneinfoReport() {}

    public static String render(PhysicalMemory mem) {
        StringBuilder out = new StringBuilder();
        for (Zone z : mem.zones()) {
            out.append(String.format("Node %d, zone %8s", 0, z.name()));
            out.append("\n  pages free     ").append(z.freePages());
            out.append("\n        boost    0");
            out.append("\n        min      ").append(z.watermark(Watermark.MIN));
            out.append("\n        low      ").append(z.watermark(Watermark.LOW));
            out.append("\n        high     ").append(z.watermark(Watermark.HIGH));
            out.append("\n        promo    ").append(z.watermark(Watermark.PROMO));
            out.append("\n        spanned  ").append(z.spannedPages());
            out.append("\n        present  ").append(z.presentPages());
            out.append("\n        managed  ").append(z.managedPages());
            out.append("\n        cma      0");
            out.append("\n        protection: (");
            long[] reserve = z.lowmemReserves();
            for (int i = 0; i < reserve.length; i++) out.append(i == 0 ? "" : ", ").append(reserve[i]);
            out.append(")");
            if (z.isPopulated()) {
                out.append(String.format("\n      %-12s %d", "nr_free_pages", z.freePages()));
                out.append("\n  node_unreclaimable:  0");
                out.append("\n  start_pfn:           ").append(z.startPfn());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
