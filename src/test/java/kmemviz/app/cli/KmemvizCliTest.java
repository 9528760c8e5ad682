package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The window's launch options are checked by picocli before JavaFX starts, so none of these opens a window. */
class KmemvizCliTest {
    private final CliRun cli = new CliRun();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "--profile=foo; Invalid value for option '--profile': expected one of [x86_64-16g, x86_64-8g, i386-1g, classroom] but was 'foo'",
            "--theme=purple; Invalid value for option '--theme': expected one of [light, dark] (case-sensitive) but was 'purple'",
            "--tab=nowhere; Invalid value for option '--tab': expected one of [physical, pcp, slab, mappings, tlb, fragmentation] (case-sensitive) but was 'nowhere'"})
    void aBadChoiceExitsTwoWithOneLineListingTheValidValues(String option, String message) {
        assertThat(cli.run(option)).isEqualTo(2);
        assertThat(cli.err()).isEqualTo(message + System.lineSeparator());
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aWordThatIsNeitherAVerbNorAFileExitsTwoNamingIt() {
        assertThat(cli.run("rnu")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("Invalid value for positional parameter at index 0 (SCRIPT): "
                + "no such script file or verb: 'rnu'" + System.lineSeparator());
    }

    @Test
    void helpListsEveryProfileWithItsDescription() {
        assertThat(cli.run("--help")).isZero();
        for (String name : Profiles.BUILT_IN) {
            assertThat(cli.out()).containsPattern("(?m)^  " + name + " +"
                    + java.util.regex.Pattern.quote(Profiles.builtIn(name).description()) + "$");
        }
        assertThat(cli.out()).contains("--theme=THEME", "light, dark (default: light)",
                "--tab=TAB", "physical, pcp, slab, mappings, tlb,", "fragmentation");
    }

    /** Each verb's entry under "Commands:" (its line and the wrapped lines under it) ends a sentence: none is cut. */
    @Test
    void helpDescribesEveryVerbInWholeSentences() {
        assertThat(cli.run("--help")).isZero();
        String commands = cli.out().substring(cli.out().indexOf("Commands:"), cli.out().indexOf("Profiles:"));
        java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
        String verb = null;
        for (String line : commands.lines().skip(1).toList()) {
            var m = java.util.regex.Pattern.compile("^  (\\S+) +(.*)$").matcher(line);
            if (m.matches()) entries.put(verb = m.group(1), m.group(2).strip());
            else if (verb != null && !line.isBlank()) entries.merge(verb, " " + line.strip(), String::concat);
        }
        assertThat(entries.keySet()).containsAll(KmemvizCli.commandLineFor(new String[] {"--help"}).getSubcommands().keySet());
        assertThat(entries).allSatisfy((name, text) -> assertThat(text).as(name).endsWith("."));
    }

    @Test
    void versionPrintsThePomVersion() {
        assertThat(cli.run("--version")).isZero();
        // The build filters ${project.version} into version.properties; an unfiltered copy would print the placeholder.
        assertThat(cli.out()).matches("kmemviz \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = ';', value = {"''; false", "--presentation --profile=i386-1g; false", "--profile i386-1g; true",
            "run x.kmv; true", "--presentation run x.kmv; true", "--help; true", "--version; true", "-h; true", "x.kmv; true"})
    void theVerbsAreReadOnlyWhenTheArgumentsCanNameOneOrAskForHelp(String line, boolean verbs) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThat(KmemvizCli.commandLineFor(args).getSubcommands().isEmpty()).isEqualTo(!verbs);
    }

    @Test
    void aWindowLaunchReportsABadChoiceAsTheWholeCommandLineDoes() {
        CommandLine window = KmemvizCli.commandLineFor("--theme=purple");
        StringWriter err = new StringWriter();
        window.setOut(new PrintWriter(new StringWriter()));
        window.setErr(new PrintWriter(err));
        assertThat(window.execute("--theme=purple")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("Invalid value for option '--theme': expected one of [light, dark] "
                + "(case-sensitive) but was 'purple'" + System.lineSeparator());
    }
}
