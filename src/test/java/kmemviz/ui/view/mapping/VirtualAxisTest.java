package kmemviz.ui.view.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import kmemviz.core.vm.AddressLayout;
import org.junit.jupiter.api.Test;

class VirtualAxisTest {
    private static final long DM = AddressLayout.X86_64_PAGE_OFFSET, VM = AddressLayout.X86_64_VMALLOC_START;
    private static final long GIB = 1L << 30, MIB = 1L << 20;

    private static VirtualAxis x86Axis() {
        return VirtualAxis.of(List.of(
                new VirtualAxis.Part("direct map", DM, DM + 16 * GIB, 0.5),
                new VirtualAxis.Part("unused", DM + 16 * GIB, VM, 0),
                new VirtualAxis.Part("vmalloc", VM, VM + 16 * MIB, 0.5)), 1000);
    }

    @Test
    void regionsShareTheWidthByWeightAndGapsTakeAFixedWidth() {
        VirtualAxis a = x86Axis();
        double shared = (1000 - VirtualAxis.GAP_PX) / 2;
        assertThat(a.x(DM)).isZero();
        assertThat(a.x(DM + 8 * GIB)).isCloseTo(shared / 2, within(1e-6));
        assertThat(a.x(VM)).isCloseTo(shared + VirtualAxis.GAP_PX, within(1e-6));
        assertThat(a.x(VM + 8 * MIB)).isCloseTo(shared + VirtualAxis.GAP_PX + shared / 2, within(1e-6));
        assertThat(a.widthPx()).isCloseTo(1000, within(1e-6));
    }

    @Test
    void negativeKernelAddressesCompareUnsigned() {
        VirtualAxis a = x86Axis();
        assertThat(a.x(0x1000L)).isNaN();                     // user space is not shown
        assertThat(a.x(-1L)).isNaN();                         // the top of the address space neither
        assertThat(a.segmentOf(DM + GIB).name()).isEqualTo("direct map");
    }

    @Test
    void aCompressedGapIsMarkedAsSuchAndMuchSmallerThanToScale() {
        VirtualAxis.Segment gap = x86Axis().segments().get(1);
        assertThat(gap.gap()).isTrue();
        assertThat(gap.bytesPerPx()).isGreaterThan(x86Axis().segments().get(0).bytesPerPx() * 1000);
    }

    @Test
    void addressAtInvertsXInsideEachSegment() {
        VirtualAxis a = x86Axis();
        long va = VM + 5 * MIB;
        assertThat(a.addressAt(a.x(va), 0)).isCloseTo(va, org.assertj.core.data.Offset.offset(64 * 1024L));
        assertThat(a.addressAt(-5, 42)).isEqualTo(42);
        assertThat(a.addressAt(2000, 42)).isEqualTo(42);
    }

    @Test
    void pixelsPerPageFollowTheSegmentScale() {
        VirtualAxis a = x86Axis();
        assertThat(a.pxPerPage(VM)).isGreaterThan(a.pxPerPage(DM) * 500);
    }

    /** i386's layout: direct map, a hole, 16 MiB of vmalloc shown, its unused rest, an 8 KiB hole, pkmap. */
    private static VirtualAxis i386Axis(double width) {
        long dm = 0xc0000000L, vm = 0xf77fe000L, pk = 0xff800000L;
        return VirtualAxis.of(List.of(
                new VirtualAxis.Part("direct map", dm, dm + 880 * MIB, 0.5),
                new VirtualAxis.Part("unused", dm + 880 * MIB, vm, 0),
                new VirtualAxis.Part("vmalloc area", vm, vm + 16 * MIB, 0.32),
                new VirtualAxis.Part("rest of vmalloc area", vm + 16 * MIB, pk - 8192, 0),
                new VirtualAxis.Part("gap", pk - 8192, pk, 0),
                new VirtualAxis.Part("pkmap (kmap)", pk, pk + 4 * MIB, 0.18)), width);
    }

    @Test
    void sideBySideGapsShareOneLabelThatAddsUpTheirSpans() {
        List<VirtualAxis.GapLabel> labels = i386Axis(940).gapLabels(10);
        assertThat(labels).hasSize(2);
        VirtualAxis.Segment rest = i386Axis(940).segments().get(3), hole = i386Axis(940).segments().get(4);
        assertThat(labels.get(1).nrGaps()).isEqualTo(2);
        assertThat(labels.get(1).spanBytes()).isEqualTo(rest.spanBytes() + hole.spanBytes());
        assertThat(labels.get(1).x()).isCloseTo((rest.x0() + hole.x1()) / 2, within(1e-6));
        assertThat(labels.get(0).nrGaps()).isEqualTo(1);
    }

    @Test
    void gapLabelsNeverOverlap() {
        for (double width : new double[] {300, 600, 940, 2000}) {
            List<VirtualAxis.GapLabel> labels = i386Axis(width).gapLabels(10);
            for (int i = 1; i < labels.size(); i++) {
                double right = labels.get(i - 1).x() + VirtualAxis.labelWidth(labels.get(i - 1).spanBytes(), 10) / 2;
                double left = labels.get(i).x() - VirtualAxis.labelWidth(labels.get(i).spanBytes(), 10) / 2;
                assertThat(left).as("width %s", width).isGreaterThan(right);
            }
        }
    }

    @Test
    void farApartGapsKeepTheirOwnLabels() {
        assertThat(x86Axis().gapLabels(10)).singleElement().satisfies(g -> assertThat(g.nrGaps()).isEqualTo(1));
    }
}
