package kmemviz.core.report;

import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;

/**
 * /proc/vmstat as vmstat_show() in mm/vmstat.c of 6.12.118 prints it ({@code "%s %lu\n"}, the names of
 * vmstat_text[] in their order, mm/vmstat.c:1192-1469), but only the lines whose counters the model keeps exactly:
 * <ul>
 *   <li>{@code nr_free_pages}: the zones' free pages summed (global_zone_page_state()); pages on per-CPU lists and
 *       pages compaction holds isolated are not free there, as in the kernel.</li>
 *   <li>{@code pgalloc_<zone>}: one line per zone the configuration has (TEXTS_FOR_ZONES, mm/vmstat.c:1188-1190:
 *       dma, dma32 on x86_64, normal, high on i386, movable, device on x86_64).</li>
 *   <li>{@code pgfree}, boot's frees of memblock memory included (__free_pages_core() frees through
 *       free_one_page(), which counts it).</li>
 *   <li>{@code pgmigrate_success} and the nine {@code compact_*} counters (kcompactd's wakes are
 *       {@code compact_daemon_wake}).</li>
 * </ul>
 * Left out, because the model does not count them: the LRU, mlock, bounce, CMA and dirty counters, the NUMA events
 * (one node), the node counters (slab, page tables and stacks are kept as pages but not as these counters), the
 * dirty thresholds and memmap pages, pgpgin/pswpin (no I/O, no swap), allocstall_* and pgskip_*, pgactivate and
 * the other LRU events, pgfault, pgsteal_* and pgscan_* (reclaim frees page cache without vmscan's scan
 * accounting), kswapd_* and pageoutrun, oom_kill, pgmigrate_fail and thp_migration_* (a migration never fails in
 * the model and there are no THPs), hugetlb, unevictable, THP, swap, direct-map and the deprecated
 * {@code nr_unstable 0} that closes the file.
 */
public final class VmstatReport {
    private VmstatReport() {}

    public static String render(PhysicalMemory mem) {
        long free = 0, pgfree = 0;
        for (Zone z : mem.zones()) {
            free += z.freePages();
            pgfree += z.pgfree();
        }
        StringBuilder out = new StringBuilder();
        out.append("nr_free_pages ").append(free).append('\n');
        for (Zone z : mem.zones()) out.append("pgalloc_").append(suffix(z.type())).append(' ').append(z.pgalloc()).append('\n');
        out.append("pgfree ").append(pgfree).append('\n');
        out.append(mem.compaction().stats().vmstatLines());
        return out.toString();
    }

    /** The zone suffixes of TEXTS_FOR_ZONES(), which are not zone_names[]: HighMem is {@code _high}. */
    static String suffix(ZoneType type) {
        return switch (type) {
            case DMA -> "dma";
            case DMA32 -> "dma32";
            case NORMAL -> "normal";
            case HIGHMEM -> "high";
            case MOVABLE -> "movable";
            case DEVICE -> "device";
        };
    }
}
