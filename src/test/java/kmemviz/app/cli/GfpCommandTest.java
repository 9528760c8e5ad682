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

    @Test
    void aPageAllocationFailureLineIsDecodedFromItsNumberAndItsNamesAgree() {
        assertThat(run("kworker/u8:2: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null)"))
                .isZero();
        assertThat(out.toString()).startsWith("from the log: mode:0x40cc0(GFP_KERNEL|__GFP_COMP)\nmask: 0x40cc0\n"
                + "%pGg: GFP_KERNEL|__GFP_COMP\nnames: the names agree with the number\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anOomKillerLineSplitIntoWordsByTheShellReadsTheSame() {
        assertThat(run("bash", "invoked", "oom-killer:", "gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP),", "order=0,",
                "oom_score_adj=0")).isZero();
        assertThat(out.toString()).contains("mask: 0x140cca\n", "names: the names agree with the number\n",
                "zone: Movable (x86_64)");
    }

    @Test
    void namesThatDisagreeWithTheNumberAreNamedBesideIt() {
        assertThat(run("mode:0x40cc0(GFP_KERNEL)")).isZero();
        assertThat(out.toString()).contains("mask: 0x40cc0\n",
                "names: the names say GFP_KERNEL (0xcc0), the number says GFP_KERNEL|__GFP_COMP (0x40cc0)\n");
    }

    @Test
    void aLineFromAnOlderKernelIsDecodedWithWhat612WouldMakeOfItAndExitsZero() {
        assertThat(run("gfp_mask=0x24201ca(GFP_HIGHUSER_MOVABLE|__GFP_COLD|__GFP_NOWARN|__GFP_NORETRY), order=0")).isZero();
        assertThat(out.toString()).contains("names: the names say GFP_HIGHUSER_MOVABLE|__GFP_COLD|__GFP_NOWARN|__GFP_NORETRY "
                        + "(0x112cca), the number says ", "(0x24201ca)\n",
                "  __GFP_COLD was removed in 4.15", "6.12 would reject this mask: 0x2000000 is above __GFP_BITS_MASK");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aTraceEventPrintsOnlyNamesAndNoneForZero() {
        assertThat(run("kmalloc: bytes_req=100 bytes_alloc=128 gfp_flags=GFP_KERNEL|__GFP_ZERO node=-1")).isZero();
        assertThat(out.toString()).contains("from the log: gfp_flags=GFP_KERNEL|__GFP_ZERO\n", "mask: 0xdc0\n",
                "names: the log prints only names, no number to check them against");
        out.getBuffer().setLength(0);
        assertThat(run("gfp_flags=none")).isZero();
        assertThat(out.toString()).contains("from the log: gfp_flags=none\n", "mask: 0x0\n");
    }

    @Test
    void aZeroMaskPrintsAsTheKernelDoesAndAgrees() {
        assertThat(run("mode:0()")).isZero();   // %#x of 0 is "0", and %pGg of 0 is empty
        assertThat(out.toString()).contains("mask: 0x0\n", "names: the names agree with the number");
    }

    @Test
    void namesThisKernelDoesNotKnowLeaveTheNumberDecoded() {
        assertThat(run("mode:0x40cc0(GFP_KERNEL|__GFP_FOO)")).isZero();
        assertThat(out.toString()).contains("mask: 0x40cc0\n", "names: cannot read the names the log printed "
                + "(unknown GFP flag '__GFP_FOO' at column 12");
    }
}
