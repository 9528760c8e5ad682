package kmemviz.core.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class VmallocPropertiesTest {
    private static final long P = 4096;

    /** Each op: a positive number allocates that many bytes (x 97), a negative one frees the |op|-th live area. */
    @Property(tries = 200)
    void randomVmallocVfreeKeepsMappingsFramesAndGuardsConsistent(
            @ForAll @Size(max = 60) List<@IntRange(min = -20, max = 2000) Integer> ops) {
        BumpFrameSource frames = new BumpFrameSource(0x1000, 0x1000 + 3000);
        AddressLayout layout = AddressLayout.x86_64();
        PageTables pt = new PageTables(Arch.X86_64, frames, 0);
        Vmalloc vm = new Vmalloc(layout, pt, Tlb.skylake(), 1 << 20);
        List<Long> live = new ArrayList<>();
        for (int op : ops) {
            if (op > 0) {
                VmallocResult r = vm.vmalloc(op * 97L, 0, "p", frames);
                if (r.ok()) live.add(r.addr());
            } else if (op < 0 && !live.isEmpty()) {
                long addr = live.remove(-op % live.size());
                assertThat(vm.vfree(addr, frames)).isNull();
            }
            checkInvariants(vm, pt);
        }
    }

    private static void checkInvariants(Vmalloc vm, PageTables pt) {
        Set<Integer> seen = new HashSet<>();
        VmapArea prev = null;
        for (VmapArea a : vm.areas()) {
            if (prev != null) assertThat(Long.compareUnsigned(prev.end(), a.start())).isLessThanOrEqualTo(0);
            int[] pfns = vm.pagesOf(a.start());
            assertThat(pfns).hasSize(a.nrPages());
            assertThat(a.sizeBytes()).isEqualTo((a.nrPages() + 1) * P);
            for (int i = 0; i < pfns.length; i++) {
                Walk w = pt.translate(a.start() + i * P);
                assertThat(w.pageSize()).isEqualTo(PageSize.SIZE_4K);
                assertThat(w.pfn()).isEqualTo(pfns[i]);
                assertThat(seen.add(pfns[i])).as("pfn %d mapped twice", pfns[i]).isTrue();
            }
            assertThat(pt.translate(a.start() + a.nrPages() * P).mapped()).as("guard page").isFalse();
            prev = a;
        }
    }
}
