package kmemviz.ui.view.frames;

import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;
import kmemviz.ui.view.Selection;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.ViewColours;
import kmemviz.ui.theme.PaintAhead;

import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;

/**
 * The physical memory map: every page frame a cell in pfn order, wrapped in rows, zones as tinted bands.
 * Cells are painted by {@link FrameMapPainter} into the int[] behind a PixelBuffer shown by an ImageView; a
 * Canvas on top replays what is few and textual (zone labels, pfn labels, selection, hover, animation flash), which
 * {@link MapOverlayPainter} records into a DrawList. Events widen a dirty pfn range; {@link #layoutChildren()}
 * repaints only those rows, once per pulse. Colours come from CSS ({@link ViewColours}). FX thread only.
 */
public final class FrameMapView extends Region implements ShownMemory.Listener, PaintAhead {
    private static final String STYLE_CLASS = "frame-map";
    /** The owner colours and zone tints, then those of the overlay. */
    private static final EnumSet<ViewColour> COLOURS = EnumSet.range(ViewColour.FREE, ViewColour.ZONE_DEVICE);

    static {
        COLOURS.addAll(List.of(ViewColour.BACKGROUND, ViewColour.FREE_OUTLINE, ViewColour.SELECTION, ViewColour.HOVER,
                ViewColour.LABEL, ViewColour.FLASH, ViewColour.FAILURE, ViewColour.PCP, ViewColour.HIGHLIGHT, ViewColour.WALK,
                ViewColour.MOVED));
        for (MigrateType t : MigrateType.values()) COLOURS.add(ViewColour.of(t));
    }

    private final ViewColours<FrameMapView> colours;
    private final ShownMemory shown;
    private final Selection selection;
    private final ImageView imageView = new ImageView();
    private final Canvas overlay = new Canvas();
    private final BooleanProperty colourByAllocation = new SimpleBooleanProperty(this, "colourByAllocation");
    private final BooleanProperty colourByMigrateType = new SimpleBooleanProperty(this, "colourByMigrateType");
    private final ObjectProperty<MapGeometry> geometry = new SimpleObjectProperty<>(this, "geometry");
    private FrameMapPainter painter;
    private final MapOverlayPainter overlayPainter = new MapOverlayPainter();
    private final CompactionOverlayPainter compactionPainter = new CompactionOverlayPainter();
    /**
     * Whether the latest compaction run is drawn: from its first played event until the command after the one that
     * ran it has played (settles counts the settles since its last event), so its end stays readable meanwhile.
     */
    private boolean compactionShown;
    private int compactionSettles;
    private final DrawList overlayList = new DrawList();
    private final DrawListReplay replay = new DrawListReplay();
    private FrameMapPainter.Overlay paintOverlay;
    private MapPalette palette;
    private int[] argb = new int[0];
    private PixelBuffer<IntBuffer> pixels;
    private int dirtyLo = Integer.MAX_VALUE, dirtyHi;
    /**
     * fullRepaint: all cells, in bands over as many pulses as {@link #REPAINT_WORK_PER_PULSE} needs (a job's
     * hand-back, a theme); repaintNow: all cells in this pulse, for a gesture (zoom, scroll) or a new pixel buffer.
     */
    private boolean fullRepaint = true, repaintNow, overlayDirty = true, fitPending = true;
    /**
     * What a pulse may spend on a banded repaint, counted in frames read or pixels written per row: the fitted map
     * of x86_64-16g (4M frames) takes eight pulses of about 2 ms each (idle machine) instead of one frame of 15-20 ms.
     * Half of what four pulses took, because a job's hand-back lays out other views in the same pulses, and on a
     * shared machine a band of 1M frames measured 8-12 ms of FX-thread CPU.
     */
    static final int REPAINT_WORK_PER_PULSE = 1 << 19;
    /** The banded repaint in progress: its rows are painted here and copied to the shown pixels when all are done. */
    private int[] back = new int[0];
    private int backW, backH;
    /** The first row of {@link #back} not painted yet, or -1 while no banded repaint is in progress. */
    private int backRow = -1;
    /**
     * The picture for the colours a theme switch will bring ({@link #paintAhead}): the banded repaint paints it into
     * {@link #back} with these colours, and the pulse whose CSS pass brings them shows it, so that the map changes
     * in the same frame as the rest of the window. Null when no switch is coming.
     */
    private Ahead ahead;
    /** The picture ahead is painted and {@link Ahead#ready} sent; the CSS colours came ({@link #paletteChanged}). */
    private boolean aheadPainted, aheadCame;
    private final Probe probe = new Probe();

