package kmemviz.app;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import kmemviz.core.mm.Owner;
import kmemviz.ui.control.FxThread;
import kmemviz.ui.export.ExportRegion;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.ExportTheme;
import kmemviz.ui.export.ExportView;
import kmemviz.ui.export.Figure;
import kmemviz.ui.export.FigureLayout;
import kmemviz.ui.export.LegendEntry;
import kmemviz.ui.export.Raster;
import kmemviz.ui.export.fx.FigureRenderer;
import kmemviz.ui.export.fx.NodeRecorder;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;
import kmemviz.ui.view.ViewColour;

/**
 * Captures the window's views as {@link Figure}s for export and the clipboard. For the time of a capture it puts
 * the window in the state asked for (theme, the view's tab showing, the region, no hover or selection outlines),
 * lets CSS and layout run so every view repaints with those colours, hands the figure to the caller, and puts
 * everything back; no pulse runs in between, so the screen never shows the borrowed state. FX thread.
 */
public final class Figures implements kmemviz.ui.control.FigureCapture {
    private static final String PRINT_CSS = FigureRenderer.class.getResource("print.css").toExternalForm();
    private static final Map<ViewColour, String> MEANING = new EnumMap<>(ViewColour.class);

    static {
        MEANING.put(ViewColour.FREE, "free");
        MEANING.put(ViewColour.HOLE, "hole (no RAM)");
        MEANING.put(ViewColour.RESERVED, "reserved");
        MEANING.put(ViewColour.PAGE_CACHE, "page cache");
        MEANING.put(ViewColour.USER, "user (anonymous)");
        MEANING.put(ViewColour.SLAB, "slab");
        MEANING.put(ViewColour.KMALLOC_LARGE, "kmalloc (large)");
        MEANING.put(ViewColour.PAGES, "alloc_pages");
        MEANING.put(ViewColour.VMALLOC, "vmalloc");
        MEANING.put(ViewColour.PAGE_TABLE, "page tables");
        MEANING.put(ViewColour.TASK_STACK, "task stacks");
        MEANING.put(ViewColour.IMPORTED, "in use (imported from /proc)");
        MEANING.put(ViewColour.PAGE_4K, "4 KiB mapping");
        MEANING.put(ViewColour.PAGE_2M, "2 MiB mapping");
        MEANING.put(ViewColour.PAGE_1G, "1 GiB mapping");
        MEANING.put(ViewColour.GUARD, "guard page");
        MEANING.put(ViewColour.FULL, "full slab");
        MEANING.put(ViewColour.PARTIAL, "partial slab");
        MEANING.put(ViewColour.EMPTY, "empty");
        MEANING.put(ViewColour.OTHER, "other kernel address");
    }

    private final Wiring w;

    public Figures(Wiring w) { this.w = w; }

    /** The view of the tab that is showing: what File > Export and Ctrl+E start from. */
    @Override public ExportView showing() {
        Tab t = tabs() == null ? null : tabs().getSelectionModel().getSelectedItem();
        if (t == w.mappingsTab) return ExportView.MAPPINGS;
        if (t == w.tlbTab) return ExportView.TLB;
        if (t == w.slabTab) return ExportView.SLAB;
        return ExportView.PHYSICAL;
    }

    /**
     * Captures {@code view} as {@code s} asks and returns what {@code use} makes of it (pictures at some scales,
     * SVG text); the window is put back afterwards, also when {@code use} throws.
     *
     * @param caption what the title adds after the view and the machine (the script and step), or ""
     */
    @Override public <T> T capture(ExportView view, ExportSettings s, String caption, Function<Figure, T> use) {
        FxThread.check();
        if (!view.available()) throw new IllegalArgumentException(view.cliName() + ": " + view.unavailableReason());
        Scene scene = w.root.getScene();
        boolean dark = w.themes.darkProperty().get();
        Tab tab = tabs().getSelectionModel().getSelectedItem();
        int pfn = w.selection.selectedPfn(), id = w.selection.selectedAllocId(), hover = w.selection.hoveredPfnProperty().get();
        int mappingHover = w.vm.mapping.hoveredAllocProperty().get();
        try {
            w.themes.darkProperty().set(s.theme() == ExportTheme.DARK);
            if (s.theme() == ExportTheme.PRINT) scene.getStylesheets().add(PRINT_CSS);
            w.animator.finish();
            if (!s.outlines()) {
                w.selection.clear();
                w.selection.hoveredPfnProperty().set(-1);
                w.vm.mapping.hoveredAllocProperty().set(0);
                w.slabs.flash(0, -1);
            }
            Tab own = tabOf(view);
            if (own != null) tabs().getSelectionModel().select(own);
            settle();
            region(view, s.region());
            settle();
            return use.apply(figure(view, caption));
        } finally {
            scene.getStylesheets().remove(PRINT_CSS);
            w.themes.darkProperty().set(dark);
            w.selection.select(pfn, id);
            w.selection.hoveredPfnProperty().set(hover);
            w.vm.mapping.hoveredAllocProperty().set(mappingHover);
            tabs().getSelectionModel().select(tab);
            settle();
        }
    }

