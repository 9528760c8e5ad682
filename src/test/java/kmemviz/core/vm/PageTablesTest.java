package kmemviz.core.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageTablesTest {
    private final BumpFrameSource frames = new BumpFrameSource();

    @Test
    void directMapAddressWalksPgdP4dPudPmdPteWithReferenceIndices() {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        long va = 0xffff888123456789L;
        pt.map4k(va & -4096L, 0x123456);
        Walk w = pt.translate(va);
        assertThat(w.steps()).extracting(WalkStep::level).containsExactly("PGD", "P4D", "PUD", "PMD", "PTE");
        assertThat(w.steps()).extracting(WalkStep::index).containsExactly(273, 273, 4, 282, 86);
        assertThat(w.pageSize()).isEqualTo(PageSize.SIZE_4K);
        assertThat(w.pfn()).isEqualTo(0x123456);
        assertThat(w.offset()).isEqualTo(0x789);
        assertThat(w.physAddr()).isEqualTo(0x123456789L);
    }

    @Test
    void twoMegabyteLeafEndsTheWalkAtThePmd() {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        pt.mapHuge(0xffff888123400000L, 0x123400, PageSize.SIZE_2M);
        Walk w = pt.translate(0xffff888123456789L);
        assertThat(w.steps()).extracting(WalkStep::level).containsExactly("PGD", "P4D", "PUD", "PMD");
        assertThat(w.pageSize()).isEqualTo(PageSize.SIZE_2M);
        assertThat(w.offset()).isEqualTo(0x56789);
        assertThat(w.framePfn()).isEqualTo(0x123456);
        assertThat(w.step("PMD").entry() & PageTables.PSE).isNotZero();
    }

    @Test
    void oneGigabyteLeafEndsTheWalkAtThePud() {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        pt.mapHuge(0xffff888100000000L, 0x100000, PageSize.SIZE_1G);
        Walk w = pt.translate(0xffff888123456789L);
        assertThat(w.steps()).hasSize(3);
        assertThat(w.step("PUD").index()).isEqualTo(4);
        assertThat(w.pageSize()).isEqualTo(PageSize.SIZE_1G);
        assertThat(w.offset()).isEqualTo(0x23456789L);
        assertThat(pt.pageSizeAt(0xffff888100000000L)).isEqualTo(PageSize.SIZE_1G);
    }

    @Test
    void vmallocAddressWalksDownToAPte() {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        pt.map4k(0xffffc90000012000L, 777);
        Walk w = pt.translate(0xffffc90000012345L);
        assertThat(w.steps()).extracting(WalkStep::index).containsExactly(402, 402, 0, 0, 18);
        assertThat(w.pfn()).isEqualTo(777);
        assertThat(w.offset()).isEqualTo(0x345);
    }

    @Test
    void unmappedAddressStopsWhereTheEntryIsMissing() {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        pt.map4k(0xffffc90000000000L, 5);
        Walk w = pt.translate(0xffffc90000001000L);
        assertThat(w.mapped()).isFalse();
        assertThat(w.faultReason()).isEqualTo("PTE entry 1 not present");
        assertThat(pt.translate(0x0000900000000000L).faultReason()).startsWith("non-canonical");
    }

    @Test
    void i386WalksPgdThenPteWithTenBitIndices() {
        PageTables pt = new PageTables(Arch.I386, frames, 0);
        pt.map4k(0xc1234000L, 0x1234);
        Walk w = pt.translate(0xc1234567L);
        assertThat(w.steps()).extracting(WalkStep::level).containsExactly("PGD", "PTE");
        assertThat(w.steps()).extracting(WalkStep::index).containsExactly(772, 564);
        assertThat(w.offset()).isEqualTo(0x567);
        assertThat(w.pfn()).isEqualTo(0x1234);
    }

    @Test
    void i386PseLeafIsAFourMegabytePageInThePgd() {
        PageTables pt = new PageTables(Arch.I386, frames, 0);
        pt.mapHuge(0xc1000000L, 0x1000, PageSize.SIZE_4M);
        Walk w = pt.translate(0xc1234567L);
        assertThat(w.steps()).hasSize(1);
        assertThat(w.pageSize()).isEqualTo(PageSize.SIZE_4M);
        assertThat(w.offset()).isEqualTo(0x234567);
        assertThat(w.framePfn()).isEqualTo(0x1234);
    }

    @Test
    void tablePagesComeFromTheFrameSourceAndStayAfterUnmap() {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        pt.map4k(0xffffc90000000000L, 9);
        assertThat(frames.pageTableFrames).isEqualTo(4);   // PGD, PUD, PMD, PTE
        assertThat(pt.unmap4k(0xffffc90000000000L)).isEqualTo(9);
        assertThat(pt.unmap4k(0xffffc90000000000L)).isEqualTo(-1);
        assertThat(pt.tablePages()).isEqualTo(4);
    }

    @Test
    void mappingInsideAHugePageOrTwiceIsRefused() {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        pt.mapHuge(0xffff888000200000L, 0x200, PageSize.SIZE_2M);
        assertThatThrownBy(() -> pt.map4k(0xffff888000201000L, 1)).isInstanceOf(IllegalStateException.class);
        pt.map4k(0xffff888000000000L, 0);
        assertThatThrownBy(() -> pt.map4k(0xffff888000000000L, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pt.mapHuge(0xffff888000300000L, 0x300, PageSize.SIZE_2M))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runningOutOfTableFramesMakesMapFail() {
        BumpFrameSource tiny = new BumpFrameSource(0, 2);
        PageTables pt = new PageTables(Arch.X86_64, tiny, 0);
        assertThat(pt.map4k(0xffffc90000000000L, 9)).isFalse();
        assertThat(pt.pageSizeAt(0xffffc90000000000L)).isNull();
    }
    @Test
    void theVmallocAreaGetsOnePudPerPgdEntryAtBootAndACopyDoesNotSeeTheOriginalsLaterWrites() {
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        long start = AddressLayout.X86_64_VMALLOC_START, end = AddressLayout.X86_64_VMALLOC_END;
        java.util.List<Integer> puds = pt.preallocateTopLevel(start, end);
        assertThat(puds).hasSize(64);                                  // 32 TiB / 512 GiB per PGD entry
        assertThat(pt.tablePages()).isEqualTo(65);
        PageTables copy = pt.copy(frames);
        assertThat(pt.map4k(start, 7)).isTrue();                       // adds a PMD and a PTE page, no PUD
        assertThat(pt.tablePages()).isEqualTo(67);
        assertThat(pt.translate(start).steps().get(2).tablePfn()).isEqualTo(puds.get(0));
        assertThat(copy.translate(start).mapped()).isFalse();
        assertThat(pt.translate(start + (512L << 30)).mapped()).isFalse();   // the next PUD is still empty
        assertThat(new PageTables(Arch.I386, frames, 0).preallocateTopLevel(0xf8000000L, 0xff7fe000L)).isEmpty();
    }
}
