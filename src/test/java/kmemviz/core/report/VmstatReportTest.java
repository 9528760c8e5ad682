package kmemviz.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import org.junit.jupiter.api.Test;

/** /proc/vmstat against vmstat_text[] and vmstat_show() of mm/vmstat.c (6.12.118), and its values against the model. */
class VmstatReportTest {
    /**
     * vmstat_text[] of mm/vmstat.c:1192-1359 in order, for Debian's x86_64 configuration (ZONE_DMA, ZONE_DMA32 and
     * ZONE_DEVICE, no HIGHMEM, NUMA, NUMA_BALANCING, MIGRATION, COMPACTION), cut after compact_daemon_free_scanned,
     * the last line the model prints; the zone counters of TEXTS_FOR_ZONES() (mm/vmstat.c:1188-1190) spelled out.
     */
    private static final List<String> KERNEL_ORDER = List.of(
            "nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon", "nr_zone_inactive_file", "nr_zone_active_file",
            "nr_zone_unevictable", "nr_zone_write_pending", "nr_mlock", "nr_bounce", "nr_zspages", "nr_free_cma", "nr_unaccepted",
            "numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local", "numa_other",
            "nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file", "nr_unevictable",
            "nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_isolated_anon", "nr_isolated_file",
            // ... the rest of enum node_stat_item and enum vm_stat_item (mm/vmstat.c:1231-1282), none printed ...
            "pgpgin", "pgpgout", "pswpin", "pswpout",
            "pgalloc_dma", "pgalloc_dma32", "pgalloc_normal", "pgalloc_movable", "pgalloc_device",
            "allocstall_dma", "allocstall_dma32", "allocstall_normal", "allocstall_movable", "allocstall_device",
            "pgskip_dma", "pgskip_dma32", "pgskip_normal", "pgskip_movable", "pgskip_device",
            "pgfree", "pgactivate", "pgdeactivate", "pglazyfree", "pgfault", "pgmajfault", "pglazyfreed",
            "pgrefill", "pgreuse", "pgsteal_kswapd", "pgsteal_direct", "pgsteal_khugepaged", "pgscan_kswapd", "pgscan_direct",
            "pgscan_khugepaged", "pgscan_direct_throttle", "pgscan_anon", "pgscan_file", "pgsteal_anon", "pgsteal_file",
            "zone_reclaim_success", "zone_reclaim_failed", "pginodesteal", "slabs_scanned", "kswapd_inodesteal",
            "kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly", "pageoutrun", "pgrotated",
            "drop_pagecache", "drop_slab", "oom_kill",
            "numa_pte_updates", "numa_huge_pte_updates", "numa_hint_faults", "numa_hint_faults_local", "numa_pages_migrated",
            "pgmigrate_success", "pgmigrate_fail", "thp_migration_success", "thp_migration_fail", "thp_migration_split",
            "compact_migrate_scanned", "compact_free_scanned", "compact_isolated", "compact_stall", "compact_fail",
            "compact_success", "compact_daemon_wake", "compact_daemon_migrate_scanned", "compact_daemon_free_scanned");

