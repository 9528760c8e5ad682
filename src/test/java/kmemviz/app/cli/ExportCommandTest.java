package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad options: one line naming what is wrong, exit status 2, and no file written. No toolkit is started. */
class ExportCommandTest {
    @TempDir Path dir;

    static Stream<List<String>> badOptions() {
        return Stream.of(List.of("--view", "bogus"), List.of("--view", "physical,walls"),
                List.of("--format", "bmp"), List.of("--theme", "neon"), List.of("--scale", "5"), List.of("--scale", "0"),
                List.of("--at", "99"), List.of("--format", "gif", "--from", "3", "--at", "2"),
                List.of("--region", "not a variable"),
                List.of("--size", "12x"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void aBadOptionExitsTwoWithOneLineAndWritesNothing(List<String> options) throws Exception {
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        int code = export(out, err, options);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").isNotEmpty();
        assertThat(!Files.exists(out) || isEmpty(out)).as("no file in " + out).isTrue();
    }

    @org.junit.jupiter.api.Test
    void anUnwritableFolderExitsTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        StringWriter err = new StringWriter();
        assertThat(export(file.resolve("sub"), err, List.of())).isEqualTo(2);
        assertThat(err.toString()).startsWith("--out ").contains("cannot create the folder");
    }

    @org.junit.jupiter.api.Test
    void aStepPastTheEndSaysHowManyStepsTheScriptHas() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(export(dir.resolve("out"), err, List.of("--at", "4"))).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("--at 4: demo.kmv has 3 steps");
    }

    private int export(Path out, StringWriter err, List<String> options) throws Exception {
        Path script = Files.writeString(dir.resolve("demo.kmv"), "machine classroom\np = alloc_pages(GFP_KERNEL, 2)\nv = vmalloc(16KiB)\n");
        var cl = KmemvizCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        List<String> args = new java.util.ArrayList<>(List.of("export", script.toString(), "--out", out.toString()));
        args.addAll(options);
        return cl.execute(args.toArray(String[]::new));
    }

    private static boolean isEmpty(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isEmpty();
        }
    }
}
