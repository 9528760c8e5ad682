package kmemviz.ui.view.frames;

import kmemviz.ui.view.Selection;
import kmemviz.ui.view.ShownMemory;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.converter.ColorConverter;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;

/**
 * The physical memory map: every page frame a cell in pfn order, wrapped in rows, zones as tinted bands.
 * Cells are painted by {@link FrameMapPainter} into the int[] behind a PixelBuffer shown by an ImageView; a
 * Canvas on top carries what is few and textual (zone labels, pfn labels, selection, hover, animation flash).
 * Events widen a dirty pfn range; {@link #layoutChildren()} repaints only those rows, once per pulse.
 * Colours come from CSS ({@code -kmv-*} properties in kmemviz.css). FX thread only.
 */
public final class FrameMapView extends Region implements ShownMemory.Listener {
    private static final String STYLE_CLASS = "frame-map";
    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META;
    private static final List<CssMetaData<FrameMapView, Color>> COLOUR_META = new ArrayList<>();

    static {
        for (MapColour c : MapColour.values()) {
            COLOUR_META.add(new CssMetaData<>(c.cssProperty(), ColorConverter.getInstance(), Color.GRAY) {
                @Override public boolean isSettable(FrameMapView v) { return !v.colours.get(c.ordinal()).isBound(); }

                @Override public StyleableProperty<Color> getStyleableProperty(FrameMapView v) { return v.colours.get(c.ordinal()); }
            });
        }
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.addAll(COLOUR_META);
        CSS_META = Collections.unmodifiableList(all);
    }

    private final List<StyleableObjectProperty<Color>> colours = new ArrayList<>();
    private final ShownMemory shown;
    private final Selection selection;
    private final ImageView imageView = new ImageView();
    private final Canvas overlay = new Canvas();
    private final BooleanProperty colourByAllocation = new SimpleBooleanProperty(this, "colourByAllocation");
    private final ObjectProperty<MapGeometry> geometry = new SimpleObjectProperty<>(this, "geometry");
    private FrameMapPainter painter;
    private FrameMapPainter.Overlay paintOverlay;
    private MapPalette palette;
    private int[] argb = new int[0];
    private PixelBuffer<IntBuffer> pixels;
    private int dirtyLo = Integer.MAX_VALUE, dirtyHi;
    private boolean fullRepaint = true, overlayDirty = true, fitPending = true;
    /** Until the user zooms, a resize fits again, so the map keeps filling a window that grows or shrinks. */
    private boolean autoFit = true;
    private int flashLo, flashHi;
    private boolean flashFailure;

    public FrameMapView(ShownMemory shown, Selection selection) {
        this.shown = shown;
        this.selection = selection;
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        for (MapColour c : MapColour.values()) {
            colours.add(new SimpleStyleableObjectProperty<>(COLOUR_META.get(c.ordinal()), this, c.name(), Color.GRAY) {
                @Override protected void invalidated() { paletteChanged(); }
            });
        }
        imageView.setSmooth(false);
        imageView.setManaged(false);
        overlay.setManaged(false);
        overlay.setMouseTransparent(true);
        getChildren().addAll(imageView, overlay);
        shown.addListener(this);
        colourByAllocation.addListener((o, a, b) -> markAllDirty());
        labelSize.addListener((o, a, b) -> markOverlayDirty());
        selection.selectedPfnProperty().addListener((o, a, b) -> markOverlayDirty());
        selection.selectedAllocIdProperty().addListener((o, a, b) -> markOverlayDirty());
        selection.hoveredPfnProperty().addListener((o, a, b) -> markOverlayDirty());
        setMinSize(200, 150);
        if (shown.memory() != null) reset();
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() { return CSS_META; }

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return CSS_META; }

    public BooleanProperty colourByAllocationProperty() { return colourByAllocation; }

    public ObjectProperty<MapGeometry> geometryProperty() { return geometry; }

    public MapGeometry geometry() { return geometry.get(); }

    public ShownMemory shown() { return shown; }

    public Selection selection() { return selection; }

    /** The CSS colour of an owner, for the legend. */
    public ObjectProperty<Color> ownerColourProperty(Owner o) { return colours.get(o.ordinal()); }

    public Color colour(MapColour c) { return colours.get(c.ordinal()).get(); }

