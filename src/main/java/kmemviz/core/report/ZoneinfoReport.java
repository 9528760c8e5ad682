package kmemviz.core.report;

import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.Zone;

/**
 * /proc/zoneinfo in the 6.12 layout of zoneinfo_show_print() (mm/vmstat.c), for the fields the model has:
 * every configured zone, the short form for an empty one, and the counters the model does not keep left out
 * (the real file has per-node stats and vm stats there). With per-CPU lists, each populated zone's
 * {@code pagesets}: count, high and batch per CPU, and the vm stats threshold that
 * calculate_normal_threshold() gives (all CPUs online; the model has no memory pressure thresholds).
 */
public final class ZoneinfoReport {
    private ZoneinfoReport() {}

    public static String render(PhysicalMemory mem) {
        StringBuilder out = new StringBuilder();
        for (Zone z : mem.zones()) {
            out.append(String.format("Node %d, zone %8s", 0, z.name()));
            out.append("\n  pages free     ").append(z.freePages());
            out.append("\n        boost    ").append(z.watermarkBoost());
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
                if (z.hasPcp()) pagesets(out, z, mem.profile().nrCpus());
                out.append("\n  node_unreclaimable:  0");
                out.append("\n  start_pfn:           ").append(z.startPfn());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void pagesets(StringBuilder out, Zone z, int nrCpus) {
        out.append("\n  pagesets");
        int threshold = statThreshold(z.managedPages(), nrCpus);
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            out.append("\n    cpu: ").append(cpu);
            out.append("\n              count: ").append(z.pcpCount(cpu));
            out.append("\n              high:  ").append(z.pcpHigh(cpu));
            out.append("\n              batch: ").append(z.pcpBatch());
            out.append("\n  vm stats threshold: ").append(threshold);
        }
    }

    /** calculate_normal_threshold() of mm/vmstat.c: 2 * fls(cpus) * (1 + fls(managed in 128 MiB units)), at most 125. */
    static int statThreshold(long managedPages, int nrCpus) {
        long mem = managedPages >> (27 - 12);
        int threshold = 2 * fls(nrCpus) * (1 + fls(mem));
        return Math.min(125, threshold);
    }

    private static int fls(long x) { return 64 - Long.numberOfLeadingZeros(x); }
}
