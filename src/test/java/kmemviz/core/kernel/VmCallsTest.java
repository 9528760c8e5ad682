package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.digest;
import static kmemviz.core.kernel.KernelFixture.last;
import static kmemviz.core.kernel.KernelFixture.reports;
import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.MeminfoReport;
import kmemviz.core.vm.PageSize;
import kmemviz.core.vm.VmapArea;
import kmemviz.core.vm.Walk;
import org.junit.jupiter.api.Test;

class VmCallsTest {
    @Test
    void anOutcomeCarriesItsPageWalkAndTheTlbFiguresAfterIt() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(k, "v = vmalloc(16KiB)");
        long va = k.variables().get("v").address();

        Outcome walk = last(k, "translate(v)");
        Outcome touch = last(k, "touch v");

        assertThat(walk.walk()).isEqualTo(k.vm().translate(va));
        assertThat(walk.walk().mapped()).isTrue();
        assertThat(touch.walk()).isNull();
        assertThat(touch.tlb()).isEqualTo(k.vm().tlb().stats());
        assertThat(touch.tlb().walks()).isEqualTo(4);
        assertThat(walk.tlb().walks()).isZero();                      // the figures as they were after that command
    }



    private static long walksOfTouching(Kernel k, String variable) {
        run(k, "tlb reset\ntouch " + variable);
        return k.vm().tlb().stats().walks();
    }

    @Test
    void aFourMegabyteKmallocCostsOneWalkInsideAGigabytePageAndTwoWithTwoMegabytePages() {
        Kernel gb = new Kernel(Profiles.builtIn("x86_64-16g"));
        run(gb, "k = kmalloc(4MiB, GFP_KERNEL)\nv = vmalloc(4MiB)");
        assertThat(walksOfTouching(gb, "k")).isEqualTo(1);
        assertThat(walksOfTouching(gb, "v")).isEqualTo(1024);
        Kernel twoMeg = new Kernel(Profiles.builtIn("x86_64-16g"));
        run(twoMeg, "machine x86_64-16g gbpages=off\nk = kmalloc(4MiB, GFP_KERNEL)\nv = vmalloc(4MiB)");
        assertThat(walksOfTouching(twoMeg, "k")).isEqualTo(2);
        assertThat(walksOfTouching(twoMeg, "v")).isEqualTo(1024);
        assertThat(MeminfoReport.render(twoMeg)).contains("DirectMap2M:").doesNotContain("DirectMap1G:");
    }

    @Test
    void tlbListenersHearEveryAccessEndInOrder() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        List<Integer> results = new java.util.ArrayList<>();
        k.addKernelListener(new KernelListener() {
            @Override public void accessDone(long vaddr, int result) { results.add(result); }
        });
        run(k, "v = vmalloc(8KiB)\ntouch v\ntouch v");
        assertThat(results).containsExactly(kmemviz.core.vm.Tlb.WALK, kmemviz.core.vm.Tlb.WALK,
                kmemviz.core.vm.Tlb.L1_HIT, kmemviz.core.vm.Tlb.L1_HIT);
    }

    @Test
    void aSecondPassOverTheVmallocBufferHitsTheStlb() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(k, "v = vmalloc(4MiB)\ntouch v\ntlb reset\ntouch v");
        assertThat(k.vm().tlb().stats().walks()).isZero();
        assertThat(k.vm().tlb().stats().stlbHits()).isEqualTo(1024);
    }

    @Test
    void everyVmallocPageTranslatesToItsOwnFrameAndTheGuardPageFaults() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        Allocation a = last(k, "v = vmalloc(64KiB)\nw = vmalloc(8KiB)").allocation();
        long v = k.variables().get("v").address(), w = k.variables().get("w").address();
        assertThat(w - v).isEqualTo(64 * 1024 + 4096);                 // the guard page sits between them
        Allocation va = k.memory().allocations().get(k.variables().get("v").allocId());
        for (int i = 0; i < 16; i++) {
            Walk walk = k.vm().translate(v + i * 4096L);
            assertThat(walk.pageSize()).isEqualTo(PageSize.SIZE_4K);
            assertThat(walk.framePfn()).isEqualTo(va.pages().get(i));
            assertThat(k.memory().frames().owner(walk.framePfn())).isEqualTo(Owner.VMALLOC);
        }
        assertThat(k.vm().translate(v + 16 * 4096L).mapped()).isFalse();
        assertThat(a.nrPages()).isEqualTo(2);
    }

    @Test
    void directMapWalksEndAtTheFrameWithThePageSizeTheDirectMapHasThere() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-16g"));
        Outcome o = last(k, "p = __get_free_pages(GFP_KERNEL, 0)\ntranslate(p)");
        int pfn = k.variables().get("p").pfn();
        assertThat(o.message()).contains("1 GiB page, frame pfn 0x" + Integer.toHexString(pfn));
        Kernel i386 = new Kernel(Profiles.builtIn("i386-1g"));
        Outcome low = last(i386, "p = __get_free_pages(GFP_KERNEL, 0)\ntranslate(p)");
        assertThat(low.message()).contains("PGD").contains("4 MiB page").doesNotContain("PUD");
        assertThat(last(i386, "translate(0xf6ffe000)").status()).isEqualTo(Outcome.Status.REFUSED);   // high_memory: not mapped
    }

    @Test
    void vfreeUnmapsFlushesAndFreesAndASecondVfreeWarns() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(k, "v = vmalloc(16KiB)\ntouch v");
        Outcome free = last(k, "vfree(v)");
        assertThat(free.events()).filteredOn(e -> e.kind() == EventKind.UNMAPPED).singleElement()     // one run of 4 pages
                .satisfies(e -> assertThat(e.nrPages()).isEqualTo(4));
        assertThat(free.events()).anyMatch(e -> e.kind() == EventKind.TLB_FLUSH);
        assertThat(free.events().stream().filter(e -> e.kind() == EventKind.FREED).mapToInt(MmEvent::nrPages).sum()).isEqualTo(4);
        assertThat(k.vm().tlb().occupancy(0)).isZero();
        String before = digest(k.memory());
        Outcome again = last(k, "vfree(v)");
        assertThat(again.status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(reports(again).get(0).text()).contains("Trying to vfree() nonexistent vm area (ffffc90000000000)");
        assertThat(digest(k.memory())).isEqualTo(before);
        assertThat(reports(last(k, "touch v")).get(0).headline()).startsWith("BUG: unable to handle page fault for address");
    }

    @Test
    void vfreeOfATaskStackIsRefusedAndChangesNothing() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(k, "t = create_task(\"w\")");
        String before = digest(k.memory());
        assertThat(last(k, "vfree(t)").status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(last(k, "kvfree(t)").status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(digest(k.memory())).isEqualTo(before);
        assertThat(last(k, "exit_task(t)").status()).isEqualTo(Outcome.Status.OK);
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void anUnalignedVfreeWarnsTwiceAsTheKernelDoes() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(k, "v = vmalloc(8KiB)");
        String before = digest(k.memory());
        Outcome o = last(k, "vfree(0xffffc90000000010)");
        assertThat(reports(o).get(0).text()).contains("Trying to vfree() bad address (ffffc90000000010)")
                .contains("Trying to vfree() nonexistent vm area (ffffc90000000010)").contains("vfree+");
        assertThat(digest(k.memory())).isEqualTo(before);
    }

    @Test
    void vmallocPagesAreAskedForWithNowarnAndTheFailureNamesTheHighmemMask() {
        Kernel k = KernelFixture.classroom();
        // Room above the min watermark for the three slab pages of vmalloc's own objects (vm_struct, vmap_area,
        // pages[]) and one page of the two asked for: the second page fails, quietly, and vmalloc reports it.
        run(k, "machine custom 4MiB dma=1MiB reserved=3948KiB");
        Outcome o = last(k, "v = vmalloc(8KiB)");
        assertThat(o.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(o)).noneMatch(r -> r.text().contains("page allocation failure"));
        assertThat(reports(o)).anyMatch(r -> r.text().contains("vmalloc error: size 4096, failed to allocate pages, mode:0xcc2(GFP_KERNEL|__GFP_HIGHMEM)"));
        Outcome zero = last(k, "z = vmalloc(0)");
        assertThat(reports(zero).get(0).text()).contains("at mm/vmalloc.c:3838");
    }

    @Test
    void vfreeOfAKmallocAddressIsRefused() {
        Kernel k = KernelFixture.classroom();
        run(k, "p = kmalloc(64, GFP_KERNEL)");
        String before = digest(k.memory());
        assertThat(last(k, "vfree(p)").status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(digest(k.memory())).isEqualTo(before);
        assertThat(last(k, "kvfree(p)").status()).isEqualTo(Outcome.Status.OK);       // kvfree sees a kmalloc address
    }

    @Test
    void vmallocInInterruptContextIsABugAndChangesNothing() {
        Kernel k = KernelFixture.classroom();
        String before = digest(k.memory());
        Outcome o = last(k, "context softirq\nv = vmalloc(8KiB)");
        assertThat(o.status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(reports(o).get(0).headline()).startsWith("kernel BUG at mm/vmalloc.c:");
        assertThat(digest(k.memory())).isEqualTo(before);
    }

    @Test
    void vmallocBeyondTheMachineFailsWithTheKernelsWarning() {
        Kernel k = KernelFixture.classroom();
        Outcome o = last(k, "v = vmalloc(64MiB)");
        assertThat(o.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(o).get(0).text()).contains("vmalloc error: size 67108864, exceeds total pages");
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void vmallocBeyondTheI386VmallocAreaFailsForWantOfAddressSpace() {
        Kernel k = new Kernel(Profiles.builtIn("i386-1g"));
        String before = digest(k.memory());
        Outcome o = last(k, "v = vmalloc(200MiB)");
        assertThat(o.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(o).get(0).text())
                .contains("vmalloc_node_range for size 209719296 failed: Address range restricted to 0xf77fe000 - 0xfeffe000")
                .contains("insmod: vmalloc error: size 209715200, vm_struct allocation failed, mode:0xcc0(GFP_KERNEL)");
        assertThat(digest(k.memory())).isEqualTo(before);
    }

    @Test
    void kvmallocTriesKmallocFirstAndFallsBackToVmallocOnlyWhenItMaySleep() {
        Kernel k = KernelFixture.classroom();
        assertThat(last(k, "a = kvmalloc(100, GFP_KERNEL)").allocation().cacheName()).isEqualTo("kmalloc-128");
        run(k, "f = page_cache(\"x\", 3MiB)");                               // no order-9 block is left
        Outcome big = last(k, "b = kvmalloc(2MiB, GFP_KERNEL)");
        assertThat(big.status()).isEqualTo(Outcome.Status.OK);
        assertThat(big.allocation().api()).isEqualTo(kmemviz.core.mm.Api.VMALLOC);
        assertThat(last(k, "c = kvmalloc(2MiB, GFP_ATOMIC)").status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void x86TaskStacksAreVmallocedWithAGuardPage() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(k, "a = create_task(\"a\")\nb = create_task(\"b\")");
        List<VmapArea> areas = k.vm().vmalloc().areas();
        assertThat(areas).extracting(VmapArea::sizeBytes).containsExactly(20480L, 20480L);
        assertThat(areas.get(0).start() % 16384).isZero();
        assertThat(k.memory().frames().owner(k.vm().translate(areas.get(0).start()).framePfn())).isEqualTo(Owner.TASK_STACK);
        assertThat(last(k, "exit_task(a)").status()).isEqualTo(Outcome.Status.OK);
        assertThat(k.vm().vmalloc().areas()).hasSize(1);
    }

    @Test
    void kmapGivesAHighmemPageATemporaryAddressThatKunmapKeepsUntilTheFlush() {
        Kernel k = new Kernel(Profiles.builtIn("i386-1g"));
        run(k, "p = alloc_pages(GFP_HIGHUSER, 0)");
        assertThat(last(k, "translate(p)").status()).isEqualTo(Outcome.Status.ERROR);
        Outcome map = last(k, "m = kmap(p)");
        assertThat(map.events()).anyMatch(e -> e.kind() == EventKind.KMAP);
        long vaddr = k.variables().get("m").address();
        assertThat(vaddr).isEqualTo(0xff001000L);                              // PKMAP_BASE + slot 1
        assertThat(k.vm().translate(vaddr).framePfn()).isEqualTo(k.variables().get("p").pfn());
        assertThat(last(k, "kunmap(p)").events()).anyMatch(e -> e.kind() == EventKind.KUNMAP);
        assertThat(k.vm().translate(vaddr).mapped()).isTrue();                 // unused, but mapped until flush_all_zero_pkmaps()
        assertThat(last(k, "kunmap(p)").status()).isEqualTo(Outcome.Status.REFUSED);
    }

    @Test
    void touchingFreedKmallocMemoryIsAUseAfterFree() {
        Kernel k = KernelFixture.classroom();
        run(k, "p = kmalloc(64, GFP_KERNEL)\nq = kmalloc(64, GFP_KERNEL)\nkfree(p)");
        long before = k.vm().tlb().stats().accesses();
        Outcome o = last(k, "touch p");
        assertThat(reports(o).get(0).headline()).isEqualTo("BUG: KASAN: slab-use-after-free in touch");
        assertThat(k.vm().tlb().stats().accesses()).isEqualTo(before);
    }

    @Test
    void aSmallConfiguredTlbEvictsTheLeastRecentlyUsedEntry() {
        Kernel k = KernelFixture.classroom();
        run(k, "tlb l1-4k 2 2\ntlb stlb 12 12\nmachine classroom");
        run(k, "tlb l1-4k 2 2\ntlb stlb 12 12\nv = vmalloc(12KiB)\ntouch v\ntlb reset\ntouch v stride=4096");
        assertThat(k.vm().tlb().stats().l1Hits()).isZero();                     // 3 pages through 2 L1 slots: LRU misses every time
        assertThat(k.vm().tlb().stats().stlbHits()).isEqualTo(3);
    }
}
