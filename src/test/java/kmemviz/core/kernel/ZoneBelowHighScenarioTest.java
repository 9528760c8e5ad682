package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

/**
 * ZONE_BELOW_HIGH as Linux 6.12.118 sets it: get_page_from_freelist() tests the high mark first and marks a zone below
 * it (mm/page_alloc.c:3499-3508); nr_pcp_alloc() then no longer raises pcp->high on a refill (:3044).
 */
class ZoneBelowHighScenarioTest {
    /** DMA (pcp high_min 20, high_max 128, batch 1) is brought to 89 free pages, between its low (80) and high (96) marks. */
    private static final String DMA_BETWEEN_LOW_AND_HIGH = "machine custom 64MiB dma=16MiB reserved=0\n"
            + "hog = user_process(\"hog\", 63880KiB)\nx = alloc_pages(GFP_KERNEL | GFP_DMA, 3)\n";
    /** The same, with DMA far above its high mark. */
    private static final String DMA_ABOVE_HIGH = "machine custom 64MiB dma=16MiB reserved=0\nhog = user_process(\"hog\", 60MiB)\n";
    /** CPU 1's lists are still unused (pcp->high 0), so its first refill shows what nr_pcp_alloc() does to high. */
    private static final String FIRST_REFILL_ON_CPU_1 = "cpu 1\np = alloc_pages(GFP_KERNEL | GFP_DMA, 0)\n";

    private static Zone dma(Kernel k) { return k.memory().zones().stream().filter(z -> z.type() == ZoneType.DMA).findFirst().orElseThrow(); }

    @Test
    void belowItsHighMarkAZoneKeepsAFirstRefillsPcpHighAtHighMin() {
        Kernel k = KernelFixture.classroom();
        KernelFixture.run(k, DMA_BETWEEN_LOW_AND_HIGH);
        Zone dma = dma(k);
        assertThat(dma.freePages()).isGreaterThan(dma.watermark(Watermark.LOW)).isLessThanOrEqualTo(dma.watermark(Watermark.HIGH));
        KernelFixture.run(k, FIRST_REFILL_ON_CPU_1);
        assertThat(dma.pcpHighMin()).isLessThan(dma.pcpHighMax());
        assertThat(dma.pcpHigh(1)).isEqualTo(dma.pcpHighMin());
    }

    @Test
    void aboveItsHighMarkAFirstRefillRaisesPcpHighByABatch() {
        Kernel k = KernelFixture.classroom();
        KernelFixture.run(k, DMA_ABOVE_HIGH);
        Zone dma = dma(k);
        assertThat(dma.freePages()).isGreaterThan(dma.watermark(Watermark.HIGH));
        KernelFixture.run(k, FIRST_REFILL_ON_CPU_1);
        assertThat(dma.pcpHigh(1)).isEqualTo(dma.pcpHighMin() + dma.pcpBatch());
    }
}