    /** The first pfn of the cell under a point of this view, or NO_PFN. */
    public int pfnAt(double x, double y) {
        MapGeometry g = geometry.get();
        return g == null ? FrameTable.NO_PFN : g.pfnAt(x, y);
    }

    // ---- intents from FrameMapInput and the zoom actions ----

    public void zoomBy(int steps, double anchorX, double anchorY) {
        MapGeometry g = geometry.get();
        if (g == null) return;
        int anchor = g.pfnAt(Math.min(anchorX, g.mapWidthPx() - 1), anchorY);
        if (anchor == FrameTable.NO_PFN) anchor = g.firstPfn();
        autoFit = false;
        setGeometry(g.zoomTo(g.level() + steps, anchor, anchorY));
    }

    public void zoomIn() { zoomBy(1, 0, getHeight() / 2); }

    public void zoomOut() { zoomBy(-1, 0, getHeight() / 2); }

    public void fit() {
        autoFit = true;
        if (getWidth() <= 0 || shown.nrFrames() == 0) { fitPending = true; return; }
        setGeometry(MapGeometry.fit(shown.nrFrames(), mapWidth((int) getWidth()), (int) getHeight()));
    }

    /** Zooms so that frames [lo, hi) fill much of the view, and scrolls them into the middle. */
    public void zoomToRange(int lo, int hi) {
        MapGeometry g = geometry.get();
        if (g == null || lo < 0) return;
        MapGeometry best = null;
        for (int level = MapGeometry.MAX_LEVEL; level >= MapGeometry.MIN_LEVEL; level--) {
            MapGeometry c = MapGeometry.of(g.nrFrames(), level, g.widthPx(), g.heightPx(), 0);
            int rows = c.rowOf(hi - 1) - c.rowOf(lo) + 1;
            if (rows * c.cellPx() <= g.heightPx() / 2 && (hi - lo <= c.framesPerRow() || rows > 1)) { best = c; break; }
        }
        if (best == null) best = MapGeometry.fit(g.nrFrames(), g.widthPx(), g.heightPx());
        autoFit = false;
        setGeometry(best.withFirstRow(best.rowOf(lo) - best.visibleRows() / 3));
    }

    public void scrollRows(int rows) {
        MapGeometry g = geometry.get();
        if (g != null) setGeometry(g.withFirstRow(g.firstRow() + rows));
    }

    /** Shows a pfn range as the step the animation is playing (null range clears it). */
    public void flash(int lo, int hi, boolean failure) {
        flashLo = lo;
        flashHi = hi;
        flashFailure = failure;
        markOverlayDirty();
    }

    private void setGeometry(MapGeometry g) {
        geometry.set(g);
        markAllDirty();
    }

    // ---- ShownMemory.Listener ----

    @Override public void framesChanged(int lo, int hi) {
        dirtyLo = Math.min(dirtyLo, lo);
        dirtyHi = Math.max(dirtyHi, hi);
        overlayDirty = true;
        requestLayout();
    }

    @Override public void reset() {
        PhysicalMemory mem = shown.memory();
        List<Zone> bands = mem.zones().stream().filter(z -> z.spannedPages() > 0).toList();
        painter = new FrameMapPainter(shown.owners(), shown.allocIds(), shown.freeOrders(),
                bands.stream().mapToInt(Zone::startPfn).toArray(), bands.stream().mapToInt(z -> z.type().ordinal()).toArray());
        painter.setOverlay(paintOverlay);
        fitPending = true;
        autoFit = true;
        markAllDirty();
    }

    /** Slab pages by cache and zeroed marks (see {@link FrameMapPainter.Overlay}); repaints everything. */
    public void setOverlay(FrameMapPainter.Overlay o) {
        paintOverlay = o;
        if (painter != null) painter.setOverlay(o);
        markAllDirty();
    }

    /** The overlay's content changed in a way the frame events do not locate: repaint everything once. */
    public void repaintAll() { markAllDirty(); }

    private void markAllDirty() {
        fullRepaint = true;
        overlayDirty = true;
        requestLayout();
    }

    private void markOverlayDirty() {
        overlayDirty = true;
        requestLayout();
    }

    private void paletteChanged() {
        palette = null;
        markAllDirty();
    }

