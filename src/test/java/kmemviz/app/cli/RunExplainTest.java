package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run SCRIPT --explain VAR|last-failure}. */
class RunExplainTest {
    private static final String FULL = "machine custom 64MiB dma=16MiB reserved=0\nhog = user_process(\"hog\", 62MiB)\n"
            + "a = alloc_pages(GFP_KERNEL, 4)\nb = alloc_pages(GFP_KERNEL, 4)\nc = alloc_pages(GFP_KERNEL, 4)\n"
            + "d = alloc_pages(GFP_KERNEL, 4)\ne = alloc_pages(GFP_KERNEL, 4)\nf = alloc_pages(GFP_KERNEL, 4)\n"
            + "g = alloc_pages(GFP_KERNEL, 4)\n";

    @TempDir Path dir;
    private ScriptRun runs;

    @BeforeEach
    void fixture() { runs = new ScriptRun(dir); }

    private int run(String script, String... options) throws Exception { return runs.run(script, options); }

    @Test
    void explainingAVariableTheScriptDoesNotHaveExitsTwoAndNamesTheVariablesItHas() throws Exception {
        assertThat(run("machine classroom\np = alloc_pages(GFP_KERNEL, 0)\n", "--explain", "q")).isEqualTo(2);
        assertThat(runs.err()).contains("--explain q: ").contains("has no variable q (its variables: p)").contains("last-failure");
        assertThat(runs.out()).isEmpty();
    }

    @Test
    void lastFailureWithNoFailureExitsTwo() throws Exception {
        assertThat(run("machine classroom\np = alloc_pages(GFP_KERNEL, 0)\n", "--explain", "last-failure")).isEqualTo(2);
        assertThat(runs.err()).contains("--explain last-failure: no allocation failed in");
    }

    @Test
    void aVariableHoldingNullPointsToLastFailure() throws Exception {
        assertThat(run(FULL, "--explain", "g")).isEqualTo(2);
        assertThat(runs.err()).contains("g is NULL").contains("--explain last-failure");
    }

    @Test
    void aStoryIsNumberedFromTheCallToTheBlockItGot() throws Exception {
        assertThat(run("machine classroom\np = alloc_pages(GFP_KERNEL, 2)\n", "--explain", "p")).isZero();
        String[] lines = runs.out().split("\n");
        assertThat(lines[0]).startsWith("1. __alloc_pages(GFP_KERNEL, order 2): gfp_zone() = ");
        assertThat(lines[lines.length - 1]).matches("\\d+\\. got the order-2 block at pfn 0x[0-9a-f]+ in \\w+");
        assertThat(runs.out()).contains("get_page_from_freelist() with ALLOC_WMARK_LOW", "zone_watermark_ok() true", "__rmqueue_smallest()");
    }

    /** The numbers of the last failure's final conditions are those zoneinfo prints after the script (a failure changes nothing). */
    @Test
    void theLastFailuresNumbersAreTheOnesZoneinfoPrints() throws Exception {
        assertThat(run(FULL, "--explain", "last-failure")).isZero();
        String story = runs.out();
        assertThat(run(FULL, "--print", "zoneinfo")).isZero();
        String zoneinfo = runs.out();
        for (String zone : new String[] {"Normal", "DMA"}) {
            long free = field(zoneinfo, zone, "pages free"), min = field(zoneinfo, zone, "min");
            assertThat(story).contains(String.format("%s: free %d - 15 = %d ≤ min %d + lowmem_reserve", zone, free, free - 15, min));
        }
        // Normal requests leave DMA its protection, zoneinfo's third entry (ZONE_NORMAL) on the DMA zone's line.
        Matcher protection = Pattern.compile("zone +DMA\\n(?:.*\\n)*? +protection: \\(\\d+, \\d+, (\\d+),").matcher(zoneinfo);
        assertThat(protection.find()).isTrue();
        assertThat(story).contains("min " + field(zoneinfo, "DMA", "min") + " + lowmem_reserve " + protection.group(1) + " with ALLOC_WMARK_MIN");
        assertThat(story).contains("Failed because: ").endsWith("no reclaimable pages; order 4 is costly: no OOM killer\n");
    }

    /** A field of one zone's block in /proc/zoneinfo. */
    private static long field(String zoneinfo, String zone, String name) {
        Matcher m = Pattern.compile("zone +" + zone + "\\n(?:.*\\n)*? +" + name + " +(\\d+)").matcher(zoneinfo);
        if (!m.find()) throw new AssertionError("no " + name + " for " + zone + " in\n" + zoneinfo);
        return Long.parseLong(m.group(1));
    }
}
