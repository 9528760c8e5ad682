package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.digest;
import static kmemviz.core.kernel.KernelFixture.last;
import static kmemviz.core.kernel.KernelFixture.reports;
import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.BuddyinfoReport;
import org.junit.jupiter.api.Test;

class KernelTest {


    @Test
    void theBuddyBasicsScriptHoldsEveryExpectation() throws Exception {
        Kernel k = KernelFixture.classroom();
        List<Outcome> outcomes = run(k, Files.readString(Path.of("assets/scripts/buddy-basics.kmv")));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.command().text()).isEqualTo(Outcome.Status.OK));
    }

    @Test
    void gfpAtomicSucceedsWhereGfpNowaitFailsAtTheSameFreeLevel() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 4MiB pcp=off migratetypes=off"); // one Normal zone of 1024 pages: MIN 64, LOW 80
        for (int i = 0; i < 960; i++) k.execute(new kmemviz.core.cmd.AllocPages(null,
                kmemviz.core.cmd.AllocPages.Flavor.ALLOC_PAGES, kmemviz.core.mm.Gfp.KERNEL, 0, ""));
        assertThat(k.memory().zones().get(2).freePages()).isEqualTo(64);
        Outcome nowait = last(k, "n = alloc_pages(GFP_NOWAIT, 0)");
        Outcome atomic = last(k, "a = alloc_pages(GFP_ATOMIC, 0)");
        assertThat(nowait.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(nowait)).isEmpty();                 // GFP_NOWAIT carries __GFP_NOWARN
        assertThat(atomic.status()).isEqualTo(Outcome.Status.OK);
    }

    @Test
    void aFailedAllocationPrintsTheKernelsWarning() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 4MiB");
        Outcome o = last(k, "p = alloc_pages(GFP_KERNEL | __GFP_COMP, 10)");
        assertThat(o.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(o)).extracting(KernelReport::headline).containsExactly(
                "insmod: page allocation failure: order:10, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0");
    }

    @Test
    void readingMoreThanFitsRecyclesTheOldestPageCacheAndKswapdRestoresTheHighMark() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 4MiB");
        Outcome read = last(k, "f = page_cache(\"big.iso\", 4MiB)");
        assertThat(read.events()).anyMatch(e -> e.kind() == EventKind.DIRECT_RECLAIM);
        assertThat(read.events()).anyMatch(e -> e.kind() == EventKind.KSWAPD_WOKEN);
        assertThat(read.events()).anyMatch(e -> e.kind() == EventKind.KSWAPD_RECLAIM);
        kmemviz.core.mm.Zone normal = k.memory().zones().get(2);
        assertThat(normal.freePages()).isGreaterThan(normal.watermark(kmemviz.core.mm.Watermark.HIGH));
        assertThat(k.memory().invariants().check()).isEmpty();
    }

    @Test
    void theOomKillerKillsTheLargestProcessWhenNothingIsReclaimable() {
        Kernel k = KernelFixture.classroom();
        // 1024 pages, MIN 64: sshd and hog leave 65 free, so one GFP_KERNEL page still passes the MIN mark
        run(k, "machine custom 4MiB pcp=off migratetypes=off\nsmall = user_process(\"sshd\", 64KiB)\nhog = user_process(\"hog\", 3772KiB)");
        assertThat(last(k, "p = alloc_pages(GFP_KERNEL, 0)").events()).noneMatch(e -> e.kind() == EventKind.REPORT);
        Outcome o = last(k, "q = alloc_pages(GFP_KERNEL, 0)");
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(reports(o)).extracting(KernelReport::kind).contains(KernelReport.Kind.OOM_KILL);
        assertThat(reports(o).get(0).text()).contains("insmod invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0")
                .contains("(hog)");
        assertThat(k.memory().allocations().all()).extracting(a -> a.caller()).contains("sshd").doesNotContain("hog");
        assertThat(k.memory().invariants().check()).isEmpty();
    }

    @Test
    void aSleepingAllocationInAtomicContextIsReportedAndStillMade() {
        Kernel k = KernelFixture.classroom();
        Outcome o = last(k, "context atomic\np = alloc_pages(GFP_KERNEL, 0)");
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(reports(o).get(0).text()).startsWith(
                "BUG: sleeping function called from invalid context at include/linux/sched/mm.h:321\n"
                + "in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 1234, name: insmod\npreempt_count: 1, expected: 0");
        assertThat(reports(last(k, "q = alloc_pages(GFP_ATOMIC, 0)"))).isEmpty();
    }

    @Test
    void aDoubleFreeIsReportedAndChangesNothing() {
        Kernel k = KernelFixture.classroom();
        run(k, "p = alloc_pages(GFP_KERNEL, 1)\n__free_pages(p, 1)");
        String before = digest(k.memory());
        Outcome o = last(k, "__free_pages(p, 1)");
        assertThat(o.status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(reports(o).get(0).text()).contains("page dumped because: VM_BUG_ON_PAGE(page_ref_count(page) == 0)")
                .contains("kernel BUG at include/linux/mm.h:1140!");
        assertThat(digest(k.memory())).isEqualTo(before);
    }

    @Test
    void freeingWithTheWrongOrderOrTheWrongCallChangesNothing() {
        Kernel k = KernelFixture.classroom();
        run(k, "p = alloc_pages(GFP_KERNEL, 3)\na = __get_free_pages(GFP_KERNEL, 0)");
        String before = digest(k.memory());
        assertThat(last(k, "__free_pages(p, 4)").status()).isEqualTo(Outcome.Status.REFUSED);   // more than it holds
        assertThat(last(k, "free_pages(p, 3)").message()).contains("use __free_pages(p, 3)");
        assertThat(last(k, "__free_pages(a, 0)").message()).contains("use free_pages(a, 0)");
        assertThat(last(k, "free_pages(0xffff888000000000, 0)").message()).startsWith("BUG: Bad page state in process insmod  pfn:00000");
        assertThat(last(k, "__free_pages(nosuch, 0)").status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(digest(k.memory())).isEqualTo(before);
    }

    @Test
    void anOrderAboveMaxPageOrderWarnsOnceAndReturnsNull() {
        Kernel k = KernelFixture.classroom();
        Outcome first = last(k, "p = alloc_pages(GFP_KERNEL, 11)");
        assertThat(first.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(first).get(0).text()).contains("WARNING: CPU: 0 PID: 1234 at mm/page_alloc.c:4835");   // WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER), 6.12.118
        assertThat(reports(last(k, "q = alloc_pages(GFP_KERNEL, 12)"))).isEmpty();
    }

    @Test
    void contradictoryZoneModifiersAreRejectedWithoutTouchingTheModel() {
        Kernel k = KernelFixture.classroom();
        String before = digest(k.memory());
        Outcome o = last(k, "p = alloc_pages(__GFP_DMA | __GFP_HIGHMEM, 0)");
        assertThat(o.status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(o.message()).contains("__GFP_DMA").contains("__GFP_HIGHMEM");
        assertThat(digest(k.memory())).isEqualTo(before);
    }

    @Test
    void undoRestoresTheExactStateSoTheNextAllocationLandsWhereItWouldHave() {
        Kernel k = KernelFixture.classroom();
        run(k, "a = alloc_pages(GFP_KERNEL, 2)\nb = alloc_pages(GFP_KERNEL, 0)\n__free_pages(a, 2)");
        String afterThree = digest(k.memory());
        run(k, "c = alloc_pages(GFP_KERNEL, 1)");
        int pfnOfC = k.variables().get("c").pfn();
        k.undo();
        assertThat(digest(k.memory())).isEqualTo(afterThree);
        k.undo();
        k.redo();
        assertThat(digest(k.memory())).isEqualTo(afterThree);
        run(k, "c = alloc_pages(GFP_KERNEL, 1)");
        assertThat(k.variables().get("c").pfn()).isEqualTo(pfnOfC);
        assertThat(k.canRedo()).isFalse();
    }

    @Test
    void highmemIsUsedOnlyWhenTheMaskAllowsIt() {
        Kernel k = new Kernel(Profiles.builtIn("i386-1g"));
        Outcome high = last(k, "p = alloc_pages(GFP_HIGHUSER, 0)");
        Outcome low = last(k, "q = __get_free_pages(GFP_HIGHUSER, 0)");      // __get_free_pages masks __GFP_HIGHMEM off
        assertThat(k.memory().zoneOf(high.allocation().pfn()).name()).isEqualTo("HighMem");
        assertThat(k.memory().zoneOf(low.allocation().pfn()).name()).isEqualTo("Normal");
        int pfn = low.allocation().pfn();                   // a lowmem page: its direct-map address, PAGE_OFFSET 0xc0000000 + pfn * 4 KiB
        assertThat(low.message()).endsWith(String.format("-> %x (pfn 0x%x) in Normal", 0xc000_0000L + ((long) pfn << 12), pfn));
    }

    @Test
    void aListenerThatIssuesACommandDuringACommandIsRefused() {
        Kernel k = KernelFixture.classroom();
        k.addKernelListener(new KernelListener() {
            @Override public void pagesAllocated(kmemviz.core.mm.ZoneType z, int pfn, int order, int gfp,
                                                 kmemviz.core.mm.Owner o, int id) {
                k.execute(new kmemviz.core.cmd.Note("reentrant"));
            }
        });
        assertThatThrownBy(() -> run(k, "p = alloc_pages(GFP_KERNEL, 0)")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void buddyinfoOfTheIssuesWorkedExample() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 4MiB dma=1MiB reserved=0 pcp=off migratetypes=off\np = alloc_pages(GFP_KERNEL, 0)");
        assertThat(BuddyinfoReport.render(k.memory())).endsWith(
                "Node 0, zone   Normal      1      1      1      1      1      1      1      1      0      1      0 \n");
    }
}
