package kmemviz.core.klog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;

import kmemviz.core.klog.AllocationReport.Kind;
import kmemviz.core.klog.AllocationReport.ZoneState;
import kmemviz.testing.Mutator;
import org.junit.jupiter.api.Test;

/**
 * Real reports as people posted them (GitHub issues, quoted in part, with their source) and a 6.12 report built from
 * mm/show_mem.c's formats.
 */
class KernelLogReaderTest {
    private final KernelLogReader reader = new KernelLogReader();

    @Test
    void aDmesgTHeaderOf5_4() {
        // spdk/spdk#1252, Fedora 30, 5.4.19 (github.com/spdk/spdk/issues/1252)
        AllocationReport r = reader.read("[Mon Apr 20 15:08:07 2020] kworker/u16:3: page allocation failure: order:4, "
                + "mode:0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0\n"
                + "[Mon Apr 20 15:08:07 2020] CPU: 1 PID: 1333536 Comm: kworker/u16:3 Not tainted 5.4.19-100.fc30.x86_64 #1\n");
        assertThat(r.kind()).isEqualTo(Kind.PAGE_ALLOCATION_FAILURE);
        assertThat(r.task()).isEqualTo("kworker/u16:3");
        assertThat(r.order()).isEqualTo(4);
        assertThat(r.gfpMask()).isEqualTo(0x40dc0);
        assertThat(r.gfpNames()).isEqualTo("GFP_KERNEL|__GFP_COMP|__GFP_ZERO");
        assertThat(r.line()).isEqualTo(1);
        assertThat(r.skipped()).containsExactly("no Mem-Info block after the report (line 1): no zone state to rebuild");
    }

