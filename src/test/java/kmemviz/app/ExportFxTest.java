package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.xml.parsers.DocumentBuilderFactory;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Zone;
import kmemviz.ui.export.ExportFormat;
import kmemviz.ui.export.ExportRegion;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.ExportTheme;
import kmemviz.ui.export.ExportView;
import kmemviz.ui.export.FigureLayout;
import kmemviz.ui.export.Raster;
import kmemviz.ui.export.fx.FigureFiles;
import kmemviz.ui.export.fx.FigureRenderer;
import kmemviz.ui.view.ViewColour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Figures of the window's views after the tour script: sizes, scales, the screen, and the SVG's elements. */
@ExtendWith(ApplicationExtension.class)
class ExportFxTest {
    private static final ExportSettings PLAIN = new ExportSettings(ExportTheme.LIGHT, false, false, ExportRegion.ZOOM, false);
    private Wiring w;
    private Figures figures;

    @Start
    void start(Stage stage) throws Exception {
        w = AppFixture.start(stage);
        figures = new Figures(w);
        for (ScriptLine l : new ScriptParser("tour.kmv").parse(Files.readString(Path.of("assets/scripts/tour.kmv"))))
            w.runner.execute(l.command());
    }

    private <T> T fx(Callable<T> c) throws Exception { return AppFixture.fx(c); }

    private Raster render(ExportView v, ExportSettings s, int scale) throws Exception {
        return fx(() -> figures.capture(v, s, "", f -> FigureRenderer.render(f, FigureLayout.of(f, s), scale)));
    }

    @Test
    void eachViewAt2xIsItsDrawingAt1xRedrawnAtTwiceTheResolution() throws Exception {
        for (ExportView v : List.of(ExportView.PHYSICAL, ExportView.BUDDY, ExportView.SLAB, ExportView.MAPPINGS,
                ExportView.WALK, ExportView.TLB, ExportView.WINDOW)) {
            ExportSettings titled = new ExportSettings(ExportTheme.LIGHT, true, true, ExportRegion.ZOOM, false);
            Raster one = render(v, titled, 1), two = render(v, titled, 2);
            assertThat(two.widthPx()).as(v + " width").isEqualTo(2 * one.widthPx());
            assertThat(two.heightPx()).as(v + " height").isEqualTo(2 * one.heightPx());
            double[] d = difference(one, downscale(two));
            // Fills, cells and gaps average back exactly; only anti-aliased glyph and line edges differ, because text
            // rasterised at twice the size is hinted and placed anew (measured: mean 0.3-1.5 of 255, at most 0.7% of
            // pixels off by more than 64). A 2x picture that were not the 1x drawing (shifted by a view pixel, drawn
            // unscaled in a corner, another state) is off in tens of levels on average.
            assertThat(d[0]).as(v + ": mean channel difference").isLessThan(4.0);
            assertThat(d[1]).as(v + ": share of pixels off by more than 64").isLessThan(0.03);
            assertThat(distinctColours(one)).as(v + " is not blank").isGreaterThan(3);
        }
    }

    @Test
    void aViewExportedAt1xIsTheScreenPixelForPixel() throws Exception {
        record Case(ExportView view, Tab tab, Node node) {}
        for (Case c : List.of(new Case(ExportView.PHYSICAL, w.physicalTab, w.map), new Case(ExportView.SLAB, w.slabTab, w.slabs.canvas()),
                new Case(ExportView.MAPPINGS, w.mappingsTab, w.vm.mapping), new Case(ExportView.TLB, w.tlbTab, w.vm.tlbView))) {
            fx(() -> { ((TabPane) w.root.lookup("#views")).getSelectionModel().select(c.tab()); return null; });
            WaitForAsyncUtils.waitForFxEvents();
            Raster exported = render(c.view(), ExportSettings.BARE, 1);
            Raster screen = fx(() -> {
                SnapshotParameters p = new SnapshotParameters();
                p.setFill(Color.web("#" + String.format("%08x", Figures.colour(w.map, ViewColour.BACKGROUND)).substring(2)));
                return FigureRenderer.raster(c.node().snapshot(p, null));
            });
            // The physical figure is the view trimmed to its content (the cells and the zone bands): compared where it is.
            assertThat(exported.heightPx()).as(c.view() + " height").isLessThanOrEqualTo(screen.heightPx()).isGreaterThan(screen.heightPx() / 2);
            assertThat(exported.widthPx()).as(c.view() + " width").isLessThanOrEqualTo(screen.widthPx()).isGreaterThan(screen.widthPx() / 3);
            int differing = 0;
            for (int y = 0; y < exported.heightPx(); y++)
                for (int x = 0; x < exported.widthPx(); x++) if (exported.pixel(x, y) != screen.pixel(x, y)) differing++;
            assertThat(differing).as(c.view() + ": pixels that differ from the screen").isZero();
            assertThat(distinctColours(exported)).as(c.view() + " is not blank").isGreaterThan(3);
        }
    }

