package kmemviz.app;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.css.CssMetaData;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.css.Styleable;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import kmemviz.core.mm.MigrateType;
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
import kmemviz.ui.view.frames.FreeListView;

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
        if (t == w.fragTab) return ExportView.FRAG;
        if (t == w.pcpTab) return ExportView.PCP;
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
            w.themes.applyNow();                   // the picture now, not after the map has painted ahead
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
            w.themes.applyNow();
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
            case FRAG -> w.fragTab;
            case PCP -> w.pcpTab;
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
        String title = v.title() + " · " + kmemviz.core.cmd.MachineName.of(w.kernel.profile()) + (caption.isEmpty() ? "" : " · " + caption);
        int background = colour(w.map, ViewColour.BACKGROUND), label = colour(w.map, ViewColour.LABEL);
        return switch (v) {
            case PHYSICAL -> mapFigure(title, true);
            case SLAB, MAPPINGS, TLB, FRAG, PCP -> paintedFigure(v, title);
            case BUDDY -> nodeFigure(v, title, w.freeArea, NodeRecorder.record(w.freeArea));
            case WALK -> nodeFigure(v, title, w.vm.walkView, NodeRecorder.record(w.vm.walkView));
            case WINDOW -> {
                w.map.finishRepaint();
                var b = w.root.getLayoutBounds();
                yield new Figure(v, title, (int) Math.ceil(b.getWidth()), (int) Math.ceil(b.getHeight()), background, label,
                        scale -> window(scale, background), NodeRecorder.record(w.root, this::viewDrawing), new DrawList(), 1, List.of());
            }
        };
    }

    /**
     * The frame map: its cells (repainted at each scale) under its overlay. {@code trimmed}: the figure ends a margin
     * after the zone labels and bars (the map's view is as large as the window); else it is the whole view.
     */
    private Figure mapFigure(String title, boolean trimmed) {
        int cw = w.map.cellsWidthPx(), ch = height(w.map);
        DrawList overlay = w.map.overlayDrawList();
        int[] cells1x = w.map.paintCells(1);
        // A figure has the pageblock strip left of the cells, as the window shows it; in the window it is its own node.
        boolean withStrip = trimmed && w.pageblocks.isVisible();
        PhysicalFigure strip = new PhysicalFigure(withStrip ? width(w.pageblocks) : 0, w.map.geometry().heightPx(),
                withStrip ? w.pageblocks.pixels() : null);
        Figure.Underlay cells = scale -> strip.withStrip(new Raster(cw * scale, ch * scale, scale == 1 ? cells1x : w.map.paintCells(scale)), scale);
        double[] edge = FigureLayout.extent(overlay);
        int fw = (trimmed ? Math.min(width(w.map), (int) Math.ceil(Math.max(cw, edge[0]) + 16)) : width(w.map)) + strip.widthPx();
        int fh = trimmed ? Math.min(ch, (int) Math.ceil(Math.max(Math.min(ch, w.map.geometry().mapHeightPx()), edge[1]) + 2)) : ch;
        return new Figure(ExportView.PHYSICAL, title, fw, fh, colour(w.map, ViewColour.BACKGROUND), colour(w.map, ViewColour.LABEL),
                cells, strip.blocks(w.map.blocks()), strip.shifted(overlay), 1, mapLegend(overlay, cells1x, withStrip));
    }

    /**
     * The map's legend, with the frames on per-CPU lists if any shows, and the migrate types as the window's legend
     * lists them: as pageblocks when the strip is drawn (its colours would otherwise read as owners'), as frames'
     * types when the map is coloured by type.
     */
    private List<LegendEntry> mapLegend(DrawList overlay, int[] cells1x, boolean withStrip) {
        List<LegendEntry> out = legend(ExportView.PHYSICAL, overlay, cells1x, w.map);
        int pcp = colour(w.map, ViewColour.PCP);
        if (java.util.Arrays.stream(cells1x).anyMatch(c -> c == pcp)) out.add(new LegendEntry("on a per-CPU list", pcp));
        boolean byType = w.map.colourByMigrateTypeProperty().get();
        if (!withStrip && !byType) return out;
        Set<Integer> listed = new HashSet<>();
        for (LegendEntry e : out) listed.add(e.argb());
        for (MigrateType t : MigrateType.values()) {
            int argb = colour(w.pageblocks, ViewColour.of(t));
            if (w.shown.typeShown(t) && listed.add(argb)) out.add(new LegendEntry(t.kernelName() + (byType ? "" : " pageblock"), argb));
        }
        return out;
    }

    /** A view that paints a Canvas: its draw list, at the canvas's size (the slab canvas without its scroll bar). */
    private Figure paintedFigure(ExportView v, String title) {
        return switch (v) {
            case SLAB -> canvasFigure(v, title, w.slabs, w.slabs.canvas(), w.slabs.drawList(), 1);
            case MAPPINGS -> canvasFigure(v, title, w.vm.mapping, w.vm.mapping, w.vm.mapping.drawList(),
                    w.themes.presentationProperty().get() ? 1.35 : 1);
            case TLB -> canvasFigure(v, title, w.vm.tlbView, w.vm.tlbView, w.vm.tlbView.drawList(), 1);
            case FRAG -> new Figure(v, title, width(w.frag), height(w.frag), colour(w.frag, ViewColour.BACKGROUND),
                    colour(w.frag, ViewColour.LABEL), null, null, w.frag.drawList(), 1, fragLegend());
            case PCP -> canvasFigure(v, title, w.pcp, w.pcp, w.pcp.drawList(), 1);
            default -> throw new IllegalArgumentException(v + " paints no canvas");
        };
    }

    /**
     * The window at {@code scale}. Prism redraws the controls at the scale, but it would only enlarge the pixels of
     * the views that paint their own (the map's cells, the canvases): those are redrawn at the scale from their
     * drawings, as their own figures are, and put over the snapshot where they show.
     */
    private Raster window(int scale, int background) {
        if (scale == 1) return FigureRenderer.snapshot(w.root, 1, background);     // the snapshot is the screen
        // The free lists' chips are drawn over the panel's own background, so their canvases leave the snapshot.
        List<FreeListView> lists = w.root.lookupAll(".free-lists").stream().map(n -> (FreeListView) n)
                .filter(l -> shownBounds(l) != null && l.getWidth() > 0 && l.getHeight() > 0).toList();
        lists.forEach(l -> l.canvas().setVisible(false));
        Raster shot;
        try {
            shot = FigureRenderer.snapshot(w.root, scale, background);
        } finally {
            lists.forEach(l -> l.canvas().setVisible(true));
        }
        for (FreeListView l : lists) {
            Figure f = new Figure(ExportView.BUDDY, "", (int) Math.ceil(l.getWidth()), (int) Math.ceil(l.getHeight()), 0,
                    colour(w.map, ViewColour.LABEL), null, null, l.drawList(), 1, List.of());
            Raster r = FigureRenderer.render(f, FigureLayout.of(f, ExportSettings.BARE), scale);
            Bounds shown = shownBounds(l), at = l.localToScene(l.getLayoutBounds());
            Raster cut = new Raster(r.widthPx(), r.heightPx(), new int[r.argb().length]);    // only the part the scroll pane shows
            int sx = (int) Math.round((shown.getMinX() - at.getMinX()) * scale), sy = (int) Math.round((shown.getMinY() - at.getMinY()) * scale);
            cut.paste(r, sx, sy, sx, sy, (int) Math.round(shown.getWidth() * scale), (int) Math.round(shown.getHeight() * scale));
            shot.blend(cut, (int) Math.round(at.getMinX() * scale), (int) Math.round(at.getMinY() * scale));
        }
        Map<Node, ExportView> painted = Map.of(w.map, ExportView.PHYSICAL, w.slabs.canvas(), ExportView.SLAB,
                w.vm.mapping, ExportView.MAPPINGS, w.vm.tlbView, ExportView.TLB, w.frag, ExportView.FRAG, w.pcp, ExportView.PCP);
        painted.forEach((node, view) -> {
            Bounds shown = shownBounds(node);
            if (shown == null) return;
            Figure f = view == ExportView.PHYSICAL ? mapFigure("", false) : paintedFigure(view, "");
            Raster r = FigureRenderer.render(f, FigureLayout.of(f, ExportSettings.BARE), scale);
            Bounds at = node.localToScene(node.getLayoutBounds());
            int x = (int) Math.round(shown.getMinX() * scale), y = (int) Math.round(shown.getMinY() * scale);
            shot.paste(r, (int) Math.round((shown.getMinX() - at.getMinX()) * scale), (int) Math.round((shown.getMinY() - at.getMinY()) * scale),
                    x, y, (int) Math.round(shown.getMaxX() * scale) - x, (int) Math.round(shown.getMaxY() * scale) - y);
        });
        return shot;
    }

    /** The part of {@code n} the window shows, in scene coordinates (cut by the scroll panes around it), or null. */
    private static Bounds shownBounds(Node n) {
        if (n.getScene() == null) return null;
        Bounds b = n.localToScene(n.getLayoutBounds());
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) return null;
            Bounds c = p.localToScene(p.getLayoutBounds());
            double x0 = Math.max(b.getMinX(), c.getMinX()), y0 = Math.max(b.getMinY(), c.getMinY());
            double x1 = Math.min(b.getMaxX(), c.getMaxX()), y1 = Math.min(b.getMaxY(), c.getMaxY());
            if (x1 <= x0 || y1 <= y0) return null;
            b = new BoundingBox(x0, y0, x1 - x0, y1 - y0);
        }
        return b;
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
        if (n instanceof FreeListView l) return List.of(l.drawList());
        if (n == w.frag) return List.of(w.frag.drawList());
        if (n == w.pcp) return List.of(w.pcp.drawList());
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
            if (v == ExportView.PCP && e.getKey() == ViewColour.FREE) meaning = "free block on a per-CPU list";
            if (v == ExportView.TLB && e.getKey() == ViewColour.EMPTY) meaning = "empty entry";
            if (v == ExportView.SLAB && e.getKey() == ViewColour.EMPTY) meaning = "empty slab";
            out.add(new LegendEntry(meaning, e.getValue()));
        }
        return out;
    }

    /** The fragmentation panel's colours mean other things than the map's: free and used frames, scanners, moves. */
    private List<LegendEntry> fragLegend() {
        List<LegendEntry> out = new ArrayList<>(List.of(new LegendEntry("free frame", colour(w.frag, ViewColour.FREE)),
                new LegendEntry("frame in use", colour(w.frag, ViewColour.OTHER))));
        if (w.shown.compaction().zone() == w.frag.shownZone() && w.shown.compaction().migratePfn() >= 0)
            out.addAll(List.of(new LegendEntry("migration scanner", colour(w.frag, ViewColour.HIGHLIGHT)),
                    new LegendEntry("free scanner", colour(w.frag, ViewColour.WALK)),
                    new LegendEntry("pages moved", colour(w.frag, ViewColour.FLASH))));
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
