package kmemviz.core.klog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kmemviz.core.cmd.FromLog;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.ExplainStep;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.ImportedZone;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.ZoneType;
import kmemviz.testing.Mutator;
import org.junit.jupiter.api.Test;

/**
 * Reports rebuilt into machines and their requests run again. The published one is
 * src/test/resources/klog/le9-patch-i915.txt: its Mem-Info block (lines 4 to 11) is quoted as posted in
 * github.com/hakavlad/le9-patch/issues/10 (2021, an i915 machine with 8 GiB; the issue states no licence, so it is a
 * short quotation for testing); the excerpt we have starts at the DMA32 zone, so its failure line is the one the
 * same reporter posted for the same i915/shmem path in github.com/hakavlad/le9-patch/issues/5 (5.10.8), and the
 * "Mem-Info:" line between them is ours. The other captures are ours, in 6.12's formats (mm/show_mem.c).
 */
class ReportMachineTest {
    private static final Path LE9 = Path.of("src/test/resources/klog/le9-patch-i915.txt");

    /** A 6.12 GFP_ATOMIC failure, journalctl prefixes, CRLF line ends, a boost and a HighAtomic reserve. */
    static final String ATOMIC_612 = String.join("\r\n",
            "Dec 04 05:00:01 host kernel: swapper/3: page allocation failure: order:0, mode:0x820(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0",
            "Dec 04 05:00:01 host kernel: CPU: 3 UID: 0 PID: 0 Comm: swapper/3 Not tainted 6.12.118-amd64 #1  Debian 6.12.118-1",
            "Dec 04 05:00:01 host kernel: Mem-Info:",
            "Dec 04 05:00:01 host kernel: Node 0 DMA free:3840kB boost:0kB min:132kB low:164kB high:196kB reserved_highatomic:0KB active_anon:0kB"
                    + " inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15996kB managed:15360kB"
                    + " mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB",
            "Dec 04 05:00:01 host kernel: lowmem_reserve[]: 0 2950 3893 3893 3893",
            "Dec 04 05:00:01 host kernel: Node 0 DMA32 free:12000kB boost:2048kB min:24640kB low:30800kB high:36960kB reserved_highatomic:0KB"
                    + " present:3129216kB managed:3063680kB free_pcp:1024kB local_pcp:512kB free_cma:0kB",
            "Dec 04 05:00:01 host kernel: lowmem_reserve[]: 0 0 943 943 943",
            "Dec 04 05:00:01 host kernel: Node 0 Normal free:2000kB boost:0kB min:7880kB low:9848kB high:11816kB reserved_highatomic:2048KB"
                    + " present:1048576kB managed:966000kB free_pcp:0kB local_pcp:0kB free_cma:0kB",
            "Dec 04 05:00:01 host kernel: lowmem_reserve[]: 0 0 0 0 0",
            "Dec 04 05:00:01 host kernel: Node 0 DMA: 0*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 1*256kB (U) 1*512kB (M) 1*1024kB (M) 1*2048kB (M) 0*4096kB = 3840kB",
            "Dec 04 05:00:01 host kernel: Node 0 DMA32: 1000*4kB (UME) 500*8kB (UM) 250*16kB (M) 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 12000kB",
            "Dec 04 05:00:01 host kernel: Node 0 Normal: 100*4kB (UMH) 200*8kB (UM) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 2000kB",
            "");

    private static AllocStory run(FromLog log) {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        k.execute(log.machine());
        AllocStories stories = k.explainAllocations();
        k.execute(log.request());
        return stories.latest();
    }

    private static LogExplanation.Check check(List<LogExplanation.Check> checks, ZoneType zone) {
        return checks.stream().filter(c -> c.zone() == zone).findFirst().orElseThrow();
    }

