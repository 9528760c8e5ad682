package kmemviz.ui.view.pcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.PcpShown;
import kmemviz.ui.view.ShownMemory;
import org.junit.jupiter.api.Test;

/** The per-CPU lists drawn for a known state: one GFP_KERNEL page on CPU 0 of x86_64-16g, then one on CPU 1. */
class PcpPainterTest {
    private static final PcpPainter.Palette P = new PcpPainter.Palette(0xff000001, 0xff000002, 0xff000003, 0xff000004, 0xff000005,
            0xff000006);
    private final PcpPainter painter = new PcpPainter();

    private static ShownMemory run(Kernel kernel, String... lines) {
        ShownMemory shown = new ShownMemory();
        shown.resetFrom(kernel.memory());
        for (String line : lines) {
            Outcome out = kernel.execute(new ScriptParser("t.kmv").parse(line).get(0).command());
            for (MmEvent e : out.events()) shown.apply(e);
            shown.settle();
        }
        return shown;
    }

    private static int normal(Kernel k) {
        for (int i = 0; i < k.memory().zones().size(); i++) if (k.memory().zones().get(i).name().equals("Normal")) return i;
        throw new AssertionError("no Normal zone");
    }

    /** The blocks drawn in a stack's cell, in the block colour. */
    private static long blocksIn(DrawList d, PcpPainter.Cell c) {
        return Arrays.stream(d.opsOfColour(DrawList.FILL_RECT, P.block()))
                .filter(i -> d.coord(i, 0) == c.x() && d.coord(i, 1) >= c.y() && d.coord(i, 1) < c.y() + c.h()).count();
    }

    @Test
    void theFirstOrder0AllocationShowsTheBatchOnItsListWithItsCountAndPagesetsLine() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-16g"));
        ShownMemory shown = run(k, "a = alloc_pages(GFP_KERNEL, 0)");
        int z = normal(k);
        Zone normal = k.memory().zones().get(z);
        PcpShown.ZoneLists lists = shown.pcp().zone(z);
        int unmovable0 = 0;        // order_to_pindex(MIGRATE_UNMOVABLE, 0)
        assertThat(lists.type(unmovable0)).isEqualTo(MigrateType.UNMOVABLE);
        int onList = lists.blocks(0, unmovable0);
        assertThat(onList).as("a refill is a batch, less the page handed out").isGreaterThan(PcpPainter.SLOTS);

        DrawList d = new DrawList();
        PcpPainter.Layout l = PcpPainter.layout(lists, 1, true, 1100, 500, 13);
        painter.paint(shown.pcp(), z, new int[] {0}, new int[] {1, 2, 3}, 1, l, 1100, P, d);

