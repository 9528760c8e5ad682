package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.cmd.Touch;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.GfpParseException;
import kmemviz.core.mm.GfpParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs that once ran for seconds (issue 10, "Bad input that takes too long"): each is either run at its
 * limit, which must work, or refused just above it with an error that names the limit. How long the worst cases
 * take is measured by hand, not here: tests time nothing.
 */
class InputLimitsTest {
    @TempDir Path dir;
    private ScriptRun runs;

    @BeforeEach
    void fixture() { runs = new ScriptRun(dir); }

    private int run(String script, String... options) throws Exception { return runs.run(script, options); }

    /** {@code GFP_KERNEL|GFP_KERNEL|...} padded with spaces to exactly {@code chars} characters. */
    private static String gfpExpression(int chars) {
        StringBuilder sb = new StringBuilder("GFP_KERNEL");
        while (sb.length() + "|GFP_KERNEL".length() <= chars) sb.append("|GFP_KERNEL");
        return sb.append(" ".repeat(chars - sb.length())).toString();
    }

    @Test
    void aRandomTouchAtTheLimitMissingTheWidestTlbsRunsEveryAccess() throws Exception {
        // 64 MiB is 16,384 pages, far more than the TLBs hold: nearly every access walks, after looking through
        // every way of the widest TLBs allowed (fully associative, 128 ways), the slow case.
        assertThat(run("machine x86_64-16g\nv = vmalloc(64MiB)\ntlb l1-4k 128 128\ntlb stlb 128 128\ntlb reset\n"
                + "touch v random count=" + Touch.MAX_ACCESSES
                + "\nexpect tlb accesses == " + Touch.MAX_ACCESSES + "\n")).as(runs.err()).isZero();
        assertThat(runs.out()).contains("touch v random count=1000000 seed=1: 1000000 accesses");
    }

    @Test
    void aRandomTouchAboveTheLimitIsAScriptErrorNamingTheLimit() throws Exception {
        assertThat(run("machine classroom\nv = vmalloc(16KiB)\ntouch v random count=" + (Touch.MAX_ACCESSES + 1) + "\n"))
                .isEqualTo(2);
        assertThat(runs.err()).contains("demo.kmv:3:22: count=1000001 is above the limit of 1000000 accesses");
        assertThat(runs.out()).isEmpty();
    }

    @Test
    void aStrideTouchThatWouldPassTheLimitIsRefusedBeforeItRuns() throws Exception {
        assertThat(run("machine x86_64-16g\nv = vmalloc(4MiB)\ntouch v stride=1\n")).isEqualTo(2);
        assertThat(runs.err()).contains("demo.kmv:3:1: touch v stride=1 would make 4194304 accesses over 4194304 bytes;"
                + " one touch makes at most 1000000");
    }

    @Test
    void aTouchRecordChecksItsOwnCount() {
        assertThatThrownBy(() -> new Touch("v", Touch.Pattern.RANDOM, Touch.MAX_ACCESSES + 1, 1, 0))
                .hasMessage("count is 1..1000000, was 1000001");
        assertThat(new Touch("v", Touch.Pattern.STRIDE, 0, 0, Long.MAX_VALUE).accesses(Long.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void aLineLongerThan64KiBIsRefusedNamingFileAndLine() throws Exception {
        String longNote = "note \"" + "x".repeat(ScriptParser.MAX_LINE_CHARS) + "\"";
        assertThat(run("machine classroom\n" + longNote + "\n")).isEqualTo(2);
        assertThat(runs.err()).contains("demo.kmv:2:65537: the line has 65543 characters; a script line may have at most 65536");
    }

    @Test
    void aScriptLineOf64KiBWithAGfpExpressionFillingItRuns() throws Exception {
        String head = "p = kmalloc(8, ", tail = ")";
        String line = head + gfpExpression(ScriptParser.MAX_LINE_CHARS - head.length() - tail.length()) + tail;
        assertThat(line).hasSize(ScriptParser.MAX_LINE_CHARS);
        assertThat(run("machine classroom\n" + line + "\nexpect p != NULL\n")).as(runs.err()).isZero();
    }

    @Test
    void aGfpExpressionOf64KiBIsReadAndOneCharacterMoreIsRefused() {
        assertThat(GfpParser.parse(gfpExpression(GfpParser.MAX_CHARS)).mask()).isEqualTo(Gfp.KERNEL);
        assertThatThrownBy(() -> GfpParser.parse(gfpExpression(GfpParser.MAX_CHARS + 1)))
                .isInstanceOf(GfpParseException.class)
                .hasMessage("GFP expression of 65537 characters: at most 65536 are read");
    }

    @Test
    void anUnknownNameAsLongAsTheLimitIsReportedWithoutASuggestion() {
        // The case that took 1.9 s at a million characters: a "did you mean" table against every known name.
        assertThatThrownBy(() -> GfpParser.parse("__GFP_" + "Z".repeat(GfpParser.MAX_CHARS - 6)))
                .isInstanceOf(GfpParseException.class)
                .hasMessage("unknown GFP flag '__GFP_" + "Z".repeat(54) + "...' at column 1");
    }

    @Test
    void aTlbWiderThan128WaysIsAScriptErrorNamingTheLimit() throws Exception {
        assertThat(run("machine x86_64-16g\ntlb stlb 1024 256\n")).isEqualTo(2);
        assertThat(runs.err()).contains("demo.kmv:2:15: a TLB has at most 128 ways, found 256");
    }
}
