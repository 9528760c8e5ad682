package kmemviz.ui.view.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.paint.Color;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.ShownMemory;
import org.junit.jupiter.api.Test;

class MapOverlayPainterTest {
    private static final MapPalette CELLS = new MapPalette(new int[Owner.values().length], new int[] {0xff112233},
            new int[] {0xffe8b980, 0xff9cc3e4, 0xffa9d3ae, 0xffcdb1dd, 0xffd0d0d0, 0xffd0d0d0}, 0xffffffff, 0xff000000);
    private static final MapOverlayPainter.Palette PALETTE = new MapOverlayPainter.Palette(0xff000001, 0xff000002, 0xff000003,
            0xff000004, 0xff000005);

    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
    private final List<Zone> zones = kernel.memory().zones().stream().filter(z -> z.spannedPages() > 0).toList();
    private final DrawList out = new DrawList();

    /** The order at each free block's head, else -1, as the view copies it. */
    private byte[] freeOrders() {
        ShownMemory shown = new ShownMemory();
        shown.resetFrom(kernel.memory());
        return shown.freeOrders();
    }

    private void paint(MapGeometry g, double widthPx, MapOverlayPainter.Marks marks) {
        new MapOverlayPainter().paint(g, widthPx, kernel.memory().zones(), freeOrders(), 12, CELLS, PALETTE, marks, out);
    }

    @Test
    void eachZoneIsNamedInBoldInTheGutterAndTheRangeIsGivenWhereThereIsRoom() {
        MapGeometry g = MapGeometry.of(1024, 8, 600, 600, 0);                // 12 px cells, 32 columns: DMA's band 96 px
        paint(g, 800, MapOverlayPainter.Marks.NONE);
        for (Zone z : zones) {
            int name = out.indexOfText(z.name());
            assertThat(name).as(z.name()).isNotNegative();
            assertThat(out.bold(name)).isTrue();
            assertThat(out.coord(name, 0)).isEqualTo(g.mapWidthPx() + 30);
            assertThat(out.colour(name)).isEqualTo(PALETTE.label());
        }
        Zone dma = zones.get(0), normal = zones.get(zones.size() - 1);       // 96 px: room for the name and the range
        assertThat(out.indexOfText(String.format("pfn 0x%x-0x%x", dma.startPfn(), dma.endPfn() - 1))).isNotNegative();
        assertThat(out.indexOfText(String.format("pfn 0x%x-0x%x", normal.startPfn(), normal.endPfn() - 1))).isNotNegative();
    }

    @Test
    void aZoneBandShorterThanALineIsNamedAloneWithALeaderFromItsBar() {
        MapGeometry g = MapGeometry.of(1024, 2, 600, 600, 0);                // 3 px cells: DMA's band is 6 px high
        paint(g, 800, MapOverlayPainter.Marks.NONE);
        Zone dma = zones.get(0), normal = zones.get(zones.size() - 1);
        int name = out.indexOfText(dma.name());
        assertThat(name).isNotNegative();
        assertThat(out.indexOfText(String.format("pfn 0x%x-0x%x", dma.startPfn(), dma.endPfn() - 1))).as("the name alone").isNegative();
        assertThat(out.indexOfText(normal.name())).isNotNegative();
        int strong = MapOverlayPainter.strong(CELLS, dma);
        assertThat(out.opsOfColour(DrawList.FILL_RECT, strong)).isNotEmpty();
        double bandBottom = g.cellY(dma.endPfn() - 1) + g.cellPx();
        assertThat(IntStream.of(out.opsOfColour(DrawList.LINE, strong))
                .filter(i -> Math.min(out.coord(i, 1), out.coord(i, 3)) <= bandBottom
                        && Math.max(out.coord(i, 1), out.coord(i, 3)) >= out.coord(name, 1)))
                .as("a leader from DMA's bar down to its name").isNotEmpty();
    }

