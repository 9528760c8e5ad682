package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GfpCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GfpCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void highuserMovableCompoundDecodesToMovableZone() {
        assertThat(run("0x140cca")).isZero();
        assertThat(out.toString()).contains(
                "mask: 0x140cca",
                "%pGg: GFP_HIGHUSER_MOVABLE|__GFP_COMP",
                "zone: Movable (x86_64)",
                "migratetype: Movable",
                "may sleep: yes");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void listsOneLinePerSetBitWithNameHexAndMeaning() {
        run("GFP_KERNEL | __GFP_ZERO");
        assertThat(out.toString()).contains("mask: 0xdc0", "%pGg: GFP_KERNEL|__GFP_ZERO")
                .containsPattern("(?m)^  __GFP_ZERO +0x100 +Hand back the memory filled with zeroes\\.$")
                .containsPattern("(?m)^  __GFP_IO +0x40 +");
        assertThat(out.toString().lines().filter(l -> l.startsWith("  __GFP_"))).hasSize(5);
    }

    @Test
    void wordsAreJoinedSoASeparateBarWorks() {
        run("GFP_KERNEL", "|", "__GFP_ZERO");
        assertThat(out.toString()).contains("mask: 0xdc0");
    }

    @Test
    void showsI386ZoneOnlyWhenItDiffers() {
        run("GFP_HIGHUSER");
        assertThat(out.toString()).contains("zone: Normal (x86_64), HighMem (i386)");
    }

    @Test
    void atomicMayNotSleep() {
        run("GFP_ATOMIC");
        assertThat(out.toString()).contains("zone: Normal (x86_64)\n", "may sleep: no");
    }

    @Test
    void oldNamesPrintTheirNotes() {
        assertThat(run("__GFP_WAIT|__GFP_IO|__GFP_FS")).isZero();
        assertThat(out.toString()).contains("%pGg: GFP_KERNEL", "notes:", "  __GFP_WAIT was replaced in 4.4");
    }

    @Test
    void unknownNameExitsTwoNamingTheToken() {
        assertThat(run("GFP_KERNEL", "|", "__GFP_ZEROO")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown GFP flag '__GFP_ZEROO' at column 14 (did you mean __GFP_ZERO?)",
                "  GFP_KERNEL | __GFP_ZEROO\n               ^");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badZoneCombinationExitsTwoWithTheReason() {
        assertThat(run("GFP_KERNEL|__GFP_DMA|__GFP_HIGHMEM")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid mask 0xcc3", "__GFP_DMA|__GFP_HIGHMEM", "VM_BUG_ON");
    }

    @Test
    void helpDescribesThePercentPGgForm() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: gfp", "its %pGg form");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void missingExpressionIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("EXPR");
    }
}
