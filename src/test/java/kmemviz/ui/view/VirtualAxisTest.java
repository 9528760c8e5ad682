package kmemviz.ui.view;

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
}