        assertThat(blocksIn(d, PcpPainter.cell(lists, 0, unmovable0, l))).isEqualTo(PcpPainter.SLOTS);
        assertThat(blocksIn(d, PcpPainter.cell(lists, 0, 1, l))).as("Movable order 0: empty").isZero();
        assertThat(d.indexOfText(String.valueOf(onList))).isNotNegative();
        assertThat(d.indexOfText(String.format("cpu: 0  count: %d  high: %d  batch: %d", normal.pcpCount(0), normal.pcpHigh(0),
                normal.pcpBatch()))).isNotNegative();
        assertThat(d.indexOfText("order 9")).as("the THP order's lists").isNotNegative();
        assertThat(d.indexOfText("U/E")).isNotNegative();
        assertThat(d.indexOfText("cpus 1, 2, 3: lists not used yet (count: 0, high: 0; pcp->high is set when a CPU first uses its lists)"))
                .isNotNegative();
        String caption = captionOf(d);
        assertThat(caption).contains("rmqueue_bulk(): " + (onList + 1) + " from the buddy lists onto U o0")
                .contains("rmqueue_pcplist(): 1 off U o0 to the caller");
        assertThat(d.opsOfColour(DrawList.STROKE_RECT, P.flash())).as("the changed list is outlined").hasSize(1);
    }

    @Test
    void theTitleFitsTheWidthItIsGivenAtEveryUnit() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        ShownMemory shown = run(k, "a = alloc_pages(GFP_KERNEL, 0)");
        int z = normal(k);
        PcpShown.ZoneLists lists = shown.pcp().zone(z);
        for (double base : new double[] {13, 17})
            for (int width = 300; width <= 1700; width += 50) {
                DrawList d = new DrawList();
                PcpPainter.Layout l = PcpPainter.layout(lists, 1, true, width, 900, base);
                painter.paint(shown.pcp(), z, new int[] {0}, new int[0], 1, l, width, P, d);
                String title = d.text(0);
                double right = d.coord(0, 0) + title.length() * PcpPainter.BOLD_EM * d.coord(0, 2);
                assertThat(right).as("title \"%s\" at %d px, unit %.1f", title, width, l.u()).isLessThanOrEqualTo(width);
                assertThat(title).as("the zone is named").contains("Normal");
                if (width >= 1000 && base == 13) assertThat(title).as("a wide pane keeps the pcp figures").contains("high_max");
            }
    }

    @Test
    void aStackWithFewBlocksDrawsEachAndAFreeOnAnotherCpuLandsOnThatCpusList() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-16g"));
        ShownMemory shown = run(k, "a = alloc_pages(GFP_HIGHUSER_MOVABLE, 1)", "cpu 1", "__free_pages(a, 1)");
        int z = normal(k);
        PcpShown.ZoneLists lists = shown.pcp().zone(z);
        int movable1 = 3 + 1;      // order_to_pindex(MIGRATE_MOVABLE, 1)
        assertThat(lists.blocks(1, movable1)).isEqualTo(1);
        DrawList d = new DrawList();
        PcpPainter.Layout l = PcpPainter.layout(lists, 2, true, 1100, 500, 13);
        painter.paint(shown.pcp(), z, new int[] {0, 1}, new int[] {2, 3}, 1, l, 1100, P, d);
        assertThat(blocksIn(d, PcpPainter.cell(lists, 1, movable1, l))).isEqualTo(1);
        assertThat(lists.blocks(0, movable1)).as("CPU 0 keeps the rest of the order-1 batch").isGreaterThan(PcpPainter.SLOTS);
        assertThat(blocksIn(d, PcpPainter.cell(lists, 0, movable1, l))).as("a full stack; its figure says how many").isEqualTo(PcpPainter.SLOTS);
        assertThat(d.indexOfText(String.valueOf(lists.blocks(0, movable1)))).isNotNegative();
        assertThat(captionOf(d)).contains("free_unref_page(): 1 freed onto M o1");
    }

    @Test
    void midwayARefillDropsItsBlocksOntoTheStackInTheFlashColour() {
        Kernel k = new Kernel(Profiles.builtIn("classroom").withAllocator(true, true, 1));
        ShownMemory shown = run(k, "a = alloc_pages(GFP_KERNEL, 2)", "__free_pages(a, 2)");
        int z = normal(k);
        PcpShown.ZoneLists lists = shown.pcp().zone(z);
        DrawList start = new DrawList(), end = new DrawList();
        PcpPainter.Layout l = PcpPainter.layout(lists, 1, false, 900, 400, 13);
        painter.paint(shown.pcp(), z, new int[] {0}, new int[0], 0.5, l, 900, P, start);
        painter.paint(shown.pcp(), z, new int[] {0}, new int[0], 1, l, 900, P, end);
        assertThat(start.opsOfColour(DrawList.FILL_RECT, DrawList.fade(P.flash(), 0.5))).as("the free's block on its way").isNotEmpty();
        assertThat(end.opsOfColour(DrawList.FILL_RECT, P.flash())).as("landed").isEmpty();
    }

    @Test
    void withPcpOffThePanelSaysSoAndWhatTurningThemOnDoes() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        ShownMemory shown = run(k, "a = alloc_pages(GFP_KERNEL, 0)");
        assertThat(shown.pcp().enabled()).isFalse();
        DrawList d = new DrawList();
        painter.paint(shown.pcp(), normal(k), new int[0], new int[0], 1, new PcpPainter.Layout(13, 1, 0, false), 900, P, d);
        assertThat(d.indexOfText("Per-CPU lists are off on this machine (pcp=off).")).isZero();
        String all = captionOf(d);
        assertThat(all).contains("free_one_page()").contains("pcp=on").contains("whole batch");
        assertThat(d.opsOfColour(DrawList.FILL_RECT, P.block())).isEmpty();
    }

    private static String captionOf(DrawList d) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < d.size(); i++) if (d.op(i) == DrawList.TEXT) b.append(d.text(i)).append(' ');
        return b.toString();
    }
}
