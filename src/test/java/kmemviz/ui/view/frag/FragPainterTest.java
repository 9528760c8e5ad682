package kmemviz.ui.view.frag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import kmemviz.core.report.ExtfragReport;
import kmemviz.core.report.VmstatReport;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.ShownMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fragmentation panel's figures are debugfs's for the same state, computed from the view's copy; the scanners,
 * moves and result follow a compaction's events as they play. No JavaFX.
 */
class FragPainterTest {
    private static final FragPainter.Palette PAL = new FragPainter.Palette(0xffffffff, 0xff000000, 0xff555555, 0xffeeeeee,
            0xff56b4e9, 0xff0072b2, 0xff009e73, 0xffd00000, 0xffdde3ea, 0xff4a4f55, 0xff111111, 0xffd55e00, 0xffcc79a7);
    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
    private final ShownMemory shown = new ShownMemory();
    private final FragPainter painter = new FragPainter();
    private final DrawList out = new DrawList();

    /** Runs a script on the core; each command's events replayed on the shown copy, as the Animator does, then settled. */
    private Outcome play(String script, boolean settle) {
        Outcome last = null;
        for (ScriptLine line : new ScriptParser("frag.kmv").parse(script)) {
            last = kernel.execute(line.command());
            if (line.command() instanceof Machine) shown.resetFrom(kernel.memory());
            else {
                for (MmEvent e : last.events()) shown.apply(e);
                if (settle) shown.settle();
            }
        }
        return last;
    }

    /** Every other 64 KiB of a 16 MiB machine in use: plenty free, no free block above order 4. */
    private void fragment() {
        StringBuilder sb = new StringBuilder("machine custom 16MiB dma=1MiB pcp=off\n");
        for (int i = 0; i < 116; i++) sb.append("a").append(i).append(" = user_process(\"a\", 64KiB)\nb").append(i)
                .append(" = user_process(\"b\", 64KiB)\n");
        for (int i = 0; i < 116; i++) sb.append("exit_process(a").append(i).append(")\n");
        play(sb.toString(), true);
    }

    private FragPainter.Input input(String zoneName) {
        List<Zone> zones = kernel.memory().zones();
        for (int i = 0; i < zones.size(); i++) {
            Zone z = zones.get(i);
            if (!z.name().equals(zoneName)) continue;
            long[] nrFree = new long[BuddyAllocator.NR_PAGE_ORDERS];
            for (int o = 0; o < nrFree.length; o++) nrFree[o] = shown.nrFree(i, o);
            var c = shown.compaction().zone() == z.type() ? shown.compaction() : null;
            return new FragPainter.Input(z.name(), z.startPfn(), z.endPfn(), nrFree, shown.freePages(i), shown.owners(), c,
                    List.of(VmstatReport.render(kernel.memory()).split("\n")));
        }
        throw new AssertionError("no zone " + zoneName);
    }

    /** The figures of one zone's line of a debugfs file: the tokens after "Node 0, zone %8s". */
    private static List<String> debugfsFigures(String file, String zoneName) {
        for (String line : file.split("\n")) {
            if (!line.startsWith(String.format("Node 0, zone %8s ", zoneName))) continue;
            String rest = line.substring(String.format("Node 0, zone %8s ", zoneName).length());
            return List.of(rest.trim().split(" +"));
        }
        throw new AssertionError("no line for " + zoneName + " in\n" + file);
    }

