package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every shipped script runs as {@code kmemviz run FILE} would and all its expects hold, so a change to the model
 * that breaks a demo or a lesson fails the build instead of the next class. (JUnit fails a parameterized test
 * that gets no arguments, so a moved folder fails too.)
 */
class AssetScriptsTest {

    static Stream<Path> scripts() throws IOException {
        Stream<Path> all = Stream.empty();
        for (Path dir : new Path[]{Path.of("assets/scripts"), Path.of("assets/lessons"), Path.of("assets/figures")}) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    all = Stream.concat(all, files.filter(f -> f.toString().endsWith(".kmv")).sorted().toList().stream());
                }
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void everyExpectOfTheScriptHolds(Path script) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RunCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(script.toString())).as(script + ": " + err).isZero();
        assertThat(err.toString()).isEmpty();
    }
}