    @Test
    void thePublishedReportFailsNormalByFourPagesAndDma32ByTwelve() {
        FromLog log = FromLog.read(LE9);
        ReportMachine.Result r = log.result();
        // GFP_HIGHUSER|__GFP_RETRY_MAYFAIL|__GFP_RECLAIMABLE has the same bits in 5.10 and 6.12.
        assertThat(r.gfp()).isEqualTo(0x104cd2);
        assertThat(r.order()).isZero();
        ImportedZone normal = r.zones().stream().filter(z -> z.type() == ZoneType.NORMAL).findFirst().orElseThrow();
        assertThat(normal.watermarks()).startsWith(173116 / 4, 186432 / 4, 199748 / 4);
        assertThat(normal.managedPages()).isEqualTo(7638316 / 4);
        assertThat(normal.freePages()).isEqualTo(173104 / 4);               // "free:", not the per-order line's 173912kB
        ImportedZone dma32 = r.zones().stream().filter(z -> z.type() == ZoneType.DMA32).findFirst().orElseThrow();
        assertThat(dma32.lowmemReserve()).containsExactly(0, 0, 7459, 7459, 7459);
        assertThat(r.profile().zones()).extracting(z -> z.type()).containsExactly(ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL,
                ZoneType.MOVABLE, ZoneType.DEVICE);

        AllocStory story = run(log);
        assertThat(story.failed()).isTrue();
        List<LogExplanation.Check> checks = LogExplanation.checks(story);
        assertThat(checks).extracting(LogExplanation.Check::zone).containsExactly(ZoneType.NORMAL, ZoneType.DMA32);
        // __zone_watermark_ok() wants free - (2^order - 1) > min + lowmem_reserve[ZONE_NORMAL's index, 2].
        assertThat(check(checks, ZoneType.NORMAL).shortPages()).isEqualTo(173116 / 4 + 0 - 173104 / 4 + 1);
        assertThat(check(checks, ZoneType.DMA32).shortPages()).isEqualTo(46144 / 4 + 7459 - 75936 / 4 + 1);
        assertThat(story.steps()).extracting(ExplainStep::kind).contains(ExplainStep.Kind.SLOWPATH, ExplainStep.Kind.DIRECT_RECLAIM,
                ExplainStep.Kind.OOM_SKIPPED, ExplainStep.Kind.NOPAGE);
        assertThat(r.skipped()).anyMatch(s -> s.startsWith("line 8: zone DMA: ") && s.contains("left empty"));
        assertThat(r.skipped()).anyMatch(s -> s.startsWith("line 10: zone Normal: the per-order line adds up to 43478 pages"));
    }

    @Test
    void anAtomicRequestIsCheckedAgainstAMinLoweredForItsReserves() {
        FromLog log = FromLog.of(ATOMIC_612, "atomic.log");
        assertThat(log.request().text()).isEqualTo("alloc_pages(GFP_ATOMIC, 0)  # swapper/3");
        AllocStory story = run(log);
        assertThat(story.failed()).isTrue();
        List<LogExplanation.Check> checks = LogExplanation.checks(story);
        // gfp_to_alloc_flags(): __GFP_HIGH gives ALLOC_MIN_RESERVE (min - min/2), no direct reclaim ALLOC_NON_BLOCK (- a quarter more).
        long normalMin = lowered(7880 / 4), dma32Min = lowered(24640 / 4), dmaMin = lowered(132 / 4);
        assertThat(check(checks, ZoneType.NORMAL).shortPages()).isEqualTo(normalMin - 2000 / 4 + 1);
        assertThat(check(checks, ZoneType.DMA32).shortPages()).isEqualTo(dma32Min + 943 - 12000 / 4 + 1);
        assertThat(check(checks, ZoneType.DMA).shortPages()).isEqualTo(dmaMin + 3893 - 3840 / 4 + 1);
        assertThat(story.steps()).extracting(ExplainStep::kind).contains(ExplainStep.Kind.CANNOT_RECLAIM);
        ReportMachine.Result r = log.result();
        assertThat(r.skipped()).anyMatch(s -> s.startsWith("line 6: zone DMA32: boost 2048kB: the printed min, low and high include it"));
        assertThat(r.skipped()).anyMatch(s -> s.startsWith("line 6: zone DMA32: free_pcp 1024kB"));
        ImportedZone dma32 = r.zones().get(1);
        assertThat(dma32.freeBlocks()[MigrateType.UNMOVABLE.ordinal()][0]).isEqualTo(1);
        assertThat(dma32.freeBlocks()[MigrateType.RECLAIMABLE.ordinal()][0]).isEqualTo(1);
        assertThat(dma32.freeBlocks()[MigrateType.MOVABLE.ordinal()][0]).isEqualTo(998);
        assertThat(r.zones().get(2).freeBlocks()[MigrateType.HIGHATOMIC.ordinal()][0]).isEqualTo(1);
        assertThat(r.skipped()).allMatch(s -> s.matches("line \\d+: .*"));
    }

