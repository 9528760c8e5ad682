package kmemviz.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Fragmentation;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import org.junit.jupiter.api.Test;

/**
 * debugfs extfrag/unusable_index and extfrag/extfrag_index against unusable_show_print() and extfrag_show_print()
 * in mm/vmstat.c (6.12.118, lines 2231-2248 and 2281-2300): "Node %d, zone %8s ", then "%d.%03d " or "%2d.%03d "
 * of index / 1000 and index % 1000 per order, then '\n'; populated zones only. The machine: DMA is one free
 * order-8 block, Normal has one free block of each order 0..7 and one of order 9 (767 pages in 9 blocks); the
 * figures are worked by hand in FragmentationTest.
 */
class ExtfragReportTest {
    private static Kernel fourMiBAfterOneAllocation() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        for (ScriptLine line : new ScriptParser("test.kmv")
                .parse("machine custom 4MiB dma=1MiB reserved=0 pcp=off migratetypes=off\np = alloc_pages(GFP_KERNEL, 0)\n"))
            k.execute(line.command());
        return k;
    }

    @Test
    void unusableIndexPrintsThreeDecimalsPerOrderForEachPopulatedZone() {
        assertThat(ExtfragReport.unusableIndex(fourMiBAfterOneAllocation().memory())).isEqualTo(
                "Node 0, zone      DMA 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000 1.000 1.000 \n"
              + "Node 0, zone   Normal 0.000 0.001 0.003 0.009 0.019 0.040 0.082 0.165 0.332 0.332 1.000 \n");
    }

    @Test
    void extfragIndexPrintsMinusOneWhereAnAllocationWouldSucceedAndCsTruncationBelowZero() {
        // -1000 prints "-1.000"; -500 prints " 0.-500" because C's / and % truncate toward zero, as Java's do
        assertThat(ExtfragReport.extfragIndex(fourMiBAfterOneAllocation().memory())).isEqualTo(
                "Node 0, zone      DMA " + "-1.000 ".repeat(9) + " 0.-500  0.-250 \n"
              + "Node 0, zone   Normal " + "-1.000 ".repeat(10) + " 0.806 \n");
    }

    @Test
    void fragmentationIndexOfAZoneReadsItsFreeLists() {
        Zone normal = fourMiBAfterOneAllocation().memory().zones().stream()
                .filter(z -> z.name().equals("Normal")).findFirst().orElseThrow();
        assertThat(Fragmentation.fragmentationIndex(normal, 10)).isEqualTo(806);
        assertThat(Fragmentation.fragmentationIndex(normal, 9)).isEqualTo(-1000);
    }
}
