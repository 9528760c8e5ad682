package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.last;
import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.mm.Fragmentation;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
import kmemviz.core.report.ExtfragReport;
import org.junit.jupiter.api.Test;

/**
 * The expect forms for per-CPU lists, pageblocks, per-type free blocks and the fragmentation indices read the figures
 * the model shows elsewhere (zoneinfo's pagesets, pagetypeinfo, debugfs's extfrag files): each line written with the
 * model's own figure holds, and the same line one off fails and says the figure.
 */
class ExpectZoneFormsTest {
    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));

    private Zone normal() {
        return kernel.memory().zones().stream().filter(z -> z.type() == ZoneType.NORMAL).findFirst().orElseThrow();
    }

    private void holdsAndFailsOneOff(String what, long value) {
        Outcome holds = last(kernel, "expect " + what + " == " + value);
        assertThat(holds.status()).as(holds.message()).isEqualTo(Outcome.Status.OK);
        Outcome off = last(kernel, "expect " + what + " == " + (value + 1));
        assertThat(off.status()).isEqualTo(Outcome.Status.EXPECT_FAILED);
        assertThat(off.message()).isEqualTo("expect " + what + " == " + (value + 1) + ": failed, the value is " + value);
    }

    @Test
    void perCpuCountsHighsPageblocksAndPerTypeFreeBlocksReadTheModel() {
        run(kernel, """
                machine custom 64MiB dma=16MiB cpus=2
                cpu 1
                p = alloc_pages(GFP_KERNEL, 0)
                q = alloc_pages(GFP_HIGHUSER_MOVABLE, 2)
                """);
        Zone normal = normal();
        assertThat(normal.pcpCount(1)).as("the refill left pages on CPU 1's lists").isPositive();
        holdsAndFailsOneOff("pcp Normal 1", normal.pcpCount(1));
        holdsAndFailsOneOff("pcp Normal 0", normal.pcpCount(0));
        holdsAndFailsOneOff("pcp_high Normal 1", normal.pcpHigh(1));
        int[] blocks = kernel.memory().buddy().pageblockCounts(normal);
        holdsAndFailsOneOff("pageblocks Normal Unmovable", blocks[MigrateType.UNMOVABLE.ordinal()]);
        holdsAndFailsOneOff("pageblocks Normal movable", blocks[MigrateType.MOVABLE.ordinal()]);
        for (MigrateType t : new MigrateType[] {MigrateType.UNMOVABLE, MigrateType.MOVABLE})
            holdsAndFailsOneOff("nr_free Normal 1 " + t.kernelName(), kernel.memory().buddy().nrFree(normal, 1, t));
    }

    @Test
    void fragmentationIndicesCompareAsDebugfsPrintsThem() {
        run(kernel, "machine custom 64MiB dma=16MiB pcp=off\np = alloc_pages(GFP_KERNEL, 0)");
        Zone normal = normal();
        for (int order : new int[] {0, 9, 10}) {
            int extfrag = Fragmentation.fragmentationIndex(normal, order);
            String printed = ExtfragReport.formatExtfrag(extfrag).trim();
            Outcome holds = last(kernel, "expect extfrag Normal " + order + " == " + printed);
            assertThat(holds.status()).as(holds.message()).isEqualTo(Outcome.Status.OK);
            int unusable = Fragmentation.unusableFreeIndex(order, Fragmentation.fillContigPageInfo(normal, order));
            String unusablePrinted = ExtfragReport.formatUnusable(unusable);
            assertThat(last(kernel, "expect unusable Normal " + order + " == " + unusablePrinted).status()).isEqualTo(Outcome.Status.OK);
            Outcome wrong = last(kernel, "expect unusable Normal " + order + " != " + unusablePrinted);
            assertThat(wrong.message()).isEqualTo("expect unusable Normal " + order + " != " + unusablePrinted
                    + ": failed, the value is " + unusablePrinted);
        }
    }

    @Test
    void aPerCpuCheckOnAMachineWithoutThemOrOfAMissingCpuIsAnError() {
        run(kernel, "machine custom 64MiB dma=16MiB cpus=2 pcp=off");
        Outcome off = last(kernel, "expect pcp Normal 0 == 0");
        assertThat(off.status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(off.message()).isEqualTo("Normal has no per-CPU lists (the machine runs with pcp=off)");
        run(kernel, "machine custom 64MiB dma=16MiB cpus=2");
        Outcome cpu = last(kernel, "expect pcp_high Normal 2 == 0");
        assertThat(cpu.status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(cpu.message()).isEqualTo("CPUs are 0..1 on this machine, not 2");
        Outcome zone = last(kernel, "expect pageblocks HighMem Movable == 0");
        assertThat(zone.message()).isEqualTo("no zone named 'HighMem' on this machine");
    }
}
