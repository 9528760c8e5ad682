package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class HelpTextsTest {
    @Test
    void paragraphsAreUnwrappedSoThatTheDialogWrapsThemWhileBulletsAndHeadingsKeepTheirLines() {
        String text = HelpTexts.unwrap(HelpTexts.SIMPLIFICATIONS);
        assertThat(text).contains("(mm/page_alloc.c, mm/slub.c, mm/vmalloc.c, arch/x86/mm) and simplifies it here:");
        assertThat(text).contains("\nPage allocator\n• One NUMA node");
        assertThat(text).contains("so anonymous memory comes back only through the OOM killer");
        assertThat(HelpTexts.unwrap(HelpTexts.GETTING_STARTED)).contains("\n\n2. Press Free");
    }

    @Test
    void whatEachPartShowsCoversEveryPaneAroundTheTabs() {
        // The tabs are checked against the window's own TabPane (KeyTableFxTest); these are the panes around them.
        for (String part : new String[] {"Buddy free areas", "Inspector", "Event log", "Toolbar", "Lesson player", "Status bar"})
            assertThat(HelpTexts.PARTS).as(part).containsPattern("(?m)^\\s*" + part + " \\(|^\\s*" + part + ":");
    }

    @Test
    void gettingStartedPointsAtTheBuiltInCourse() {
        assertThat(HelpTexts.GETTING_STARTED).contains("Lesson > Open lesson… (Ctrl+L)");
    }

    @Test
    void theScriptReferenceIsBundledAndTheKeysAreATable() {
        assertThat(HelpTexts.scriptLanguage()).contains("p = alloc_pages(GFP_KERNEL, 3)").contains("vfree(v)");
        assertThat(java.util.List.of(HelpTexts.KEYS)).allSatisfy(row -> assertThat(row).hasSize(2));
    }

    @Test
    void everyExpectLineOfTheScriptReferenceParses() {
        var parser = new kmemviz.core.cmd.ScriptParser("script-language.txt");
        var expects = HelpTexts.scriptLanguage().lines().filter(l -> l.startsWith("expect ")).toList();
        assertThat(expects).anyMatch(l -> l.startsWith("expect pcp ")).anyMatch(l -> l.startsWith("expect pageblocks "))
                .anyMatch(l -> l.startsWith("expect extfrag "));
        for (String line : expects)
            assertThat(parser.parseLine(line, 1)).as(line).isInstanceOf(kmemviz.core.cmd.Expect.class);
    }

    /** Every line of the reference that is not a comment is a statement the parser accepts as written. */
    @Test
    void everyExampleInTheScriptReferenceParses() {
        var parser = new kmemviz.core.cmd.ScriptParser("reference.kmv");
        String[] lines = HelpTexts.scriptLanguage().split("\n");
        int statements = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) continue;
            statements++;
            if (line.startsWith("machine from-")) {
                // These read their folder or file while parsing: the statement is accepted up to the missing file.
                int at = i + 1;
                assertThatThrownBy(() -> parser.parseLine(line, at)).as(line).isInstanceOf(kmemviz.core.cmd.ScriptException.class)
                        .satisfies(e -> assertThat(((kmemviz.core.cmd.ScriptException) e).column()).as(line).isGreaterThan(line.indexOf(" from-") + 6));
                continue;
            }
            assertThat(parser.parseLine(line, i + 1)).as(line).isNotNull();
        }
        assertThat(statements).isGreaterThanOrEqualTo(60);
    }

    /** The parser's own lists (in its error messages) name every function, machine option and counter it takes. */
    @Test
    void theScriptReferenceNamesEveryStatementFunctionOptionAndCounterTheParserTakes() {
        var parser = new kmemviz.core.cmd.ScriptParser("reference.kmv");
        String reference = HelpTexts.scriptLanguage();
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("machine", "context", "cpu", "drain", "compact",
                "note", "pause", "select", "zoom", "quiz", "expect", "touch", "tlb", "replay", "from-proc", "from-log", "custom",
                "lines", "zone", "pfn", "all", "report", "no report", "random", "count=", "seed=", "stride=", "flush", "reset", "costs",
                "ksize", "nr_free", "free", "NULL", "process", "atomic", "softirq", "hardirq"));
        words.addAll(listedIn(parser, "nosuchcall()", "expected one of "));
        words.addAll(listedIn(parser, "machine custom 4MiB nosuch=1", "(expected "));
        words.addAll(listedIn(parser, "expect tlb nosuch == 1", "expected one of "));
        words.addAll(listedIn(parser, "tlb nosuch 1 1", "or one of "));
        words.addAll(listedIn(parser, "machine nosuch", "expected one of "));
        assertThat(words).hasSizeGreaterThan(60);
        for (String w : words) assertThat(reference).as("the reference names %s", w).containsPattern("(?<![\\w-])" + java.util.regex.Pattern.quote(w) + (w.endsWith("=") ? "" : "(?![\\w-])"));
    }

    /** The names a parser error lists after {@code after}: "a, b, c or d)". */
    private static java.util.List<String> listedIn(kmemviz.core.cmd.ScriptParser parser, String line, String after) {
        String message = catchThrowableOfType(kmemviz.core.cmd.ScriptException.class, () -> parser.parseLine(line, 1)).reason();
        String list = message.substring(message.indexOf(after) + after.length()).replaceAll("[)].*$", "");
        return java.util.Arrays.stream(list.split(",| or ")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