    private List<String> shownTexts() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) if (out.op(i) == DrawList.TEXT) texts.add(out.text(i));
        return texts;
    }

    @Test
    void theFiguresDrawnAreThoseDebugfsPrintsForTheSameState() {
        fragment();
        for (String zone : List.of("DMA", "Normal")) {
            FragPainter.Input in = input(zone);
            painter.paint(in, 1200, 900, PAL, out);
            List<String> unusable = debugfsFigures(ExtfragReport.unusableIndex(kernel.memory()), zone);
            List<String> extfrag = debugfsFigures(ExtfragReport.extfragIndex(kernel.memory()), zone);
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                assertThat(ExtfragReport.formatUnusable(in.unusable(o))).as(zone + " unusable order " + o).isEqualTo(unusable.get(o));
                assertThat(ExtfragReport.formatExtfrag(in.extfrag(o)).trim()).as(zone + " extfrag order " + o).isEqualTo(extfrag.get(o));
            }
            assertThat(shownTexts()).as(zone).containsAll(unusable).containsAll(extfrag);
        }
        // the state is fragmented: some high order fails for fragmentation, not for a lack of memory
        assertThat(debugfsFigures(ExtfragReport.extfragIndex(kernel.memory()), "Normal")).anyMatch(f -> f.startsWith("0.9"));
    }

    @Test
    void aFreeOrderIsDrawnBelowTheAxisInTheSucceedsColourAndTheThresholdIsMarked() {
        fragment();
        FragPainter.Input in = input("Normal");
        painter.paint(in, 1200, 900, PAL, out);
        int succeeds = 0;
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) if (in.extfrag(o) == -1000) succeeds++;
        assertThat(succeeds).isBetween(1, BuddyAllocator.NR_PAGE_ORDERS - 1);
        assertThat(out.opsOfColour(DrawList.FILL_RECT, PAL.succeeds())).hasSize(succeeds);
        assertThat(java.util.Arrays.stream(out.opsOfColour(DrawList.TEXT, PAL.succeeds())).mapToObj(out::text)).hasSize(succeeds).containsOnly("-1.000");
        assertThat(out.linesOfColour(PAL.threshold())).hasSize(1);
        assertThat(out.indexOfText("500")).isNotNegative();
    }

    @Test
    void theScannersMoveTowardEachOtherAndTheResultIsShownWhenTheRunEnds() {
        fragment();
        Outcome compact = kernel.execute(new kmemviz.core.cmd.Compact(kmemviz.core.mm.ZoneType.NORMAL));
        List<MmEvent> events = compact.events();
        List<double[]> positions = new ArrayList<>();
        int moves = 0;
        for (MmEvent e : events) {
            shown.apply(e);
            if (e.kind() == EventKind.COMPACT_MIGRATED) moves++;
            if (e.kind() != EventKind.COMPACT_SCANNERS && e.kind() != EventKind.COMPACT_BEGIN) continue;
            painter.paint(input("Normal"), 1200, 900, PAL, out);
            double migrate = out.linesOfColour(PAL.migrateScanner()).length == 1 ? out.coord(out.linesOfColour(PAL.migrateScanner())[0], 0) : -1;
            double free = out.linesOfColour(PAL.freeScanner()).length == 1 ? out.coord(out.linesOfColour(PAL.freeScanner())[0], 0) : -1;
            positions.add(new double[] {migrate, free, shown.compaction().migratePfn(), shown.compaction().freePfn()});
        }
        assertThat(moves).isPositive();
        assertThat(positions).hasSizeGreaterThan(2);
        for (int k = 1; k < positions.size(); k++) {
            double[] was = positions.get(k - 1), now = positions.get(k);
            // the migration scanner only moves up; the free scanner moves down a pageblock at a time (isolate_freepages()
            // scans each pageblock upward from its start, so within one block its pfn rises)
            assertThat(now[2]).as("migration scanner pfn at step " + k).isGreaterThanOrEqualTo(was[2]);
            assertThat((int) now[3] >> 9).as("free scanner pageblock at step " + k).isLessThanOrEqualTo((int) was[3] >> 9);
            assertThat(Math.signum(now[0] - was[0])).as("migration marker follows its pfn").isEqualTo(Math.signum(now[2] - was[2]));
            assertThat(Math.signum(now[1] - was[1])).as("free marker follows its pfn").isEqualTo(Math.signum(now[3] - was[3]));
        }
        assertThat(positions.get(0)[0]).isLessThan(positions.get(0)[1]);
        painter.paint(input("Normal"), 1200, 900, PAL, out);
        MmEvent end = events.stream().filter(e -> e.kind() == EventKind.COMPACT_END).reduce((a, b) -> b).orElseThrow();
        String status = String.format("compact_zone(Normal, compact_memory) ended: COMPACT_%s · %,d pages moved",
                end.compactResult().name(), end.count());
        assertThat(out.indexOfText(status)).as(shownTexts().toString()).isNotNegative();
        assertThat(out.opsOfColour(DrawList.LINE, PAL.moved())).isNotEmpty();
        // another zone's panel shows no run
        painter.paint(input("DMA"), 1200, 900, PAL, out);
        assertThat(out.linesOfColour(PAL.migrateScanner())).isEmpty();
    }

    @Test
    void hitTestingFindsTheOrderUnderThePointer() {
        fragment();
        FragPainter.Input in = input("Normal");
        painter.paint(in, 1200, 900, PAL, out);
        // the label of order 7 in the extfrag chart sits under its column
        int seven = -1;
        for (int i = 0; i < out.size(); i++)
            if (out.op(i) == DrawList.TEXT && out.text(i).equals("7") && out.colour(i) == PAL.muted()) seven = i;
        assertThat(seven).isNotNegative();
        FragPainter.Hit hit = painter.hitAt(out.coord(seven, 0), out.coord(seven, 1) - 20);
        assertThat(hit.order()).isEqualTo(7);
        assertThat(hit.part()).isIn(FragPainter.Part.UNUSABLE, FragPainter.Part.EXTFRAG);
        assertThat(FragTips.of(hit, in)).contains("order 7");
        assertThat(painter.hitAt(2, 2).part()).isEqualTo(FragPainter.Part.NONE);
    }

    /**
     * Presentation mode at 1280x720 with a lesson open: the fragmentation tab's scroll pane is some 900x300 px. Both
     * charts and the compaction strip with its pfn labels fit above that fold, in text no smaller than 80% of the set
     * size; with no fold the roomy layout keeps its captions.
     */
    @ParameterizedTest(name = "fold {0} px")
    @CsvSource({"300", "360", "620"})
    void theChartsAndTheCompactionStripFitAboveTheFold(int fold) {
        fragment();
        FragPainter.Input in = input("Normal");
        painter.setTextPx(17);
        painter.setFoldPx(fold);
        double h = painter.height(900, in.vmstat().size());
        painter.paint(in, 900, h, PAL, out);
        assertThat(painter.textPx()).isGreaterThanOrEqualTo(17 * 0.8);
        double tp = painter.textPx();
        String endLabel = String.format("pfn 0x%x", in.endPfn() - 1);
        int last = out.indexOfText(endLabel);
        assertThat(last).isNotNegative();
        assertThat(out.coord(last, 1) + tp).as("the strip's end label").isLessThanOrEqualTo(fold);
        for (int o = 0; o < 11; o++) {
            String extfrag = ExtfragReport.formatExtfrag(in.extfrag(o)).trim();
            int i = out.indexOfText(extfrag);
            assertThat(i).as("order %d's extfrag figure", o).isNotNegative();
        }
        FragPainter.Hit strip = painter.hitAt(450, out.coord(last, 1) - tp);
        assertThat(strip.part()).as("the strip is above its labels").isIn(FragPainter.Part.STRIP, FragPainter.Part.NONE);
        int vmstat = out.indexOfText("/proc/vmstat (the counters the model keeps)");
        assertThat(out.coord(vmstat, 1)).as("vmstat after the strip").isGreaterThan(out.coord(last, 1));

        painter.setFoldPx(Double.POSITIVE_INFINITY);
        painter.paint(in, 900, painter.height(900, in.vmstat().size()), PAL, out);
        assertThat(painter.textPx()).isEqualTo(17);
        assertThat(out.indexOfText("share of free pages in blocks too small for the order: 0 none, 1 all")).isNotNegative();
    }

    @Test
    void aStripColumnIsShadedByTheShareOfItsSampledFramesInUse() {
        byte[] owners = new byte[64];
        java.util.Arrays.fill(owners, 0, 32, kmemviz.core.mm.Owner.USER.code());
        java.util.Arrays.fill(owners, 32, 64, kmemviz.core.mm.Owner.FREE.code());
        assertThat(FragPainter.usedLevel(owners, 0, 32)).isEqualTo(4);
        assertThat(FragPainter.usedLevel(owners, 32, 64)).isZero();
        assertThat(FragPainter.usedLevel(owners, 16, 48)).isEqualTo(2);
        assertThat(FragPainter.usedLevel(owners, 64, 80)).isEqualTo(-1);
    }
}