    @Test
    void aSyslogReportWithWrappedZoneLinesAndOneReserveANumberALine() {
        // Fragments of dCache/dcache#3787 (github.com/dCache/dcache/issues/3787), Debian 4.9.65: the failure line,
        // the syslog-wrapped Normal zone and lowmem_reserve of one report, the wrapped per-order line of another.
        String log = """
                [2836069.535511] swapper/12: page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)
                [2836069.535512] CPU: 12 PID: 0 Comm: swapper/12 Not tainted 4.9.0-5-amd64 #1 Debian 4.9.65-3+deb9u2
                Feb 19 16:20:13 lcg-lrz-dc25 kernel: Mem-Info:
                Feb 19 16:20:13 lcg-lrz-dc25 kernel: Node 0\s
                Feb 19 16:20:13 lcg-lrz-dc25 kernel: Normal free:24148kB min:65640kB low:129584kB high:193528kB
                active_anon:6576248kB inactive_anon:843860kB active_file:52481792kB inactive_file:2638416kB unevictable:0kB
                writepending:2637672kB present:65011712kB managed:63949432kB mlocked:0kB slab_reclaimable:1035932kB
                slab_unreclaimable:74584kB kernel_stack:22912kB pagetables:33916kB bounce:0kB free_pcp:5984kB local_pcp:460kB
                free_cma:0kB
                Feb 19 16:20:13 lcg-lrz-dc25 kernel: lowmem_reserve[]:
                Feb 19 16:20:13 lcg-lrz-dc25 kernel:  0
                Feb 19 16:20:13 lcg-lrz-dc25 kernel:  0
                Feb 19 16:20:13 lcg-lrz-dc25 kernel:  0
                Feb 19 16:20:13 lcg-lrz-dc25 kernel:  0
                Feb 19 16:20:13 lcg-lrz-dc25 kernel:  0
                [2836069.535502] Node 0 Normal: 4172*4kB (UME) 8*8kB (UM) 5*16kB (U) 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB
                0*1024kB 0*2048kB 0*4096kB = 16832kB
                """;
        AllocationReport r = reader.read(log);
        assertThat(r.task()).isEqualTo("swapper/12");
        assertThat(r.gfpMask()).isEqualTo(0x2080020);
        ZoneState normal = r.zones().get(0);
        assertThat(normal.name()).isEqualTo("Normal");
        assertThat(normal.kb("min")).isEqualTo(65640);
        assertThat(normal.kb("managed")).isEqualTo(63949432);
        assertThat(normal.kb("free_cma")).isZero();
        assertThat(normal.lowmemReserve()).containsExactly(0, 0, 0, 0, 0);
        assertThat(normal.freeBlocks()).containsExactly(4172, 8, 5, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(normal.typeLetters()).startsWith("UME", "UM", "U", "");
        assertThat(normal.totalKb()).isEqualTo(16832);
        assertThat(normal.line()).isEqualTo(5);
        assertThat(normal.reserveLine()).isEqualTo(10);
        assertThat(normal.ordersLine()).isEqualTo(16);
        assertThat(r.skipped()).isEmpty();
    }

    @Test
    void markdownTurnedTheStarsIntoUnderscores() {
        // openzfs/spl#125 (github.com/openzfs/spl/issues/125), Fedora 17, 3.4.0: GitHub's Markdown ate the '*'s
        AllocationReport r = reader.read("""
                Jun 15 12:08:50 fstest kernel: [ 5061.330000] insmod: page allocation failure. order:4, mode:0x20
                Jun 15 12:08:50 fstest kernel: [ 5061.330960] Mem-Info:
                Jun 15 12:08:50 fstest kernel: [ 5061.330966] Node 0 DMA: 0_4kB 1_8kB 1_16kB 0_32kB 2_64kB 1_128kB 1_256kB 0_512kB 1_1024kB 1_2048kB 3_4096kB = 15896kB
                """);
        assertThat(r.order()).isEqualTo(4);
        assertThat(r.gfpMask()).isEqualTo(0x20);
        assertThat(r.gfpNames()).isNull();
        assertThat(r.zones().get(0).freeBlocks()).containsExactly(0, 1, 1, 0, 2, 1, 1, 0, 1, 1, 3);
        assertThat(r.skipped()).contains("line 1: the mask has no flag names (kernels before 4.x print only the number)",
                "line 3: zone DMA: no \"DMA free:...kB min:...kB\" line");
    }

    @Test
    void anOomReportOf612WithMigrateTypeLettersAndNoNodeOnI386() {
        // Built from mm/oom_kill.c:462 and mm/show_mem.c (6.12.118): no "Node N " prefix without CONFIG_NUMA.
        AllocationReport r = reader.read("""
                [   12.000001] hog invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0
                [   12.000002] Mem-Info:
                [   12.000003] active_anon:0 inactive_anon:0 isolated_anon:0
                [   12.000004] Normal free:3012kB boost:0kB min:2044kB low:2552kB high:3060kB reserved_highatomic:0KB active_anon:0kB present:901120kB managed:868352kB mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB
                [   12.000005] lowmem_reserve[]: 0 0 0 0
                [   12.000006] Normal: 3*4kB (UM) 2*8kB (M) 1*16kB (M) 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 44kB
                """);
        assertThat(r.kind()).isEqualTo(Kind.OOM_KILLER);
        assertThat(r.task()).isEqualTo("hog");
        assertThat(r.gfpMask()).isEqualTo(0x140dca);
        ZoneState normal = r.zones().get(0);
        assertThat(normal.kb("reserved_highatomic")).isZero();
        assertThat(normal.kb("high")).isEqualTo(3060);
        assertThat(normal.freeBlocks()).startsWith(3, 2, 1, 0);
        assertThat(normal.typeLetters()).startsWith("UM", "M", "M", "");
        assertThat(r.skipped()).isEmpty();
    }

    @Test
    void whatCannotBeReadIsSaid() {
        AllocationReport r = reader.read("x: page allocation failure: order:1, mode:0xcc0(GFP_KERNEL)\nMem-Info:\n"
                + "Normal: 1*4kB (U) 1*8kB 1*32kB = 12kB\n");
        assertThat(r.skipped()).contains("line 3: zone Normal: \"1*32kB\" where 16kB blocks were expected; per-order line cut there");
        assertThat(r.zones().get(0).freeBlocks()).containsExactly(1, 1);
        assertThatThrownBy(() -> reader.read("nothing to see here")).hasMessage(
                "no \"page allocation failure\" or \"invoked oom-killer\" line in the text");
    }

    /** A report quoted in a mail reply ("> > ") reads as the report itself; the published PowerPC one serves. */
    @Test
    void aReportQuotedInAMailReplyReadsAsTheReport() throws java.io.IOException {
        String report = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/klog/ppc32-6.9-kswapd0-gfp-kernel.txt"));
        AllocationReport plain = reader.read(report);
        AllocationReport quoted = reader.read("On Wed, 15 May 2024 someone wrote:\n" + report.replaceAll("(?m)^", "> > "));
        assertThat(quoted.zones()).hasSize(1);
        assertThat(quoted.zones().get(0).kB()).isEqualTo(plain.zones().get(0).kB());
        assertThat(quoted.zones().get(0).lowmemReserve()).containsExactly(0, 0, 1280, 1280);
        assertThat(quoted.release()).isEqualTo("6.9.0-gentoo-PMacG4");
        assertThat(quoted.line()).isEqualTo(plain.line() + 1);
    }

    /** logd's "\x0a" inside a message starts a report line, but the lines named are those of the pasted text. */
    @Test
    void escapedNewlinesKeepThePastedLineNumbers() {
        AllocationReport r = reader.read("x: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL)\nMem-Info:\\x0a free:1 free_pcp:0\n"
                + "Normal free:4kB min:8kB low:12kB high:16kB present:4096kB managed:4096kB\\x0alowmem_reserve[]: 0 0 0 0\n"
                + "Normal: 1*4kB (U) = 4kB\n");
        assertThat(r.zones().get(0).line()).isEqualTo(3);
        assertThat(r.zones().get(0).reserveLine()).isEqualTo(3);
        assertThat(r.zones().get(0).ordersLine()).isEqualTo(4);
    }

    /** 100,000 mutated reports: each reads to a report or to a clear IllegalArgumentException, nothing else. */
    @Test
    void mutatedReportsReadOrFailClearly() {
        String seed = "[ 1.0] hog invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
                + "[ 1.0] Mem-Info:\n[ 1.0] Node 0 Normal free:3012kB min:2044kB low:2552kB high:3060kB managed:868352kB\n"
                + "[ 1.0] lowmem_reserve[]: 0 0 0 0\n[ 1.0] Node 0 Normal: 3*4kB (UM) 2*8kB (M) 1*16kB (M) 0*32kB = 44kB\n";
        Mutator mutator = new Mutator(7, List.of(seed, seed.replace("hog invoked oom-killer: gfp_mask", "x: page allocation failure: order:2, mode")),
                " :*_()=[]\n0123456789kBNormalDMA");
        int reports = 0;
        for (int i = 0; i < 100_000; i++) {
            String text = mutator.next();
            try {
                AllocationReport r = reader.read(text);
                if (r.order() < -1 || r.zones().size() > 10) fail("implausible " + r + " from:\n" + text);
                for (String problem : r.skipped()) if (!problem.matches("(?s).*line \\d+.*")) fail("no line named in '" + problem + "' from:\n" + text);
                reports++;
            } catch (IllegalArgumentException clear) {
                if (clear.getMessage() == null || clear.getMessage().isBlank()) fail("no message for:\n" + text);
            } catch (RuntimeException ex) {
                fail("mutation " + i + " threw " + ex + " on:\n" + text);
            }
        }
        assertThat(reports).isGreaterThan(20_000); // both outcomes are reached
    }
}
