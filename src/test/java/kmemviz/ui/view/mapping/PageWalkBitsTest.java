package kmemviz.ui.view.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.vm.PageTables;
import org.junit.jupiter.api.Test;

class PageWalkBitsTest {
    @Test
    void aKernelHugePageEntryShowsEveryFlagItHas() {
        long pmd = PageTables.PRESENT | PageTables.RW | PageTables.ACCESSED | PageTables.DIRTY | PageTables.PSE
                | PageTables.GLOBAL | PageTables.NX | 0x40000000L;
        assertThat(PageWalkView.bits(pmd, true)).isEqualTo("P RW kernel-only A D PS (huge page: the walk ends here) G NX");
    }

    @Test
    void bitSevenOfAPteIsPatNotAHugePageAndUserAndReadOnlyAreNamed() {
        long pte = PageTables.PRESENT | (1L << 2) | PageTables.PSE;
        assertThat(PageWalkView.bits(pte, false)).isEqualTo("P RO US");
    }
}
