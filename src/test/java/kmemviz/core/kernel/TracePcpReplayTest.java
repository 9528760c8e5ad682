package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kmemviz.core.cmd.Replay;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import kmemviz.core.report.Report;
import kmemviz.core.trace.ReplayCount;
import kmemviz.core.trace.ReplaySummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay FILE} of a 6.12 trace with the per-CPU list events, as mm/page_alloc.c emits them on a pcp=on machine:
 * a refill's mm_page_alloc_zone_locked percpu_refill=1 lines (rmqueue_bulk()), the mm_page_alloc that takes the list's
 * head (__rmqueue_pcplist()), mm_page_free to the list (free_unref_page()), a batched free's mm_page_free then
 * mm_page_free_batched (free_unref_folios()), and mm_page_pcpu_drain lines (free_pcppages_bulk()), one from another
 * CPU as drain_all_pages() does since 6.2. The trace is written from the TP_printk() formats of
 * include/trace/events/kmem.h and trace_print_context()'s prefix.
 */
public class TracePcpReplayTest {
    @TempDir Path dir;

    private static final String PREFIX = "            bash-1234    [%03d] d..1.   700.%06d: ";

    /** The trace's lines, numbered from 1 as the replay reads them; a comment line first. */
    private static String trace(String... bodies) {
        StringBuilder sb = new StringBuilder("# tracer: nop\n");
        int t = 0;
        for (String b : bodies) {
            int cpu = Integer.parseInt(b.substring(0, 1));
            sb.append(String.format(PREFIX, cpu, ++t)).append(b.substring(2)).append('\n');
        }
        return sb.toString();
    }

    // CPU 1's order-0 Movable list (Normal's pageblocks are Movable after boot) is refilled at its tail with four
    // pages of a free block in Normal, 6 GiB in.
    public static final String PCP_TRACE = trace(
            "1 mm_page_alloc_zone_locked: page=00000000aa000000 pfn=0x180000 order=0 migratetype=1 percpu_refill=1",
            "1 mm_page_alloc_zone_locked: page=00000000aa000001 pfn=0x180001 order=0 migratetype=1 percpu_refill=1",
            "1 mm_page_alloc_zone_locked: page=00000000aa000002 pfn=0x180002 order=0 migratetype=1 percpu_refill=1",
            "1 mm_page_alloc_zone_locked: page=00000000aa000003 pfn=0x180003 order=0 migratetype=1 percpu_refill=1",
            "1 mm_page_alloc: page=00000000aa000000 pfn=0x180000 order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE",
            "1 mm_page_alloc: page=00000000aa000001 pfn=0x180001 order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE",
            // line 8: an order-3 block that is on no list: the model takes it off the buddy lists
            "1 mm_page_alloc: page=00000000bb000000 pfn=0x180010 order=3 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE",
            // lines 9-12: after the allocations, 2 pages on CPU 1's list with 0x180002 at its head
            "1 mm_page_free: page=00000000aa000000 pfn=0x180000 order=0",
            "1 mm_page_free: page=00000000aa000001 pfn=0x180001 order=0",
            "1 mm_page_free_batched: page=00000000aa000001 pfn=0x180001 order=0",
            "1 mm_page_free: page=00000000bb000000 pfn=0x180010 order=3",
            // lines 13-17: after the frees, 12 pages on CPU 1's lists: 4 order-0 pages and an order-3 block
            "1 mm_page_pcpu_drain: page=00000000aa000003 pfn=0x180003 order=0 migratetype=1",
            "1 mm_page_pcpu_drain: page=00000000aa000002 pfn=0x180002 order=0 migratetype=1",
            "1 mm_page_pcpu_drain: page=00000000aa000001 pfn=0x180001 order=0 migratetype=1",
            "0 mm_page_pcpu_drain: page=00000000aa000000 pfn=0x180000 order=0 migratetype=1",
            "0 mm_page_pcpu_drain: page=00000000bb000000 pfn=0x180010 order=3 migratetype=1");

    private Kernel kernel;
    private Path file;

    private Zone normal() {
        return kernel.memory().zones().stream().filter(z -> z.name().equals("Normal")).findFirst().orElseThrow();
    }

