package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain-log end to end on a published report (src/test/resources/klog/le9-patch-i915.txt; its source is in
 * {@code kmemviz.core.klog.ReportMachineTest}).
 */
class ExplainLogCommandTest {
    private final CliRun cli = new CliRun();

    private static Path fixture() { return Path.of("src/test/resources/klog/le9-patch-i915.txt"); }

    @Test
    void explainsWhichZoneFailedWhichCheckByHowMuch() {
        assertThat(cli.run("explain-log", fixture().toString())).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out()).contains(
                "Xorg: page allocation failure (line 1): order 0, mode 0x104cd2(GFP_HIGHUSER|__GFP_RETRY_MAYFAIL|__GFP_RECLAIMABLE)",
                "  Normal: failed, free 43276 ≤ min 43279 + lowmem_reserve 0: 4 pages short (16 kB)",
                "  DMA32: failed, free 18984 ≤ min 11536 + lowmem_reserve 7459: 12 pages short (48 kB)",
                "What the kernel did: alloc_pages(GFP_HIGHUSER|__GFP_RETRY_MAYFAIL|__GFP_RECLAIMABLE, 0) → NULL",
                "__alloc_pages_slowpath(): gfp_to_alloc_flags() gives ALLOC_WMARK_MIN|ALLOC_KSWAPD",
                "__alloc_pages_direct_reclaim(): try_to_free_pages() found no reclaimable pages",
                "__alloc_pages_may_oom(): no OOM killer: __GFP_RETRY_MAYFAIL or __GFP_THISNODE: nopage",
                "  line 6: zone Normal: free 43276, min 43279, low 46608, high 49937 pages (kB / 4); present 1963520, managed 1909579");
        assertThat(cli.out()).containsPattern("(?m)^  line 8: zone DMA: .*left empty");
    }

    @Test
    void aDashReadsTheReportFromStandardInput() throws Exception {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(Files.newInputStream(fixture()));
            assertThat(cli.run("explain-log", "-")).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(cli.out()).contains("Normal: failed, free 43276 ≤ min 43279 + lowmem_reserve 0: 4 pages short");
    }

    @Test
    void aMissingFileOrATextWithoutAReportIsExit2WithOneLine(@TempDir Path dir) throws Exception {
        assertThat(cli.run("explain-log", dir.resolve("nope.txt").toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo(dir.resolve("nope.txt") + ": no such file" + System.lineSeparator());
        Path empty = Files.writeString(dir.resolve("boot.log"), "[    0.000000] Linux version 6.12.0\n");
        assertThat(cli.run("explain-log", empty.toString())).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly(
                empty + ": no \"page allocation failure\" or \"invoked oom-killer\" line in the text");
        assertThat(cli.out()).isEmpty();
    }
}
