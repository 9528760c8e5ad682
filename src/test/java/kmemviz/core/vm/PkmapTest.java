package kmemviz.core.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.MmListener;
import org.junit.jupiter.api.Test;

class PkmapTest {
    private final PageTables pt = new PageTables(Arch.I386, new BumpFrameSource(), 0);
    private final Tlb tlb = Tlb.skylake();
    private final List<String> events = new ArrayList<>();
    private final Pkmap pkmap = new Pkmap(pt, tlb, new MmListener() {
        @Override public void kmapChanged(int pfn, long vaddr, boolean mapped) {
            events.add((mapped ? "kmap " : "kunmap ") + Long.toHexString(vaddr));
        }

        @Override public void pageUnmapped(long vaddr, int pfn) { events.add("unmapped " + Long.toHexString(vaddr)); }
    });

    @Test
    void theFirstKmapTakesSlotOneAndMapsItsPage() {
        int slot = pkmap.kmapHigh(0x3f000);
        assertThat(slot).isEqualTo(1);                                   // last_pkmap_nr starts at 0 and is advanced first
        assertThat(Pkmap.address(slot)).isEqualTo(0xff001000L);
        assertThat(pt.translate(Pkmap.address(slot)).framePfn()).isEqualTo(0x3f000);
        assertThat(pkmap.count(slot)).isEqualTo(2);
        assertThat(events).containsExactly("kmap ff001000");
    }

    @Test
    void aSecondKmapOfTheSamePageSharesItsSlot() {
        int slot = pkmap.kmapHigh(0x3f000);
        assertThat(pkmap.kmapHigh(0x3f000)).isEqualTo(slot);
        assertThat(pkmap.count(slot)).isEqualTo(3);
        assertThat(pkmap.kunmapHigh(0x3f000)).isEqualTo(slot);
        assertThat(pkmap.count(slot)).isEqualTo(2);
        assertThat(events).containsExactly("kmap ff001000");
    }

    @Test
    void kunmapLeavesTheMappingAndAKunmapTooManyFindsNoSlot() {
        int slot = pkmap.kmapHigh(0x3f000);
        assertThat(pkmap.kunmapHigh(0x3f000)).isEqualTo(slot);
        assertThat(pkmap.count(slot)).isEqualTo(1);
        assertThat(pt.translate(Pkmap.address(slot)).mapped()).isTrue();
        assertThat(pkmap.kunmapHigh(0x3f000)).isEqualTo(Pkmap.NO_SLOT);
        assertThat(pkmap.kunmapHigh(0x3f001)).isEqualTo(Pkmap.NO_SLOT);
        assertThat(pkmap.pfn(0)).isEqualTo(FrameTable.NO_PFN);
    }

    @Test
    void wrappingTheSearchFlushesEveryUnusedSlotOnce() {
        int first = pkmap.kmapHigh(0x30000);
        pkmap.kunmapHigh(0x30000);
        for (int i = 1; i < Pkmap.LAST_PKMAP - 1; i++) pkmap.kmapHigh(0x30000 + i);   // slots 2 .. LAST_PKMAP-1
        long flushesBefore = tlb.stats().pageFlushes() + tlb.stats().fullFlushes();
        events.clear();
        int slot = pkmap.kmapHigh(0x40000);                              // wraps to 0: slot 1 is flushed, slot 0 is free
        assertThat(slot).isZero();
        assertThat(events).containsExactly("unmapped " + Long.toHexString(Pkmap.address(first)), "kmap ff000000");
        assertThat(pt.translate(Pkmap.address(first)).mapped()).isFalse();
        assertThat(pkmap.count(first)).isZero();
        assertThat(tlb.stats().pageFlushes() + tlb.stats().fullFlushes()).isGreaterThan(flushesBefore);
    }

    @Test
    void aFullAreaHasNoSlotForANewPage() {
        for (int i = 0; i < Pkmap.LAST_PKMAP; i++) assertThat(pkmap.kmapHigh(0x30000 + i)).isNotEqualTo(Pkmap.NO_SLOT);
        assertThat(pkmap.kmapHigh(0x40000)).isEqualTo(Pkmap.NO_SLOT);
        assertThat(pkmap.kmapHigh(0x30005)).isNotEqualTo(Pkmap.NO_SLOT);  // a page that has a slot still gets it
    }
}
