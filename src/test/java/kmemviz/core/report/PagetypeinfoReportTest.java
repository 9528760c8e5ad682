package kmemviz.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import kmemviz.core.procfs.ImportProblem;
import kmemviz.core.procfs.Pagetypeinfo;
import org.junit.jupiter.api.Test;

/** /proc/pagetypeinfo and zoneinfo's pagesets against pagetypeinfo_show() and zoneinfo_show_print() of mm/vmstat.c. */
class PagetypeinfoReportTest {
    private static PhysicalMemory machine() {
        PhysicalMemory mem = new PhysicalMemory(Profiles.custom(64 * Profiles.MIB, Map.of("dma", 16 * Profiles.MIB), true));
        mem.allocPages(Gfp.KERNEL, 0, Owner.PAGES, ExecContext.PROCESS);
        mem.allocPages(Gfp.KERNEL | Gfp.RECLAIMABLE, 2, Owner.PAGES, ExecContext.PROCESS);
        mem.allocPages(Gfp.HIGHUSER_MOVABLE, 9, Owner.PAGES, ExecContext.PROCESS);
        return mem;
    }

    @Test
    void theHeaderAndColumnsAreTheKernels() {
        String text = PagetypeinfoReport.render(machine());
        // seq_printf formats of pagetypeinfo_show(), pagetypeinfo_showfree() and pagetypeinfo_showblockcount().
        assertThat(text).startsWith("Page block order: 9\nPages per block:  512\n\n"
                + "Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \n"
                + "Node    0, zone      DMA, type    Unmovable ");
        assertThat(text).contains("\nNumber of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate \n"
                + "Node 0, zone      DMA ");
    }

    @Test
    void theImporterReadsBackWhatTheModelCounts() {
        PhysicalMemory mem = machine();
        List<ImportProblem> problems = new ArrayList<>();
        Pagetypeinfo parsed = Pagetypeinfo.parse("pagetypeinfo", PagetypeinfoReport.render(mem), problems);
        assertThat(problems).isEmpty();
        assertThat(parsed.pageblockOrder()).isEqualTo(9);
        List<Zone> populated = mem.zones().stream().filter(Zone::isPopulated).toList();
        assertThat(parsed.free()).hasSize(populated.size() * MigrateType.COUNT);
        for (Pagetypeinfo.FreeRow row : parsed.free()) {
            Zone z = populated.stream().filter(p -> p.name().equals(row.zone())).findFirst().orElseThrow();
            MigrateType t = java.util.Arrays.stream(MigrateType.values()).filter(m -> m.kernelName().equals(row.type())).findFirst().orElseThrow();
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) assertThat(row.freeBlocks()[o]).isEqualTo(mem.buddy().nrFree(z, o, t));
        }
        for (Pagetypeinfo.BlockRow row : parsed.blocks()) {
            Zone z = populated.stream().filter(p -> p.name().equals(row.zone())).findFirst().orElseThrow();
            int[] counts = mem.buddy().pageblockCounts(z);
            for (int t = 0; t < MigrateType.COUNT; t++) assertThat(row.pageblocks()[t]).isEqualTo(counts[t]);
        }
    }

    @Test
    void zoneinfoPrintsEachCpusPagesetAsTheKernelDoes() {
        PhysicalMemory mem = machine();
        Zone normal = mem.zones().stream().filter(z -> z.name().equals("Normal")).findFirst().orElseThrow();
        String text = ZoneinfoReport.render(mem);
        StringBuilder expected = new StringBuilder("\n  pagesets");
        for (int cpu = 0; cpu < mem.profile().nrCpus(); cpu++)
            expected.append("\n    cpu: ").append(cpu).append("\n              count: ").append(normal.pcpCount(cpu))
                    .append("\n              high:  ").append(normal.pcpHigh(cpu)).append("\n              batch: ")
                    .append(normal.pcpBatch()).append("\n  vm stats threshold: ").append(ZoneinfoReport.statThreshold(normal.managedPages(), 4));
        expected.append("\n  node_unreclaimable:  0");
        assertThat(text).contains(expected);
        assertThat(normal.pcpCount(0)).isPositive();                 // the first order-0 page came with a batch
        // calculate_normal_threshold()'s own table: 4 CPUs (fls 3), under 128 MiB (fls 0): 2 * 3 * 1 = 6.
        assertThat(ZoneinfoReport.statThreshold(normal.managedPages(), 4)).isEqualTo(6);
    }
}
