package kmemviz.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import kmemviz.core.trace.KmemEvent.PageAlloc;
import kmemviz.core.trace.KmemEvent.PageAllocExtfrag;
import kmemviz.core.trace.KmemEvent.PageAllocZoneLocked;
import kmemviz.core.trace.KmemEvent.PageFree;
import kmemviz.core.trace.KmemEvent.PagePcpuDrain;
import kmemviz.core.trace.KmemEvent.SlabAlloc;
import kmemviz.core.trace.KmemEvent.SlabFree;
import kmemviz.core.trace.TraceLine.Malformed;
import kmemviz.core.trace.TraceLine.SkipReason;
import kmemviz.core.trace.TraceLine.Skipped;
import kmemviz.testing.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lines from real traces (each with its source: a mailing-list Message-ID, open it as lore.kernel.org/r/ID, or a
 * kernel commit) and lines built from the formats of the reference file proc-and-ftrace-formats.md, section 7.
 */
class KmemTraceParserTest {
    private final KmemTraceParser parser = new KmemTraceParser();

    private KmemEvent event(String line) {
        TraceLine parsed = parser.parse(line, 7);
        assertThat(parsed).as(line).isInstanceOf(TraceLine.Event.class);
        return ((TraceLine.Event) parsed).event();
    }

    private int cpu(String line) { return ((TraceLine.Event) parser.parse(line, 1)).cpu(); }

    @Test
    void kmemCacheAllocOf6xWithHashedPointerNodeAndAccounted() {
        // Steven Rostedt, commit 8cd63406d081's text, <20241218141507.28389a1d@gandalf.local.home> (prefix trimmed)
        SlabAlloc a = (SlabAlloc) event("4582.696629: kmem_cache_alloc: call_site=alloc_empty_file+0x6b/0x110 "
                + "ptr=0000000095808002 bytes_req=360 bytes_alloc=384 gfp_flags=GFP_KERNEL node=-1 accounted=false");
        assertThat(a).isEqualTo(new SlabAlloc("kmem_cache_alloc", "alloc_empty_file+0x6b/0x110", "0000000095808002",
                360, 384, "GFP_KERNEL", -1));
        assertThat(a.fromCache()).isTrue();
    }

    @Test
    void theFieldsOptionPrintsHexThenDecimal() {
        // The same mail: options/fields
        SlabAlloc a = (SlabAlloc) event("kmem_cache_alloc: call_site=0xffffffff92d10d97 (-1831793257) "
                + "ptr=0xffff9e0e8571e000 (-107689771147264) bytes_req=0x1000 (4096) bytes_alloc=0x1000 (4096) "
                + "gfp_flags=0xcc0 (3264) node=0xffffffff (-1) accounted=(0)");
        assertThat(a.bytesReq()).isEqualTo(4096);
        assertThat(a.gfpFlags()).isEqualTo("0xcc0");
        assertThat(a.node()).isEqualTo(-1);
        assertThat(a.ptr()).isEqualTo("0xffff9e0e8571e000");
    }

    @Test
    void aCommWithColonAndA5CharacterFlagsField() {
        // Mark Rutland, 2024-03-20, <20240320141844.1779984-1-mark.rutland@arm.com>
        String line = "  test:.sh-1299    [004] .....  2886.040608: kmem_cache_free: call_site=putname+0xa4/0xc8 "
                + "ptr=000000000f4d22f4 name=names_cache";
        assertThat(event(line)).isEqualTo(new SlabFree("kmem_cache_free", "putname+0xa4/0xc8", "000000000f4d22f4",
                "names_cache"));
        assertThat(cpu(line)).isEqualTo(4);
    }

    @Test
    void kmallocAndKfreeOf5xWithoutNodeOrAccounted() {
        // Changbin Du, 2019-09-14, <20190914103215.23301-1-changbin.du@gmail.com> (comm and pid trimmed)
        SlabAlloc a = (SlabAlloc) event("[002] ....   808.188917: kmalloc: call_site=security_prepare_creds+0x77/0xa0 "
                + "ptr=0000000062400820 bytes_req=8 bytes_alloc=336 gfp_flags=GFP_KERNEL|__GFP_ZERO");
        assertThat(a.gfpFlags()).isEqualTo("GFP_KERNEL|__GFP_ZERO");
        assertThat(a.node()).isEqualTo(-1);
        assertThat(a.fromCache()).isFalse();
        SlabFree f = (SlabFree) event("[002] ....   808.188898: kfree: call_site=security_cred_free+0x42/0x50 "
                + "ptr=0000000062400820");
        assertThat(f.ptr()).isEqualTo(a.ptr());
        assertThat(f.cacheName()).isNull();
    }

