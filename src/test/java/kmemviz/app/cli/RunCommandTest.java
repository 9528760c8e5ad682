package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String script, String... options) throws Exception {
        Path file = dir.resolve("demo.kmv");
        Files.writeString(file, script);
        CommandLine cl = new CommandLine(new RunCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] args = new String[options.length + 1];
        args[0] = file.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        return cl.execute(args);
    }

    @Test
    void aScriptWhoseExpectationsHoldExitsZeroAndPrintsBuddyinfoByteForByte() throws Exception {
        int code = run("machine custom 4MiB dma=1MiB reserved=0\np = alloc_pages(GFP_KERNEL, 0)\nexpect p != NULL\n",
                "--print", "buddyinfo");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(
                "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      0      0 \n"
              + "Node 0, zone   Normal      1      1      1      1      1      1      1      1      0      1      0 \n");
    }

    @Test
    void aFailedExpectationExitsOneAndNamesItsLine() throws Exception {
        int code = run("machine classroom\np = alloc_pages(GFP_KERNEL, 0)\nexpect p == NULL\n");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("demo.kmv:3: expect p == NULL: failed, the value is not NULL");
    }

    @Test
    void aScriptErrorExitsTwoWithLineAndColumn() throws Exception {
        assertThat(run("machine classroom\np = alloc_pages(GFP_KERNEL | __GFP_BOGUS, 0)\n")).isEqualTo(2);
        assertThat(err.toString()).contains("demo.kmv:2:").contains("__GFP_BOGUS");
    }

    @Test
    void aRuntimeErrorSuchAsAnUnknownVariableExitsTwo() throws Exception {
        assertThat(run("machine classroom\n__free_pages(q, 0)\n")).isEqualTo(2);
        assertThat(err.toString()).contains("demo.kmv:2: unknown variable 'q'");
    }

    @Test
    void aMissingFileExitsTwo() {
        CommandLine cl = new CommandLine(new RunCommand());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(dir.resolve("nope.kmv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void touchAndTranslatePrintTheirResults() throws Exception {
        assertThat(run("machine x86_64-16g\nv = vmalloc(16KiB)\ntouch v\ntranslate(v)\n", "--print", "tlb")).isZero();
        assertThat(out.toString()).contains("touch v: 4 accesses, 0 L1 hits, 0 STLB hits, 4 page walks")
                .contains("-> 4 KiB page").contains("walks 4\n");
    }
}