    private MapPalette palette() {
        if (palette == null) {
            int[] owner = new int[Owner.values().length];
            for (int i = 0; i < owner.length; i++) owner[i] = argbOf(colours.get(i).get());
            int[] tint = new int[ZoneType.values().length];
            for (int i = 0; i < tint.length; i++) tint[i] = argbOf(colours.get(MapColour.FIRST_ZONE + i).get());
            boolean dark = colour(MapColour.BACKGROUND).getBrightness() < 0.5;
            palette = new MapPalette(owner, MapPalette.hueWheel(12, dark ? 0.55 : 0.65, dark ? 0.95 : 0.85), tint,
                    argbOf(colour(MapColour.BACKGROUND)), argbOf(colour(MapColour.FREE_OUTLINE)));
        }
        return palette;
    }

    public static int argbOf(Color c) {
        return MapPalette.argb(c.getRed(), c.getGreen(), c.getBlue());
    }

    // ---- painting ----

    /** Pixels for cells; the rest on the right is the gutter with the zone bands and their labels. */
    private int mapWidth(int viewWidth) {
        // As wide as the longest zone label needs ("pfn 0x100000-0x43ffff" on x86_64, "pfn 0x100-0x3ff" on the
        // classroom machine), so a small machine in presentation mode gives its cells the width it does not need.
        int chars = 8;
        for (Zone z : shown.memory().zones())
            if (z.spannedPages() > 0) chars = Math.max(chars, String.format("pfn 0x%x-0x%x", z.startPfn(), z.endPfn() - 1).length());
        int gutter = (int) (labelSize.get() * (0.85 * 0.6 * chars + 1)) + 30;
        return viewWidth > 3 * gutter ? viewWidth - gutter : viewWidth;
    }

    @Override protected void layoutChildren() {
        int viewW = (int) Math.floor(getWidth()), h = (int) Math.floor(getHeight());
        int w = mapWidth(viewW);
        if (w <= 0 || h <= 0 || painter == null) return;
        MapGeometry g = geometry.get();
        if (fitPending || g == null || g.nrFrames() != shown.nrFrames()) {
            fitPending = false;
            g = MapGeometry.fit(shown.nrFrames(), w, h);
            geometry.set(g);
            fullRepaint = true;
        } else if (g.widthPx() != w || g.heightPx() != h) {
            g = autoFit ? MapGeometry.fit(shown.nrFrames(), w, h) : g.withSize(w, h);
            geometry.set(g);
            fullRepaint = true;
        }
        if (pixels == null || pixels.getWidth() != w || pixels.getHeight() != h) {
            argb = new int[w * h];
            pixels = new PixelBuffer<>(w, h, IntBuffer.wrap(argb), PixelFormat.getIntArgbPreInstance());
            imageView.setImage(new WritableImage(pixels));
            fullRepaint = true;
        }
        if (overlay.getWidth() != viewW || overlay.getHeight() != h) {
            overlay.setWidth(viewW);
            overlay.setHeight(h);
            fullRepaint = true;
        }
        if (fullRepaint) {
            painter.paintAll(g, palette(), colourByAllocation.get(), argb);
            pixels.updateBuffer(b -> null);
            fullRepaint = false;
        } else if (dirtyLo < dirtyHi) {
            int[] rows = FrameMapPainter.screenRows(g, dirtyLo, Math.min(dirtyHi, shown.nrFrames()));
            if (rows[0] < rows[1]) {
                painter.paintRows(g, palette(), colourByAllocation.get(), argb, rows[0], rows[1]);
                int y0 = rows[0] * g.cellPx(), y1 = Math.min(h, rows[1] * g.cellPx());
                pixels.updateBuffer(b -> new Rectangle2D(0, y0, w, y1 - y0));
            }
        }
        dirtyLo = Integer.MAX_VALUE;
        dirtyHi = 0;
        if (overlayDirty) {
            overlayDirty = false;
            drawOverlay(g);
        }
    }