    private void settle() {
        w.root.applyCss();
        w.root.layout();
    }

    private TabPane tabs() { return (TabPane) w.root.lookup("#views"); }

    private Tab tabOf(ExportView v) {
        return switch (v) {
            case PHYSICAL -> w.physicalTab;
            case MAPPINGS, WALK -> w.mappingsTab;
            case TLB -> w.tlbTab;
            case SLAB -> w.slabTab;
            default -> null;
        };
    }

    private void region(ExportView v, ExportRegion r) {
        if (r.kind() == ExportRegion.Kind.ZOOM) return;
        int id = 0;
        if (r.kind() == ExportRegion.Kind.ALLOCATION) {
            var p = w.kernel.variables().get(r.variable());
            if (p == null || p.allocId() == 0)
                throw new IllegalArgumentException("region " + r.variable() + ": no such allocation in the script");
            id = p.allocId();
        }
        if (v == ExportView.PHYSICAL) {
            if (id == 0) { w.map.fit(); return; }
            var a = w.kernel.memory().allocations().get(id);
            int[] pfns = w.vm.mapping.model().pfnsOf(id);
            int lo = a != null && a.isBlock() ? a.pfn() : pfns.length > 0 ? java.util.Arrays.stream(pfns).min().getAsInt() : -1;
            int hi = a != null && a.isBlock() ? a.pfn() + (int) a.nrPages() : pfns.length > 0 ? java.util.Arrays.stream(pfns).max().getAsInt() + 1 : -1;
            if (lo >= 0) w.map.zoomToRange(lo, hi);
        } else if (v == ExportView.MAPPINGS) {
            if (id == 0) { w.vm.mapping.fit(); return; }
            int[] pfns = w.vm.mapping.model().pfnsOf(id);
            w.selection.select(pfns.length > 0 ? pfns[0] : -1, id);     // the physical strip follows the selection
            w.vm.mapping.zoomToAlloc(id);
        }
    }

    private Figure figure(ExportView v, String caption) {
        String title = v.title() + " · " + w.kernel.profile().name() + (caption.isEmpty() ? "" : " · " + caption);
        int background = colour(w.map, ViewColour.BACKGROUND), label = colour(w.map, ViewColour.LABEL);
        return switch (v) {
            case PHYSICAL -> {
                int cw = w.map.cellsWidthPx(), ch = height(w.map);
                DrawList overlay = w.map.overlayDrawList();
                int[] cells1x = w.map.paintCells(1);
                PhysicalFigure strip = new PhysicalFigure(w.pageblocks.isVisible() ? width(w.pageblocks) : 0, w.map.geometry().heightPx(),
                        w.pageblocks.isVisible() ? w.pageblocks.pixels() : null);
                Figure.Underlay cells = scale -> strip.withStrip(new Raster(cw * scale, ch * scale, scale == 1 ? cells1x : w.map.paintCells(scale)), scale);
                // The map's view is as large as the window; the figure ends a margin after the zone labels and bars.
                double[] edge = FigureLayout.extent(overlay);
                int fw = Math.min(width(w.map), (int) Math.ceil(Math.max(cw, edge[0]) + 16)) + strip.widthPx();
                int fh = Math.min(ch, (int) Math.ceil(Math.max(Math.min(ch, w.map.geometry().mapHeightPx()), edge[1]) + 2));
                yield new Figure(v, title, fw, fh, background, label, cells, strip.blocks(w.map.blocks()), strip.shifted(overlay), 1,
                        legend(v, overlay, cells1x, w.map));
            }
            case SLAB -> canvasFigure(v, title, w.slabs, w.slabs.canvas(), w.slabs.drawList(), 1);   // the canvas: not its scroll bar
            case MAPPINGS -> canvasFigure(v, title, w.vm.mapping, w.vm.mapping, w.vm.mapping.drawList(),
                    w.themes.presentationProperty().get() ? 1.35 : 1);
            case TLB -> canvasFigure(v, title, w.vm.tlbView, w.vm.tlbView, w.vm.tlbView.drawList(), 1);
            case BUDDY -> nodeFigure(v, title, w.freeArea, NodeRecorder.record(w.freeArea));
            case WALK -> nodeFigure(v, title, w.vm.walkView, NodeRecorder.record(w.vm.walkView));
            case WINDOW -> {
                w.map.finishRepaint();
                yield nodeFigure(v, title, w.root, NodeRecorder.record(w.root, this::viewDrawing));
            }
            case PCP, FRAG -> throw new IllegalArgumentException(v.cliName() + ": " + v.unavailableReason());
        };
    }

