package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
    @TempDir Path dir;
    private ScriptRun runs;

    @BeforeEach
    void fixture() { runs = new ScriptRun(dir); }

    private int run(String script, String... options) throws Exception { return runs.run(script, options); }

    @Test
    void aScriptWhoseExpectationsHoldExitsZeroAndPrintsBuddyinfoByteForByte() throws Exception {
        int code = run("machine custom 4MiB dma=1MiB reserved=0 pcp=off migratetypes=off\np = alloc_pages(GFP_KERNEL, 0)\nexpect p != NULL\n",
                "--print", "buddyinfo");
        assertThat(code).isZero();
        assertThat(runs.out()).isEqualTo(
                "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      0      0 \n"
              + "Node 0, zone   Normal      1      1      1      1      1      1      1      1      0      1      0 \n");
    }

    @Test
    void aReplayLineReadsItsTraceBesideTheScriptAndPrintReplayGivesTheSummary() throws Exception {
        Files.writeString(dir.resolve("pages.trace"), """
                # tracer: nop
                            bash-1234    [002] d..1.   512.000100: mm_page_alloc: page=00000000c1a2b3d4 pfn=0x3fe order=1 migratetype=1 gfp_flags=GFP_KERNEL
                            bash-1234    [002] d..1.   512.000200: kfree: call_site=putname+0x53/0x60 ptr=00000000deadbeef
                            bash-1234    [002] d..1.   512.000300: mm_page_alloc: page=00000000c1a2b3d5 pfn=0x100000 order=0 migratetype=1 gfp_flags=GFP_KERNEL
                """);
        int code = run("machine classroom\nreplay pages.trace\n", "--print", "replay,buddyinfo");
        assertThat(code).as(runs.err()).isZero();
        assertThat(runs.out()).startsWith("replay pages.trace: 4 lines, 3 kmem events, 1 applied, 2 problems\n")
                .contains("frees of pointers never seen allocated", "pfns outside the machine", "pages.trace:4: mm_page_alloc: pfn=0x100000");

        assertThat(run("machine classroom\nreplay missing.trace\n")).isEqualTo(2);
        assertThat(runs.err()).contains("demo.kmv:2:1: replay: cannot read", "missing.trace: no such file");
    }

    @Test
    void printUnusableAndExtfragGiveDebugfsFilesInTheOrderAsked() throws Exception {
        int code = run("machine custom 4MiB dma=1MiB reserved=0 pcp=off migratetypes=off\np = alloc_pages(GFP_KERNEL, 0)\n",
                "--print", "unusable,extfrag");
        assertThat(code).isZero();
        assertThat(runs.out()).contains(
                "Node 0, zone   Normal 0.000 0.001 0.003 0.009 0.019 0.040 0.082 0.165 0.332 0.332 1.000 \n",
                "Node 0, zone   Normal " + "-1.000 ".repeat(10) + " 0.806 \n");
        assertThat(runs.out().indexOf(" 0.806 ")).isGreaterThan(runs.out().indexOf(" 0.332 1.000 "));
    }

    @Test
    void printVmstatGivesTheCountersTheModelKeepsInProcVmstatsOrder() throws Exception {
        // 4 MiB, nothing reserved: boot frees all 1024 pages (pgfree counts them); the frees and allocations below
        // add to pgfree and pgalloc_<zone>, and one page stays allocated.
        int code = run("machine custom 4MiB dma=1MiB reserved=0 pcp=off migratetypes=off\np = alloc_pages(GFP_KERNEL, 2)\n"
                + "q = alloc_pages(GFP_DMA, 0)\n__free_pages(p, 2)\n", "--print", "vmstat");
        assertThat(code).as(runs.err()).isZero();
        assertThat(runs.out()).startsWith("nr_free_pages 1023\npgalloc_dma 1\npgalloc_dma32 0\npgalloc_normal 4\n"
                + "pgalloc_movable 0\npgalloc_device 0\npgfree 1028\npgmigrate_success 0\n")
                .endsWith("compact_daemon_free_scanned 0\n");
    }

    @Test
    void aFailedExpectationExitsOneAndNamesItsLine() throws Exception {
        int code = run("machine classroom\np = alloc_pages(GFP_KERNEL, 0)\nexpect p == NULL\n");
        assertThat(code).isEqualTo(1);
        assertThat(runs.err()).contains("demo.kmv:3:1: expect p == NULL: failed, the value is not NULL");
    }

    @Test
    void aScriptErrorExitsTwoWithLineAndColumn() throws Exception {
        assertThat(run("machine classroom\np = alloc_pages(GFP_KERNEL | __GFP_BOGUS, 0)\n")).isEqualTo(2);
        assertThat(runs.err()).contains("demo.kmv:2:").contains("__GFP_BOGUS");
    }

    @Test
    void aRuntimeErrorSuchAsAnUnknownVariableExitsTwoWithLineAndColumn() throws Exception {
        assertThat(run("machine classroom\n   __free_pages(q, 0)\n")).isEqualTo(2);
        assertThat(runs.err()).contains("demo.kmv:2:4: unknown variable 'q'");
    }

    @Test
    void aMissingFileExitsTwo() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(dir.resolve("nope.kmv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void touchAndTranslatePrintTheirResults() throws Exception {
        assertThat(run("machine x86_64-16g\nv = vmalloc(16KiB)\ntouch v\ntranslate(v)\n", "--print", "tlb")).isZero();
        assertThat(runs.out()).contains("touch v: 4 accesses, 0 L1 hits, 0 STLB hits, 4 page walks")
                .contains("-> 4 KiB page").contains("walks 4\n");
    }

    @Test
    void withoutPrintItEndsWithOneSummaryLine() throws Exception {
        assertThat(run("machine classroom\np = alloc_pages(GFP_KERNEL, 0)\nexpect p != NULL\nexpect free Normal >= 1\n"))
                .isZero();
        assertThat(runs.out()).isEqualTo(
                "demo.kmv: 4 commands run, 2 of 2 expects held, 0 failures reported by the kernel" + System.lineSeparator());
    }

    @Test
    void theSummaryCountsFailedExpectsTheFailuresTheKernelReportedAndWhatItPrinted() throws Exception {
        int code = run("machine classroom\np = alloc_pages(GFP_KERNEL, 10)\nq = alloc_pages(GFP_KERNEL, 0)\n"
                + "__free_pages(q, 0)\n__free_pages(q, 0)\nexpect q != NULL\nexpect p != NULL\n");
        assertThat(code).isEqualTo(1);
        assertThat(runs.out()).isEqualTo("demo.kmv: 7 commands run, 1 of 2 expects held, 2 failures reported by the "
                + "kernel (1 allocation returned NULL, 1 call refused); the kernel printed 1 page allocation failure, "
                + "1 BUG report" + System.lineSeparator());
        assertThat(runs.err()).contains("demo.kmv:7:1: expect p != NULL: failed, the value is NULL");
    }

    @Test
    void aScriptWithoutExpectsSaysSo() throws Exception {
        assertThat(run("machine classroom\n")).isZero();
        assertThat(runs.out()).startsWith("demo.kmv: 1 command run, no expects, 0 failures");
    }
}
