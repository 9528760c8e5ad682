package kmemviz.ui.view.frames;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Vmalloc;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

class FrameFactsTest {
    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));

    private static String value(java.util.List<FrameFacts.Fact> facts, String label) {
        return facts.stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow().value();
    }

    @Test
    void aOnePageBlockSaysOnePageAndGroupsItsBytes() {
        Allocation a = kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 0, "")).allocation();
        assertThat(value(FrameFacts.allocation(a, "p"), "size")).isEqualTo("4,096 bytes (1 page)");
    }

    @Test
    void theZoneRangeEndsAtItsLastPfnAsTheMapLabelSays() {
        assertThat(value(FrameFacts.frame(kernel.memory(), 0x200), "zone")).isEqualTo("Normal (pfn 0x100-0x3ff)");
    }

    @Test
    void vmallocPagesAreCalledScatteredOnlyWhenTheyAre() {
        for (int i = 0; i < 3; i++) {
            Allocation a = kernel.execute(new Vmalloc("v" + i, Vmalloc.Flavor.VMALLOC, 16 << 10, Gfp.KERNEL, "")).allocation();
            int[] p = a.pages().toArray();
            boolean contiguous = true;
            for (int k = 1; k < p.length; k++) contiguous &= p[k] == p[k - 1] + 1;
            String frames = value(FrameFacts.allocation(a, "v" + i), "frames");
            if (contiguous) assertThat(frames).isEqualTo(String.format("pfn 0x%x-0x%x (4 pages, contiguous by chance)", p[0], p[3]));
            else assertThat(frames).isEqualTo("4 pages, scattered");
            kernel.execute(new AllocPages("gap" + i, AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 0, ""));   // breaks the next run
        }
    }
}
