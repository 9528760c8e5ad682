package kmemviz.ui.view.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.CompactResult;
import kmemviz.core.mm.Profiles;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.ShownCompaction;
import kmemviz.ui.view.ShownMemory;
import org.junit.jupiter.api.Test;

/**
 * A compaction drawn over the frame map from the events played so far, headless: mid-run the two scanners where
 * the events put them, each with its name, and the latest page moved as a line from its old frame's cell to its new
 * one; at the end the scanners met. The runs come from the core: {@code compact zone Normal} and the direct
 * compaction of an allocation's slow path.
 */
class CompactionOverlayPainterTest {
    private static final CompactionOverlayPainter.Palette PALETTE =
            new CompactionOverlayPainter.Palette(0xff0072b2, 0xffd55e00, 0xffa0306e, 0xffffffff);
    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
    private final ShownMemory shown = new ShownMemory();

    private Outcome run(String script) {
        Outcome out = null;
        for (ScriptLine line : new ScriptParser("test.kmv").parse(script)) out = kernel.execute(line.command());
        return out;
    }

    /** Half the pages of 116 user processes freed between page-cache pages: memory in small pieces. */
    private void fragment() {
        StringBuilder sb = new StringBuilder("machine custom 16MiB dma=1MiB cpus=2\n");
        for (int i = 0; i < 116; i++) sb.append("a").append(i).append(" = user_process(\"a\", 64KiB)\nb").append(i)
                .append(" = page_cache(\"b").append(i).append("\", 64KiB)\n");
        for (int i = 0; i < 116; i++) sb.append("exit_process(a").append(i).append(")\n");
        run(sb.toString());
        shown.resetFrom(kernel.memory());
    }

    private DrawList paint(MapGeometry g) {
        DrawList out = new DrawList();
        int[] span = CompactionOverlayPainter.zoneSpan(shown.compaction(), kernel.memory().zones());
        new CompactionOverlayPainter().paint(g, shown.compaction(), span[0], span[1], 14, PALETTE, out);
        return out;
    }

    /** Plays {@code events} up to and including the first of {@code kind}; returns how many were played. */
    private int playThrough(List<MmEvent> events, EventKind kind) {
        for (int i = 0; i < events.size(); i++) {
            shown.apply(events.get(i));
            if (events.get(i).kind() == kind) return i + 1;
        }
        throw new AssertionError("no " + kind);
    }

    @Test
    void midRunTheScannersAndTheLatestMoveAreWhereTheEventsPutThemAndAtTheEndTheScannersMet() {
        fragment();
        List<MmEvent> events = run("compact zone Normal").events();
        MapGeometry g = MapGeometry.of(shown.nrFrames(), 2, 1024, 2048, 0);
        int played = playThrough(events, EventKind.COMPACT_MIGRATED);

        ShownCompaction c = shown.compaction();
        assertThat(c.running()).isTrue();
        MmEvent moved = events.get(played - 1);
        DrawList d = paint(g);
        assertThat(d.indexOfText("migrate →")).isNotNegative();
        assertThat(d.indexOfText("← free")).isNotNegative();
        assertThat(d.indexOfText("scanners met")).isNegative();
        // The migration scanner's bar stands at its pfn's cell, the free scanner's at its own, further on.
        int[] migrateBars = d.linesOfColour(PALETTE.migrateScanner()), freeBars = d.linesOfColour(PALETTE.freeScanner());
        assertThat(migrateBars).hasSize(1);
        assertThat(freeBars).hasSize(1);
        assertThat(d.coord(migrateBars[0], 0)).isEqualTo(g.cellX(c.migratePfn()));
        assertThat(d.coord(freeBars[0], 0)).isEqualTo(g.cellX(c.freePfn()));
        assertThat(c.migratePfn()).isLessThan(c.freePfn());
        // The page just moved: one bold line from the centre of its old cell to the centre of its new one.
        int[] lines = d.linesOfColour(PALETTE.moved());
        assertThat(lines).hasSize(1);
        assertThat(d.coord(lines[0], 0)).isEqualTo(g.cellX((int) moved.count()) + g.cellPx() / 2.0);
        assertThat(d.coord(lines[0], 1)).isEqualTo(g.cellY((int) moved.count()) + g.cellPx() / 2.0);
        assertThat(d.coord(lines[0], 2)).isEqualTo(g.cellX(moved.pfn()) + g.cellPx() / 2.0);
        assertThat(d.coord(lines[0], 3)).isEqualTo(g.cellY(moved.pfn()) + g.cellPx() / 2.0);

        for (MmEvent e : events.subList(played, events.size())) shown.apply(e);
        assertThat(c.result()).isEqualTo(CompactResult.COMPLETE);
        DrawList end = paint(g);
        assertThat(end.indexOfText("scanners met")).isNotNegative();
        assertThat(end.indexOfText("← free")).isNegative();
        assertThat(end.linesOfColour(PALETTE.moved())).as("the newest move, bold").hasSize(1);
        assertThat(end.linesOfColour(DrawList.fade(PALETTE.moved(), 0.45))).as("the moves before it, faded").isNotEmpty();
    }

    @Test
    void aDirectCompactionInTheSlowPathIsDrawnFromItsEventsToo() {
        fragment();
        List<MmEvent> events = run("h = alloc_pages(GFP_HIGHUSER_MOVABLE, 8)").events();
        playThrough(events, EventKind.COMPACT_BEGIN);
        assertThat(shown.compaction().order()).isEqualTo(8);
        DrawList d = paint(MapGeometry.of(shown.nrFrames(), 1, 1024, 2048, 0));
        assertThat(d.indexOfText("migrate →")).isNotNegative();
        assertThat(d.indexOfText("← free")).isNotNegative();
    }

    @Test
    void withoutARunNothingIsDrawn() {
        fragment();
        DrawList d = new DrawList();
        new CompactionOverlayPainter().paint(MapGeometry.of(shown.nrFrames(), 1, 1024, 2048, 0), shown.compaction(), 0,
                shown.nrFrames(), 14, PALETTE, d);
        assertThat(d.size()).isZero();
    }
}