    @Test
    void mmPageAllocOf4_9WithDecimalPfnAndRawPage() {
        // Mel Gorman, linux-mm 2016-12-07, <20161207211958.s3ymjva54wgakpkm@techsingularity.net>
        String line = "         netperf-3887  [032] ....   393.246420: mm_page_alloc: page=ffffea0021272200 pfn=8690824 "
                + "order=3 migratetype=0 gfp_flags=GFP_KERNEL|__GFP_NOWARN|__GFP_REPEAT|__GFP_COMP|__GFP_NOMEMALLOC|__GFP_NOTRACK";
        assertThat(event(line)).isEqualTo(new PageAlloc(8690824, 3, 0,
                "GFP_KERNEL|__GFP_NOWARN|__GFP_REPEAT|__GFP_COMP|__GFP_NOMEMALLOC|__GFP_NOTRACK"));
        assertThat(cpu(line)).isEqualTo(32);
    }

    @Test
    void everyPageEventOf612() {
        assertThat(event("            bash-1234    [002] d..1.   512.000200: mm_page_free: page=00000000c1a2b3d4 pfn=0x1a2b3c order=0"))
                .isEqualTo(new PageFree("mm_page_free", 0x1a2b3c, 0));
        assertThat(event("            bash-1234    [002] d..1.   512.000300: mm_page_free_batched: page=000000007e6f5d4c pfn=0x1a2b40 order=0"))
                .isEqualTo(new PageFree("mm_page_free_batched", 0x1a2b40, 0));
        assertThat(event("            bash-1234    [002] d..1.   512.000400: mm_page_alloc_zone_locked: page=0000000011223344 pfn=0x1a2c00 order=0 migratetype=1 percpu_refill=1"))
                .isEqualTo(new PageAllocZoneLocked(0x1a2c00, 0, 1, true));
        assertThat(event("     kworker/2:1-87      [002] d..2.   512.000500: mm_page_pcpu_drain: page=0000000055667788 pfn=0x1a2d00 order=0 migratetype=1"))
                .isEqualTo(new PagePcpuDrain(0x1a2d00, 0, 1));
        assertThat(event("            bash-1234    [002] d..1.   512.000600: mm_page_alloc_extfrag: page=00000000a0b0c0d0 pfn=0x200000 alloc_order=0 fallback_order=9 pageblock_order=9 alloc_migratetype=0 fallback_migratetype=1 fragmenting=0 change_ownership=1"))
                .isEqualTo(new PageAllocExtfrag(0x200000, 0, 9, 9, 0, 1, true));
    }

    @Test
    void aFailedAllocationHasANullPageAndNoPfn() {
        assertThat(event("            bash-1234    [002] .....   512.000700: mm_page_alloc: page=0000000000000000 pfn=0x0 order=9 migratetype=1 gfp_flags=GFP_TRANSHUGE_LIGHT"))
                .isEqualTo(new PageAlloc(-1, 9, 1, "GFP_TRANSHUGE_LIGHT"));
        assertThat(event("      insmod-1  [000] ....    10.000000: mm_page_alloc: page=          (null) pfn=0 order=4 migratetype=0 gfp_flags=GFP_KERNEL"))
                .isEqualTo(new PageAlloc(-1, 4, 0, "GFP_KERNEL"));
    }

    @Test
    void traceCmdReportPadsTheEventNameAndKeepsModuleCallSites() {
        // trace-cmd >= 3.3: latency flags; the call site has no /size and may name a module
        SlabAlloc a = (SlabAlloc) event("            bash-1234  [002] d..1.  1234.567890: kmalloc:              "
                + "call_site=ext4_fill_super+0x6c [ext4] ptr=0xffff888101aee200 bytes_req=640 bytes_alloc=1024 "
                + "gfp_flags=GFP_KERNEL_ACCOUNT|__GFP_ZERO node=-1 accounted=true");
        assertThat(a.callSite()).isEqualTo("ext4_fill_super+0x6c [ext4]");
        assertThat(a.bytesAlloc()).isEqualTo(1024);
        // trace-cmd <= 3.2: no flags column
        assertThat(event("            bash-1234  [002]  1234.567890: kfree:                call_site=free_pipe_info+0x10 ptr=0xffff888101aee200"))
                .isEqualTo(new SlabFree("kfree", "free_pipe_info+0x10", "0xffff888101aee200", null));
    }

    @Test
    void oldKernelsPrintTheCallSiteAsBareHexAndHave_nodeEventsAnd2_6Frees() {
        SlabAlloc a = (SlabAlloc) event("          <idle>-0     [001]  1523.250313: kmalloc_node: call_site=c104deff "
                + "ptr=f5c3b800 bytes_req=192 bytes_alloc=192 gfp_flags=GFP_ATOMIC node=0");
        assertThat(a.callSite()).isEqualTo("c104deff");
        assertThat(a.node()).isZero();
        assertThat(event("           <...>-2155  [000]   301.612843: mm_page_free_direct: page=c1a9a3a0 pfn=224509 order=0"))
                .isEqualTo(new PageFree("mm_page_free_direct", 224509, 0));
        assertThat(event("           <...>-2155  [000]   301.612843: mm_pagevec_free: page=c1a9a3a0 pfn=224510 order=0 cold=0"))
                .isEqualTo(new PageFree("mm_pagevec_free", 224510, 0));
        // A raw counter clock, a 7-wide pid with a tgid column
        assertThat(cpu("            bash-1234    (   1234) [003] ....  987654321: kfree: call_site=a+0x1/0x2 ptr=(null)")).isEqualTo(3);
        assertThat(((SlabFree) event("            bash-1234    (   1234) [003] ....  987654321: kfree: call_site=a+0x1/0x2 ptr=(null)")).ptr())
                .isEqualTo("NULL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"# tracer: nop", "#", "# entries-in-buffer/entries-written: 3/3   #P:4",
            "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION", "CPU:2 [LOST 120 EVENTS]", "cpus=4",
            "CPU 3 is empty", "version = 6", "##### CPU 1 buffer started ####"})
    void headersAndMarksAreSkipped(String line) {
        assertThat(parser.parse(line, 1)).isEqualTo(new Skipped(1, SkipReason.HEADER));
    }