    /** A fragmented Normal zone: pairs of 16-page user processes, every other one exited (as CompactionScenariosTest). */
    private static String fragmented() {
        StringBuilder sb = new StringBuilder("machine custom 64MiB dma=1MiB pcp=off\n");
        for (int i = 0; i < 490; i++) sb.append("a").append(i).append(" = user_process(\"a").append(i).append("\", 64KiB)\n")
                .append("b").append(i).append(" = user_process(\"b").append(i).append("\", 64KiB)\n");
        for (int i = 0; i < 490; i++) sb.append("exit_process(a").append(i).append(")\n");
        return sb.toString();
    }

    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));

    private Outcome run(String script) {
        Outcome last = null;
        for (ScriptLine line : new ScriptParser("test.kmv").parse(script)) {
            last = kernel.execute(line.command());
            assertThat(last.status()).as(line.command().text() + ": " + last.message()).isNotEqualTo(Outcome.Status.ERROR);
        }
        return last;
    }

    /** Each line as vmstat_show() prints it, {@code name value}, in order. */
    private Map<String, Long> vmstat() {
        String text = VmstatReport.render(kernel.memory());
        assertThat(text).endsWith("\n").doesNotContain("\n\n");
        Map<String, Long> lines = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            assertThat(line).matches("[a-z0-9_]+ \\d+");
            String[] f = line.split(" ");
            assertThat(lines.put(f[0], Long.parseLong(f[1]))).as("%s printed twice", f[0]).isNull();
        }
        return lines;
    }

    @Test
    void linesFollowVmstatTextInTheKernelsOrder() {
        run("machine x86_64-16g");
        List<String> names = new ArrayList<>(vmstat().keySet());
        assertThat(names).containsExactly("nr_free_pages", "pgalloc_dma", "pgalloc_dma32", "pgalloc_normal", "pgalloc_movable",
                "pgalloc_device", "pgfree", "pgmigrate_success", "compact_migrate_scanned", "compact_free_scanned",
                "compact_isolated", "compact_stall", "compact_fail", "compact_success", "compact_daemon_wake",
                "compact_daemon_migrate_scanned", "compact_daemon_free_scanned");
        List<Integer> positions = names.stream().map(KERNEL_ORDER::indexOf).toList();
        assertThat(positions).doesNotContain(-1).isSorted();
    }

    @Test
    void i386NamesItsHighMemZoneAsTextForHighmemDoes() {
        run("machine i386-1g");
        // TEXT_FOR_HIGHMEM(xx) is xx "_high" (mm/vmstat.c:1177), not zone_names[]'s "HighMem"; no DMA32, no Device.
        assertThat(vmstat().keySet()).containsSubsequence("pgalloc_dma", "pgalloc_normal", "pgalloc_high", "pgalloc_movable", "pgfree")
                .doesNotContain("pgalloc_dma32", "pgalloc_device");
    }

    @Test
    void bootFreesEveryManagedPageAndAllocationsCountTheRequestNotTheRefill() {
        run("machine custom 64MiB dma=1MiB");
        long managed = kernel.memory().zones().stream().mapToLong(Zone::managedPages).sum();
        Map<String, Long> boot = vmstat();
        assertThat(boot.get("pgfree")).isEqualTo(managed).isPositive();
        assertThat(boot.get("nr_free_pages")).isEqualTo(managed);
        assertThat(boot.get("pgalloc_normal")).isZero();

        run("p = alloc_pages(GFP_KERNEL, 0)\nq = alloc_pages(GFP_KERNEL, 4)");
        Map<String, Long> after = vmstat();
        // The order-0 page comes from a per-CPU list that took a whole batch off the buddy lists: nr_free_pages
        // drops by the batch, pgalloc by the one page rmqueue() handed out (mm/page_alloc.c:3132).
        assertThat(after.get("pgalloc_normal")).isEqualTo(1 + 16);
        assertThat(after.get("nr_free_pages")).isLessThan(managed - 17);

        run("__free_pages(p, 0)\n__free_pages(q, 4)");
        assertThat(vmstat().get("pgfree")).isEqualTo(managed + 17);
    }

    @Test
    void compactionCountersAreTheOnesTheCompactCommandReports() {
        run(fragmented());
        Map<String, Long> before = vmstat();
        Outcome compact = run("compact");
        Map<String, Long> after = vmstat();

        Matcher m = Pattern.compile("compact: (\\d+) pages moved; the migration scanner looked at (\\d+) pages, the free scanner at (\\d+)")
                .matcher(compact.message());
        assertThat(m.matches()).as(compact.message()).isTrue();
        long moved = Long.parseLong(m.group(1));
        assertThat(moved).isPositive();
        assertThat(after.get("pgmigrate_success") - before.get("pgmigrate_success")).isEqualTo(moved);
        assertThat(after.get("compact_migrate_scanned") - before.get("compact_migrate_scanned")).isEqualTo(Long.parseLong(m.group(2)));
        assertThat(after.get("compact_free_scanned") - before.get("compact_free_scanned")).isEqualTo(Long.parseLong(m.group(3)));
        // Every page moved was isolated by the migration scanner and freed once moved; a write to compact_memory is
        // no stall, and compaction's target pages are not counted as allocations.
        assertThat(after.get("compact_isolated") - before.get("compact_isolated")).isGreaterThanOrEqualTo(moved);
        assertThat(after.get("pgfree") - before.get("pgfree")).isGreaterThanOrEqualTo(moved);
        assertThat(after.get("compact_stall")).isEqualTo(before.get("compact_stall"));
        assertThat(after.get("pgalloc_normal")).isEqualTo(before.get("pgalloc_normal"));
        // pcp=off: each move takes one free page and frees one, so the free count does not change.
        assertThat(after.get("nr_free_pages")).isEqualTo(before.get("nr_free_pages")).isEqualTo(buddyinfoPages());
    }

    @Test
    void undoAndRedoGiveTheCountersBack() {
        run(fragmented());
        String before = VmstatReport.render(kernel.memory());
        run("compact\nh = alloc_pages(GFP_HIGHUSER_MOVABLE, 9)");
        String after = VmstatReport.render(kernel.memory());
        assertThat(after).isNotEqualTo(before);
        kernel.undo();
        kernel.undo();
        assertThat(VmstatReport.render(kernel.memory())).isEqualTo(before);
        kernel.redo();
        kernel.redo();
        assertThat(VmstatReport.render(kernel.memory())).isEqualTo(after);
    }

    /** The free pages /proc/buddyinfo shows, summed over zones and orders. */
    private long buddyinfoPages() {
        long pages = 0;
        for (Zone z : kernel.memory().zones())
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) pages += z.nrFree(o) << o;
        return pages;
    }
}
