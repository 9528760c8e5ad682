package kmemviz.core.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lesson's statements: note with a variable, pause, select, zoom and quiz, and their errors with line and column. */
class LessonStatementsTest {
    private final ScriptParser parser = new ScriptParser("lesson.kmv");

    private Command one(String line) { return parser.parseLine(line, 1); }

    /** The error for {@code script}, which must have one. */
    private ScriptException error(String script) {
        try {
            parser.parse(script);
        } catch (ScriptException e) {
            return e;
        }
        throw new AssertionError("no error for: " + script);
    }

    @Test
    void eachStatementBecomesItsRecord() {
        assertThat(one("note p \"The *order-3* block at `pfn(p)`\"")).isEqualTo(new Note("p", "The *order-3* block at `pfn(p)`"));
        assertThat(one("note \"Over the stage\"")).isEqualTo(new Note(null, "Over the stage"));
        assertThat(one("pause")).isEqualTo(new Pause());
        assertThat(one("select p")).isEqualTo(new Select("p"));
        assertThat(one("zoom p")).isEqualTo(Zoom.variable("p"));
        assertThat(one("zoom zone Normal")).isEqualTo(Zoom.zone(ZoneType.NORMAL));
        assertThat(one("zoom zone highmem")).isEqualTo(Zoom.zone(ZoneType.HIGHMEM));
        assertThat(one("zoom pfn 0x100-0x1ff")).isEqualTo(Zoom.pfns(0x100, 0x1ff));
        assertThat(one("zoom pfn 5-5")).isEqualTo(Zoom.pfns(5, 5));
        assertThat(one("zoom all")).isEqualTo(Zoom.all());
        assertThat(one("quiz \"Will this order-3 allocation succeed?\" yes|no"))
                .isEqualTo(new Quiz("Will this order-3 allocation succeed?", Quiz.Kind.YES_NO, List.of("yes", "no")));
        assertThat(one("quiz \"Which zone?\" DMA | DMA32 | Normal   # spaces around the bars"))
                .isEqualTo(new Quiz("Which zone?", Quiz.Kind.ZONE, List.of("DMA", "DMA32", "Normal")));
        assertThat(one("quiz \"Which cache?\" kmalloc-96|kmalloc-128|kmalloc-192|dma-kmalloc-128|task_struct"))
                .isEqualTo(new Quiz("Which cache?", Quiz.Kind.CACHE,
                        List.of("kmalloc-96", "kmalloc-128", "kmalloc-192", "dma-kmalloc-128", "task_struct")));
    }

