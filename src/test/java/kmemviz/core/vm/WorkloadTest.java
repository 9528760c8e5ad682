package kmemviz.core.vm;

import kmemviz.core.mm.PfnRange;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The headline demo: 4 MiB in the direct map vs 4 MiB from vmalloc, every 4 KiB page touched once, cold TLB. */
class WorkloadTest {
    private static final long G = 1L << 30;
    private static final long FOUR_MIB = 4L << 20;
    private final AddressLayout layout = AddressLayout.x86_64();
    private final BumpFrameSource frames = new BumpFrameSource(0x500000, Integer.MAX_VALUE);

    private PageTables directMapped(boolean gbpages) {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        DirectMap.build(pt, layout, List.of(PfnRange.ofBytes(0, 3 * G), PfnRange.ofBytes(4 * G, 17 * G)), true, gbpages);
        return pt;
    }

    @Test
    void kmallocBufferOnTwoMegPagesCostsTwoWalks() {
        PageTables pt = directMapped(false);
        WorkloadSummary s = new Workload(pt, Tlb.skylake()).sequential(layout.directMapAddress(0x40400), FOUR_MIB);
        assertThat(s).isEqualTo(new WorkloadSummary(1024, 1022, 0, 2, 1022 + 2 * 30, 0));
    }

    @Test
    void kmallocBufferInsideAOneGigPageCostsOneWalk() {
        PageTables pt = directMapped(true);
        WorkloadSummary s = new Workload(pt, Tlb.skylake()).sequential(layout.directMapAddress(0x40400), FOUR_MIB);
        assertThat(s.walks()).isEqualTo(1);
        assertThat(s.l1Hits()).isEqualTo(1023);
    }

    @Test
    void vmallocBufferCostsOneWalkPerPageThenHitsTheStlbOnTheSecondPass() {
        PageTables pt = directMapped(true);
        Tlb tlb = Tlb.skylake();
        Vmalloc vm = new Vmalloc(layout, pt, tlb, 4L << 20);
        long buf = vm.vmalloc(FOUR_MIB, 0, "demo", frames).addr();
        Workload w = new Workload(pt, tlb);
        WorkloadSummary first = w.sequential(buf, FOUR_MIB);
        assertThat(first.walks()).isEqualTo(1024);
        assertThat(first.cycles()).isEqualTo(1024 * 30);
        WorkloadSummary second = w.sequential(buf, FOUR_MIB);
        assertThat(second.stlbHits()).isEqualTo(1024);
    }

    @Test
    void unmappedAddressesCountAsFaultsNotAccesses() {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        WorkloadSummary s = new Workload(pt, Tlb.skylake()).stride(AddressLayout.X86_64_VMALLOC_START, 8 * 4096, 4096);
        assertThat(s.faults()).isEqualTo(8);
        assertThat(s.accesses()).isZero();
    }

    @Test
    void randomRunIsReproducibleFromItsSeed() {
        PageTables pt = directMapped(false);
        long start = layout.directMapAddress(0);
        WorkloadSummary a = new Workload(pt, Tlb.skylake()).random(start, 2 * G, 10_000, 42);
        WorkloadSummary b = new Workload(pt, Tlb.skylake()).random(start, 2 * G, 10_000, 42);
        assertThat(a).isEqualTo(b);
        assertThat(a.accesses()).isEqualTo(10_000);
        assertThat(a.walks()).isPositive();
    }

    @Test
    void strideOfTwoMegTouchesEachLargePageOnce() {
        PageTables pt = directMapped(false);
        WorkloadSummary s = new Workload(pt, Tlb.skylake()).stride(layout.directMapAddress(0x40000), 64L << 20, 2L << 20);
        assertThat(s.accesses()).isEqualTo(32);
        assertThat(s.walks()).isEqualTo(32);
    }
}