    private void drawOverlay(MapGeometry g) {
        GraphicsContext gc = overlay.getGraphicsContext2D();
        gc.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        drawZoneLabels(gc, g);
        if (g.cellPx() >= 16) drawCellLabels(gc, g);
        int id = selection.selectedAllocId();
        var alloc = id > 0 ? shown.memory().allocations().get(id) : null;
        gc.setLineWidth(3);
        gc.setStroke(colour(MapColour.SELECTION));
        if (alloc != null && alloc.isBlock()) outline(gc, g, alloc.pfn(), alloc.pfn() + (int) alloc.nrPages());
        else if (alloc != null && alloc.pages() != null) { for (int p : alloc.pages().toArray()) if (p >= g.firstPfn() && p < g.endPfn()) outline(gc, g, p, p + 1); }
        else if (alloc != null) outline(gc, g, Selection.pfnOf(alloc), Selection.pfnOf(alloc) + 1);     // a slab object: its page
        else if (selection.selectedPfn() >= 0) outline(gc, g, selection.selectedPfn(), selection.selectedPfn() + 1);
        int hover = selection.hoveredPfnProperty().get();
        if (hover >= 0) {
            gc.setLineWidth(1.5);
            gc.setStroke(colour(MapColour.HOVER));
            outline(gc, g, hover, hover + g.framesPerCell());
        }
        if (flashLo < flashHi) {
            Color c = colour(flashFailure ? MapColour.FAILURE : MapColour.FLASH);
            gc.setFill(c.deriveColor(0, 1, 1, 0.45));
            gc.setStroke(c);
            gc.setLineWidth(3);
            for (double[] r : rects(g, flashLo, flashHi)) gc.fillRect(r[0], r[1], r[2], r[3]);
            outline(gc, g, flashLo, flashHi);
        }
    }