    private static long lowered(long min) {
        long m = min - min / 2;
        return m - m / 4;
    }

    @Test
    void aFragmentedZonePassesOnPagesButHasNoBlockOfTheOrder() {
        String log = """
                [  5.0] modprobe: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null)
                [  5.0] Mem-Info:
                [  5.0] Node 0 Normal free:40000kB boost:0kB min:4000kB low:5000kB high:6000kB reserved_highatomic:0KB present:262144kB managed:262144kB free_pcp:0kB
                [  5.0] lowmem_reserve[]: 0 0 0 0 0
                [  5.0] Node 0 Normal: 2000*4kB (UM) 2000*8kB (UM) 1000*16kB (M) 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 40000kB
                """;
        FromLog f = FromLog.of(log, "frag.log");
        AllocStory story = run(f);
        assertThat(story.failed()).isTrue();
        LogExplanation.Check normal = check(LogExplanation.checks(story), ZoneType.NORMAL);
        assertThat(normal.step().kind()).isEqualTo(ExplainStep.Kind.WATERMARK_NO_BLOCK);
        assertThat(normal.shortPages()).isZero();
        assertThat(story.steps()).extracting(ExplainStep::kind).contains(ExplainStep.Kind.COSTLY);
        // A report without DMA or DMA32: the zones the lowmem_reserve line counts are there, empty.
        assertThat(f.result().profile().zones()).hasSize(5);
    }

    @Test
    void anOldKernelsNumberWithoutNamesIsReadWith612sBitsAndSaidSo() {
        String log = """
                Jun 15 12:08:50 fstest kernel: [ 5061.33] insmod: page allocation failure. order:1, mode:0x20
                Jun 15 12:08:50 fstest kernel: [ 5061.33] Mem-Info:
                Jun 15 12:08:50 fstest kernel: [ 5061.33] Node 0 Normal free:800kB min:1000kB low:1250kB high:1500kB present:65536kB managed:60000kB
                Jun 15 12:08:50 fstest kernel: [ 5061.33] lowmem_reserve[]: 0 0 0
                Jun 15 12:08:50 fstest kernel: [ 5061.33] Node 0 Normal: 200*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 800kB
                Jun 15 12:08:50 fstest kernel: [ 5061.33] Node 1 Normal free:8000kB min:1000kB low:1250kB high:1500kB present:65536kB managed:60000kB
                """;
        ReportMachine.Result r = FromLog.of(log, "old.log").result();
        assertThat(r.gfp()).isEqualTo(0x20);
        assertThat(r.skipped()).contains("line 1: no flag names: 0x20 is read with 6.12's bits, which older kernels numbered otherwise",
                "line 6: node 1 zone Normal left out: the model has one node, node 0");
        assertThat(r.profile().zones()).extracting(z -> z.type()).containsExactly(ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL, ZoneType.MOVABLE);
    }

    @Test
    void namesThatDisagreeWithTheNumberWinAndTheDifferenceIsSaid() {
        // dCache/dcache#3787 (4.9.65): GFP_ATOMIC was 0x2080020 then; in 6.12 it is 0x820.
        String log = "swapper/12: page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)\nMem-Info:\n"
                + "Normal free:24148kB min:65640kB low:129584kB high:193528kB present:65011712kB managed:63949432kB\n"
                + "lowmem_reserve[]: 0 0 0 0 0\n";
        ReportMachine.Result r = ReportMachine.plan(new KernelLogReader().read(log));
        assertThat(r.gfp()).isEqualTo(Gfp.ATOMIC);
        assertThat(r.used()).contains("line 1: mode 0x2080020 numbers the bits as another kernel does; its names (GFP_ATOMIC) are 0x820 in 6.12, which is what runs");
        // 62 GiB of Normal: its in-use memory is trimmed to fit 64 GiB; free pages and marks stay.
        ImportedZone normal = r.zones().get(2);
        assertThat(normal.watermarks()[0]).isEqualTo(65640 / 4);
        assertThat((long) r.profile().endPfn()).isLessThanOrEqualTo(ReportMachine.MAX_FRAMES);
    }

