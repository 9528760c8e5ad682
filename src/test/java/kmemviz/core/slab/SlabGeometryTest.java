package kmemviz.core.slab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlabGeometryTest {
    private static final String[] NAMES = { "kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96",
            "kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k", "kmalloc-8k" };
    private static final int[] SIZES = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192 };

    private static void assertTable(int nrCpus, int[][] objsPages) {
        for (int i = 0; i < SIZES.length; i++) {
            SlabGeometry g = SlabGeometry.forKmalloc(SIZES[i], nrCpus, 8);
            assertThat(new int[] { g.size(), g.objectsPerSlab(), g.pagesPerSlab() }).as(NAMES[i] + " on " + nrCpus + " CPUs")
                    .containsExactly(SIZES[i], objsPages[i][0], objsPages[i][1]);
        }
    }

    /**
     * Capture B: intel/mfd-host tests/unit/test_mfd_host/test_feature/test_stats/test_linux.py (test_get_slabinfo),
     * kmalloc-* lines, read at commit 5a76e5d9. Every value matches 2..7 present CPUs; the profile has 4.
     */
    @Test
    void kmallocGeometryOnFourCpusMatchesCaptureB() {
        assertTable(4, new int[][] { {512, 1}, {256, 1}, {128, 1}, {64, 1}, {42, 1}, {32, 1}, {21, 1}, {16, 1},
                {16, 2}, {16, 4}, {16, 8}, {8, 8}, {4, 8} });
    }

    /** The i386 profile has 2 CPUs: same column of the formula (2..3 CPUs) as capture B, and 8-byte alignment still. */
    @Test
    void kmallocGeometryOnTwoCpusOfI386EqualsTheFourCpuColumn() {
        for (int size : SIZES) {
            SlabGeometry g32 = SlabGeometry.forKmalloc(size, 2, 4), g64 = SlabGeometry.forKmalloc(size, 4, 8);
            assertThat(g32.order()).as("kmalloc-%d", size).isEqualTo(g64.order());
            assertThat(g32.size()).isEqualTo(size);
        }
    }

    /** Capture A: smallkirby/p3land content/kernel/slub/_index.md (as quoted by the reference, §2.4): a 1-CPU guest. */
    @Test
    void kmallocGeometryOnOneCpuMatchesCaptureA() {
        assertTable(1, new int[][] { {512, 1}, {256, 1}, {128, 1}, {64, 1}, {42, 1}, {32, 1}, {21, 1}, {16, 1},
                {8, 1}, {8, 2}, {8, 4}, {8, 8}, {4, 8} });
    }

    /**
     * Capture C: htop-dev/htop issue 821, comment by wooque (dma-kmalloc-* and kmalloc-rcl-8k/4k lines, same geometry
     * as kmalloc-*): 8..15 CPUs.
     */
    @Test
    void kmallocGeometryOnEightCpusMatchesCaptureC() {
        assertTable(8, new int[][] { {512, 1}, {256, 1}, {128, 1}, {64, 1}, {42, 1}, {32, 1}, {21, 1}, {32, 2},
                {32, 4}, {32, 8}, {16, 8}, {8, 8}, {4, 8} });
    }

    /** Capture D: crash-utility/crash issue 218 (old kernel, same thresholds): 128 and more CPUs. */
    @Test
    void largeMachinesUseHigherOrdersAsInCaptureD() {
        assertThat(SlabGeometry.forKmalloc(128, 128, 8).objectsPerSlab()).isEqualTo(64);
        assertThat(SlabGeometry.forKmalloc(192, 128, 8).objectsPerSlab()).isEqualTo(42);
        assertThat(SlabGeometry.forKmalloc(256, 128, 8).pagesPerSlab()).isEqualTo(4);
        assertThat(SlabGeometry.forKmalloc(512, 128, 8).objectsPerSlab()).isEqualTo(64);
        assertThat(SlabGeometry.forKmalloc(1024, 128, 8).objectsPerSlab()).isEqualTo(32);
    }

    @Test
    void kmallocAlignmentIsTheLargestPowerOfTwoDividingTheSize() {
        assertThat(SlabGeometry.forKmalloc(96, 4, 8).align()).isEqualTo(32);
        assertThat(SlabGeometry.forKmalloc(192, 4, 8).align()).isEqualTo(64);
        assertThat(SlabGeometry.forKmalloc(8192, 4, 8).align()).isEqualTo(8192);
    }

    @Test
    void freePointerSitsMidObjectAlignedDownToThePointerSize() {
        assertThat(SlabGeometry.compute(12, 0, 4, 8).freePointerOffset()).isZero();
        assertThat(SlabGeometry.compute(12, 0, 2, 4).freePointerOffset()).isEqualTo(4);
        assertThat(SlabGeometry.compute(100, 0, 4, 8).freePointerOffset()).isEqualTo(48);
    }

    @Test
    void oddObjectSizesAreRoundedToEightBytesOnBothWordSizes() {
        assertThat(SlabGeometry.compute(12, 0, 4, 8).size()).isEqualTo(16);
        assertThat(SlabGeometry.compute(12, 0, 2, 4).size()).isEqualTo(16);
        assertThat(SlabGeometry.compute(100, 64, 4, 8).size()).isEqualTo(128);
    }

    @Test
    void taskStructSizedObjectsCapMinObjectsByWhatOrderThreeHolds() {
        // task_struct 5696 5/8 in capture B's listing.
        SlabGeometry g = SlabGeometry.compute(5696, 64, 4, 8);
        assertThat(new int[] { g.objectsPerSlab(), g.pagesPerSlab() }).containsExactly(5, 8);
    }

    @Test
    void minPartialIsFiveUpTo2kAndSixFor4kAnd8k() {
        assertThat(KmemCache.minPartialFor(8)).isEqualTo(5);
        assertThat(KmemCache.minPartialFor(2048)).isEqualTo(5);
        assertThat(KmemCache.minPartialFor(4096)).isEqualTo(6);
        assertThat(KmemCache.minPartialFor(8192)).isEqualTo(6);
        assertThat(KmemCache.minPartialFor(4 << 20)).isEqualTo(10);
    }

    @Test
    void minOrderIsTheOrderOfOneObject() {
        assertThat(SlabGeometry.forKmalloc(8192, 4, 8).minOrder()).isEqualTo(1);
        assertThat(SlabGeometry.forKmalloc(64, 4, 8).minOrder()).isZero();
    }
}