    /**
     * Zone bands: a line where each zone starts, and right of the cells a bar per zone with its name, pfn range and
     * size. Labels are stacked top to bottom so that they never overlap: a label that cannot sit at its band (DMA on
     * a 16 GiB machine is one pixel high) moves down and a leader line joins it to its bar, and the range and size
     * lines are dropped when there is no room for them, but every zone keeps its name.
     */
    private void drawZoneLabels(GraphicsContext gc, MapGeometry g) {
        double fontPx = labelSize.get();
        double gx = g.mapWidthPx() + 8, tx = gx + 22;
        boolean gutter = overlay.getWidth() - gx > 6 * fontPx;
        List<Zone> zones = new ArrayList<>();
        List<double[]> bands = new ArrayList<>();             // {top, bottom} on screen
        for (Zone z : shown.memory().zones()) {
            if (z.spannedPages() == 0) continue;
            long y = g.cellY(z.startPfn());
            long yEnd = g.cellY(z.endPfn() - 1) + g.cellPx();
            if (yEnd < 0 || y > g.heightPx()) continue;
            Color strong = zoneStrong(z);
            gc.setStroke(strong);
            gc.setLineWidth(2);
            if (y > 0) gc.strokeLine(g.cellX(z.startPfn()), y, g.mapWidthPx(), y);
            zones.add(z);
            bands.add(new double[] {Math.max(0, y), Math.min(g.heightPx(), yEnd)});
        }
        if (!gutter || zones.isEmpty()) return;
        double line = fontPx * 1.3, gap = fontPx * 0.4;
        int n = zones.size();
        double[] top = new double[n];
        int[] lines = new int[n];
        double floor = 0;
        for (int i = 0; i < n; i++) {                        // downwards: each label at its band or below the last
            top[i] = Math.max(bands.get(i)[0] + 2, floor);
            double room = (i + 1 < n ? Math.max(bands.get(i + 1)[0] + 2, top[i] + line) : g.heightPx()) - top[i] - gap;
            lines[i] = room >= 3 * line ? 3 : room >= 2 * line ? 2 : 1;
            floor = top[i] + lines[i] * line + gap;
        }
        double ceiling = g.heightPx();
        for (int i = n - 1; i >= 0; i--) {                   // upwards: push back what ran off the bottom
            if (top[i] + lines[i] * line > ceiling) top[i] = Math.max(0, ceiling - lines[i] * line);
            ceiling = top[i] - gap;
        }
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.LEFT);
        Font bold = Font.font(getFont().getFamily(), javafx.scene.text.FontWeight.BOLD, fontPx);
        Font small = Font.font(getFont().getFamily(), fontPx * 0.85);
        for (int i = 0; i < n; i++) {
            Zone z = zones.get(i);
            double bandTop = bands.get(i)[0], bandBottom = bands.get(i)[1];
            Color strong = zoneStrong(z);
            gc.setFill(strong);
            gc.fillRect(gx, bandTop + 1, 6, Math.max(2, bandBottom - bandTop - 2));
            double anchorY = top[i] + fontPx * 0.6;
            if (anchorY < bandTop || anchorY > bandBottom) {   // the label sits away from its band: lead it there
                double from = Math.max(bandTop + 1, Math.min(bandBottom - 1, anchorY));
                gc.setStroke(strong);
                gc.setLineWidth(1.5);
                gc.strokeLine(gx + 6, from, gx + 12, from);
                gc.strokeLine(gx + 12, from, tx - 3, anchorY);
            }
            gc.setFill(colour(MapColour.LABEL));
            gc.setFont(bold);
            gc.fillText(z.name(), tx, top[i]);
            gc.setFont(small);
            if (lines[i] >= 2) gc.fillText(String.format("pfn 0x%x-0x%x", z.startPfn(), z.endPfn() - 1), tx, top[i] + line);
            if (lines[i] >= 3) gc.fillText(kmemviz.core.cmd.Sizes.format(z.spannedPages() * 4096), tx, top[i] + 2 * line);
        }
    }

    private Color zoneStrong(Zone z) {
        Color tint = colour(MapColour.values()[MapColour.FIRST_ZONE + z.type().ordinal()]);
        return tint.deriveColor(0, 1.3, 0.8, 1);
    }

    /** Zoomed in: pfn numbers in each cell, and the order at each free block's head. */
    private void drawCellLabels(GraphicsContext gc, MapGeometry g) {
        double fontPx = Math.min(g.cellPx() * 0.36, 14);
        gc.setFont(Font.font(getFont().getFamily(), fontPx));
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        byte[] free = shown.freeOrders();
        gc.setFill(colour(MapColour.LABEL));
        for (int pfn = g.firstPfn(); pfn < g.endPfn(); pfn++) {
            double x = g.cellX(pfn) + (g.cellPx() - 1) / 2.0, y = g.cellY(pfn);
            if (g.cellPx() >= 28) gc.fillText(Integer.toHexString(pfn), x, y + g.cellPx() * 0.3);
            if (free[pfn] >= 0) gc.fillText("o" + free[pfn], x, y + g.cellPx() * (g.cellPx() >= 28 ? 0.68 : 0.5));
        }
    }

    private void outline(GraphicsContext gc, MapGeometry g, int lo, int hi) {
        for (double[] r : rects(g, lo, hi)) gc.strokeRect(r[0] + 1, r[1] + 1, Math.max(1, r[2] - 2), Math.max(1, r[3] - 2));
    }

    /** The on-screen rectangles covering frames [lo, hi): at most three (first row part, full rows, last row part). */
    static List<double[]> rects(MapGeometry g, int lo, int hi) {
        List<double[]> out = new ArrayList<>();
        if (hi <= lo) return out;
        int fpr = g.framesPerRow(), px = g.cellPx();
        int rowLo = g.rowOf(lo), rowHi = g.rowOf(hi - 1);
        double yLo = (double) (rowLo - g.firstRow()) * px, yHi = (double) (rowHi - g.firstRow()) * px;
        double xLo = g.cellX(lo), xHi = g.cellX(hi - 1) + px;
        if (rowLo == rowHi) { out.add(new double[] {xLo, yLo, xHi - xLo, px}); return out; }
        double full = g.mapWidthPx();
        out.add(new double[] {xLo, yLo, full - xLo, px});
        if (rowHi - rowLo > 1) out.add(new double[] {0, yLo + px, full, yHi - yLo - px});
        out.add(new double[] {0, yHi, xHi, px});
        out.removeIf(r -> r[1] + r[3] < 0 || r[1] > g.heightPx());
        if (fpr <= 0) out.clear();
        return out;
    }

    private final javafx.beans.property.DoubleProperty labelSize = new javafx.beans.property.SimpleDoubleProperty(this, "labelSize", 12);

    /** The size of zone and cell labels; presentation mode makes it larger. */
    public javafx.beans.property.DoubleProperty labelSizeProperty() { return labelSize; }

    private Font getFont() { return Font.font(labelSize.get()); }

    /** The image that holds the cells, for tests and PNG export. */
    public ImageView imageView() { return imageView; }
}
