package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.digest;
import static kmemviz.core.kernel.KernelFixture.last;
import static kmemviz.core.kernel.KernelFixture.reports;
import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profiles;
import kmemviz.core.slab.KmemCache;
import kmemviz.core.slab.SlabinfoFormat;
import org.junit.jupiter.api.Test;

class SlabCallsTest {


    @Test
    void thirtyTwoKmallocsOfOneHundredBytesFillOneKmalloc128PageAndTheNextStartsASecond() {
        Kernel k = KernelFixture.classroom();
        for (int i = 0; i < 32; i++) run(k, "p" + i + " = kmalloc(100, GFP_KERNEL)");
        KmemCache c = k.slab().allocator().cache("kmalloc-128");
        assertThat(c.numSlabs()).isEqualTo(1);
        assertThat(c.activeObjs()).isEqualTo(32);
        int firstPage = k.variables().get("p0").pfn();
        assertThat(k.variables().get("p31").pfn()).isEqualTo(firstPage);
        assertThat(k.memory().frames().owner(firstPage)).isEqualTo(Owner.SLAB);
        run(k, "p32 = kmalloc(100, GFP_KERNEL)");
        assertThat(c.numSlabs()).isEqualTo(2);
        assertThat(k.variables().get("p32").pfn()).isNotEqualTo(firstPage);
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void anObjectRecordsItsInternalFragmentation() {
        Kernel k = KernelFixture.classroom();
        Allocation a = last(k, "p = kmalloc(100, GFP_KERNEL)   # my_driver_probe").allocation();
        assertThat(a.cacheName()).isEqualTo("kmalloc-128");
        assertThat(a.requestedBytes()).isEqualTo(100);
        assertThat(a.actualBytes()).isEqualTo(128);
        assertThat(a.caller()).isEqualTo("my_driver_probe");
        assertThat(a.zeroed()).isFalse();
        assertThat(last(k, "z = kzalloc(100, GFP_KERNEL)").allocation().zeroed()).isTrue();
    }

    @Test
    void kmallocOfZeroReturnsZeroSizePtrAndKfreeOfItOrOfNullDoesNothing() {
        Kernel k = KernelFixture.classroom();
        String before = digest(k.memory());
        assertThat(last(k, "z = kmalloc(0, GFP_KERNEL)").message()).contains("ZERO_SIZE_PTR");
        assertThat(k.variables().get("z").address()).isEqualTo(0x10);
        assertThat(last(k, "expect z != NULL").status()).isEqualTo(Outcome.Status.OK);
        assertThat(last(k, "kfree(z)").status()).isEqualTo(Outcome.Status.OK);
        assertThat(last(k, "kfree(NULL)").status()).isEqualTo(Outcome.Status.OK);
        assertThat(digest(k.memory())).isEqualTo(before);
    }

    @Test
    void kcallocReturnsNullWhenTheProductOverflowsSizeT() {
        Kernel k = KernelFixture.classroom();
        Outcome o = last(k, "a = kcalloc(0x2000000000000000, 16, GFP_KERNEL)");
        assertThat(o.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(o)).isEmpty();                            // check_mul_overflow() warns about nothing
        Outcome small = last(k, "b = kcalloc(10, 12, GFP_KERNEL)");
        assertThat(small.allocation().cacheName()).isEqualTo("kmalloc-128");
        assertThat(small.allocation().zeroed()).isTrue();
        Outcome fourGiB = last(k, "c = kcalloc(0x10000, 0x10000, GFP_KERNEL)");   // fits a 64-bit size_t, too big to allocate
        assertThat(fourGiB.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(fourGiB)).extracting(KernelReport::kind).containsExactly(KernelReport.Kind.WARNING);
        Kernel i386 = new Kernel(Profiles.builtIn("i386-1g"));
        assertThat(last(i386, "d = kmalloc_array(0x10000, 0x10000, GFP_KERNEL)").status()).isEqualTo(Outcome.Status.NULL_RESULT);
    }

    @Test
    void largeRequestsGoToThePageAllocatorAndOversizeOnesWarn() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        Allocation big = last(k, "b = kmalloc(20000, GFP_KERNEL)").allocation();
        assertThat(big.owner()).isEqualTo(Owner.KMALLOC_LARGE);
        assertThat(big.order()).isEqualTo(3);
        assertThat(last(k, "expect ksize(b) == 32768").status()).isEqualTo(Outcome.Status.OK);
        Outcome huge = last(k, "h = kmalloc(8MiB, GFP_KERNEL)");
        assertThat(huge.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(huge).get(0).text()).contains("WARNING: CPU: 0 PID: 1234 at mm/page_alloc.c:4835");   // WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER), 6.12.118
        assertThat(last(k, "kfree(b)").status()).isEqualTo(Outcome.Status.OK);
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void kreallocStaysInPlaceWhileTheBucketFitsAndMovesOtherwise() {
        Kernel k = KernelFixture.classroom();
        run(k, "p = kmalloc(100, GFP_KERNEL)");
        long before = k.variables().get("p").address();
        run(k, "q = krealloc(p, 120, GFP_KERNEL)");
        assertThat(k.variables().get("q").address()).isEqualTo(before);
        Outcome moved = last(k, "r = krealloc(q, 300, GFP_KERNEL)");
        assertThat(moved.allocation().cacheName()).isEqualTo("kmalloc-512");
        assertThat(k.slab().allocator().cache("kmalloc-128").activeObjs()).isZero();
        Outcome zero = last(k, "s = krealloc(r, 0, GFP_KERNEL)");
        assertThat(zero.message()).contains("ZERO_SIZE_PTR");
        assertThat(k.memory().allocations().all()).noneMatch(Allocation::isObject);
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void aDoubleKfreeGivesSlubsReportAndChangesNothing() {
        Kernel k = KernelFixture.classroom();
        run(k, "p = kmalloc(64, GFP_KERNEL)\nq = kmalloc(64, GFP_KERNEL)\nkfree(p)");
        String before = digest(k.memory());
        Outcome o = last(k, "kfree(p)");
        assertThat(o.status()).isEqualTo(Outcome.Status.REFUSED);
        KernelReport r = reports(o).get(0);
        assertThat(r.headline()).isEqualTo("BUG kmalloc-64 (Not tainted): Object already free");
        assertThat(r.text()).contains("FIX kmalloc-64: Object at 0xffff888000").contains("already freed by kfree(p)");
        assertThat(digest(k.memory())).isEqualTo(before);
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void kfreeOfTheMiddleOfAnObjectIsAnInvalidPointer() {
        Kernel k = KernelFixture.classroom();
        run(k, "p = kmalloc(64, GFP_KERNEL)");
        long middle = k.variables().get("p").address() + 8;
        Outcome o = last(k, "kfree(0x" + Long.toHexString(middle) + ")");
        assertThat(o.status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(reports(o).get(0).headline()).contains("Invalid object pointer");
        assertThat(reports(o).get(0).text()).contains("inside the object of p = kmalloc(64, GFP_KERNEL)");
        assertThat(k.slab().allocator().cache("kmalloc-64").activeObjs()).isEqualTo(1);
    }

    @Test
    void kfreeOfAnAddressKmallocNeverReturnedIsReported() {
        Kernel k = KernelFixture.classroom();
        String before = digest(k.memory());
        Outcome o = last(k, "kfree(0xffff888000300000)");         // a free page in Normal
        assertThat(o.status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(reports(o).get(0).text()).contains("VM_BUG_ON_PAGE(page_ref_count(page) == 0)");
        assertThat(digest(k.memory())).isEqualTo(before);
    }

    @Test
    void kmemCacheFreeToTheWrongCacheWarnsAndFreesToTheRealOne() {
        Kernel k = KernelFixture.classroom();
        run(k, "a = kmem_cache_create(\"foo\", 100)\nb = kmem_cache_create(\"bar\", 200)\no = kmem_cache_alloc(a, GFP_KERNEL)");
        Outcome o = last(k, "kmem_cache_free(b, o)");
        assertThat(reports(o).get(0).text()).contains("cache_from_obj: Wrong slab cache. bar but object is from foo");
        assertThat(k.slab().allocator().cache("foo").activeObjs()).isZero();
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void destroyingACacheWithLiveObjectsReportsAndLeaksIt() {
        Kernel k = KernelFixture.classroom();
        run(k, "c = kmem_cache_create(\"task_struct\", 7296)\no = kmem_cache_alloc(c, GFP_KERNEL)");
        Outcome o = last(k, "kmem_cache_destroy(c)");
        assertThat(reports(o).get(0).text()).contains("Objects remaining on __kmem_cache_shutdown()")
                .contains("Slab cache still has objects when called from");
        assertThat(k.slab().allocator().cache("task_struct")).isNull();
        assertThat(SlabinfoFormat.render(k.slab().allocator())).doesNotContain("task_struct");
        assertThat(last(k, "p = kmem_cache_alloc(c, GFP_KERNEL)").status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void sleepingCallsOutsideProcessContextAreReported() {
        Kernel k = KernelFixture.classroom();
        run(k, "context hardirq");
        assertThat(reports(last(k, "p = kmalloc(64, GFP_KERNEL)")).get(0).text())
                .contains("in_atomic(): 1, irqs_disabled(): 1").contains("preempt_count: 10000");
        assertThat(reports(last(k, "q = kmalloc(64, GFP_ATOMIC)"))).isEmpty();
        assertThat(reports(last(k, "c = kmem_cache_create(\"x\", 64)")).get(0).text()).contains("kernel/locking/mutex.c:283");
        assertThat(reports(last(k, "kfree(p)"))).isEmpty();          // kfree never sleeps
    }

    @Test
    void kmallocWithDmaUsesTheDmaTwinCacheAndDmaPages() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        Allocation a = last(k, "p = kmalloc(100, GFP_KERNEL | GFP_DMA)").allocation();
        assertThat(a.cacheName()).isEqualTo("dma-kmalloc-128");
        assertThat(k.memory().zoneOf((int) (a.objectAddress() >>> 12)).name()).isEqualTo("DMA");
        Outcome fixed = last(k, "q = kmalloc(100, GFP_KERNEL | __GFP_HIGHMEM)");
        assertThat(reports(fixed).get(0).headline()).isEqualTo(
                "Unexpected gfp: 0x2 (__GFP_HIGHMEM). Fixing up to gfp: 0xcc0 (GFP_KERNEL). Fix your code!");
        // kmalloc_fix_flags() runs only when a new slab needs pages: the next object comes from that slab, silently.
        assertThat(reports(last(k, "r = kmalloc(100, GFP_KERNEL | __GFP_HIGHMEM)"))).isEmpty();
    }

    @Test
    void aSlabThatCannotGetPagesPrintsSlubsOutOfMemoryReport() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 4MiB dma=1MiB reserved=4092KiB");
        Outcome o = last(k, "p = kmalloc(8, GFP_KERNEL)");
        assertThat(o.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(o)).extracting(KernelReport::headline).contains(
                "SLUB: Unable to allocate memory on CPU 0 (of node 0) on node -1, gfp=0xcc0(GFP_KERNEL)");
        assertThat(reports(o).get(reports(o).size() - 1).text())
                .contains("  cache: kmalloc-8, object size: 8, buffer size: 8, default order: 0, min order: 0");
        assertThat(reports(last(k, "q = kmalloc(8, GFP_KERNEL | __GFP_NOWARN)")))         // the OOM killer still reports
                .noneMatch(r -> r.headline().startsWith("SLUB:") || r.headline().contains("page allocation failure"));
    }

    @Test
    void taskStacksAreThreadSizeFromThePageAllocator() {
        Kernel k64 = KernelFixture.classroom();
        assertThat(last(k64, "t = create_task(\"worker\")").allocation().sizeBytes()).isEqualTo(16384);
        Kernel k32 = new Kernel(Profiles.builtIn("i386-1g"));
        Allocation stack = last(k32, "t = create_task(\"worker\")").allocation();
        assertThat(stack.order()).isEqualTo(1);
        assertThat(stack.owner()).isEqualTo(Owner.TASK_STACK);
        assertThat(last(k32, "exit_task(t)").status()).isEqualTo(Outcome.Status.OK);
        assertThat(last(k32, "exit_task(t)").status()).isEqualTo(Outcome.Status.ERROR);
    }

    @Test
    void theSelectedObjectsFreeCallMatchesItsApi() {
        Kernel k = KernelFixture.classroom();
        run(k, "c = kmem_cache_create(\"foo\", 40)\no = kmem_cache_alloc(c, GFP_KERNEL)\np = kmalloc(10, GFP_KERNEL)");
        assertThat(k.freeCommandFor(k.variables().get("o").allocId()).text()).isEqualTo("kmem_cache_free(c, o)");
        assertThat(k.freeCommandFor(k.variables().get("p").allocId()).text()).isEqualTo("kfree(p)");
    }
}