    private ReplaySummary part(long first, long last) {
        Outcome out = kernel.execute(new Replay(file, first, last));
        assertThat(out.status()).as(out.message()).isEqualTo(Outcome.Status.OK);
        return kernel.lastReplay();
    }

    /** {@code expect pcp Normal CPU == N} as a script states it. */
    private void expectPcp(int cpu, int pages) {
        Outcome out = kernel.execute(new ScriptParser(dir.resolve("t.kmv").toString())
                .parseLine("expect pcp Normal " + cpu + " == " + pages, 1));
        assertThat(out.status()).as(out.message()).isEqualTo(Outcome.Status.OK);
    }

    private String buddyinfo() { return Report.buddyinfo.render(kernel, List.of()) + Report.pagetypeinfo.render(kernel, List.of()); }

    @Test
    void aRefillAllocationsFreesAndDrainsMoveThePagesOnTheTracedCpusListAtTheirPfns() throws IOException {
        kernel = new Kernel(Profiles.builtIn("x86_64-8g"));
        file = Files.writeString(dir.resolve("pcp.trace"), PCP_TRACE);
        String before = buddyinfo();
        int cpu0Before = normal().pcpCount(0);
        assertThat(normal().pcpCount(1)).isZero();

        part(1, 5);                                                      // the refill
        expectPcp(1, 4);
        assertThat(kernel.memory().frames().onPcpList(0x180000)).isTrue();
        assertThat(normal().pcpListHead(1, 1)).as("rmqueue_bulk() adds at the tail: the first page heads the list").isEqualTo(0x180000);

        part(6, 8);                                                      // two allocations off the list, one order-3 from buddy
        expectPcp(1, 2);
        assertThat(normal().pcpListHead(1, 1)).isEqualTo(0x180002);
        assertThat(kernel.memory().frames().owner(0x180000)).isEqualTo(Owner.PAGES);
        assertThat(kernel.memory().frames().owner(0x180017)).isEqualTo(Owner.PAGES);

        ReplaySummary mid = part(9, 12);                                 // frees to the list; the batched free's two events
        expectPcp(1, 12);
        assertThat(normal().pcpListHead(1, 1)).as("free_unref_page_commit() adds at the head").isEqualTo(0x180001);
        assertThat(normal().pcpListHead(1, 3 * 3 + 1)).as("the order-3 Movable list").isEqualTo(0x180010);
        assertThat(mid.count(ReplayCount.FREE_PAIRED)).isEqualTo(1);
        assertThat(buddyinfo()).as("pages on a per-CPU list are in no buddy list").isNotEqualTo(before);

        ReplaySummary end = part(13, 17);                                // every page drained back, some by CPU 0
        expectPcp(1, 0);
        expectPcp(0, cpu0Before);
        assertThat(buddyinfo()).isEqualTo(before);
        assertThat(end.count(ReplayCount.PCP_REFILL)).isEqualTo(4);
        assertThat(end.count(ReplayCount.PAGE_ALLOC_PCP)).isEqualTo(2);
        assertThat(end.count(ReplayCount.PAGE_ALLOC)).as("the order-3 block, which no list held").isEqualTo(1);
        assertThat(end.count(ReplayCount.PCP_NOT_ON_LIST)).isEqualTo(1);
        assertThat(end.count(ReplayCount.PAGE_FREE_PCP)).isEqualTo(3);
        assertThat(end.count(ReplayCount.PCP_DRAIN)).isEqualTo(5);
        assertThat(end.problems()).as(end.render()).isZero();
        assertThat(end.render()).contains("blocks a refill put on a CPU's per-CPU list", "the page was not on that list in the model");
        assertThat(kernel.checkInvariants()).isEmpty();
    }

    @Test
    void theZoneinfoPagesetOfTheTracedCpuCountsTheListsPages() throws IOException {
        kernel = new Kernel(Profiles.builtIn("x86_64-8g"));
        file = Files.writeString(dir.resolve("pcp.trace"), PCP_TRACE);
        part(1, 12);
        String zoneinfo = Report.zoneinfo.render(kernel, List.of());
        String normal = zoneinfo.substring(zoneinfo.indexOf("zone   Normal"));
        String cpu1 = normal.substring(normal.indexOf("cpu: 1"));
        assertThat(cpu1.lines().skip(1).findFirst().orElseThrow().strip()).isEqualTo("count: 12");
    }

