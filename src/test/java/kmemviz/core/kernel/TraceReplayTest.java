package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import kmemviz.core.cmd.Replay;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import kmemviz.core.slab.KmemCache;
import kmemviz.core.trace.ReplayCount;
import kmemviz.core.trace.ReplaySummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay FILE}: traces in the forms real kernels print, a broken one, undo and cancel. */
class TraceReplayTest {
    @TempDir Path dir;

    private Path trace(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String state(Kernel k) {
        return Report.buddyinfo.render(k, java.util.List.of()) + Report.pagetypeinfo.render(k, java.util.List.of());
    }

    private static long liveObjects(Kernel k) {
        return k.slab().allocator().caches().stream().mapToLong(KmemCache::activeObjs).sum();
    }

    private static ReplaySummary replay(Kernel k, Path file) {
        Outcome out = k.execute(new Replay(file));
        assertThat(out.status()).as(out.message()).isEqualTo(Outcome.Status.OK);
        return k.lastReplay();
    }

    /**
     * Every allocation has its free, in the awkward forms the issue lists (captures written from the formats of
     * include/trace/events/kmem.h and trace_output.c, see KmemTraceParser): 6.12's trace with a 5-character flags
     * field and hex pfns; 4.x's decimal pfns and 4-character flags; trace-cmd report's columns without flags; a
     * trace_pipe line with context-info off; the fields option's numbers; 2.6.3x's mm_page_free_direct.
     */
    static final String BALANCED = """
            # tracer: nop
            #
            # entries-in-buffer/entries-written: 12/12   #P:4
            #
            #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
            #              | |         |   |||||     |         |
                        bash-1234    [002] d..1.   512.000100: mm_page_alloc: page=00000000c1a2b3d4 pfn=0x180000 order=3 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_COMP
                        bash-1234  [002] d..1   512.000110: mm_page_alloc: page=ffffea0006000200 pfn=1572872 order=0 migratetype=0 gfp_flags=GFP_KERNEL
                  bash-1234  [001]   512.000120: mm_page_alloc:        page=0xffffea0006000400 pfn=0x180010 order=4 migratetype=0 gfp_flags=GFP_KERNEL|__GFP_ZERO
            mm_page_alloc: page=00000000aabbccdd pfn=0x180040 order=1 migratetype=2 gfp_flags=0x140cca (1314000)
                        bash-1234    [003] d..1.   512.000140: mm_page_alloc: page=0000000011112222 pfn=0x180080 order=2 migratetype=0 gfp_flags=0xcc0
                      <idle>-0       [003] ..s2.   512.000150: kmalloc: call_site=__alloc_skb+0x8d/0x1e0 ptr=000000003f7c2a11 bytes_req=512 bytes_alloc=512 gfp_flags=GFP_ATOMIC|__GFP_NOWARN node=-1 accounted=false
                        bash-1234    [002] ....   512.000160: kmem_cache_alloc: call_site=c104deff ptr=c1a2b3c4 bytes_req=360 bytes_alloc=384 gfp_flags=GFP_KERNEL
                        bash-1234    [002] d..1.   512.000170: sched_switch: prev_comm=bash prev_pid=1234 prev_prio=120 prev_state=S ==> next_comm=swapper/2 next_pid=0 next_prio=120

                      <idle>-0       [003] ..s2.   512.000200: kfree: call_site=skb_free_head+0x9c/0xb0 ptr=000000003f7c2a11
                        bash-1234    [002] ....   512.000210: kmem_cache_free: call_site=c104e0ff ptr=c1a2b3c4
                        bash-1234    [002] d..1.   512.000300: mm_page_free: page=00000000c1a2b3d4 pfn=0x180000 order=3
                        bash-1234  [002] d..1   512.000310: mm_page_free_direct: page=ffffea0006000200 pfn=1572872 order=0
                  bash-1234  [001]   512.000320: mm_page_free:         page=0xffffea0006000400 pfn=0x180010 order=4
            mm_page_free: page=00000000aabbccdd pfn=0x180040 order=1
                        bash-1234    [003] d..1.   512.000340: mm_page_free: page=0000000011112222 pfn=0x180080 order=2
            """;

    @Test
    void aTraceWhoseEveryAllocationIsFreedLeavesTheMachineAsItBegan() throws IOException {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        String before = state(k), slabinfo = Report.slabinfo.render(k, java.util.List.of());
        long objects = liveObjects(k);
        int allocations = k.memory().allocations().size();

        ReplaySummary s = replay(k, trace("balanced.trace", BALANCED));

        assertThat(s.count(ReplayCount.PAGE_ALLOC)).isEqualTo(5);
        assertThat(s.count(ReplayCount.PAGE_FREE)).isEqualTo(5);
        assertThat(s.count(ReplayCount.SLAB_ALLOC)).isEqualTo(2);
        assertThat(s.count(ReplayCount.SLAB_FREE)).isEqualTo(2);
        assertThat(s.count(ReplayCount.HEADER)).isEqualTo(6);
        assertThat(s.count(ReplayCount.BLANK)).isEqualTo(1);
        assertThat(s.count(ReplayCount.OTHER_EVENT)).isEqualTo(1);
        assertThat(s.problems()).as(s.render()).isZero();
        // The page trace gives back every block; the slab objects are freed, and the slabs SLUB keeps empty stay.
        assertThat(liveObjects(k)).isEqualTo(objects);
        assertThat(k.memory().allocations().all()).noneMatch(a -> TraceReplay.PAGE_CALL.equals(a.call()));
        assertThat(k.checkInvariants()).isEmpty();
        String pagesOnly = BALANCED.lines().filter(l -> !l.contains("kmalloc") && !l.contains("kfree") && !l.contains("kmem_cache"))
                .reduce("", (a, b) -> a + b + "\n");
        Kernel fresh = new Kernel(Profiles.builtIn("x86_64-8g"));
        replay(fresh, trace("pages.trace", pagesOnly));
        assertThat(state(fresh)).isEqualTo(before);
        assertThat(Report.slabinfo.render(fresh, java.util.List.of())).isEqualTo(slabinfo);
        assertThat(fresh.memory().allocations().size()).isEqualTo(allocations);
    }

    @Test
    void whileTheTraceRunsTheBlocksSitAtTheirTracedPfnsWithTheCallSiteAsCaller() throws IOException {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        String firstHalf = BALANCED.substring(0, BALANCED.indexOf("sched_switch"));
        replay(k, trace("half.trace", firstHalf));
        var frames = k.memory().frames();
        assertThat(frames.owner(0x180000)).isEqualTo(kmemviz.core.mm.Owner.PAGES);
        assertThat(frames.owner(0x180007)).isEqualTo(kmemviz.core.mm.Owner.PAGES);
        assertThat(frames.owner(0x180008)).isEqualTo(kmemviz.core.mm.Owner.PAGES);   // pfn=1572872, decimal
        assertThat(frames.owner(0x180009)).isEqualTo(kmemviz.core.mm.Owner.FREE);
        assertThat(k.memory().allocations().all()).anySatisfy(a -> {
            assertThat(a.caller()).isEqualTo("__alloc_skb+0x8d/0x1e0");
            assertThat(a.cacheName()).isEqualTo("kmalloc-512");
        });
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void aBrokenTraceIsCountedByKindAndNeverStops() throws IOException {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        String broken = """
                # tracer: nop
                            bash-1234    [002] d..1.   1.000001: mm_page_alloc: page=0000000000000001 pfn=0xZZ order=0 migratetype=1 gfp_flags=GFP_KERNEL
                            bash-1234    [002] d..1.   1.000002: kmalloc: call_site=f+0x1/0x2 ptr=0000000000000abc bytes_req=8
                            bash-1234    [002] d..1.   1.000003: kfree: call_site=f+0x1/0x2 ptr=00000000deadbeef
                            bash-1234    [002] d..1.   1.000004: kmem_cache_free: call_site=f+0x1/0x2 ptr=00000000feedface name=dentry
                            bash-1234    [002] d..1.   1.000005: mm_page_free: page=0000000000000002 pfn=0x180100 order=0
                            bash-1234    [002] d..1.   1.000006: mm_page_alloc: page=0000000000000003 pfn=0x7fffff00 order=0 migratetype=1 gfp_flags=GFP_KERNEL
                            bash-1234    [002] d..1.   1.000007: mm_page_alloc: page=0000000000000004 pfn=0x180200 order=2 migratetype=1 gfp_flags=GFP_KERNEL
                            bash-1234    [002] d..1.   1.000008: mm_page_alloc: page=0000000000000005 pfn=0x180200 order=0 migratetype=1 gfp_flags=GFP_KERNEL
                            bash-1234    [002] d..1.   1.000009: mm_page_free: page=0000000000000004 pfn=0x180200 order=1
                            bash-1234    [002] d..1.   1.000010: kfree: call_site=f+0x1/0x2 ptr=0000000000000000
                            bash-1234    [002] d..1.   1.000011: mm_page_pcpu_drain: page=0000000000000006 pfn=0x180300 order=0 migratetype=1
                            bash-1234    [002] d..1.   1.000012: irq_handler_entry: irq=16 name=eth0
                """;
        ReplaySummary s = replay(k, trace("broken.trace", broken));

        assertThat(s.count(ReplayCount.MALFORMED)).as("pfn=0xZZ, kmalloc without ptr's fields").isEqualTo(2);
        assertThat(s.count(ReplayCount.UNSEEN_PTR_FREE)).isEqualTo(2);
        assertThat(s.count(ReplayCount.UNSEEN_PFN_FREE)).isEqualTo(1);
        assertThat(s.count(ReplayCount.PFN_OUTSIDE)).isEqualTo(1);
        assertThat(s.count(ReplayCount.PFN_BUSY)).isEqualTo(1);
        assertThat(s.count(ReplayCount.ORDER_MISMATCH)).isEqualTo(1);
        assertThat(s.count(ReplayCount.PAGE_ALLOC)).isEqualTo(1);
        assertThat(s.count(ReplayCount.NULL_FREE)).isEqualTo(1);
        assertThat(s.count(ReplayCount.PCP_MOVE)).isEqualTo(1);
        assertThat(s.count(ReplayCount.OTHER_EVENT)).isEqualTo(1);
        assertThat(s.count(ReplayCount.HEADER)).isEqualTo(1);
        assertThat(s.problems()).isEqualTo(8);
        assertThat(s.lines()).isEqualTo(13);
        assertThat(s.firstProblems()).hasSize(ReplaySummary.QUOTED_PROBLEMS);
        assertThat(s.firstProblems().get(0)).startsWith("broken.trace:2:");
        assertThat(s.render()).contains("malformed kmem lines", "pfns outside the machine", "... and 3 more");
        // The NULL free and the pcp drain: named in the headline, so that the status bar's numbers add up.
        assertThat(s.headline()).endsWith(" 1 applied, 2 read but not modelled, 8 problems");
        assertThat(k.checkInvariants()).isEmpty();
    }

    /**
     * Published lines, each with its source (mailing-list posts of kernel patches, quoted as the kernel's
     * GPL-2.0 discussion; the same excerpts pin the parser in KmemTraceParserTest):
     * Steven Rostedt, 2024-12-18, https://lore.kernel.org/20241218141507.28389a1d@gandalf.local.home (6.x);
     * Mark Rutland, 2024-03-20, <20240320141844.1779984-1-mark.rutland@arm.com> (6.x, a comm with ':');
     * Changbin Du, 2019-09-14, <20190914103215.23301-1-changbin.du@gmail.com> (5.x, comm and pid trimmed in the post);
     * Mel Gorman, linux-mm 2016-12-07, <20161207211958.s3ymjva54wgakpkm@techsingularity.net> (4.9, decimal pfn).
     */
    @Test
    void publishedTraceLinesReplayOnX86_64_16g() throws IOException {
        String published = """
                4582.696629: kmem_cache_alloc: call_site=alloc_empty_file+0x6b/0x110 ptr=0000000095808002 bytes_req=360 bytes_alloc=384 gfp_flags=GFP_KERNEL node=-1 accounted=false
                4582.696653: kmem_cache_free: call_site=do_sys_openat2+0xa7/0xd0 ptr=00000000e70e10e0 name=names_cache
                  test:.sh-1299    [004] .....  2886.040608: kmem_cache_free: call_site=putname+0xa4/0xc8 ptr=000000000f4d22f4 name=names_cache
                [002] ....   808.188917: kmalloc: call_site=security_prepare_creds+0x77/0xa0 ptr=0000000062400820 bytes_req=8 bytes_alloc=336 gfp_flags=GFP_KERNEL|__GFP_ZERO
                [002] ....   808.188898: kfree: call_site=security_cred_free+0x42/0x50 ptr=0000000062400820
                         netperf-3887  [032] ....   393.246420: mm_page_alloc: page=ffffea0021272200 pfn=8690824 order=3 migratetype=0 gfp_flags=GFP_KERNEL|__GFP_NOWARN|__GFP_REPEAT|__GFP_COMP|__GFP_NOMEMALLOC|__GFP_NOTRACK
                """;
        Kernel k = new Kernel(Profiles.builtIn("x86_64-16g"));
        ReplaySummary s = replay(k, trace("published.trace", published));

        assertThat(s.count(ReplayCount.SLAB_ALLOC)).isEqualTo(2);
        assertThat(s.count(ReplayCount.SLAB_FREE)).as("Changbin Du's kmalloc and its kfree").isEqualTo(1);
        assertThat(s.count(ReplayCount.UNSEEN_PTR_FREE)).as("frees of objects allocated before the excerpt").isEqualTo(2);
        assertThat(s.count(ReplayCount.PFN_OUTSIDE)).as("pfn 8690824 is 33 GiB in: beyond 16 GiB").isEqualTo(1);
        assertThat(s.events()).isEqualTo(6);
        assertThat(k.memory().allocations().all()).anySatisfy(a -> assertThat(a.caller()).isEqualTo("alloc_empty_file+0x6b/0x110"));
    }

    @Test
    void oneUndoTakesTheWholeReplayBackWithoutReadingTheTraceAgain() throws IOException {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        String before = state(k);
        Path file = trace("half.trace", BALANCED.substring(0, BALANCED.indexOf("sched_switch")));
        replay(k, file);
        String after = state(k);
        int steps = k.historySize();
        Files.delete(file);

        k.undo();
        assertThat(state(k)).isEqualTo(before);
        k.execute(new kmemviz.core.cmd.Drain());        // a step after the undo point: the replay is gone for good
        k.undo();
        assertThat(state(k)).isEqualTo(before);
        assertThat(after).isNotEqualTo(before);
        assertThat(steps).isEqualTo(2);
    }

    @Test
    void redoAndSeekPastAReplayRestoreItsCheckpoint() throws IOException {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        Path file = trace("half.trace", BALANCED.substring(0, BALANCED.indexOf("sched_switch")));
        replay(k, file);
        k.execute(new kmemviz.core.cmd.Drain());
        String end = state(k);
        Files.delete(file);
        k.seek(0);
        k.seek(2);                                       // from the checkpoint after the replay, not from the file
        assertThat(state(k)).isEqualTo(end);
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void aCancelledReplayLeavesTheModelAndTheHistoryAsBefore() throws IOException {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        String before = state(k);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
            sb.append("mm_page_alloc: page=0000000000000001 pfn=0x").append(Integer.toHexString(0x180000 + i))
                    .append(" order=0 migratetype=1 gfp_flags=GFP_KERNEL\n");
        Path file = trace("long.trace", sb.toString());
        Progress cancelAfterFirstReport = new Progress() {
            boolean reported;

            @Override public void progress(long done, long total) { reported = true; }

            @Override public boolean cancelled() { return reported; }
        };

        assertThatThrownBy(() -> k.execute(new Replay(file), cancelAfterFirstReport)).isInstanceOf(CancellationException.class);
        assertThat(state(k)).isEqualTo(before);
        assertThat(k.historySize()).isEqualTo(1);
        assertThat(k.checkInvariants()).isEmpty();
        assertThat(k.execute(new Replay(file)).status()).isEqualTo(Outcome.Status.OK);
        assertThat(k.lastReplay().count(ReplayCount.PAGE_ALLOC)).isEqualTo(20_000);
    }

    @Test
    void aMissingTraceIsAnErrorThatChangesNothing() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        Outcome out = k.execute(new Replay(dir.resolve("nope.trace")));
        assertThat(out.status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(out.message()).contains("nope.trace", "no such file");
        assertThat(k.historySize()).isEqualTo(1);
    }

    @Test
    void theScriptStatementResolvesItsFileAgainstTheScriptsFolder() {
        ScriptParser parser = new ScriptParser(dir.resolve("lesson.kmv").toString());
        assertThat(parser.parseLine("replay traces/boot.trace   # the boot", 1)).isEqualTo(new Replay(dir.resolve("traces/boot.trace")));
        assertThat(parser.parseLine("replay \"my trace.txt\"", 1)).isEqualTo(new Replay(dir.resolve("my trace.txt")));
        assertThat(parser.parseLine("replay /abs/t.trace", 1)).isEqualTo(new Replay(Path.of("/abs/t.trace")));
        assertThat(new Replay(Path.of("/abs/t.trace")).text()).isEqualTo("replay \"/abs/t.trace\"");
        assertThatThrownBy(() -> parser.parseLine("replay", 3)).isInstanceOf(ScriptException.class)
                .hasMessageContaining(":3:").hasMessageContaining("trace file");
    }
}
