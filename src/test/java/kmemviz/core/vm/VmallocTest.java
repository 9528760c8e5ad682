package kmemviz.core.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VmallocTest {
    private static final long P = 4096;
    private static final long START = AddressLayout.X86_64_VMALLOC_START;
    private final BumpFrameSource frames = new BumpFrameSource();
    private final AddressLayout layout = AddressLayout.x86_64();
    private final PageTables pt = new PageTables(Arch.X86_64, frames, 0);
    private final Tlb tlb = Tlb.skylake();
    private final Vmalloc vm = new Vmalloc(layout, pt, tlb, 4L << 20);

    @Test
    void consecutiveVmallocsAreSeparatedByAnUnmappedGuardPage() {
        VmapArea a = vm.vmalloc(3 * P, 0, "a+0x1/0x10", frames).area();
        VmapArea b = vm.vmalloc(100, 0, "b+0x1/0x10", frames).area();
        assertThat(a.start()).isEqualTo(START);
        assertThat(a.sizeBytes()).isEqualTo(4 * P);
        assertThat(b.start()).isEqualTo(START + 4 * P);
        assertThat(b.nrPages()).isEqualTo(1);
        assertThat(pt.pageSizeAt(START + 2 * P)).isEqualTo(PageSize.SIZE_4K);
        assertThat(pt.translate(START + 3 * P).mapped()).as("guard page").isFalse();
        assertThat(vm.areaContaining(START + 3 * P)).isEqualTo(a);
    }

    @Test
    void eachPageTranslatesToTheFrameItGot() {
        VmapArea a = vm.vmalloc(5 * P, 0, "f", frames).area();
        int[] pfns = vm.pagesOf(a.start());
        for (int i = 0; i < 5; i++) assertThat(pt.translate(a.start() + i * P + 7).framePfn()).isEqualTo(pfns[i]);
    }

    @Test
    void freedSpaceIsReusedLowestFirst() {
        long a = vm.vmalloc(P, 0, "a", frames).addr();
        long b = vm.vmalloc(P, 0, "b", frames).addr();
        assertThat(vm.vfree(a, frames)).isNull();
        assertThat(vm.vmalloc(P, 0, "c", frames).addr()).isEqualTo(a);
        assertThat(vm.vmalloc(P, 0, "d", frames).addr()).isEqualTo(b + 2 * P);
    }

    @Test
    void vfreeUnmapsFreesFramesAndFlushesTheAreaRangeFromTheTlb() {
        VmapArea a = vm.vmalloc(2 * P, 0, "f", frames).area();
        int[] pfns = vm.pagesOf(a.start());
        tlb.access(a.start(), PageSize.SIZE_4K);
        tlb.access(a.start() + P, PageSize.SIZE_4K);
        tlb.resetStats();
        assertThat(vm.vfree(a.start(), frames)).isNull();
        assertThat(tlb.stats().pageFlushes()).as("2 pages + guard, below the ceiling").isEqualTo(3);
        assertThat(tlb.access(a.start(), PageSize.SIZE_4K)).isEqualTo(Tlb.WALK);
        assertThat(pt.translate(a.start()).mapped()).isFalse();
        assertThat(frames.inUse(pfns[0])).isFalse();
        assertThat(vm.areas()).isEmpty();
    }

    @Test
    void vfreeOfALargeAreaIsAFullFlush() {
        long a = vm.vmalloc(64 * P, 0, "f", frames).addr();
        vm.vfree(a, frames);
        assertThat(tlb.stats().fullFlushes()).isEqualTo(1);
    }

    @Test
    void vfreeInsideAnAreaReportsNonexistentVmArea() {
        long a = vm.vmalloc(2 * P, 0, "f", frames).addr();
        assertThat(vm.vfree(a + P, frames)).isEqualTo("Trying to vfree() nonexistent vm area (ffffc90000001000)");
        assertThat(vm.vfree(a + 8, frames)).isEqualTo("Trying to vfree() bad address (ffffc90000000008)");
        assertThat(vm.vfree(0, frames)).isNull();
        assertThat(vm.areas()).hasSize(1);
    }

    @Test
    void frameFailureMidwayGivesBackEverythingAndTheKernelWarning() {
        vm.vmalloc(P, 0, "warm", frames);          // page tables for the area exist now
        int used = frames.inUseCount();
        frames.failAt = frames.allocations + 3;
        VmallocResult r = vm.vmalloc(10 * P, 0, "f", frames);
        assertThat(r.ok()).isFalse();
        assertThat(r.warnings()).containsExactly("vmalloc error: size 12288, failed to allocate pages");
        assertThat(frames.inUseCount()).isEqualTo(used);
        assertThat(vm.areas()).hasSize(1);
        assertThat(vm.vmalloc(P, 0, "next", frames).addr()).isEqualTo(START + 2 * P);
    }

    @Test
    void sizeAboveRamAndExhaustedAddressSpaceGiveTheirMessages() {
        assertThat(vm.vmalloc((4L << 20) * P + P, 0, "f", frames).warnings())
                .containsExactly("vmalloc error: size 17179873280, exceeds total pages");
        AddressLayout i386 = AddressLayout.i386(0x40000);
        BumpFrameSource f = new BumpFrameSource(0, 0x40000);
        Vmalloc small = new Vmalloc(i386, new PageTables(Arch.I386, f, 0), null, 0x40000);
        VmallocResult r = small.vmalloc(121L << 20, 0, "f", f);
        assertThat(r.warnings()).containsExactly(
                "vmalloc_node_range for size 126881792 failed: Address range restricted to 0xf77fe000 - 0xfeffe000",
                "vmalloc error: size 126877696, vm_struct allocation failed");
    }

    @Test
    void bigAreaGetsAVmallocedPageArrayRightAfterIt() {
        VmapArea big = vm.vmalloc(4L << 20, 0, "f", frames).area();
        assertThat(big.vpages()).isTrue();
        assertThat(vm.areas()).hasSize(2);
        VmapArea array = vm.areas().get(1);
        assertThat(array.start()).isEqualTo(big.end());
        assertThat(array.sizeBytes()).isEqualTo(3 * P);
        vm.vfree(big.start(), frames);
        assertThat(vm.areas()).isEmpty();
        assertThat(frames.vmallocFrames).isEqualTo(1026);
    }

    @Test
    void vmallocinfoLinesFollowTheKernelFormat() {
        vm.vmalloc(4L << 20, 0, "f+0x1a/0x40", frames);
        vm.vmalloc(20, 0, "g+0x2/0x8", frames);
        assertThat(VmallocinfoFormat.format(vm.areas(), true)).isEqualTo(
                "0xffffc90000000000-0xffffc90000401000 4198400 f+0x1a/0x40 pages=1024 vmalloc vpages N0=1024\n"
                + "0xffffc90000401000-0xffffc90000404000   12288 f+0x1a/0x40 pages=2 vmalloc N0=2\n"
                + "0xffffc90000404000-0xffffc90000406000    8192 g+0x2/0x8 pages=1 vmalloc N0=1\n");
    }

    @Test
    void i386VmallocinfoUsesEightDigitAddressesAndNoNodeCounts() {
        VmapArea a = new VmapArea(0xf77fe000L, 2 * P, 1, "h", false, false);
        // No N0= on i386: vmalloc_info_show() passes show_numa_info() counters only with CONFIG_NUMA (mm/vmalloc.c:5054); a 32-bit powerpc capture
        // reads the same way: "0xf1028000-0xf102d000   20480 kernel_clone+0xbc/0x2e4 pages=4 vmalloc".
        assertThat(VmallocinfoFormat.line(a, false)).isEqualTo("0xf77fe000-0xf7800000    8192 h pages=1 vmalloc");
    }

    @Test
    void interruptContextMessageIsTheBugLine() {
        assertThat(Vmalloc.vmallocInInterruptMessage()).startsWith("kernel BUG at mm/vmalloc.c:");
    }
}
