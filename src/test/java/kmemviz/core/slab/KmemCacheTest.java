package kmemviz.core.slab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmemCacheTest {
    private static final int GFP_KERNEL = 0xcc0;
    private final BumpPageSource pages = new BumpPageSource();
    private final SlabAllocator slab = new SlabAllocator(pages, 4, 8, new kmemviz.core.mm.Taint());

    @Test
    void thirtyTwoKmallocsOf100FillOneKmalloc128PageAndTheNextStartsASecond() {
        KmemCache k128 = slab.kmallocCache(100);
        assertThat(k128.name()).isEqualTo("kmalloc-128");
        assertThat(k128.geometry().order()).isZero();   // calculate_order on 4 CPUs: 32 objects, no waste, order 0
        long first = slab.kmallocCache(100).alloc(GFP_KERNEL, pages);
        for (int i = 1; i < 32; i++) assertThat(slab.kmallocCache(100).alloc(GFP_KERNEL, pages)).isEqualTo(first + 128L * i);
        assertThat(k128.numSlabs()).isEqualTo(1);
        assertThat(k128.nrFull()).isEqualTo(1);
        long thirtyThird = slab.kmallocCache(100).alloc(GFP_KERNEL, pages);
        assertThat(k128.numSlabs()).isEqualTo(2);
        assertThat(thirtyThird >>> 12).isNotEqualTo(first >>> 12);
        assertThat(k128.activeObjs()).isEqualTo(33);
        assertThat(k128.numObjs()).isEqualTo(64);
        assertThat(slab.checkInvariants()).isEmpty();
    }

    @Test
    void doubleFreeIsReportedAndChangesNothing() {
        long a = slab.kmallocCache(128).alloc(GFP_KERNEL, pages);
        slab.kmallocCache(128).alloc(GFP_KERNEL, pages);
        assertThat(slab.kfree(a)).isSameAs(FreeResult.FREED);
        String before = SlabinfoFormat.render(slab);
        FreeResult again = slab.kfree(a);
        assertThat(again.status()).isEqualTo(FreeResult.Status.ALREADY_FREE);
        assertThat(again.freed()).isFalse();
        assertThat(again.report()).element(1).isEqualTo("BUG kmalloc-128 (Not tainted): Object already free");
        assertThat(again.report()).last().asString().startsWith("FIX kmalloc-128: Object at 0xffff888").endsWith(" not freed");
        assertThat(SlabinfoFormat.render(slab)).isEqualTo(before);
        assertThat(slab.checkInvariants()).isEmpty();
    }

    @Test
    void theSecondReportShowsTheBadPageAndWarnTaints() {
        long a = slab.kmallocCache(64).alloc(GFP_KERNEL, pages);
        slab.kfree(a);
        slab.kfree(a);
        assertThat(slab.kfree(a).report()).element(1)
                .isEqualTo("BUG kmalloc-64 (Tainted: G    B   W         ): Object already free");
    }

    @Test
    void freeingTheMiddleOfAnObjectIsAnInvalidPointerAndFreesNothing() {
        long a = slab.kmallocCache(64).alloc(GFP_KERNEL, pages);
        FreeResult r = slab.kfree(a + 8);
        assertThat(r.status()).isEqualTo(FreeResult.Status.INVALID_POINTER);
        assertThat(r.report().get(1)).isEqualTo("BUG kmalloc-64 (Not tainted): Invalid object pointer "
                + String.format("0x%016x", 0xffff888000000000L + a + 8));
        assertThat(slab.ksize(a)).isEqualTo(64);
        assertThat(slab.kmallocCache(64).activeObjs()).isEqualTo(1);
    }

    @Test
    void theLeftoverTailOfAKmalloc96SlabIsNotAnObject() {
        long a = slab.kmallocCache(96).alloc(GFP_KERNEL, pages);
        long tail = (a & ~4095L) + 42 * 96;   // 4096 = 42 * 96 + 64
        assertThat(slab.kfree(tail).status()).isEqualTo(FreeResult.Status.INVALID_POINTER);
    }

    @Test
    void addressesOutsideEverySlabAreLeftToTheLargeKmallocPath() {
        assertThat(slab.kfree(0x7000_0000L).status()).isEqualTo(FreeResult.Status.NOT_SLAB);
        KmemCache standalone = new KmemCache("demo", SlabGeometry.compute(40, 0, 4, 8));
        assertThat(standalone.free(0x7000_0000L, pages)).isEqualTo(KmemCache.FreeStatus.NOT_IN_CACHE);
    }

    @Test
    void emptiedSlabsStayOnlyWhileFewerThanMinPartialSlabsArePartial() {
        KmemCache k4k = slab.kmallocCache(4096);   // 8 objects per order-3 slab, min_partial 6
        List<long[]> slabs = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            long[] objs = new long[8];
            for (int i = 0; i < 8; i++) objs[i] = slab.kmallocCache(4096).alloc(GFP_KERNEL, pages);
            slabs.add(objs);
        }
        assertThat(k4k.numSlabs()).isEqualTo(8);
        for (long[] objs : slabs) for (long o : objs) slab.kfree(o);
        // __slab_free() discards an emptied slab once nr_partial >= min_partial (6), counting the slab itself:
        // slabs 1..5 empty with 1..5 partial and stay, slabs 6..8 find 6 partial and go back.
        assertThat(k4k.numSlabs()).isEqualTo(5);
        assertThat(pages.freeCalls).isEqualTo(3);
        assertThat(k4k.shrink(pages)).isEqualTo(5);
        assertThat(pages.live).isEmpty();
        assertThat(slab.checkInvariants()).isEmpty();
    }

    @Test
    void aPartlyEmptiedSlabIsDiscardedWhenItEmptiesWithMinPartialOthersPartial() {
        KmemCache k64 = slab.kmallocCache(64);
        long[][] objs = new long[7][64];
        for (long[] s : objs) for (int i = 0; i < 64; i++) s[i] = slab.kmallocCache(64).alloc(GFP_KERNEL, pages);
        for (int s = 0; s < 6; s++) slab.kfree(objs[s][0]);   // six partial slabs
        for (int i = 0; i < 64; i++) slab.kfree(objs[6][i]);  // the seventh empties: 6 >= min_partial 5
        assertThat(k64.numSlabs()).isEqualTo(6);
        assertThat(slab.checkInvariants()).isEmpty();
    }

    @Test
    void aFailedHigherOrderSlabFallsBackToTheOrderOfOneObject() {
        BumpPageSource tight = new BumpPageSource(2);   // two pages: order 3 fails, order 1 fits
        SlabAllocator small = new SlabAllocator(tight, 4, 8, new kmemviz.core.mm.Taint());
        long a = small.kmallocCache(8192).alloc(GFP_KERNEL, tight);
        KmemCache k8k = small.kmallocCache(8192);
        assertThat(a).isNotNegative();
        assertThat(k8k.slabOrder(k8k.slabOf(a))).isEqualTo(1);
        assertThat(k8k.slabObjects(k8k.slabOf(a))).isEqualTo(1);
        assertThat(small.kmallocCache(8192).alloc(GFP_KERNEL, tight)).isEqualTo(SlabAllocator.NULL);
        assertThat(small.checkInvariants()).isEmpty();
    }

    @Test
    void theFirstSlabAttemptMayFailQuietlyAndTheRetryUsesTheCallersMask() {
        BumpPageSource none = new BumpPageSource(0);
        KmemCache k8k = new KmemCache("kmalloc-8k", SlabGeometry.forKmalloc(8192, 4, 8));
        assertThat(k8k.alloc(GFP_KERNEL, none)).isEqualTo(KmemCache.NULL);
        assertThat(none.allocCalls).isEqualTo(2);
        assertThat(none.lastGfp).isEqualTo(GFP_KERNEL | kmemviz.core.mm.Gfp.COMP);
        assertThat(k8k.checkInvariants()).isEmpty();
    }

    @Test
    void lookupsFindTheSlabAndObjectOfAnyByteOfAnObject() {
        long a = slab.kmallocCache(8192).alloc(GFP_KERNEL, pages);
        long b = slab.kmallocCache(8192).alloc(GFP_KERNEL, pages);
        KmemCache k8k = slab.kmallocCache(8192);
        assertThat(k8k.objectStart(b + 5000)).isEqualTo(b);
        assertThat(k8k.objectIndexOf(b + 5000)).isEqualTo(1);
        assertThat(k8k.slabOf(b)).isEqualTo(k8k.slabOf(a));
        assertThat(slab.cacheOf(b + 4096)).isSameAs(k8k);
    }
}