    @Test
    void anOomReportOfOrderMinusOneRebuildsTheZonesAndRunsNoRequest() {
        String log = "bash invoked oom-killer: gfp_mask=0x0(), order=-1, oom_score_adj=0\nMem-Info:\n"
                + "Node 0 Normal free:4000kB min:4000kB low:5000kB high:6000kB present:262144kB managed:262144kB\n"
                + "lowmem_reserve[]: 0 0 0 0 0\nNode 0 Normal: 1000*4kB (M) 0*8kB = 4000kB\n";
        FromLog f = FromLog.of(log, "sysrq.log");
        assertThat(f.request()).isNull();
        assertThat(f.result().skipped()).anyMatch(s -> s.startsWith("line 1: order -1 is no request"));
        assertThat(LogExplanation.render(f.result(), null)).contains("Normal").doesNotContain("What the kernel did");
    }

    @Test
    void aReportWithNoZoneToRebuildIsAClearError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> FromLog.of("x: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL)\n", "x.log"))
                .hasMessageStartingWith("nothing to rebuild in the report at line 1");
        Path file = Files.writeString(dir.resolve("a.log"), "nothing\n");
        assertThatThrownBy(() -> FromLog.read(file)).hasMessage(file + ": no \"page allocation failure\" or \"invoked oom-killer\" line in the text");
    }

    /**
     * 100,000 mutated reports: each plans a machine or fails with a clear message; every note names its line. The
     * seeds are the two captures with only the fields the plan reads, so that each mutation lands on one of them.
     */
    @Test
    void mutatedReportsPlanOrFailClearly() {
        String atomic = """
                swapper/3: page allocation failure: order:1, mode:0x820(GFP_ATOMIC), nodemask=(null)
                Mem-Info:
                Node 0 DMA free:3840kB boost:0kB min:132kB low:164kB high:196kB present:15996kB managed:15360kB free_pcp:0kB
                lowmem_reserve[]: 0 2950 3893 3893 3893
                Node 0 DMA32 free:12000kB boost:2048kB min:24640kB low:30800kB high:36960kB reserved_highatomic:0KB present:3129216kB managed:3063680kB
                lowmem_reserve[]: 0 0 943 943 943
                Node 0 DMA: 0*4kB 1*8kB (U) 1*16kB (M) 0*32kB 0*64kB 0*128kB 1*256kB (U) 1*512kB (M) 1*1024kB (M) 1*2048kB (M) 0*4096kB = 3864kB
                Node 0 DMA32: 1000*4kB (UME) 500*8kB (UM) 250*16kB (M) 0*32kB = 12000kB
                """;
        String oom = """
                [ 1.0] Xorg invoked oom-killer: gfp_mask=0x104cd2(GFP_HIGHUSER|__GFP_RETRY_MAYFAIL), order=0, oom_score_adj=0
                [ 1.0] Mem-Info:
                [ 1.0] Node 0 Normal free:173104kB min:173116kB low:186432kB high:199748kB reserved_highatomic:4096KB present:7854080kB managed:7638316kB free_pcp:780kB free_cma:64kB
                [ 1.0] lowmem_reserve[]: 0 0 0 0 0
                [ 1.0] Node 1 Normal free:4kB min:4kB low:4kB high:4kB present:4kB managed:4kB
                [ 1.0] Node 0 Normal: 12*4kB (UMEH) 5841*8kB (UMC) 7020*16kB (UM) 463*32kB (UM) = 173912kB
                """;
        Mutator mutator = new Mutator(13, List.of(atomic, oom), " :*_()=[]\n0123456789kBKNormalDMA32HighMem(UMEHC)");
        int planned = 0;
        KernelLogReader reader = new KernelLogReader();
        for (int i = 0; i < 100_000; i++) {
            String text = mutator.next();
            try {
                ReportMachine.Result r = ReportMachine.plan(reader.read(text));
                for (String note : r.skipped()) if (!note.matches("(?s)(line \\d+: |no Mem-Info block after the report \\(line \\d+\\)).*"))
                    fail("mutation " + i + ": no line in '" + note + "' from:\n" + text);
                if (r.profile().endPfn() > ReportMachine.MAX_FRAMES) fail("mutation " + i + ": too large a machine from:\n" + text);
                planned++;
            } catch (IllegalArgumentException clear) {
                if (clear.getMessage() == null || clear.getMessage().isBlank()) fail("no message for:\n" + text);
            } catch (RuntimeException ex) {
                fail("mutation " + i + " threw " + ex + " on:\n" + text, ex);
            }
        }
        assertThat(planned).isGreaterThan(20_000);
    }
}