    @Test
    void otherEventsAndBlankLinesAreSkipped() {
        assertThat(parser.parse("   ", 2)).isEqualTo(new Skipped(2, SkipReason.BLANK));
        assertThat(parser.parse("          <idle>-0       [000] d..2.   100.000001: sched_switch: prev_comm=swapper/0", 3))
                .isEqualTo(new Skipped(3, SkipReason.OTHER_EVENT));
        assertThat(parser.parse("no event on this line at all", 4)).isEqualTo(new Skipped(4, SkipReason.OTHER_EVENT));
    }

    @Test
    void aMalformedKmemLineNamesTheColumnAndWhatIsWrong() {
        String line = "            bash-1234    [002] d..1.   512.000200: mm_page_free: page=00000000c1a2b3d4 pfn=0xZZ order=0";
        Malformed m = (Malformed) parser.parse(line, 12);
        assertThat(m.column()).isEqualTo(line.indexOf("0xZZ") + 1);
        assertThat(m.describe("t.txt")).isEqualTo("t.txt:12:" + (line.indexOf("0xZZ") + 1)
                + ": mm_page_free: pfn=0xZZ is not a number");
        Malformed missing = (Malformed) parser.parse("x-1 [000] .... 1.0: kfree: ptr=00000000deadbeef", 13);
        assertThat(missing.message()).isEqualTo("no call_site= field");
        Malformed order = (Malformed) parser.parse("x-1 [000] .... 1.0: mm_page_free: page=0 pfn=12 order=99", 14);
        assertThat(order.message()).isEqualTo("order=99 is not a page order");
        Malformed tooLong = (Malformed) parser.parse("x".repeat(KmemTraceParser.MAX_LINE_CHARS + 1), 15);
        assertThat(tooLong.column()).isEqualTo(KmemTraceParser.MAX_LINE_CHARS + 1);
    }

    /**
     * 100,000 mutations of real lines ({@link Mutator}): the parser answers every one with an event, a skip or a Malformed with a column
     * inside the line, and never throws.
     */
    @Test
    void fuzzedLinesNeverThrow() {
        List<String> seeds = List.of(
                "            bash-1234    [002] d..1.   512.000200: mm_page_free: page=00000000c1a2b3d4 pfn=0x1a2b3c order=0",
                "  test:.sh-1299    [004] .....  2886.040608: kmem_cache_free: call_site=putname+0xa4/0xc8 ptr=000000000f4d22f4 name=names_cache",
                "kmem_cache_alloc: call_site=0xffffffff92d10d97 (-1831793257) ptr=0xffff9e0e8571e000 (-1) bytes_req=0x1000 (4096) bytes_alloc=0x1000 (4096) gfp_flags=0xcc0 (3264) node=0xffffffff (-1) accounted=(0)",
                "         netperf-3887  [032] ....   393.246420: mm_page_alloc: page=ffffea0021272200 pfn=8690824 order=3 migratetype=0 gfp_flags=GFP_KERNEL|__GFP_NOWARN",
                "            bash-1234    [002] d..1.   512.000600: mm_page_alloc_extfrag: page=00000000a0b0c0d0 pfn=0x200000 alloc_order=0 fallback_order=9 pageblock_order=9 alloc_migratetype=0 fallback_migratetype=1 fragmenting=0 change_ownership=1",
                "            bash-1234  [002] d..1.  1234.567890: kmalloc:              call_site=ext4_fill_super+0x6c [ext4] ptr=0xffff888101aee200 bytes_req=640 bytes_alloc=1024 gfp_flags=GFP_KERNEL node=-1 accounted=true");
        Mutator mutator = new Mutator(20261203, seeds, " =:[]().-_|0123456789abcdefx\t\r");
        int events = 0;
        int malformed = 0;
        for (int i = 0; i < 100_000; i++) {
            String line = mutator.next();
            TraceLine parsed = parser.parse(line, i + 1);
            if (parsed.lineNo() != i + 1) fail("line number " + parsed.lineNo() + " for line " + (i + 1));
            if (parsed instanceof Malformed m) {
                malformed++;
                if (m.column() < 1 || m.column() > line.length() + 1 || m.message().isBlank()) fail(m + " for " + line);
            } else if (parsed instanceof TraceLine.Event) {
                events++;
            }
        }
        // The mutations must exercise both outcomes, or the fuzzing proves nothing.
        assertThat(events).isGreaterThan(10_000);
        assertThat(malformed).isGreaterThan(1_000);
    }
}
