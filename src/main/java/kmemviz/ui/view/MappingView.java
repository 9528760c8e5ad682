package kmemviz.ui.view;

import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Owner;
import kmemviz.core.vm.Walk;
import kmemviz.core.vm.WalkStep;

/**
 * The kernel's virtual address space above, a compact physical strip below, and a line from each mapped page to
 * its frame ({@link MappingPainter} computes it, this view replays it on a Canvas). The model is re-read from the
 * core after each command ({@link #refresh()}); hover, selection and the page walk only repaint. Zoom and pan are
 * horizontal, on the virtual strip. Colours come from CSS ({@code .mapping-view}); owner colours are the frame
 * map's. FX thread only.
 */
public final class MappingView extends Region implements ShownMemory.Listener {
    private static final String[] COLOURS = {"background", "strip", "gap", "label", "muted", "guard", "page-4k", "page-2m",
            "page-1g", "ribbon", "highlight", "walk"};
    private final ViewColours<MappingView> colours;
    private final Kernel kernel;
    private final ShownMemory shown;
    private final Selection selection;
    private final FrameMapView map;
    private final Canvas canvas = new Canvas();
    private final MappingPainter painter = new MappingPainter();
    private final DrawList drawList = new DrawList();
    private final DrawListReplay replay = new DrawListReplay();
    private final IntegerProperty hoveredAlloc = new SimpleIntegerProperty(this, "hoveredAlloc");
    private MappingModel model;
    private VirtualAxis axis;
    private MappingPainter.Frame frame;
    private MappingPainter.Focus walkFocus = MappingPainter.Focus.NONE;
    private int[] physColumns = new int[0];
    private boolean dirty = true, columnsDirty = true;
    private double zoom = 1, pan;

    public MappingView(Kernel kernel, ShownMemory shown, Selection selection, FrameMapView map) {
        this.kernel = kernel;
        this.shown = shown;
        this.selection = selection;
        this.map = map;
        colours = new ViewColours<>(this, COLOURS, v -> v.colours, this::markColumnsDirty);
        getStyleClass().add("mapping-view");
        getChildren().add(canvas);
        canvas.setManaged(false);
        shown.addListener(this);
        for (Owner o : Owner.values()) map.ownerColourProperty(o).addListener((ob, a, b) -> markColumnsDirty());
        hoveredAlloc.addListener((o, a, b) -> markDirty());
        selection.selectedAllocIdProperty().addListener((o, a, b) -> markDirty());
        selection.hoveredPfnProperty().addListener((o, a, b) -> {
            int pfn = b.intValue();
            if (!isHover && pfn >= 0 && pfn < shown.nrFrames()) hoveredAlloc.set(shown.allocIds()[pfn]);
        });
        setMinSize(300, 260);
        refresh();
    }

