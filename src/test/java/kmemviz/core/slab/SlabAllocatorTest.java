package kmemviz.core.slab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlabAllocatorTest {
    private static final int GFP_KERNEL = 0xcc0;
    private final BumpPageSource pages = new BumpPageSource();
    private final SlabAllocator slab = new SlabAllocator(pages, 4, 8, new kmemviz.core.mm.Taint());

    @Test
    void kfreeOfNullIsIgnored() {
        assertThat(slab.kfree(SlabAllocator.NULL)).isSameAs(FreeResult.IGNORED);
        assertThat(slab.ksize(SlabAllocator.NULL)).isZero();
        assertThat(pages.allocCalls).isZero();
    }

    @Test
    void ksizeIsTheBucketSize() {
        long p = slab.kmallocCache(100).alloc(GFP_KERNEL, pages);
        assertThat(slab.ksize(p)).isEqualTo(128);
        slab.kfree(p);
        assertThat(slab.ksize(p)).isZero();
    }

    @Test
    void freeingToTheWrongCacheWarnsAndFreesToTheRealOne() {
        KmemCache demo = slab.kmemCacheCreate("demo_cache", 64).cache();
        long p = slab.kmallocCache(64).alloc(GFP_KERNEL, pages);
        slab.setReportContext(1, 1234);
        FreeResult r = slab.kmemCacheFree(demo, p);
        assertThat(r.status()).isEqualTo(FreeResult.Status.WRONG_CACHE);
        assertThat(r.freed()).isTrue();
        assertThat(r.report()).containsExactly("------------[ cut here ]------------",
                "cache_from_obj: Wrong slab cache. demo_cache but object is from kmalloc-64",
                "WARNING: CPU: 1 PID: 1234 at mm/slub.c:4770 kmem_cache_free");
        assertThat(slab.kmallocCache(64).activeObjs()).isZero();
        assertThat(slab.tainted()).isEqualTo("Tainted: G        W         ");
    }

    @Test
    void kmemCacheFreeOfANonSlabPointerWarnsOnceAndFreesNothing() {
        KmemCache demo = slab.kmemCacheCreate("demo_cache", 64).cache();
        FreeResult r = slab.kmemCacheFree(demo, 0x5000_0000L);
        assertThat(r.status()).isEqualTo(FreeResult.Status.NOT_SLAB);
        assertThat(r.report()).contains("virt_to_cache: Object is not a Slab page!");
        assertThat(slab.kmemCacheFree(demo, 0x5000_0000L).report()).isEmpty();
    }

    @Test
    void destroyingACacheWithLiveObjectsReportsThemAndLeaksTheCache() {
        KmemCache demo = slab.kmemCacheCreate("demo_cache", 1000).cache();   // 1000 -> 1000 bytes, 32 per order-3 slab
        long a = demo.alloc(GFP_KERNEL, pages);
        long b = demo.alloc(GFP_KERNEL, pages);
        slab.kfree(a);
        DestroyResult r = slab.kmemCacheDestroy(demo, "demo_exit+0x1a/0x30 [demo]");
        assertThat(r.destroyed()).isFalse();
        long base = b & ~((4096L << demo.geometry().order()) - 1);
        assertThat(r.report()).containsExactly(
                "=============================================================================",
                "BUG demo_cache (Not tainted): Objects remaining on __kmem_cache_shutdown()",
                "-----------------------------------------------------------------------------",
                "",
                "Object " + String.format("0x%016x", 0xffff888000000000L + b) + " @offset=" + (b - base),
                "------------[ cut here ]------------",
                "kmem_cache_destroy demo_cache: Slab cache still has objects when called from demo_exit+0x1a/0x30 [demo]",
                "WARNING: CPU: 0 PID: 1 at mm/slab_common.c:548 kmem_cache_destroy");
        assertThat(slab.cache("demo_cache")).isNull();
        assertThat(slab.cacheOf(b)).isSameAs(demo);                 // leaked: its slab keeps its pages
        assertThat(SlabinfoFormat.render(slab)).doesNotContain("demo_cache");
        assertThat(slab.kfree(b)).isSameAs(FreeResult.FREED);   // the slab still points at the leaked cache
        assertThat(slab.checkInvariants()).isEmpty();
    }

    @Test
    void destroyingAnEmptyCacheReturnsItsPages() {
        KmemCache demo = slab.kmemCacheCreate("demo_cache", 200).cache();
        long a = demo.alloc(GFP_KERNEL, pages);
        slab.kmemCacheFree(demo, a);
        DestroyResult r = slab.kmemCacheDestroy(demo, "demo_exit+0x1a/0x30 [demo]");
        assertThat(r.destroyed()).isTrue();
        assertThat(r.report()).isEmpty();
        assertThat(pages.live).isEmpty();
    }

    @Test
    void aDuplicateNameWarnsButStillCreatesTheCache() {
        slab.kmemCacheCreate("demo", 32);
        CacheCreateResult r = slab.kmemCacheCreate("demo", 32);
        assertThat(r.cache()).isNotNull();
        assertThat(r.report()).contains("kmem_cache of name 'demo' already exists");
    }

    @Test
    void anOversizeCacheFailsTheIntegrityCheck() {
        CacheCreateResult r = slab.kmemCacheCreate("huge", (4 << 20) + 1);
        assertThat(r.cache()).isNull();
        assertThat(r.report()).containsExactly("kmem_cache_create(huge) integrity check failed");
    }

    @Test
    void slabinfoLinesUseTheKernelsColumnWidths() {
        // Real lines from capture B (intel/mfd-host test_linux.py, test_get_slabinfo).
        assertThat(SlabinfoFormat.line("kmalloc-8k", 160, 160, 8192, 4, 8, 40, 40))
                .isEqualTo("kmalloc-8k           160    160   8192    4    8 : tunables    0    0    0 : slabdata     40     40      0");
        assertThat(SlabinfoFormat.line("kmalloc-64", 59418, 59904, 64, 64, 1, 936, 936))
                .isEqualTo("kmalloc-64         59418  59904     64   64    1 : tunables    0    0    0 : slabdata    936    936      0");
        assertThat(SlabinfoFormat.line("kmalloc-rcl-512", 125, 384, 512, 16, 2, 24, 24))
                .isEqualTo("kmalloc-rcl-512      125    384    512   16    2 : tunables    0    0    0 : slabdata     24     24      0");
    }

    @Test
    void slabinfoListsNewestFirstEndingWith192And96() {
        slab.kmemCacheCreate("demo_cache", 64);
        for (int i = 0; i < 33; i++) slab.kmallocCache(100).alloc(GFP_KERNEL, pages);
        List<String> lines = SlabinfoFormat.render(slab).lines().toList();
        assertThat(lines.get(0)).isEqualTo("slabinfo - version: 2.1");
        assertThat(lines.get(1)).isEqualTo(SlabinfoFormat.HEADER_LINE);
        assertThat(lines.stream().skip(2).map(l -> l.split(" ")[0]).toList()).containsExactly("demo_cache",
                "kmalloc-8k", "kmalloc-4k", "kmalloc-2k", "kmalloc-1k", "kmalloc-512", "kmalloc-256", "kmalloc-128",
                "kmalloc-64", "kmalloc-32", "kmalloc-16", "kmalloc-8", "kmalloc-192", "kmalloc-96");
        assertThat(lines).contains("kmalloc-128           33     64    128   32    1 : tunables    0    0    0 : slabdata      2      2      0");
    }
}