    private Figure canvasFigure(ExportView v, String title, Region view, Node area, DrawList d, double fontScale) {
        return new Figure(v, title, width(area), height(area), colour(view, ViewColour.BACKGROUND), colour(view, ViewColour.LABEL),
                null, null, d, fontScale, legend(v, d, null, view));
    }

    /**
     * The window's views that paint a Canvas or pixels, as their own draw lists (what their figures show), so that
     * the window's SVG holds their blocks, lines and labels where they sit; null for the nodes of controls.
     */
    private List<DrawList> viewDrawing(Node n) {
        if (n == w.map) return List.of(w.map.blocks(), w.map.overlayDrawList());
        if (n == w.slabs.canvas()) return List.of(w.slabs.drawList());
        if (n == w.vm.mapping) return List.of(w.vm.mapping.drawList());
        if (n == w.vm.tlbView) return List.of(w.vm.tlbView.drawList());
        return null;
    }

    /** A view of controls: its picture is a snapshot at the scale (Prism redraws the controls), its vector form recorded. */
    private Figure nodeFigure(ExportView v, String title, Parent node, DrawList vector) {
        int background = colour(w.map, ViewColour.BACKGROUND);
        var b = node.getLayoutBounds();
        return new Figure(v, title, (int) Math.ceil(b.getWidth()), (int) Math.ceil(b.getHeight()), background,
                colour(w.map, ViewColour.LABEL), scale -> FigureRenderer.snapshot(node, scale, background),
                vector, new DrawList(), 1, List.of());
    }

    private static int width(Node n) { return (int) Math.floor(n.getLayoutBounds().getWidth()); }

    private static int height(Node n) { return (int) Math.floor(n.getLayoutBounds().getHeight()); }

    /**
     * The colours this figure shows, with what they mean: the view's named colours (and, for the views that colour
     * memory by owner, the frame map's owner colours) that occur among its filled shapes or cells.
     */
    private List<LegendEntry> legend(ExportView v, DrawList d, int[] cells, Region view) {
        Set<Integer> shown = new HashSet<>();
        for (int i = 0; i < d.size(); i++) if (d.op(i) == DrawList.FILL_RECT || d.op(i) == DrawList.QUAD) shown.add(d.colour(i));
        if (cells != null) for (int c : cells) shown.add(c);
        Map<ViewColour, Integer> palette = new EnumMap<>(ViewColour.class);
        if (v != ExportView.SLAB) for (Owner o : Owner.values()) palette.put(ViewColour.of(o), colour(w.map, ViewColour.of(o)));
        for (ViewColour c : MEANING.keySet()) if (v != ExportView.PHYSICAL && hasColour(view, c)) palette.put(c, colour(view, c));
        List<LegendEntry> out = new ArrayList<>();
        Set<Integer> listed = new HashSet<>();
        for (var e : palette.entrySet()) {
            if (!MEANING.containsKey(e.getKey()) || !shown.contains(e.getValue()) || !listed.add(e.getValue())) continue;
            String meaning = MEANING.get(e.getKey());
            if (v == ExportView.SLAB && e.getKey() == ViewColour.FREE) meaning = "free object";
            if (v == ExportView.TLB && e.getKey() == ViewColour.EMPTY) meaning = "empty entry";
            if (v == ExportView.SLAB && e.getKey() == ViewColour.EMPTY) meaning = "empty slab";
            out.add(new LegendEntry(meaning, e.getValue()));
        }
        return out;
    }

    private static boolean hasColour(Styleable view, ViewColour c) {
        for (CssMetaData<? extends Styleable, ?> m : view.getCssMetaData()) if (m.getProperty().equals(c.cssProperty())) return true;
        return false;
    }

    /** A view's CSS colour by name, read through its styleable property, as ARGB. */
    @SuppressWarnings("unchecked")
    static int colour(Styleable view, ViewColour c) {
        for (CssMetaData<? extends Styleable, ?> m : view.getCssMetaData())
            if (m.getProperty().equals(c.cssProperty()))
                return DrawListReplay.argb((Color) ((CssMetaData<Styleable, ?>) m).getStyleableProperty(view).getValue());
        throw new IllegalArgumentException(c + " is not a colour of " + view.getClass().getSimpleName());
    }
}