    private boolean isHover;

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return colours.cssMetaData(); }

    /** The allocation under the pointer (here or on the frame map), 0 for none. */
    public IntegerProperty hoveredAllocProperty() { return hoveredAlloc; }

    public MappingModel model() { return model; }

    public VirtualAxis axis() { layout(); return axis; }

    public MappingPainter.Frame frame() { layout(); return frame; }

    /** The draw calls of the last repaint, for tests. */
    public DrawList drawList() { layout(); return drawList; }

    public int highlightColour() { return colours.argb(10); }

    public double zoom() { return zoom; }

    /** Re-reads the mappings from the core (after a command, an undo, a script). */
    public void refresh() {
        model = MappingModel.of(kernel);
        markColumnsDirty();
    }

    /** Shows a page walk: the address on the virtual strip, the tables it read and its frame on the physical strip. */
    public void showWalk(long vaddr, Walk w) {
        if (w == null) { walkFocus = MappingPainter.Focus.NONE; markDirty(); return; }
        int n = 0;
        for (WalkStep s : w.steps()) if (s.tablePfn() >= 0) n++;
        int[] pfns = new int[n];
        String[] levels = new String[n];
        int k = 0;
        for (WalkStep s : w.steps()) if (s.tablePfn() >= 0) { pfns[k] = s.tablePfn(); levels[k++] = s.level(); }
        walkFocus = new MappingPainter.Focus(0, 0, vaddr, true, pfns, levels, w.mapped() ? w.framePfn() : -1);
        markDirty();
    }

    // ---- intents from MappingInput ----

    /** Hover from this view: an allocation (0 none) and the frame under the pointer (-1 none). */
    public void hover(int allocId, int pfn) {
        isHover = true;
        hoveredAlloc.set(allocId);
        selection.hoveredPfnProperty().set(pfn);
        isHover = false;
    }

    public void zoomAt(double factor, double screenX) {
        layout();
        if (axis == null) return;
        long anchor = axis.addressAt(frame.axisX(screenX), Long.MIN_VALUE);
        zoom = Math.max(1, Math.min(1 << 20, zoom * factor));
        rebuildAxis();
        if (anchor != Long.MIN_VALUE && !Double.isNaN(axis.x(anchor))) pan = axis.x(anchor) - (screenX - MappingPainter.MARGIN);
        clampPan();
        markDirty();
    }

    public void panBy(double dx) {
        pan -= dx;
        clampPan();
        markDirty();
    }

    public void fit() {
        zoom = 1;
        pan = 0;
        markDirty();
    }

    /** Zooms so that an allocation's virtual range fills about half the width. */
    public void zoomToAlloc(int allocId) {
        layout();
        int[] areas = model.areasOf(allocId);
        if (areas.length == 0 || axis == null) return;
        int a = areas[0];
        double w = axis.x(model.areaStart(a) + model.areaMappedBytes(a) + model.areaGuardBytes(a)) - axis.x(model.areaStart(a));
        double target = (getWidth() - 2 * MappingPainter.MARGIN) / 2;
        if (w > 0) zoomAt(target / w, MappingPainter.MARGIN + axis.x(model.areaStart(a)) - pan);
    }

    private void clampPan() {
        double max = Math.max(0, frame.axisWidth() - frame.physWidth());
        pan = Math.max(0, Math.min(max, pan));
        frame = new MappingPainter.Frame(getWidth(), getHeight(), zoom, pan);
    }

    /** The address under a screen point of the virtual strip, or Long.MIN_VALUE. */
    public long addressAt(double x, double y) {
        layout();
        if (axis == null || y < frame.stripTop() || y > frame.stripBottom()) return Long.MIN_VALUE;
        return axis.addressAt(frame.axisX(x), Long.MIN_VALUE);
    }

    /** The pfn under a screen point of the physical strip (the allocated one if the pixel holds any), or -1. */
    public int pfnAt(double x, double y) {
        layout();
        if (frame == null || y < frame.physTop() - 4 || y > frame.physBottom() + 4) return -1;
        int pfn = frame.pfnAt(x, model.nrFrames());
        if (pfn < 0) return -1;
        int end = Math.min(model.nrFrames(), frame.pfnAt(x + 1, model.nrFrames()) < 0 ? model.nrFrames() : frame.pfnAt(x + 1, model.nrFrames()));
        for (int p = pfn; p < end; p++) if (shown.allocIds()[p] != 0) return p;
        return pfn;
    }

    /** The allocation id of a frame as shown (0 for none). */
    public int shownAllocId(int pfn) { return pfn >= 0 && pfn < shown.nrFrames() ? shown.allocIds()[pfn] : 0; }

    // ---- ShownMemory.Listener ----

    @Override public void framesChanged(int lo, int hi) { markColumnsDirty(); }

    @Override public void reset() { refresh(); }

    private void markColumnsDirty() {
        columnsDirty = true;
        markDirty();
    }

    private void markDirty() {
        dirty = true;
        requestLayout();
    }

    private void rebuildAxis() {
        frame = new MappingPainter.Frame(getWidth(), getHeight(), zoom, pan);
        axis = VirtualAxis.of(model.parts(), frame.axisWidth());
    }

    @Override protected void layoutChildren() {
        double w = Math.floor(getWidth()), h = Math.floor(getHeight());
        if (w <= 0 || h <= 0 || model == null) return;
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            columnsDirty = dirty = true;
        }
        if (!dirty) return;
        dirty = false;
        rebuildAxis();
        clampPan();
        rebuildAxis();
        MapPalette mp = palette();
        if (columnsDirty) {
            physColumns = painter.physicalColumns(shown.owners(), shown.nrFrames(), (int) Math.max(1, frame.physWidth()), mp).clone();
            columnsDirty = false;
        }
        int sel = selection.selectedAllocId();
        MappingPainter.Focus f = new MappingPainter.Focus(hoveredAlloc.get(), sel, walkFocus.walkVaddr(), walkFocus.walkShown(),
                walkFocus.walkTablePfns(), walkFocus.walkLevels(), walkFocus.walkFramePfn());
        painter.paint(model, axis, frame, f, shown.owners(), physColumns, mappingPalette(mp), drawList);
        replay.replay(drawList, canvas.getGraphicsContext2D(), w, h);
    }

    private MapPalette palette() {
        int[] owner = new int[Owner.values().length];
        for (Owner o : Owner.values()) owner[o.ordinal()] = DrawListReplay.argb(map.ownerColourProperty(o).get());
        return new MapPalette(owner, new int[] {0xff888888}, new int[0], colours.argb(0), colours.argb(4));
    }

    private MappingPalette mappingPalette(MapPalette mp) {
        return new MappingPalette(mp, colours.argb(0), colours.argb(1), colours.argb(2), colours.argb(3), colours.argb(4),
                colours.argb(5), new int[] {colours.argb(6), colours.argb(7), colours.argb(8)}, colours.argb(9),
                colours.argb(10), colours.argb(11));
    }

    /** Text scale for presentation mode. */
    public void setFontScale(double s) {
        replay.setFontScale(s);
        markDirty();
    }
}
