package kmemviz.core.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.mm.MigrateType;
import org.junit.jupiter.api.Test;

/**
 * The expect forms for what pagetypeinfo, zoneinfo's pagesets and debugfs's extfrag files show: what each line reads
 * into, that its text parses back to the same check, and where each malformed one points (line:column).
 */
class ScriptParserExpectZoneTest {
    private final ParseProbe probe = new ParseProbe(7);

    private Expect expect(String line) {
        Expect e = (Expect) probe.one(line);
        assertThat(probe.one(e.text())).as("the text of " + line + " parses back").isEqualTo(e);
        return e;
    }

    /** The 1-based column of the first {@code part} in {@code line}. */
    private static int column(String line, String part) { return line.indexOf(part) + 1; }

    @Test
    void perCpuChecksReadTheZoneAndTheCpu() {
        Expect count = expect("expect pcp Normal 1 == 62   # the batch left after the first page");
        assertThat(count.subject()).isEqualTo(Expect.Subject.PCP);
        assertThat(count.argument()).isEqualTo("Normal");
        assertThat(count.cpu()).isEqualTo(1);
        assertThat(count.op()).isEqualTo(Expect.Op.EQ);
        assertThat(count.value()).isEqualTo(62);
        assertThat(count.text()).isEqualTo("expect pcp Normal 1 == 62");
        Expect high = expect("expect pcp_high DMA32 0 >= 96");
        assertThat(high.subject()).isEqualTo(Expect.Subject.PCP_HIGH);
        assertThat(high.cpu()).isZero();
        assertThat(high.op()).isEqualTo(Expect.Op.GE);
    }

    @Test
    void pageblockAndPerTypeFreeChecksReadTheMigrateTypeInAnyCase() {
        Expect blocks = expect("expect pageblocks Normal unmovable == 2");
        assertThat(blocks.subject()).isEqualTo(Expect.Subject.PAGEBLOCKS);
        assertThat(blocks.type()).isEqualTo(MigrateType.UNMOVABLE);
        assertThat(blocks.value()).isEqualTo(2);
        Expect byType = expect("expect nr_free Normal 3 HighAtomic != 0");
        assertThat(byType.subject()).isEqualTo(Expect.Subject.NR_FREE);
        assertThat(byType.order()).isEqualTo(3);
        assertThat(byType.type()).isEqualTo(MigrateType.HIGHATOMIC);
        Expect all = expect("expect nr_free Normal 3 == 1");
        assertThat(all.type()).as("without a type: buddyinfo's count of every type").isNull();
    }

    @Test
    void fragmentationIndicesAreWrittenAsDebugfsPrintsThemAndKeptInThousandths() {
        Expect extfrag = expect("expect extfrag Normal 9 == 0.923");
        assertThat(extfrag.subject()).isEqualTo(Expect.Subject.EXTFRAG);
        assertThat(extfrag.order()).isEqualTo(9);
        assertThat(extfrag.value()).isEqualTo(923);
        assertThat(expect("expect extfrag Normal 0 == -1.000").value()).isEqualTo(-1000);
        assertThat(expect("expect extfrag Normal 10 == -0.500").value()).isEqualTo(-500);
        assertThat(expect("expect unusable DMA 4 <= 0.5").value()).isEqualTo(500);
        assertThat(expect("expect unusable DMA 4 < 1").value()).isEqualTo(1000);
    }

    @Test
    void eachMalformedLineNamesItsLineAndColumn() {
        String badType = "expect pageblocks Normal Bogus == 1";
        ScriptException e = probe.error(badType);
        assertThat(e.getMessage()).isEqualTo("demo.kmv:7:" + column(badType, "Bogus")
                + ": unknown migrate type 'Bogus' (expected one of Unmovable, Movable, Reclaimable, HighAtomic, Isolate)");
        String noType = "expect pageblocks Normal";
        assertThat(probe.error(noType).column()).isEqualTo(noType.length() + 1);
        String badCpu = "expect pcp Normal x == 1";
        assertThat(probe.error(badCpu).getMessage()).isEqualTo("demo.kmv:7:" + column(badCpu, "x ") + ": expected a number, found 'x'");
        String badTypeAfterOrder = "expect nr_free Normal 2 Movabel == 1";
        assertThat(probe.error(badTypeAfterOrder).column()).isEqualTo(column(badTypeAfterOrder, "Movabel"));
        String tooPrecise = "expect extfrag Normal 9 == 0.9234";
        ScriptException precise = probe.error(tooPrecise);
        assertThat(precise.column()).isEqualTo(column(tooPrecise, "0.9234"));
        assertThat(precise.reason()).isEqualTo("expected an index with at most three decimals, such as 0.923 or -1.000, found '0.9234'");
        String noOp = "expect extfrag Normal 9 0.5";
        assertThat(probe.error(noOp).reason()).isEqualTo("expected a comparison (==, !=, <, <=, >, >=)");
        assertThat(probe.error(noOp).column()).isEqualTo(column(noOp, "0.5"));
    }
}