    @Test
    void thePhysicalMapsSvgParsesAndHoldsOneRectanglePerFreeBlock() throws Exception {
        String svg = fx(() -> figures.capture(ExportView.PHYSICAL, ExportSettings.DEFAULT, "tour", f -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                FigureFiles.encode(f, ExportSettings.DEFAULT, ExportFormat.SVG, 1).writeTo(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes()));
        String free = String.format("#%06x", fx(() -> Figures.colour(w.map, ViewColour.FREE)) & 0xffffff);
        Element blocks = null;
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++)
            if ("blocks".equals(((Element) groups.item(i)).getAttribute("id"))) blocks = (Element) groups.item(i);
        assertThat(blocks).isNotNull();
        int freeRects = 0;                                      // a block that wraps rows is one <path>
        for (String tag : List.of("rect", "path")) {
            NodeList shapes = blocks.getElementsByTagName(tag);
            for (int i = 0; i < shapes.getLength(); i++) if (free.equals(((Element) shapes.item(i)).getAttribute("fill"))) freeRects++;
        }
        long freeBlocks = 0;
        for (Zone z : w.kernel.memory().zones())
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) freeBlocks += z.isPopulated() ? z.nrFree(o) : 0;
        assertThat(freeBlocks).isGreaterThan(3);
        assertThat(freeRects).isEqualTo(freeBlocks);
        NodeList texts = doc.getElementsByTagName("text");
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) words.add(texts.item(i).getTextContent());
        assertThat(words).contains("DMA", "Normal", "Physical memory · classroom · tour", "free");
    }

    @Test
    void theWindowAt1xIsTheScenePixelForPixelAndAt2xTwiceItsSize() throws Exception {
        int sceneW = fx(() -> (int) w.root.getScene().getWidth()), sceneH = fx(() -> (int) w.root.getScene().getHeight());
        Raster one = render(ExportView.WINDOW, PLAIN, 1), two = render(ExportView.WINDOW, PLAIN, 2);
        assertThat(one.widthPx()).isEqualTo(sceneW);
        assertThat(one.heightPx()).isEqualTo(sceneH);
        assertThat(two.widthPx()).isEqualTo(2 * sceneW);
        assertThat(two.heightPx()).isEqualTo(2 * sceneH);
        Raster screen = fx(() -> FigureRenderer.raster(w.root.snapshot(null, null)));
        assertThat(difference(one, screen)[0]).as("mean channel difference from the screen").isZero();
        double[] d = difference(one, downscale(two));
        // As for each view: controls and text are laid out anew at 2x, so only glyph and line edges differ.
        assertThat(d[0]).as("mean channel difference of the 2x, downscaled").isLessThan(4.0);
        assertThat(d[1]).as("share of pixels off by more than 64").isLessThan(0.03);
    }

    @Test
    void theWindowAt2xRedrawsTheFrameMapAtTwiceTheResolutionInsteadOfEnlargingItsPixels() throws Exception {
        fx(() -> { ((TabPane) w.root.lookup("#views")).getSelectionModel().select(w.physicalTab); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        Raster window = render(ExportView.WINDOW, PLAIN, 2);
        // The map drawn on its own at 2x, at its full size (the physical figure trims the margin right of the cells).
        Raster map = render(ExportView.PHYSICAL, ExportSettings.BARE, 2);
        int[] at = fx(() -> {
            var b = w.map.localToScene(w.map.getLayoutBounds());
            return new int[] {(int) Math.round(b.getMinX() * 2), (int) Math.round(b.getMinY() * 2)};
        });
        int differing = 0;
        for (int y = 0; y < map.heightPx(); y++)
            for (int x = 0; x < map.widthPx(); x++) if (map.pixel(x, y) != window.pixel(at[0] + x, at[1] + y)) differing++;
        // An enlarged 1x bitmap differs wherever a zone label's glyphs or a block outline are anti-aliased.
        assertThat(differing).as("pixels of the window's map that differ from the map drawn at 2x").isZero();
        assertThat(distinctColours(map)).isGreaterThan(3);
    }

    @Test
    void theWindowShowsTheFrameMapAsItIsNowNotAsBeforeARepaintThatRunsOverPulses() throws Exception {
        // On a large machine, colouring by allocation repaints the whole map in bands over the next pulses; an
        // export has none to wait for.
        for (ScriptLine l : new ScriptParser("big.kmv").parse("machine x86_64-16g\np = alloc_pages(GFP_KERNEL, 9)\n"))
            fx(() -> w.runner.execute(l.command()));
        WaitForAsyncUtils.waitForFxEvents();
        while (fx(w.map::repainting)) WaitForAsyncUtils.waitForFxEvents();
        Raster now = fx(() -> {
            w.map.colourByAllocationProperty().set(!w.map.colourByAllocationProperty().get());
            return figures.capture(ExportView.WINDOW, PLAIN, "", f -> FigureRenderer.render(f, FigureLayout.of(f, PLAIN), 1));
        });
        WaitForAsyncUtils.waitForFxEvents();
        while (fx(w.map::repainting)) WaitForAsyncUtils.waitForFxEvents();
        Raster settled = render(ExportView.WINDOW, PLAIN, 1);
        fx(() -> { w.map.colourByAllocationProperty().set(!w.map.colourByAllocationProperty().get()); return null; });
        int differing = 0;
        for (int i = 0; i < now.argb().length; i++) if (now.argb()[i] != settled.argb()[i]) differing++;
        assertThat(differing).as("pixels that differ from the window once the map has repainted").isZero();
    }

    @Test
    void theWindowsSvgHoldsTheControlsWordsAndEachViewsDrawingWhereTheViewSits() throws Exception {
        Document doc = svg(ExportView.WINDOW, PLAIN);
        NodeList texts = doc.getElementsByTagName("text");
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) words.add(texts.item(i).getTextContent());
        assertThat(words).contains("Allocate", "Physical memory", "Buddy free areas", "Event log", "DMA", "Normal");
        assertThat(words).as("the buddy panel's rows, inside its scroll pane").anyMatch(t -> t.startsWith("Zone "));
        // The free lists' chips (pfn labels) of the zones the panel shows are there; those it scrolls out of sight are not.
        List<List<String>> shown = new java.util.ArrayList<>(), hidden = new java.util.ArrayList<>();
        fx(() -> {
            for (Node n : w.root.lookupAll(".free-lists")) {
                var l = (kmemviz.ui.view.frames.FreeListView) n;
                List<String> chips = new java.util.ArrayList<>();
                for (int i = 0; i < l.drawList().size(); i++)
                    if (l.drawList().op(i) == kmemviz.ui.view.DrawList.TEXT && l.drawList().text(i).startsWith("0x")) chips.add(l.drawList().text(i));
                if (chips.isEmpty()) continue;
                boolean visible = true;
                for (Node p = l; p != null; p = p.getParent()) visible &= p.isVisible();
                if (!visible) continue;
                var b = l.localToScene(l.getLayoutBounds());
                Node scroll = w.freeArea;
                while (!(scroll instanceof javafx.scene.control.ScrollPane)) scroll = scroll.getParent();
                var pane = scroll.localToScene(scroll.getLayoutBounds());
                (b.getMinY() < pane.getMaxY() && b.getMaxY() > pane.getMinY() ? shown : hidden).add(chips);
            }
            return null;
        });
        assertThat(shown).as("free lists in sight").isNotEmpty();
        for (List<String> chips : shown) assertThat(words).containsAll(chips);
        for (List<String> chips : hidden) assertThat(words).doesNotContainAnyElementsOf(chips);
        // The frame map's zone label sits where the physical figure has it, moved by where the map is in the window.
        double[] map = fx(() -> {
            var at = w.root.sceneToLocal(w.map.localToScene(0, 0));
            return new double[] {at.getX(), at.getY()};
        });
        assertThat(map[1]).as("the map sits below the toolbar, so a misplaced drawing shows").isGreaterThan(50);
        Element inWindow = text(doc, "DMA"), alone = text(svg(ExportView.PHYSICAL, PLAIN), "DMA");
        assertThat(coord(inWindow, "x") - coord(alone, "x")).isCloseTo(map[0], org.assertj.core.data.Offset.offset(0.01));
        assertThat(coord(inWindow, "y") - coord(alone, "y")).isCloseTo(map[1], org.assertj.core.data.Offset.offset(0.01));
    }

    private static Element text(Document doc, String words) {
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) if (words.equals(texts.item(i).getTextContent())) return (Element) texts.item(i);
        throw new AssertionError("no text '" + words + "' in the SVG");
    }

    private static double coord(Element e, String name) { return Double.parseDouble(e.getAttribute(name)); }

    private Document svg(ExportView v, ExportSettings s) throws Exception {
        String svg = fx(() -> figures.capture(v, s, "", f -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                FigureFiles.encode(f, s, ExportFormat.SVG, 1).writeTo(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void thePrintThemeIsWhiteWithBlackTextAndTheWindowIsPutBack() throws Exception {
        ExportSettings print = new ExportSettings(ExportTheme.PRINT, true, false, ExportRegion.ZOOM, false);
        Raster r = render(ExportView.SLAB, print, 1);
        assertThat(r.pixel(0, 0)).isEqualTo(0xffffffff);
        int black = 0;
        for (int c : r.argb()) if (c == 0xff000000) black++;
        assertThat(black).as("black text pixels").isGreaterThan(50);
        assertThat(fx(() -> w.root.getScene().getStylesheets().stream().noneMatch(s -> s.endsWith("print.css")))).isTrue();
        assertThat(fx(figures::showing)).isEqualTo(ExportView.PHYSICAL);
    }

    @Test
    void ctrlEOpensTheExportDialogOnTheViewThatIsShowing(org.testfx.api.FxRobot robot) throws Exception {
        fx(() -> { ((TabPane) w.root.lookup("#views")).getSelectionModel().select(w.slabTab); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.E)
                .release(javafx.scene.input.KeyCode.E, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ChoiceBox<?> view = robot.lookup("#export-view").queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(view.getValue()).isEqualTo(ExportView.SLAB);
        assertThat(List.<Object>copyOf(view.getItems())).contains(ExportView.FRAG, ExportView.PCP);
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#export-view").tryQuery()).isEmpty();
    }

    /** Each 2x2 block averaged: what the 2x picture looks like at 1x. */
    static Raster downscale(Raster r) {
        int w = r.widthPx() / 2, h = r.heightPx() / 2;
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int a = r.pixel(2 * x, 2 * y), b = r.pixel(2 * x + 1, 2 * y), c = r.pixel(2 * x, 2 * y + 1), d = r.pixel(2 * x + 1, 2 * y + 1);
                int px = 0xff000000;
                for (int shift = 0; shift < 24; shift += 8)
                    px |= ((((a >> shift) & 0xff) + ((b >> shift) & 0xff) + ((c >> shift) & 0xff) + ((d >> shift) & 0xff) + 2) / 4) << shift;
                out[y * w + x] = px;
            }
        return new Raster(w, h, out);
    }

    /** {mean absolute channel difference, share of pixels with a channel off by more than 64}. */
    static double[] difference(Raster a, Raster b) {
        long sum = 0, far = 0;
        for (int i = 0; i < a.argb().length; i++) {
            int worst = 0;
            for (int shift = 0; shift < 24; shift += 8) {
                int d = Math.abs(((a.argb()[i] >> shift) & 0xff) - ((b.argb()[i] >> shift) & 0xff));
                sum += d;
                worst = Math.max(worst, d);
            }
            if (worst > 64) far++;
        }
        return new double[] {sum / (3.0 * a.argb().length), far / (double) a.argb().length};
    }

    static long distinctColours(Raster r) { return java.util.Arrays.stream(r.argb()).distinct().count(); }
}