    /**
     * A 4.x trace (decimal pfns, 4-character flags, mm_page_free_batched with cold=): its lists held order-0 pages
     * only, and free_hot_cold_page_list() printed mm_page_free_batched before the mm_page_free of the same page.
     */
    @Test
    void aTraceOlderThan5_14KeepsOnlyOrder0PagesOnTheListsAndPairsItsBatchedFrees() throws IOException {
        kernel = new Kernel(Profiles.builtIn("x86_64-8g"));
        String before = buddyinfo();
        file = Files.writeString(dir.resolve("old.trace"), """
                            bash-1234  [002] d..1   700.000001: mm_page_alloc: page=ffffea0006000000 pfn=1572864 order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE
                            bash-1234  [002] d..1   700.000002: mm_page_alloc: page=ffffea0006000080 pfn=1572866 order=1 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE
                            bash-1234  [002] d..1   700.000003: mm_page_free_batched: page=ffffea0006000000 pfn=1572864 order=0 cold=0
                            bash-1234  [002] d..1   700.000004: mm_page_free: page=ffffea0006000000 pfn=1572864 order=0
                            bash-1234  [002] d..1   700.000005: mm_page_free: page=ffffea0006000080 pfn=1572866 order=1
                            bash-1234  [002] d..1   700.000006: mm_page_pcpu_drain: page=ffffea0006000000 pfn=1572864 order=0 migratetype=1
                """);
        ReplaySummary s = part(1, 5);
        expectPcp(2, 1);
        assertThat(s.count(ReplayCount.PAGE_FREE_PCP)).isEqualTo(1);
        assertThat(s.count(ReplayCount.FREE_PAIRED)).isEqualTo(1);
        assertThat(s.count(ReplayCount.PAGE_FREE)).as("order 1 went to the buddy lists before 5.14").isEqualTo(1);
        assertThat(part(6, 6).count(ReplayCount.PCP_DRAIN)).isEqualTo(1);
        expectPcp(2, 0);
        assertThat(buddyinfo()).isEqualTo(before);
        assertThat(kernel.checkInvariants()).isEmpty();
    }

    @Test
    void withoutWhatTheListsNeedTheEventsGoToTheBuddyListsAndTheSummarySaysWhy() throws IOException {
        // pcp=off: every event of a pcp order is counted off the lists, and the trace still balances.
        kernel = new Kernel(Profiles.builtIn("x86_64-8g").withAllocator(false, true, 4));
        String before = buddyinfo();
        file = Files.writeString(dir.resolve("pcp.trace"), PCP_TRACE);
        ReplaySummary off = part(1, 17);
        assertThat(off.count(ReplayCount.PCP_OFF)).isEqualTo(4 + 3 + 3 + 5);
        assertThat(off.count(ReplayCount.PAGE_ALLOC)).isEqualTo(3);
        assertThat(off.count(ReplayCount.PAGE_FREE)).isEqualTo(3);
        assertThat(off.problems()).as(off.render()).isZero();
        assertThat(buddyinfo()).isEqualTo(before);

        // No [CPU] column (context-info off): the refill and the frees cannot name a list.
        kernel = new Kernel(Profiles.builtIn("x86_64-8g"));
        String bare = PCP_TRACE.lines().map(l -> l.contains(": mm_") ? l.substring(l.indexOf("mm_")) : l)
                .reduce("", (a, b) -> a + b + "\n");
        file = Files.writeString(dir.resolve("bare.trace"), bare);
        ReplaySummary noCpu = part(1, 17);
        assertThat(noCpu.count(ReplayCount.PCP_NO_CPU)).isEqualTo(4 + 3 + 3);
        assertThat(noCpu.count(ReplayCount.PCP_NOT_ON_LIST)).as("the drains, of pages the lists never held").isEqualTo(5);
        assertThat(noCpu.problems()).as(noCpu.render()).isZero();
        assertThat(kernel.checkInvariants()).isEmpty();
    }
}