    /** @param colours the ARGB of {@link #COLOURS}, in their order, what the picture ahead is painted for */
    private record Ahead(int[] colours, MapPalette palette, int[] migrateTypes, int pcp, Runnable ready) {}

    /** A node of the map's style class, styled out of the window as the coming theme will style the map. */
    private static final class Probe extends Region {
        private final ViewColours<Probe> colours;

        Probe() {
            getStyleClass().add(STYLE_CLASS);
            colours = new ViewColours<>(this, COLOURS, p -> p.colours, () -> {});
        }

        @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return colours.cssMetaData(); }
    }

    /** Asks for the layout pass of the next pulse while a banded repaint is unfinished. */
    private final AnimationTimer nextBand = new AnimationTimer() {
        @Override public void handle(long now) { requestLayout(); }
    };
    /** Until the user zooms, a resize fits again, so the map keeps filling a window that grows or shrinks. */
    private boolean autoFit = true;
    /** The range a lesson or Zoom to allocation asked for, fitted again on a resize; null once the user zooms. */
    private RangeFit rangeFit;
    private int flashLo, flashHi;
    private boolean flashFailure;
    private String flashCallout;

    public FrameMapView(ShownMemory shown, Selection selection) {
        this.shown = shown;
        this.selection = selection;
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        colours = new ViewColours<>(this, COLOURS, v -> v.colours, this::paletteChanged);
        imageView.setSmooth(false);
        imageView.setManaged(false);
        overlay.setManaged(false);
        overlay.setMouseTransparent(true);
        getChildren().addAll(imageView, overlay);
        shown.addListener(this);
        colourByAllocation.addListener((o, a, b) -> markAllDirty());
        colourByMigrateType.addListener((o, a, b) -> { showMigrateTypes(); markAllDirty(); });
        labelSize.addListener((o, a, b) -> markOverlayDirty());
        selection.selectedPfnProperty().addListener((o, a, b) -> markOverlayDirty());
        selection.selectedAllocIdProperty().addListener((o, a, b) -> markOverlayDirty());
        selection.hoveredPfnProperty().addListener((o, a, b) -> markOverlayDirty());
        setMinSize(200, 150);
        if (shown.memory() != null) reset();
    }

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return colours.cssMetaData(); }

    public BooleanProperty colourByAllocationProperty() { return colourByAllocation; }

    /** Frames coloured by migrate type (their allocation's, or a free frame's pageblock's) instead of by owner. */
    public BooleanProperty colourByMigrateTypeProperty() { return colourByMigrateType; }

    /** The CSS colour of a migrate type, for the legend. */
    public ObjectProperty<Color> migrateTypeColourProperty(MigrateType t) { return colours.property(ViewColour.of(t)); }

    public ObjectProperty<MapGeometry> geometryProperty() { return geometry; }

    /**
     * Runs {@code shown} inside the map's layout pass each time a whole new picture reaches the screen: the last band of
     * a banded repaint, or a repaint at once. What is drawn beside the map can change with it, not before.
     */
    public void onPictureShown(Runnable shown) { pictureShown.add(shown); }

    private final List<Runnable> pictureShown = new java.util.ArrayList<>();

    public MapGeometry geometry() { return geometry.get(); }

    public ShownMemory shown() { return shown; }

    public Selection selection() { return selection; }

    /** The CSS colour of an owner, for the legend. */
    public ObjectProperty<Color> ownerColourProperty(Owner o) { return colours.property(ViewColour.of(o)); }

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
        MapGeometry zoomed = g.zoomTo(g.level() + steps, anchor, anchorY);
        // A range fitted larger than the deepest level (a lesson's zoom on a few frames): zooming in would shrink it.
        if (steps > 0 && zoomed.cellPx() <= g.cellPx() && zoomed.framesPerCell() == 1 && g.framesPerCell() == 1) return;
        autoFit = false;
        rangeFit = null;
        spotlit = null;
        setGeometry(zoomed);
    }

    public void zoomIn() { zoomBy(1, 0, getHeight() / 2); }

    public void zoomOut() { zoomBy(-1, 0, getHeight() / 2); }

    public void fit() {
        autoFit = true;
        rangeFit = null;
        spotlit = null;
        if (getWidth() <= 0 || shown.nrFrames() == 0) { fitPending = true; return; }
        setGeometry(MapGeometry.fit(shown.nrFrames(), mapWidth((int) getWidth()), (int) getHeight()));
    }

    /** Zooms so that frames [lo, hi) fill the view, from its top. */
    public void zoomToRange(int lo, int hi) { zoomToRange(lo, hi, 0); }

    /**
     * Zooms so that frames [lo, hi) fill the view above a band of {@code clearBottomPx} left for a caption over the
     * map, and keeps them so when the view is resized (until the user zooms, scrolls or fits).
     */
    public void zoomToRange(int lo, int hi, int clearBottomPx) {
        if (lo < 0 || hi <= lo || hi > shown.nrFrames()) return;
        spotlit = null;
        rangeFit = new RangeFit(lo, hi, clearBottomPx);
        autoFit = false;
        MapGeometry g = geometry.get();
        if (g != null && g.nrFrames() == shown.nrFrames()) setGeometry(rangeFit.geometry(g.nrFrames(), g.widthPx(), g.heightPx()));
        else markAllDirty();
    }

    /** A pfn range the view keeps zoomed to, above a band kept clear. */
    private record RangeFit(int lo, int hi, int clearBottomPx) {
        MapGeometry geometry(int nrFrames, int widthPx, int heightPx) {
            MapGeometry filled = MapGeometry.fitRange(nrFrames, lo, hi, widthPx, heightPx, clearBottomPx);
            if (filled != null) return filled;
            // Too many frames for a pixel each. The whole machine: fitted above the band; else the deepest
            // zoomed-out level that shows the range in half the height.
            if (lo == 0 && hi == nrFrames)
                return MapGeometry.fit(nrFrames, widthPx, Math.max(1, heightPx - clearBottomPx)).inViewOf(widthPx, heightPx);
            for (int level = -1; level >= MapGeometry.MIN_LEVEL; level--) {
                MapGeometry c = MapGeometry.of(nrFrames, level, widthPx, heightPx, 0);
                if ((c.rowOf(hi - 1) - c.rowOf(lo) + 1) * c.cellPx() <= heightPx / 2) return c.withFirstRow(c.rowOf(lo) - c.visibleRows() / 3);
            }
            return MapGeometry.fit(nrFrames, widthPx, heightPx);
        }
    }

    /**
     * Zooms in on frames [lo, hi), the blocks an animated command splits or merges, when that makes their cells at
     * least {@link #SPOTLIGHT_GAIN} times larger than now, so that one split reads from the back row of a room even
     * among millions of frames; {@link #endSpotlight()} goes back to the view of before. A gesture (zoom, scroll, fit)
     * in between is the user's choice and is kept. The band at the foot stays clear for the step's call-out.
     */
    public void spotlight(int lo, int hi) {
        MapGeometry g = geometry.get();
        if (spotlit != null || g == null || g.nrFrames() != shown.nrFrames() || lo < 0 || hi <= lo || hi > shown.nrFrames()) return;
        int clear = Math.max(rangeFit == null ? 0 : rangeFit.clearBottomPx(), calloutRoomPx());
        MapGeometry near = MapGeometry.fitRange(g.nrFrames(), lo, hi, g.widthPx(), g.heightPx(), clear);
        if (near == null || near.cellPx() < SPOTLIGHT_GAIN * g.cellPx() && g.framesPerCell() == 1) return;
        spotlit = new Viewport(g, autoFit, rangeFit);
        autoFit = false;
        rangeFit = new RangeFit(lo, hi, clear);
        setGeometry(near);
    }

    /** Back to the view {@link #spotlight} zoomed in from; nothing when it did not zoom or the user moved since. */
    public void endSpotlight() {
        Viewport before = spotlit;
        if (before == null) return;
        spotlit = null;
        autoFit = before.autoFit();
        rangeFit = before.rangeFit();
        MapGeometry g = before.geometry();
        if (g.nrFrames() != shown.nrFrames()) { fitPending = true; markAllDirty(); return; }
        int w = mapWidth((int) getWidth()), h = (int) getHeight();
        if (rangeFit != null) g = rangeFit.geometry(g.nrFrames(), w, h);
        else if (autoFit) g = MapGeometry.fit(g.nrFrames(), w, h);
        else if (g.widthPx() != w || g.heightPx() != h) g = g.withSize(w, h);
        setGeometry(g);
    }

    /** True while {@link #spotlight} has zoomed in (for tests). */
    public boolean spotlit() { return spotlit != null; }

    /** Room for a two-line call-out under the spotlit blocks, in the font {@link MapOverlayPainter} gives it. */
    private int calloutRoomPx() { return (int) Math.ceil(Math.max(14, labelSize.get() * 1.2) * 3.2 + 12); }

    /** Spotlit cells must be at least this much larger than the cells of the view before, or the zoom is not worth the jump. */
    private static final int SPOTLIGHT_GAIN = 2;

    /** What {@link #endSpotlight} restores. */
    private record Viewport(MapGeometry geometry, boolean autoFit, RangeFit rangeFit) {}

    private Viewport spotlit;

    public void scrollRows(int rows) {
        MapGeometry g = geometry.get();
        if (g == null) return;
        spotlit = null;
        rangeFit = null;
        setGeometry(g.withFirstRow(g.firstRow() + rows));
    }

    /** Shows a pfn range as the step the animation is playing (null range clears it). */
    public void flash(int lo, int hi, boolean failure) { flash(lo, hi, failure, null); }

    /** The same, spotlit, with a call-out that says what the step does (null: outlined only). */
    public void flash(int lo, int hi, boolean failure, String callout) {
        flashLo = lo;
        flashHi = hi;
        flashFailure = failure;
        flashCallout = callout;
        markOverlayDirty();
    }

    /** The call-out shown over the map, or null (for tests). */
    public String callout() { return flashLo < flashHi ? flashCallout : null; }

    private void setGeometry(MapGeometry g) {
        geometry.set(g);
        repaintNow = true;               // a gesture: the user waits for this picture
        markAllDirty();
    }

    // ---- ShownMemory.Listener ----

    @Override public void compactionChanged() {
        compactionShown = shown.compaction().zone() != null;
        compactionSettles = 0;
        markOverlayDirty();
    }

    @Override public void settled() {
        if (compactionShown && ++compactionSettles > 1) {
            compactionShown = false;
            markOverlayDirty();
        }
    }

    @Override public void framesChanged(int lo, int hi) {
        dirtyLo = Math.min(dirtyLo, lo);
        dirtyHi = Math.max(dirtyHi, hi);
        overlayDirty = true;
        requestLayout();
    }

    @Override public void reset() {
        compactionShown = false;
        PhysicalMemory mem = shown.memory();
        List<Zone> bands = mem.zones().stream().filter(z -> z.spannedPages() > 0).toList();
        painter = new FrameMapPainter(shown.owners(), shown.allocIds(), shown.freeOrders(),
                bands.stream().mapToInt(Zone::startPfn).toArray(), bands.stream().mapToInt(z -> z.type().ordinal()).toArray());
        painter.setOverlay(paintOverlay);
        showMigrateTypes();
        showPcpPages();
        // Undo and redo replay into a machine of the same size: keep the zoom and scroll the user chose.
        MapGeometry g = geometry.get();
        if (g == null || g.nrFrames() != shown.nrFrames()) {
            fitPending = true;
            autoFit = true;
            rangeFit = null;
            spotlit = null;
        }
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

    /** Hands the painter the shown migrate types when the toggle is on; the arrays are new after each reset. */
    private void showMigrateTypes() {
        if (painter == null) return;
        if (!colourByMigrateType.get()) { painter.setMigrateTypes(null); return; }
        int[] colour = ahead != null ? ahead.migrateTypes() : migrateTypeColours(colours);
        painter.setMigrateTypes(new FrameMapPainter.MigrateTypes(shown.frameTypes(), shown.pageblockTypes(), shown.pageblockOrder(), colour));
    }

    private static int[] migrateTypeColours(ViewColours<?> c) {
        int[] colour = new int[MigrateType.COUNT];
        for (MigrateType t : MigrateType.values()) colour[t.ordinal()] = c.argb(ViewColour.of(t));
        return colour;
    }

    /** Hands the painter the frames on per-CPU lists, on a machine with them (pcp=on); the arrays are new after each reset. */
    private void showPcpPages() {
        if (painter == null) return;
        painter.setPcpPages(shown.pcp().enabled()
                ? new FrameMapPainter.PcpPages(shown.pcpLists(), shown.pcpOrders(), ahead != null ? ahead.pcp() : colours.argb(ViewColour.PCP)) : null);
    }

    /** The CSS colour of frames on a per-CPU list, for the legend. */
    public ObjectProperty<Color> pcpColourProperty() { return colours.property(ViewColour.PCP); }

    /** A CSS colour changed (each of a theme switch's, one by one, in a CSS pass): layout decides once they all have. */
    private void paletteChanged() {
        palette = null;
        if (ahead != null) {
            aheadCame = true;
            requestLayout();
            return;
        }
        showMigrateTypes();
        showPcpPages();
        markAllDirty();
    }

    private MapPalette palette() {
        if (palette == null) palette = paletteOf(colours);
        return palette;
    }

    private static MapPalette paletteOf(ViewColours<?> c) {
        int[] owner = new int[Owner.values().length];
        for (Owner o : Owner.values()) owner[o.ordinal()] = c.argb(ViewColour.of(o));
        int[] tint = new int[ZoneType.values().length];
        for (ZoneType z : ZoneType.values()) tint[z.ordinal()] = c.argb(ViewColour.of(z));
        boolean dark = c.get(ViewColour.BACKGROUND).getBrightness() < 0.5;
        return new MapPalette(owner, MapPalette.hueWheel(12, dark ? 0.55 : 0.65, dark ? 0.95 : 0.85), tint,
                c.argb(ViewColour.BACKGROUND), c.argb(ViewColour.FREE_OUTLINE));
    }

    /** The palette of the banded repaint: the coming theme's while a picture ahead is painted. */
    private MapPalette backPalette() { return ahead != null ? ahead.palette() : palette(); }

    private static int[] argbOf(ViewColours<?> c) { return COLOURS.stream().mapToInt(c::argb).toArray(); }

    // ---- a theme switch: the cells painted ahead in bands, shown with the CSS that brings their colours ----

    /**
     * Paints the cells for the colours {@code style} gives a node of the map's style class, in bands into the back
     * buffer, and sends {@code ready} when done; the window then switches, and the pulse whose CSS pass gives the map
     * these colours shows them ({@link #cameAhead}). At once when nothing would change or the map is not on screen.
     */
    @Override public void paintAhead(Consumer<Region> style, Runnable ready) {
        style.accept(probe);
        int[] coming = argbOf(probe.colours);
        ahead = null;
        boolean onScreen = painter != null && pixels != null && getScene() != null && getScene().getWindow() != null
                && getScene().getWindow().isShowing() && treeVisible();
        if (Arrays.equals(coming, argbOf(colours)) || !onScreen) {
            showMigrateTypes();
            showPcpPages();
            ready.run();
            return;
        }
        ahead = new Ahead(coming, paletteOf(probe.colours), migrateTypeColours(probe.colours), probe.colours.argb(ViewColour.PCP), ready);
        aheadPainted = aheadCame = false;
        showMigrateTypes();
        showPcpPages();
        fullRepaint = true;              // the overlay stays as it is until the switch
        requestLayout();
    }

    /** Neither the map nor a parent hidden (the tab of another view shown). */
    private boolean treeVisible() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
    }

    /**
     * The theme switch's CSS pass has run: its colours are those painted ahead, and the picture is shown in this
     * pulse; if it is still being painted (a gesture restarted it), the bands go on with these same colours; other
     * colours (another switch came first) repaint as any palette change does.
     */
    private void cameAhead() {
        boolean same = Arrays.equals(ahead.colours(), argbOf(colours));
        boolean painted = aheadPainted;
        ahead = null;
        aheadCame = false;
        showMigrateTypes();
        showPcpPages();
        overlayDirty = true;
        if (!same) fullRepaint = true;
        else if (painted) showBack();
    }

    /** Gives up a picture ahead: the switch happens now, and the map repaints as for any palette change. */
    private void switchNow() {
        Runnable ready = ahead.ready();
        boolean sent = aheadPainted;
        ahead = null;
        aheadCame = false;
        showMigrateTypes();
        showPcpPages();
        if (!sent) ready.run();
    }

    // ---- painting ----

    /** Pixels for cells; the rest on the right is the gutter with the zone bands and their labels. */
    private int mapWidth(int viewWidth) {
        return MapOverlayPainter.cellsWidthPx(viewWidth, widestZoneLabelPx(), labelSize.get());
    }

    /**
     * The widest zone label in the gutter, measured in the fonts {@link DrawListReplay} draws it with: an estimate of
     * 0.6 em a letter took 27 px more than "pfn 0x100-0x1fff" needs, and at 1280x720 that cost lesson 16's zoom on
     * Normal a pixel of cell. Measured once per machine and label size.
     */
    private double widestZoneLabelPx() {
        PhysicalMemory mem = shown.memory();
        double size = labelSize.get();
        if (mem != gutterMeasuredFor || size != gutterMeasuredAt) {
            javafx.scene.text.Text t = new javafx.scene.text.Text();
            double widest = 0;
            for (Zone z : mem.zones()) {
                if (z.spannedPages() == 0) continue;
                List<String> lines = MapOverlayPainter.zoneLabelLines(z);
                for (int i = 0; i < lines.size(); i++) {
                    t.setFont(i == 0 ? javafx.scene.text.Font.font(null, javafx.scene.text.FontWeight.BOLD, size)
                            : javafx.scene.text.Font.font(size * MapOverlayPainter.DETAIL_SCALE));
                    t.setText(lines.get(i));
                    widest = Math.max(widest, t.getLayoutBounds().getWidth());
                }
            }
            gutterMeasuredFor = mem;
            gutterMeasuredAt = size;
            gutterLabelPx = widest;
        }
        return gutterLabelPx;
    }

    private PhysicalMemory gutterMeasuredFor;
    private double gutterMeasuredAt, gutterLabelPx;

    @Override protected void layoutChildren() {
        int viewW = (int) Math.floor(getWidth()), h = (int) Math.floor(getHeight());
        int w = mapWidth(viewW);
        if (w <= 0 || h <= 0 || painter == null) return;
        if (ahead != null && aheadCame) cameAhead();
        MapGeometry g = geometry.get();
        if (rangeFit != null && (g == null || g.nrFrames() != shown.nrFrames() || g.widthPx() != w || g.heightPx() != h)) {
            fitPending = false;
            g = rangeFit.geometry(shown.nrFrames(), w, h);
            geometry.set(g);
            fullRepaint = true;
        } else if (fitPending || g == null || g.nrFrames() != shown.nrFrames()) {
            fitPending = false;
            g = MapGeometry.fit(shown.nrFrames(), w, h);
            geometry.set(g);
            fullRepaint = true;
        } else if (g.widthPx() != w || g.heightPx() != h) {
            g = autoFit ? MapGeometry.fit(shown.nrFrames(), w, h) : g.withSize(w, h);
            geometry.set(g);
            fullRepaint = true;
        }
        boolean resized = pixels == null || pixels.getWidth() != w || pixels.getHeight() != h;
        if (resized && (pixels == null || repaintNow)) {
            show(new int[w * h], w, h);
            repaintNow = true;           // nothing is painted in the new buffer yet
        } else if (resized && !(backRow >= 0 && backW == w && backH == h)) {
            // The map's area changed size (a status line that grows while a job runs does it): the old picture stays
            // until the banded repaint has painted one of the new size.
            fullRepaint = true;
        }
        if (overlay.getWidth() != viewW || overlay.getHeight() != h) {
            overlay.setWidth(viewW);
            overlay.setHeight(h);
            fullRepaint = true;
        }
        if (repaintNow) {
            if (ahead != null) switchNow();
            painter.paintAll(g, palette(), colourByAllocation.get(), argb);
            pixels.updateBuffer(b -> null);
            repaintNow = fullRepaint = false;
            backRow = -1;
            nextBand.stop();
            for (Runnable r : pictureShown) r.run();
        } else {
            if (fullRepaint) {           // (re)start the banded repaint: rows painted so far may show the old state
                fullRepaint = false;
                backRow = 0;
                aheadPainted = false;
                if (backW != w || backH != h) {
                    back = new int[w * h];
                    backW = w;
                    backH = h;
                }
            }
            if (dirtyLo < dirtyHi) paintDirtyRows(g, w, h);
            if (backRow >= 0) paintBand(g, w);
        }
        dirtyLo = Integer.MAX_VALUE;
        dirtyHi = 0;
        if (overlayDirty) {
            overlayDirty = false;
            drawOverlay(g);
        }
    }

    /** The rows that events changed; during a banded repaint only those it has painted already (the rest follow). */
    private void paintDirtyRows(MapGeometry g, int w, int h) {
        int[] rows = FrameMapPainter.screenRows(g, dirtyLo, Math.min(dirtyHi, shown.nrFrames()));
        if (backRow >= 0) {
            painter.paintRows(g, backPalette(), colourByAllocation.get(), back, rows[0], Math.min(rows[1], backRow));
        } else if (rows[0] < rows[1]) {
            painter.paintRows(g, palette(), colourByAllocation.get(), argb, rows[0], rows[1]);
            int y0 = rows[0] * g.cellPx(), y1 = Math.min(h, rows[1] * g.cellPx());
            pixels.updateBuffer(b -> new Rectangle2D(0, y0, w, y1 - y0));
        }
    }

    /** Paints the next band of the banded repaint; the last one shows the whole picture at once. */
    private void paintBand(MapGeometry g, int w) {
        long workPerRow = Math.max((long) g.framesPerRow(), (long) w * g.cellPx());
        int end = (int) Math.min(g.visibleRows(), backRow + Math.max(1, REPAINT_WORK_PER_PULSE / workPerRow));
        painter.paintRows(g, backPalette(), colourByAllocation.get(), back, backRow, end);
        backRow = end;
        if (end < g.visibleRows()) {
            nextBand.start();
            return;
        }
        if (ahead != null) {             // painted ahead of a theme switch: shown by the pulse that brings its colours
            nextBand.stop();
            if (!aheadPainted) Platform.runLater(ahead.ready());
            aheadPainted = true;
            return;
        }
        showBack();
    }

    /** Shows the banded repaint's picture, all of it at once. */
    private void showBack() {
        if (pixels.getWidth() == backW && pixels.getHeight() == backH) {
            System.arraycopy(back, 0, argb, 0, argb.length);
            pixels.updateBuffer(b -> null);
        } else {
            show(back, backW, backH);
            back = new int[0];
            backW = backH = 0;
        }
        backRow = -1;
        nextBand.stop();
        for (Runnable r : pictureShown) r.run();
    }

    /** Shows {@code pixelsArgb} ({@code w} by {@code h}) as the map's picture; painting goes there from now on. */
    private void show(int[] pixelsArgb, int w, int h) {
        argb = pixelsArgb;
        pixels = new PixelBuffer<>(w, h, IntBuffer.wrap(argb), PixelFormat.getIntArgbPreInstance());
        imageView.setImage(new WritableImage(pixels));
    }

    /**
     * Paints a pending repaint at once instead of in bands over the next pulses: an export snapshots the window
     * with no pulse in between, and must not show the picture of before. FX thread.
     */
    public void finishRepaint() {
        if (!repainting()) return;
        repaintNow = true;
        requestLayout();
        layout();
    }

    /** True while a banded repaint has not yet reached the screen (for tests, which wait for it). */
    public boolean repainting() { return backRow >= 0 || fullRepaint || repaintNow; }

    private void drawOverlay(MapGeometry g) {
        overlayPainter.paint(g, overlay.getWidth(), shown.memory().zones(), shown.freeOrders(), labelSize.get(), palette(),
                new MapOverlayPainter.Palette(colours.argb(ViewColour.LABEL), colours.argb(ViewColour.SELECTION),
                        colours.argb(ViewColour.HOVER), colours.argb(ViewColour.FLASH), colours.argb(ViewColour.FAILURE)),
                new MapOverlayPainter.Marks(selectedRanges(g), selection.hoveredPfnProperty().get(), flashLo, flashHi, flashFailure,
                        flashCallout),
                overlayList);
        int[] span = compactionShown ? CompactionOverlayPainter.zoneSpan(shown.compaction(), shown.memory().zones()) : null;
        if (span != null)
            compactionPainter.paint(g, shown.compaction(), span[0], span[1], labelSize.get(), new CompactionOverlayPainter.Palette(
                    colours.argb(ViewColour.HIGHLIGHT), colours.argb(ViewColour.WALK), colours.argb(ViewColour.MOVED),
                    colours.argb(ViewColour.BACKGROUND)), overlayList);
        replay.replay(overlayList, overlay.getGraphicsContext2D(), overlay.getWidth(), overlay.getHeight());
    }

    /** The selection as {lo, hi} pfn pairs: a block whole, an area's pages on screen, a slab object's page, a frame. */
    private int[] selectedRanges(MapGeometry g) {
        int id = selection.selectedAllocId();
        var alloc = id > 0 ? shown.memory().allocations().get(id) : null;
        if (alloc != null && alloc.isBlock()) return new int[] {alloc.pfn(), alloc.pfn() + (int) alloc.nrPages()};
        if (alloc != null && alloc.pages() != null)
            return java.util.Arrays.stream(alloc.pages().toArray()).filter(p -> p >= g.firstPfn() && p < g.endPfn())
                    .flatMap(p -> java.util.stream.IntStream.of(p, p + 1)).toArray();
        int pfn = alloc != null ? Selection.pfnOf(alloc) : selection.selectedPfn();      // a slab object: its page
        return pfn >= 0 ? new int[] {pfn, pfn + 1} : new int[0];
    }

    private final javafx.beans.property.DoubleProperty labelSize = new javafx.beans.property.SimpleDoubleProperty(this, "labelSize", 12);

    /** The size of zone and cell labels; presentation mode makes it larger. */
    public javafx.beans.property.DoubleProperty labelSizeProperty() { return labelSize; }

    /** The image that holds the cells, for tests. */
    public ImageView imageView() { return imageView; }

    // ---- export: the same painters, at any scale ----

    /** The cells as on screen, repainted at {@code scale} times their size: {width, height} then the pixels. */
    public int[] paintCells(int scale) {
        layout();
        MapGeometry g = geometry.get();
        int[] out = new int[g.widthPx() * scale * g.heightPx() * scale];
        painter.paintScaled(g, palette(), colourByAllocation.get(), out, scale);
        return out;
    }

    /** Width of the cells' picture at 1x; the overlay is as wide as the view (the zone gutter is right of the cells). */
    public int cellsWidthPx() { layout(); return geometry.get().widthPx(); }

    /** The zone labels and outlines drawn over the cells, as last painted. */
    public DrawList overlayDrawList() { layout(); return overlayList; }

    /** The cells on screen as rectangles, one per block (see {@link FrameMapPainter#blocks}), for SVG. */
    public DrawList blocks() {
        layout();
        DrawList out = new DrawList();
        painter.blocks(geometry.get(), palette(), colourByAllocation.get(), out);
        return out;
    }
}