    @Test
    void onX86With16GibNoTwoZoneLabelsShareALine() {
        Kernel big = new Kernel(Profiles.builtIn("x86_64-16g"));
        MapGeometry g = MapGeometry.fit(big.memory().frames().nrFrames(), 660, 400);
        new MapOverlayPainter().paint(g, 900, big.memory().zones(), new byte[big.memory().frames().nrFrames()], 12, CELLS, PALETTE,
                MapOverlayPainter.Marks.NONE, out);
        double[] tops = big.memory().zones().stream().mapToInt(z -> out.indexOfText(z.name())).filter(i -> i >= 0)
                .mapToDouble(i -> out.coord(i, 1)).sorted().toArray();
        assertThat(tops).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < tops.length; i++) assertThat(tops[i] - tops[i - 1]).isGreaterThanOrEqualTo(12 * 1.3);
        assertThat(out.indexOfText("DMA")).as("16 MiB of 16 GiB: under one pixel row, named all the same").isNotNegative();
    }

    @Test
    void aZoneThatStartsBelowTheTopGetsALineInItsStrongTint() {
        MapGeometry g = MapGeometry.of(1024, 2, 600, 600, 0);
        paint(g, 800, MapOverlayPainter.Marks.NONE);
        Zone normal = zones.stream().filter(z -> z.type() == ZoneType.NORMAL).findFirst().orElseThrow();
        int strong = MapOverlayPainter.strong(CELLS, normal);
        int[] lines = out.linesOfColour(strong);
        assertThat(lines).isNotEmpty();
        assertThat(out.coord(lines[0], 1)).isEqualTo(g.cellY(normal.startPfn()));
        assertThat(out.coord(lines[0], 4)).isEqualTo(2);
    }

    @Test
    void withNoRoomRightOfTheCellsNoZoneIsLabelled() {
        MapGeometry g = MapGeometry.of(1024, 2, 600, 600, 0);
        paint(g, g.mapWidthPx() + 20, MapOverlayPainter.Marks.NONE);
        assertThat(zones).allMatch(z -> out.indexOfText(z.name()) < 0);
    }

    @Test
    void theGutterLeftOfTheCellsHoldsTheWidestZoneLabelAndIsGivenUpWhenItWouldTakeAThird() {
        double widestPx = 121, fontPx = 17;                 // "pfn 0x100-0x1fff" in DejaVu Sans at 0.85 x 17 px
        int cellsW = MapOverlayPainter.cellsWidthPx(895, widestPx, fontPx);
        MapGeometry g = MapGeometry.fitRange(1024, 256, 1024, cellsW, 400, 0);
        new MapOverlayPainter().paint(g, 895, kernel.memory().zones(), freeOrders(), fontPx, CELLS, PALETTE, MapOverlayPainter.Marks.NONE, out);
        for (Zone z : zones)
            for (String line : MapOverlayPainter.zoneLabelLines(z)) {
                int i = out.indexOfText(line);
                if (i >= 0) assertThat(out.coord(i, 0) + widestPx).as(line).isLessThanOrEqualTo(895);
            }
        assertThat(895 - cellsW).as("the gutter: 30 px to the text, the text, half a letter").isEqualTo(30 + 121 + 9);
        assertThat(MapOverlayPainter.cellsWidthPx(400, 200, fontPx)).as("a narrow pane keeps its width for cells").isEqualTo(400);
    }

    @Test
    void zoomedInEachFreeBlockOnScreenIsLabelledWithItsOrderAtItsHead() {
        kernel.execute(new kmemviz.core.cmd.AllocPages("p", kmemviz.core.cmd.AllocPages.Flavor.ALLOC_PAGES,
                kmemviz.core.mm.Gfp.KERNEL, 0, ""));                                 // splits a block: several orders
        MapGeometry g = MapGeometry.of(1024, 13, 32 * 28, 8 * 28, 0);       // 28 px cells, 32 columns, 8 rows: pfns 0-255
        paint(g, 32 * 28, MapOverlayPainter.Marks.NONE);
        byte[] orders = freeOrders();
        int heads = (int) IntStream.range(g.firstPfn(), g.endPfn()).filter(p -> orders[p] >= 0).count();
        long labels = IntStream.range(0, out.size()).filter(i -> out.op(i) == DrawList.TEXT && out.text(i).matches("o\\d+")).count();
        assertThat(heads).isGreaterThan(1);
        assertThat(labels).isEqualTo(heads);
        int head = IntStream.range(g.firstPfn(), g.endPfn()).filter(p -> orders[p] >= 0).findFirst().orElseThrow();
        int label = out.indexOfText("o" + orders[head]);
        assertThat(out.coord(label, 0)).isEqualTo(g.cellX(head) + 27 / 2.0);                 // the middle of its cell
        assertThat(out.coord(label, 1)).isEqualTo(g.cellY(head) + 28 * 0.68);
        assertThat(out.indexOfText(Integer.toHexString(head))).as("its pfn above").isNotNegative();
    }

    @Test
    void smallPresentationCellsKeepTheOrderLabelsAndABlockLendsItsLabelTheNextCell() {
        MapGeometry g = MapGeometry.fit(1024, 780, 310);                   // presentation mode at 1280x720
        assertThat(g.cellPx()).isBetween(MapOverlayPainter.MIN_LABELLED_CELL_PX, 15);
        paint(g, g.mapWidthPx() + 200, MapOverlayPainter.Marks.NONE);
        byte[] orders = freeOrders();
        int heads = (int) IntStream.range(g.firstPfn(), g.endPfn()).filter(p -> orders[p] >= 0).count();
        long labels = IntStream.range(0, out.size()).filter(i -> out.op(i) == DrawList.TEXT && out.text(i).matches("o\\d+")).count();
        assertThat(labels).isEqualTo(heads).isPositive();
        int head = IntStream.range(0, 1024).filter(p -> orders[p] > 0 && g.cellX(p) + 2 * g.cellPx() <= g.mapWidthPx())
                .findFirst().orElseThrow();
        int label = out.indexOfText("o" + orders[head]);
        assertThat(out.coord(label, 0)).isEqualTo(g.cellX(head) + 2);
        assertThat(out.coord(label, 2)).as("font size").isGreaterThan(g.cellPx() * 0.5);
    }

    @Test
    void aSelectedBlockOverThreeRowsIsOutlinedByThreeRectanglesAndTheHoveredCellByOne() {
        MapGeometry g = MapGeometry.of(1024, 2, 600, 600, 0);                // 128 frames a row
        paint(g, 800, new MapOverlayPainter.Marks(new int[] {100, 300}, 5, 0, 0, false));
        int[] selected = out.opsOfColour(DrawList.STROKE_RECT, PALETTE.selection());
        assertThat(selected).hasSize(3);
        assertThat(out.coord(selected[0], 0)).isEqualTo(g.cellX(100) + 1);
        assertThat(out.coord(selected[0], 4)).isEqualTo(3);
        int[] hover = out.opsOfColour(DrawList.STROKE_RECT, PALETTE.hover());
        assertThat(hover).hasSize(1);
        assertThat(out.coord(hover[0], 0)).isEqualTo(g.cellX(5) + 1);
    }

    @Test
    void aPlayedFailureIsFilledTranslucentAndOutlinedInTheFailureColour() {
        MapGeometry g = MapGeometry.of(1024, 2, 600, 600, 0);
        paint(g, 800, new MapOverlayPainter.Marks(new int[0], -1, 8, 16, true));
        int[] fill = out.opsOfColour(DrawList.FILL_RECT, 0x72000005);                       // alpha (int) (255 * 0.45)
        assertThat(fill).hasSize(1);
        assertThat(out.opsOfColour(DrawList.STROKE_RECT, PALETTE.failure())).hasSize(1);
        assertThat(out.opsOfColour(DrawList.STROKE_RECT, PALETTE.flash())).isEmpty();
    }

    @Test
    void aZonesStrongTintPaintsAsTheOneJavaFxDerives() {
        for (int tint : CELLS.zoneTint()) {
            Color fx = Color.rgb((tint >> 16) & 0xff, (tint >> 8) & 0xff, tint & 0xff).deriveColor(0, 1.3, 0.8, 1);
            int ours = MapPalette.deriveSb(tint, 1.3, 0.8);
            assertThat((ours >> 16) & 0xff).isEqualTo(MapPalette.painted(fx.getRed()));
            assertThat((ours >> 8) & 0xff).isEqualTo(MapPalette.painted(fx.getGreen()));
            assertThat(ours & 0xff).isEqualTo(MapPalette.painted(fx.getBlue()));
        }
        assertThat(MapPalette.deriveSb(0xffe8b980, 1.3, 0.8)).as("DMA's, as the screen shows it").isEqualTo(0xffb9884d);
    }

    @Test
    void aCallOutWiderThanTheMapBreaksAfterItsSemicolonAndBetweenWordsAndEveryLineFits() {
        String callout = "order-5 block → two order-4 buddies; the upper half (pfn 0x220) goes to the order-4 free list";
        List<String> lines = MapOverlayPainter.wrap(callout, 26, 528);
        assertThat(lines).hasSizeGreaterThan(2);
        int semicolon = IntStream.range(0, lines.size()).filter(i -> lines.get(i).endsWith("buddies;")).findFirst().orElseThrow();
        assertThat(lines.get(semicolon + 1)).as("a new line after the semicolon").startsWith("the upper half");
        assertThat(String.join(" ", lines)).isEqualTo(callout);
        for (String l : lines) assertThat(MapOverlayPainter.textWidth(l, 26) + 26).as(l).isLessThanOrEqualTo(528);
        assertThat(MapOverlayPainter.wrap("order-3 block at 0x120 handed out", 26, 2000)).containsExactly("order-3 block at 0x120 handed out");
    }
}
