package kmemviz.core.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code expect report "TEXT"} and {@code expect no report}: what they read into, and where their errors point. */
class ScriptParserExpectReportTest {
    private final ParseProbe probe = new ParseProbe(4);

    private Command one(String line) { return probe.one(line); }

    private ScriptException error(String line) { return probe.error(line); }

    @Test
    void aReportExpectKeepsItsTextAndPrintsBackToTheSameCommand() {
        Expect e = (Expect) one("expect report \"BUG: sleeping function called from invalid context\"   # lesson 08");
        assertThat(e.subject()).isEqualTo(Expect.Subject.REPORT);
        assertThat(e.argument()).isEqualTo("BUG: sleeping function called from invalid context");
        assertThat(e.op()).isNull();
        assertThat(e.text()).isEqualTo("expect report \"BUG: sleeping function called from invalid context\"");
        assertThat(one(e.text())).isEqualTo(e);
        Expect quoted = (Expect) one("expect report \"a \\\"quoted\\\" word\"");
        assertThat(quoted.argument()).isEqualTo("a \"quoted\" word");
        assertThat(one(quoted.text())).isEqualTo(quoted);
    }

    @Test
    void noReportReadsIntoItsOwnSubject() {
        Expect e = (Expect) one("expect  no   report");
        assertThat(e.subject()).isEqualTo(Expect.Subject.NO_REPORT);
        assertThat(e.argument()).isNull();
        assertThat(e.text()).isEqualTo("expect no report");
        assertThat(one(e.text())).isEqualTo(e);
    }

    @Test
    void variablesCalledReportOrNoAreStillComparedWithNull() {
        Expect report = (Expect) one("expect report != NULL");
        assertThat(report.subject()).isEqualTo(Expect.Subject.POINTER);
        assertThat(report.argument()).isEqualTo("report");
        Expect no = (Expect) one("expect no==NULL");
        assertThat(no.subject()).isEqualTo(Expect.Subject.POINTER);
        assertThat(no.op()).isEqualTo(Expect.Op.EQ);
    }

    @Test
    void eachMalformedReportExpectNamesTheLineAndColumnOfWhatIsWrong() {
        ScriptException unquoted = error("expect report BUG");
        assertThat(unquoted.getMessage()).isEqualTo("demo.kmv:4:15: expected the quoted text of a kernel report, "
                + "such as \"BUG: sleeping function\"");
        ScriptException missing = error("expect report");
        assertThat(missing.line()).isEqualTo(4);
        assertThat(missing.column()).isEqualTo(14);
        ScriptException empty = error("expect report \"\"");
        assertThat(empty.column()).isEqualTo(15);
        assertThat(empty.reason()).isEqualTo("the report text is empty: quote what the report contains");
        ScriptException open = error("expect report \"BUG");
        assertThat(open.column()).isEqualTo(19);
        assertThat(open.reason()).isEqualTo("the string is not closed with '\"'");
        ScriptException notReport = error("expect no reports");
        assertThat(notReport.getMessage()).isEqualTo("demo.kmv:4:11: expected 'report' after 'no', found 'reports'");
        ScriptException nothing = error("expect no");
        assertThat(nothing.column()).isEqualTo(10);
        assertThat(nothing.reason()).isEqualTo("expected 'report' after 'no'");
        ScriptException trailing = error("expect no report \"BUG\"");
        assertThat(trailing.column()).isEqualTo(18);
        assertThat(trailing.reason()).startsWith("unexpected '\"BUG\"'");
    }

    @Test
    void onlyTheReportSubjectsGoWithoutAComparison() {
        assertThatThrownBy(() -> new Expect(Expect.Subject.REPORT, "BUG", null, 0, Expect.Op.EQ, 0, "report \"BUG\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compares nothing");
        assertThatThrownBy(() -> new Expect(Expect.Subject.FREE, "DMA", null, 0, null, 0, "free DMA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a comparison");
        assertThatThrownBy(() -> Expect.report("", "report \"\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the text");
    }
}
