package kmemviz.core.slab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KmallocSizesTest {

    @ParameterizedTest(name = "kmalloc({0}) -> {1}")
    @CsvSource({ "1,kmalloc-8,8", "8,kmalloc-8,8", "9,kmalloc-16,16", "24,kmalloc-32,32", "64,kmalloc-64,64",
            "65,kmalloc-96,96", "96,kmalloc-96,96", "97,kmalloc-128,128", "128,kmalloc-128,128",
            "129,kmalloc-192,192", "192,kmalloc-192,192", "193,kmalloc-256,256", "257,kmalloc-512,512",
            "1000,kmalloc-1k,1024", "1025,kmalloc-2k,2048", "4096,kmalloc-4k,4096", "4097,kmalloc-8k,8192",
            "8192,kmalloc-8k,8192" })
    void requestSizesRoundUpToTheKernelsCache(long size, String cache, int objectSize) {
        assertThat(KmallocSizes.cacheName(size)).isEqualTo(cache);
        assertThat(KmallocSizes.objectSize(size)).isEqualTo(objectSize);
    }

    @Test
    void sizesAbove8kGoToThePageAllocatorAtGetOrder() {
        assertThat(KmallocSizes.cacheName(8193)).isNull();
        assertThat(KmallocPlan.of(8193).order()).isEqualTo(2);
        assertThat(KmallocPlan.of(16384).order()).isEqualTo(2);
        assertThat(KmallocPlan.of(16385).order()).isEqualTo(3);
        assertThat(KmallocPlan.of(KmallocSizes.KMALLOC_MAX_SIZE).order()).isEqualTo(10);
        assertThat(KmallocPlan.of(KmallocSizes.KMALLOC_MAX_SIZE + 1).kind()).isEqualTo(KmallocPlan.Kind.TOO_LARGE);
    }

    @Test
    void constantsMatchX86With4kPages() {
        assertThat(KmallocSizes.KMALLOC_MAX_CACHE_SIZE).isEqualTo(8192);
        assertThat(KmallocSizes.KMALLOC_MAX_SIZE).isEqualTo(4L << 20);
        assertThat(KmallocSizes.KMALLOC_MIN_SIZE).isEqualTo(8);
    }

    @Test
    void outsideThe96And192BandsEverySizeGoesToTheNextPowerOfTwo() {
        for (int size = 1; size <= 8192; size++) {
            boolean odd = (size > 64 && size <= 96) || (size > 128 && size <= 192);
            int pow2 = Math.max(8, Integer.highestOneBit(size) == size ? size : Integer.highestOneBit(size) << 1);
            assertThat(KmallocSizes.objectSize(size)).as("size %d", size).isEqualTo(odd ? (size <= 96 ? 96 : 192) : pow2);
        }
    }
}