    @Test
    void everyTextParsesBackToTheSameCommandAndChangesNoState() {
        for (String line : new String[]{"note p \"a \\\"quoted\\\" word\"", "pause", "select p", "zoom p", "zoom zone DMA32",
                "zoom pfn 0x0-0xfff", "zoom all", "quiz \"Which zone?\" DMA|Normal", "quiz \"OK?\" no|yes"}) {
            Command c = one(line);
            assertThat(one(c.text())).as(line).isEqualTo(c);
            assertThat(c.changesState()).as(line).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '@', quoteCharacter = '\'', value = {
            "zoom zone Highmem32                      @ 11 @ unknown zone 'Highmem32' (expected one of DMA, DMA32, Normal, HighMem, Movable, Device)",
            "zoom zone                                @ 10 @ expected a zone name (DMA, DMA32, Normal, HighMem, Movable, Device)",
            "zoom pfn 0x200-0x1ff                     @ 16 @ the range ends at pfn 0x1ff, before it starts (the last pfn is included: 0x100-0x1ff is 256 frames)",
            "zoom pfn 0x100                           @ 10 @ expected a pfn range FIRST-LAST, such as 0x100-0x1ff, found '0x100'",
            "zoom pfn 0x100-                          @ 10 @ expected a pfn range FIRST-LAST, such as 0x100-0x1ff, found '0x100-'",
            "zoom pfn 0x1g0-0x1ff                     @ 10 @ expected a number, found '0x1g0'",
            "zoom pfn 0x100-zz                        @ 16 @ expected a number, found 'zz'",
            "zoom 3                                   @  6 @ expected a variable, zone ZONE, pfn FIRST-LAST or all, found '3'",
            "select                                   @  7 @ expected the variable to select",
            "pause now                                @  7 @ unexpected 'now' after the statement",
            "note p missing quotes                    @  8 @ expected a quoted string",
            "note \"not closed                        @ 17 @ the string is not closed with '\"'",
            "quiz Which zone? DMA|Normal              @  6 @ expected a quoted string",
            "quiz \"Which zone? DMA|Normal            @ 29 @ the string is not closed with '\"'",
            "quiz \"Which zone?\"                     @ 19 @ expected the choices after the question, such as yes|no",
            "quiz \"Which zone?\" DMA                 @ 20 @ a quiz has 2 to 5 choices separated by '|', such as yes|no, found one",
            "quiz \"Which?\" a|b|c|d|e|f              @ 25 @ a quiz has at most 5 choices",
            "quiz \"Which?\" DMA|Normal|DMA           @ 26 @ the choice 'DMA' is given twice",
            "quiz \"Which?\" yes|DMA                  @ 19 @ 'DMA' is a zone but 'yes' is a yes/no answer: a quiz's choices are yes|no, zone names or cache names, not a mix",
            "quiz \"Which?\" Normal|kmalloc-8         @ 22 @ 'kmalloc-8' is a cache name but 'Normal' is a zone: a quiz's choices are yes|no, zone names or cache names, not a mix",
            "quiz \"Which?\" DMA||Normal              @ 19 @ expected a choice after '|'",
            "quiz \"\" yes|no                         @  6 @ the quiz's question is empty",
    })
    void eachBadLineNamesItsColumnAndWhatWasWrong(String line, int column, String reason) {
        ScriptException e = error("# a comment first, so the error is on line 2\n" + line.replace("\\\"", "\"") + "\npause\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.getMessage()).startsWith("lesson.kmv:2:" + column + ": ");
    }

    @Test
    void afterAMachineLineVariablesAndZonesAreKnownSoTheirMistakesAreCaught() {
        String machine = "machine classroom\np = alloc_pages(GFP_KERNEL, 3)\n";
        assertThat(parser.parse(machine + "note p \"here\"\nselect p\nzoom p\nzoom zone DMA\nzoom pfn 0x0-0x3ff\n")).hasSize(7);

        ScriptException e = error(machine + "select q\n");
        assertThat(e.getMessage()).isEqualTo("lesson.kmv:3:8: unknown variable 'q': no line since the machine line assigns it");
        assertThat(error(machine + "zoom q\n").getMessage()).startsWith("lesson.kmv:3:6: unknown variable 'q'");
        assertThat(error(machine + "note  q \"text\"\n").getMessage()).startsWith("lesson.kmv:3:7: unknown variable 'q'");
        assertThat(error(machine + "zoom zone HighMem\n").getMessage()).isEqualTo("lesson.kmv:3:11: this machine has no zone HighMem");
        assertThat(error(machine + "zoom pfn 0x100-0x400\n").getMessage())
                .isEqualTo("lesson.kmv:3:16: pfn 0x400 is beyond this machine's last frame, 0x3ff");
        assertThat(error(machine + "quiz \"Which zone?\" DMA|HighMem\nq = alloc_pages(GFP_KERNEL, 0)\n").getMessage())
                .isEqualTo("lesson.kmv:3:24: this machine has no zone HighMem");
        // A new machine forgets the variables of the old one.
        assertThat(error(machine + "machine i386-1g\nselect p\n").getMessage()).startsWith("lesson.kmv:4:8: unknown variable 'p'");
    }

    @Test
    void beforeAnyMachineLineVariablesMayComeFromTheRunningKernel() {
        assertThat(parser.parse("select q\nzoom q\nnote q \"x\"\nzoom zone HighMem\n")).hasSize(4);
    }

    @Test
    void aQuizNeedsAStateChangingCommandAfterItAndAZoneOrCacheQuizAnAllocation() {
        assertThat(parser.parse("quiz \"Which zone?\" DMA|Normal\nnote \"no answer yet\"\npause\np = kmalloc(8, GFP_KERNEL)\n")).hasSize(4);
        assertThat(parser.parse("quiz \"Refused?\" yes|no\nkfree(p)\n")).hasSize(2);

        assertThat(error("p = kmalloc(8, GFP_KERNEL)\nquiz \"Which cache?\" kmalloc-8|kmalloc-16\nkfree(p)\n").getMessage())
                .isEqualTo("lesson.kmv:2:21: a cache quiz asks where the next command's allocation comes from, "
                        + "but line 3 (kfree(p)) allocates nothing");
        assertThat(error("quiz \"Which zone?\" DMA|Normal\ncontext atomic\n").getMessage())
                .isEqualTo("lesson.kmv:1:20: a zone quiz asks where the next command's allocation comes from, "
                        + "but line 2 (context atomic) allocates nothing");
        assertThat(error("p = kmalloc(8, GFP_KERNEL)\nquiz \"Will it?\" yes|no\nexpect p != NULL\n").getMessage())
                .startsWith("lesson.kmv:2:1: the quiz has no command after it to answer it");
    }

    @Test
    void theRecordsCheckTheirOwnFields() {
        assertThatThrownBy(() -> new Quiz("q", Quiz.Kind.YES_NO, List.of("yes"))).hasMessageContaining("2 to 5 choices");
        assertThatThrownBy(() -> new Quiz("q", Quiz.Kind.ZONE, List.of("DMA", "DMA"))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> Zoom.pfns(5, 4)).hasMessageContaining("pfn range");
        assertThatThrownBy(() -> new Zoom(Zoom.Kind.ALL, "p", null, 0, 0)).hasMessageContaining("variable");
    }
}
