package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.last;
import static kmemviz.core.kernel.KernelFixture.reports;
import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import org.junit.jupiter.api.Test;

/**
 * The kernel's reports as 6.12.118 prints them: the OOM killer's (mm/oom_kill.c), taint in the CPU line
 * (kernel/panic.c print_tainted(), lib/dump_stack.c), the once rules, the might_sleep() sites, and what the kernel does
 * with frees the API does not allow.
 */
class KernelReportsTest {

    private static String allText(Outcome o) {
        return String.join("\n", reports(o).stream().map(KernelReport::text).toList());
    }

    @Test
    void aProcessThatFaultsIntoTheOomKillerIsTheInvokingTaskAndEveryTaskIsListed() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 4MiB pcp=off migratetypes=off\nsmall = user_process(\"sshd\", 64KiB)");
        Outcome o = last(k, "hog = user_process(\"hog\", 8MiB)");
        String text = allText(o);
        // An anonymous fault's folio: GFP_HIGHUSER_MOVABLE | __GFP_ZERO, and __GFP_COMP as for every folio.
        assertThat(text).contains("hog invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0,"
                + " oom_score_adj=0\nCPU: 0 UID: 0 PID: 1002 Comm: hog Not tainted");
        assertThat(text).contains("Tasks state (memory values in pages):\n"
                + "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name\n"
                + "[   1001]  1000  1001       16       16       16        0         0        0        0             0 sshd\n"
                + "[   1002]  1000  1002      944      944      944        0         0        0        0             0 hog\n"
                + "oom-kill:constraint=CONSTRAINT_NONE");
        assertThat(text).contains("oom_reaper: reaped process 1002 (hog), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB");
        assertThat(text.indexOf("Mem-Info:")).isBetween(text.indexOf("Comm: hog"), text.indexOf("Tasks state"));
        assertThat(k.memory().invariants().check()).isEmpty();
    }

    @Test
    void afterASlubBugEveryLaterCpuLineSaysTaintedWithPrintTaintedsColumns() {
        Kernel k = KernelFixture.classroom();
        Outcome bug = last(k, "a = kmalloc(64, GFP_KERNEL)\nkfree(a)\nkfree(a)");
        assertThat(reports(bug).get(0).text()).contains("BUG kmalloc-64 (Not tainted): Object already free");
        Outcome later = last(k, "context atomic\np = alloc_pages(GFP_KERNEL, 0)");
        // taint_flags[] order P F S R M B U D A W C I O E L K X T N; clear ones print as ' ' (G for P).
        assertThat(reports(later).get(0).text()).contains(
                "Comm: insmod Tainted: G    B   W          6.12.0 #1\nTainted: [B]=BAD_PAGE, [W]=WARN\n");
        assertThat(k.memory().taint().print()).hasSize("Tainted: ".length() + 19);
    }

    @Test
    void aWarningTaintsAfterItsOwnHeaderAndTheNextReportShowsW() {
        Kernel k = KernelFixture.classroom();
        Outcome warn = last(k, "p = alloc_pages(GFP_KERNEL, 11)");
        assertThat(reports(warn).get(0).text()).contains("Comm: insmod Not tainted");
        Outcome next = last(k, "context atomic\nq = alloc_pages(GFP_KERNEL, 0)");
        assertThat(reports(next).get(0).text()).contains("Tainted: G        W          6.12.0").contains("Tainted: [W]=WARN");
    }

    @Test
    void theNofailWarningsAndTheOrderWarningFireOncePerBoot() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 4MiB pcp=off migratetypes=off\nhog = user_process(\"hog\", 3772KiB)");
        Outcome first = last(k, "a = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 2)");
        Outcome second = last(k, "b = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 2)");
        assertThat(allText(first)).contains("WARNING: CPU: 0 PID: 1234 at mm/page_alloc.c:4312");
        assertThat(allText(second)).doesNotContain("mm/page_alloc.c:4312");
        // __GFP_NOWARN silences WARN_ON_ONCE_GFP() without using up its once.
        assertThat(reports(last(k, "c = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 11)"))).isEmpty();
        assertThat(allText(last(k, "d = alloc_pages(GFP_KERNEL, 11)"))).contains("mm/page_alloc.c:4835");
        assertThat(reports(last(k, "e = alloc_pages(GFP_KERNEL, 11)"))).isEmpty();
    }

    @Test
    void theOrderCheckComesBeforeMightAlloc() {
        Kernel k = KernelFixture.classroom();
        List<KernelReport> r = reports(last(k, "context atomic\np = alloc_pages(GFP_KERNEL, 11)"));
        assertThat(r).extracting(KernelReport::kind).containsExactly(KernelReport.Kind.WARNING);
    }

    @Test
    void mightReschedReportsOncePerCommand() {
        Kernel k = KernelFixture.classroom();
        // vmalloc() in atomic context passes several might_sleep()s (vm_struct, vmap_area, the pages).
        List<KernelReport> r = reports(last(k, "context atomic\nv = vmalloc(8KiB)"));
        assertThat(r).filteredOn(x -> x.headline().startsWith("BUG: sleeping function")).hasSize(1);
        assertThat(r.get(0).headline()).endsWith("at include/linux/sched/mm.h:321");
        assertThat(reports(last(k, "w = vmalloc(8KiB)"))).hasSize(1);
    }

    @Test
    void sleepingSitesAreTheLines612Prints() {
        Kernel k = KernelFixture.classroom();
        run(k, "v = vmalloc(8KiB)\np = alloc_pages(GFP_KERNEL, 0)\ncontext atomic");
        assertThat(reports(last(k, "vfree(v)")).get(0).headline()).endsWith("at mm/vmalloc.c:3419");
        assertThat(reports(last(k, "m = kmap(p)")).get(0).headline()).endsWith("at include/linux/highmem-internal.h:164");
        Kernel i386 = new Kernel(Profiles.builtIn("i386-1g"));
        run(i386, "p = alloc_pages(GFP_HIGHUSER, 0)\ncontext atomic");
        assertThat(reports(last(i386, "m = kmap(p)")).get(0).headline()).endsWith("at include/linux/highmem-internal.h:44");
    }

    @Test
    void vfreeInInterruptContextIsDeferredWithoutAReport() {
        Kernel k = KernelFixture.classroom();
        run(k, "v = vmalloc(8KiB)\ncontext softirq");
        Outcome o = last(k, "vfree(v)");
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(o.message()).contains("vfree_atomic()");
        assertThat(reports(o)).isEmpty();
    }

    @Test
    void kfreeOfGetFreePagesWarnsOnceAndFreesOnlyTheHeadPage() {
        Kernel k = KernelFixture.classroom();
        run(k, "g = __get_free_pages(GFP_KERNEL, 1)");
        long free = freePages(k);
        Outcome o = last(k, "kfree(g)");
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(allText(o)).contains("at mm/slub.c:4799 free_large_kmalloc").contains("object pointer: 0x")
                .doesNotContain("Bad page state");
        assertThat(freePages(k)).isEqualTo(free + 1);             // one page freed, one leaked
        assertThat(reports(last(k, "h = __get_free_pages(GFP_KERNEL, 0)\nkfree(h)"))).isEmpty();
        assertThat(k.memory().invariants().check()).isEmpty();
    }

    @Test
    void kfreeOfACompoundBlockFreesItSilently() {
        Kernel k = KernelFixture.classroom();
        run(k, "c = __get_free_pages(GFP_KERNEL | __GFP_COMP, 2)");
        long free = freePages(k);
        Outcome o = last(k, "kfree(c)");
        assertThat(reports(o)).isEmpty();
        assertThat(freePages(k)).isEqualTo(free + 4);
    }

    @Test
    void freePagesWithASmallerOrderFreesTheHeadPartAndLeaksTheRest() {
        Kernel k = KernelFixture.classroom();
        run(k, "p = alloc_pages(GFP_KERNEL, 2)");
        int pfn = k.variables().get("p").pfn();
        long free = freePages(k);
        Outcome o = last(k, "__free_pages(p, 1)");
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(freePages(k)).isEqualTo(free + 2);
        // pfn+2 and pfn+3 keep their owner: nothing holds a reference that would free them.
        assertThat(k.memory().frames().owner(pfn + 2)).isEqualTo(kmemviz.core.mm.Owner.PAGES);
        assertThat(k.memory().frames().headOrder(pfn + 2)).isEqualTo(1);
        assertThat(k.memory().invariants().check()).isEmpty();
    }

    @Test
    void kfreeOfAVmallocPointerFaultsOnItsStructPage() {
        Kernel k = KernelFixture.classroom();
        Outcome o = last(k, "v = vmalloc(8KiB)\nkfree(v)");
        long v = k.variables().get("v").address();
        // __pa(): v - PAGE_OFFSET; virt_to_page(): vmemmap + pfn * 64; compound_head at +8.
        long expected = 0xffffea0000000000L + ((v - 0xffff888000000000L) >>> 12) * 64 + 8;
        assertThat(reports(o).get(0).headline()).isEqualTo("BUG: unable to handle page fault for address: "
                + Long.toHexString(expected));
    }

    @Test
    void vmallocComparesWithManagedPagesNotPresentRam() {
        Kernel k = KernelFixture.classroom();
        long managed = k.memory().zones().stream().mapToLong(Zone::managedPages).sum();
        long present = k.memory().profile().totalRamPages();
        assertThat(managed).isLessThan(present);
        // A size between the two: present RAM would let it through, totalram_pages() does not.
        Outcome o = last(k, "v = vmalloc(" + (managed + 1) * 4096 + ")");
        assertThat(allText(o)).contains("exceeds total pages");
    }

    @Test
    void x86_64ZoneDmaStartsAtPfnOneAsARealZoneinfoShows() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        Zone dma = k.memory().zones().get(0);
        assertThat(dma.startPfn()).isEqualTo(1);
        assertThat(dma.spannedPages()).isEqualTo(4095);
        assertThat(dma.presentPages()).isEqualTo(3998);
        assertThat(dma.managedPages()).isEqualTo(3840);
        Zone i386Dma = new Kernel(Profiles.builtIn("i386-1g")).memory().zones().get(0);
        assertThat(i386Dma.presentPages()).isEqualTo(3998);
        assertThat(i386Dma.managedPages()).isEqualTo(3840);
    }

    private static long freePages(Kernel k) {
        return k.memory().zones().stream().mapToLong(Zone::freePages).sum();
    }
}
