package kmemviz.ui.view.mapping;

import kmemviz.ui.view.AfterJob;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;
import kmemviz.ui.view.HoverTip;
import kmemviz.ui.view.Selection;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.ViewColours;
import kmemviz.ui.view.frames.FrameMapView;
import kmemviz.ui.view.frames.MapPalette;

import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.util.Duration;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Owner;
import kmemviz.core.vm.Walk;
import kmemviz.core.vm.WalkStep;

/**
 * The kernel's virtual address space above, a compact physical strip below, and a line from each mapped page to
 * its frame ({@link MappingPainter} computes it, this view replays it on a Canvas). The model is re-read from the
 * core after each command ({@link #refresh()}); hover, selection and the page walk only repaint. Zoom and pan are
 * horizontal, on the virtual strip. The physical strip has its own range ({@link PhysicalWindow}): while
 * {@link #followFocusProperty()} is on it shows the frames of the allocation in focus (the one hovered on the
 * virtual strip, else the selected one) with a margin, and all of memory when nothing is in focus; the change
 * is animated unless {@code animate} says the speed is instant. Colours come from CSS ({@code .mapping-view});
 * owner colours are the frame map's. FX thread only.
 */
public final class MappingView extends Region implements ShownMemory.Listener, AfterJob {
    private static final EnumSet<ViewColour> COLOURS = EnumSet.of(ViewColour.BACKGROUND, ViewColour.STRIP, ViewColour.GAP,
            ViewColour.LABEL, ViewColour.MUTED, ViewColour.GUARD, ViewColour.PAGE_4K, ViewColour.PAGE_2M, ViewColour.PAGE_1G,
            ViewColour.RIBBON, ViewColour.HIGHLIGHT, ViewColour.WALK);
    private final ViewColours<MappingView> colours;
    private final Kernel kernel;
    private final ShownMemory shown;
    private final Selection selection;
    private final FrameMapView map;
    private final Canvas canvas = new Canvas();
    private final MappingPainter painter = new MappingPainter();
    private DrawList drawList = new DrawList();
    private final DrawListReplay replay = new DrawListReplay();
    private final IntegerProperty hoveredAlloc = new SimpleIntegerProperty(this, "hoveredAlloc");
    private MappingModel model;
    private VirtualAxis axis;
    private MappingPainter.Frame frame;
    private MappingPainter.Focus walkFocus = MappingPainter.Focus.NONE;
    private int[] physColumns = new int[0], overview = new int[0];
    private final BooleanProperty followFocus = new SimpleBooleanProperty(this, "followFocus", true);
    private final DoubleProperty physT = new SimpleDoubleProperty(this, "physT", 1);
    private final Timeline physZoom = new Timeline();
    private BooleanSupplier animate = () -> false;
    private PhysicalWindow physFrom, physShown, physTarget;
    private int virtualHover;
    private boolean dirty = true, columnsDirty = true;
    private double zoom = 1, pan;

    public MappingView(Kernel kernel, ShownMemory shown, Selection selection, FrameMapView map) {
        physShown = physTarget = physFrom = PhysicalWindow.whole(kernel.memory().frames().nrFrames());
        this.kernel = kernel;
        this.shown = shown;
        this.selection = selection;
        this.map = map;
        colours = new ViewColours<>(this, COLOURS, v -> v.colours, this::coloursChanged);
        getStyleClass().add("mapping-view");
        getChildren().add(canvas);
        canvas.setManaged(false);
        shown.addListener(this);
        for (Owner o : Owner.values()) map.ownerColourProperty(o).addListener((ob, a, b) -> coloursChanged());
        hoveredAlloc.addListener((o, a, b) -> markDirty());
        selection.selectedAllocIdProperty().addListener((o, a, b) -> { markDirty(); followTarget(); });
        followFocus.addListener((o, a, b) -> followTarget());
        physT.addListener((o, a, b) -> {
            physShown = physFrom.towards(physTarget, b.doubleValue());
            markColumnsDirty();
        });
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

    public int highlightColour() { return colours.argb(ViewColour.HIGHLIGHT); }

    public double zoom() { return zoom; }

    /** Re-reads the mappings from the core (after a command, an undo, a script). */
    public void refresh() {
        stale = false;
        int before = model == null ? -1 : model.nrFrames();
        // After a job, the model its thread read from the state it left (nothing has changed the kernel since)
        Prepared ready = afterJob;
        afterJob = null;
        model = ready != null ? ready.model() : MappingModel.of(kernel);
        prepared = ready != null && ready.picture() != null ? ready : null;
        if (model.nrFrames() != before) {                 // another machine: its memory is another size
            physZoom.stop();
            physShown = physTarget = physFrom = PhysicalWindow.whole(model.nrFrames());
        }
        overviewDirty = true;
        markColumnsDirty();
        followTarget();
    }

    private boolean overviewDirty = true;

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
        // Only a hover on the virtual strip moves the physical strip: one there would shift under the pointer.
        int v = pfn < 0 ? allocId : 0;
        if (v != virtualHover) { virtualHover = v; followTarget(); }
    }

    // ---- the physical strip's range ----

    /** On: the physical strip follows the allocation in focus. Off: it stays where it is (Whole memory turns it off). */
    public BooleanProperty followFocusProperty() { return followFocus; }

    /** Whether a change of the physical range animates (the animator's speed is not instant). */
    public void setAnimate(BooleanSupplier animate) { this.animate = animate; }

    /** The pfn range the physical strip shows now (mid-animation: part of the way). */
    public PhysicalWindow physRange() { return physShown; }

    /** The pfn range the physical strip is going to. */
    public PhysicalWindow physTarget() { return physTarget; }

    /** Shows all of memory on the physical strip and stops following the focus. */
    public void showWholeMemory() {
        followFocus.set(false);
        moveTo(PhysicalWindow.whole(model.nrFrames()));
    }

    /** The range the focus asks for: the frames of the allocation hovered on the virtual strip, else the selected one. */
    private PhysicalWindow focusRange() {
        int id = virtualHover != 0 ? virtualHover : selection.selectedAllocId();
        int[] pfns = id == 0 || model == null ? new int[0] : model.pfnsOf(id);
        if (pfns.length == 0 && virtualHover != 0) pfns = model.pfnsOf(id = selection.selectedAllocId());
        if (pfns.length == 0) return PhysicalWindow.whole(model.nrFrames());
        int lo = Integer.MAX_VALUE, hi = -1;
        for (int p : pfns) { lo = Math.min(lo, p); hi = Math.max(hi, p); }
        return PhysicalWindow.around(lo, hi, model.nrFrames());
    }

    private void followTarget() {
        if (model == null) return;
        if (followFocus.get()) moveTo(focusRange());
    }

    private void moveTo(PhysicalWindow target) {
        if (target.equals(physTarget) && physZoom.getStatus() != javafx.animation.Animation.Status.RUNNING && target.equals(physShown)) return;
        physZoom.stop();
        physFrom = physShown;
        physTarget = target;
        if (!animate.getAsBoolean() || getScene() == null) {
            physT.set(1);
            physShown = target;
            markColumnsDirty();
            return;
        }
        // A timer that runs only for the 350 ms of the zoom; each step recomputes the strip's columns.
        physT.set(0);
        physZoom.getKeyFrames().setAll(new KeyFrame(Duration.millis(350), new KeyValue(physT, 1, javafx.animation.Interpolator.EASE_BOTH)));
        physZoom.playFromStart();
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
        frame = newFrame();
    }

    /** The address under a screen point of the virtual strip, or Long.MIN_VALUE. */
    public long addressAt(double x, double y) {
        layout();
        if (stale || axis == null || y < frame.stripTop() || y > frame.stripBottom()) return Long.MIN_VALUE;
        return axis.addressAt(frame.axisX(x), Long.MIN_VALUE);
    }

    /** The pfn under a screen point of the physical strip (the allocated one if the pixel holds any), or -1. */
    public int pfnAt(double x, double y) {
        layout();
        if (stale || frame == null || y < frame.physTop() - 4 || y > frame.physBottom() + 4) return -1;
        int pfn = frame.pfnAt(x, model.nrFrames());
        if (pfn < 0) return -1;
        int next = frame.pfnAt(x + 1, model.nrFrames());
        int end = Math.min(model.nrFrames(), next < 0 ? (int) Math.ceil(physShown.hi()) : next);
        for (int p = pfn; p < end; p++) if (shown.allocIds()[p] != 0) return p;
        return pfn;
    }

    // ---- tooltips ----

    private final HoverTip tip = HoverTip.wrapped(this, 250, 460);
    private String tipText;

    /** Shows {@code text} as the view's tooltip, or none for null. */
    public void tip(String text) {
        if (java.util.Objects.equals(text, tipText)) return;
        tipText = text;
        tip.setText(text);
    }

    public String tipText() { return tipText; }

    /** What a tooltip says about an area, or null when the strip already says it all. */
    public String describeArea(int area) {
        MappingModel.Kind k = model.areaKind(area);
        if (k != MappingModel.Kind.KMAP && k != MappingModel.Kind.KMAP_UNUSED) return null;
        int slot = model.pkmapSlot(area);
        int pfn = model.linePfn[model.areaFirstLine[area]];
        String head = String.format("pkmap slot %d at %s → pfn 0x%x", slot, kernel.vm().format(model.areaStart(area)), pfn);
        if (k == MappingModel.Kind.KMAP)
            return head + String.format("%nIn use: kmap()'ed (pkmap_count = %d, one more than the kmaps holding it).",
                    kernel.vm().pkmap().count(slot));
        return head + "\nkunmap()'ed but still mapped (pkmap_count = 1): kunmap() leaves the PTE in place. It stays until "
                + "flush_all_zero_pkmaps() clears every such slot at once, with one TLB flush, when kmap() next wraps "
                + "around the 1,024 slots (LAST_PKMAP). A kmap() of the same page before then reuses this slot.";
    }

    /** The allocation id of a frame as shown (0 for none). */
    public int shownAllocId(int pfn) { return pfn >= 0 && pfn < shown.nrFrames() ? shown.allocIds()[pfn] : 0; }

    // ---- ShownMemory.Listener ----

    @Override public void framesChanged(int lo, int hi) {
        afterJob = prepared = null;
        overviewDirty = true;
        markColumnsDirty();
    }

    /**
     * A new state (a job's hand-back, undo): the kernel's subscribers hear it next, and the view's one among them
     * refreshes the model ({@code VmWiring}); reading it here as well cost the hand-back a second copy of the mappings.
     * Until then the view keeps its picture and answers no pointer, for its model is of the state before.
     */
    @Override public void reset() { stale = true; }

    /** Between {@link #reset()} and the {@link #refresh()} that follows it. */
    private boolean stale;

    private void coloursChanged() {
        palettes = null;
        markColumnsDirty();
    }

    private void markColumnsDirty() {
        columnsDirty = true;
        markDirty();
    }

    private void markDirty() {
        dirty = true;
        requestLayout();
    }

    private MappingPainter.Frame newFrame() {
        return new MappingPainter.Frame(getWidth(), getHeight(), zoom, pan, physShown.lo(), physShown.hi());
    }

    private void rebuildAxis() {
        frame = newFrame();
        axis = VirtualAxis.of(model.parts(), frame.axisWidth());
    }

    @Override protected void layoutChildren() {
        double w = Math.floor(getWidth()), h = Math.floor(getHeight());
        if (w <= 0 || h <= 0 || model == null || stale) return;
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            columnsDirty = dirty = overviewDirty = true;
        }
        if (!dirty) return;
        dirty = false;
        Inputs in = inputs();
        Picture p = prepared != null && prepared.model() == model && in.equals(prepared.inputs()) ? prepared.picture()
                : picture(painter, model, in, shown.owners(), columnsDirty ? null : physColumns,
                          overviewDirty ? null : overview, drawList);
        prepared = null;
        axis = p.axis();
        frame = p.frame();
        pan = frame.pan();
        physColumns = p.physColumns();
        overview = p.overview();
        drawList = p.drawList();
        columnsDirty = false;
        if (overview != null) overviewDirty = false;
        replay.replay(drawList, canvas.getGraphicsContext2D(), w, h);
    }

    /** What a repaint depends on besides the model and the frames: equal inputs, the same picture. */
    private record Inputs(double width, double height, double zoom, double pan, PhysicalWindow phys, MappingPainter.Focus focus,
                          Palettes palettes) {}

    /** The owner colours (the frame map's) and the view's own, made once per change of colour. */
    private record Palettes(MapPalette map, MappingPalette mapping) {}

    private Palettes palettes;

    private Inputs inputs() {
        if (palettes == null) {
            MapPalette mp = palette();
            palettes = new Palettes(mp, mappingPalette(mp));
        }
        MappingPainter.Focus f = new MappingPainter.Focus(hoveredAlloc.get(), selection.selectedAllocId(), walkFocus.walkVaddr(),
                walkFocus.walkShown(), walkFocus.walkTablePfns(), walkFocus.walkLevels(), walkFocus.walkFramePfn());
        return new Inputs(getWidth(), getHeight(), zoom, pan, physShown, f, palettes);
    }

    /** A repaint: the axis, the frame with its pan kept in range, the physical strip's columns and the draw calls. */
    private record Picture(VirtualAxis axis, MappingPainter.Frame frame, int[] physColumns, int[] overview, DrawList drawList) {}

    /**
     * Computes a repaint from {@code in}; {@code columns} and {@code overview} (null: computed here) are the strip's
     * colours when the frames and the range have not changed since. No JavaFX: a job's thread runs it too.
     */
    private static Picture picture(MappingPainter painter, MappingModel m, Inputs in, byte[] owners, int[] columns, int[] overview,
                                   DrawList out) {
        MappingPainter.Frame f = new MappingPainter.Frame(in.width(), in.height(), in.zoom(), in.pan(), in.phys().lo(), in.phys().hi());
        double maxPan = Math.max(0, f.axisWidth() - f.physWidth());
        f = new MappingPainter.Frame(in.width(), in.height(), in.zoom(), Math.max(0, Math.min(maxPan, in.pan())), in.phys().lo(), in.phys().hi());
        VirtualAxis axis = VirtualAxis.of(m.parts(), f.axisWidth());
        MapPalette mp = in.palettes().map();
        int px = (int) Math.max(1, f.physWidth());
        if (columns == null) columns = painter.physicalColumns(owners, owners.length, in.phys(), px, mp).clone();
        boolean zoomed = !in.phys().isWhole(owners.length);
        if (zoomed && (overview == null || overview.length != px)) overview = painter.physicalColumns(owners, owners.length, px, mp).clone();
        painter.paint(m, axis, f, in.focus(), owners, columns, zoomed ? overview : null, in.palettes().mapping(), out);
        return new Picture(axis, f, columns, overview, out);
    }

    /**
     * What a job's thread read (and painted, if the view had a size: else inputs and picture are null) for the state
     * the job left: {@code afterJob} until {@link #refresh} takes its model, {@code prepared} until the layout after it.
     */
    private record Prepared(MappingModel model, Inputs inputs, Picture picture) {}

    private Prepared afterJob, prepared;

    /**
     * Reads the mappings of the state a job leaves, and paints them as the view would if nothing changes in between
     * (its size, zoom, focus and colours as the job starts), on the job's thread: the hand-back after a vmalloc of
     * 256 MiB on x86_64-16g spent some 25 ms of one frame reading 65,536 mapped pages, scanning 4M frames for the
     * physical strip and recording its lines. If something did change, the layout computes the picture as usual.
     */
    @Override public AfterJob.Work beforeJob() {
        afterJob = prepared = null;
        Inputs in = getWidth() > 0 && getHeight() > 0 && model != null ? inputs() : null;
        MappingPainter jobPainter = new MappingPainter();          // the view's own keeps its arrays for the FX thread
        return () -> {
            MappingModel m = MappingModel.of(kernel);
            Picture p = in == null ? null : picture(jobPainter, m, in, jobOwners(kernel.memory().frames()), null, null, new DrawList());
            return () -> afterJob = new Prepared(m, in, p);
        };
    }

    /** The owners a job's picture is painted from; see {@link #jobOwners(FrameTable)}. Only a job's thread touches it. */
    private byte[] jobOwners = new byte[0];

    /**
     * The frames' owners in one array kept from job to job (4 MiB on x86_64-16g, which each job allocated anew): jobs
     * run one at a time, and a picture keeps only the columns it computed from them, not the array.
     */
    private byte[] jobOwners(FrameTable frames) {
        if (jobOwners.length != frames.nrFrames()) jobOwners = new byte[frames.nrFrames()];
        frames.copyOwners(0, jobOwners.length, jobOwners);
        return jobOwners;
    }

    private MapPalette palette() {
        int[] owner = new int[Owner.values().length];
        for (Owner o : Owner.values()) owner[o.ordinal()] = DrawListReplay.argb(map.ownerColourProperty(o).get());
        return new MapPalette(owner, new int[] {0xff888888}, new int[0], colours.argb(ViewColour.BACKGROUND), colours.argb(ViewColour.MUTED));
    }

    private MappingPalette mappingPalette(MapPalette mp) {
        return new MappingPalette(mp, colours.argb(ViewColour.BACKGROUND), colours.argb(ViewColour.STRIP),
                colours.argb(ViewColour.GAP), colours.argb(ViewColour.LABEL), colours.argb(ViewColour.MUTED),
                colours.argb(ViewColour.GUARD), new int[] {colours.argb(ViewColour.PAGE_4K), colours.argb(ViewColour.PAGE_2M),
                colours.argb(ViewColour.PAGE_1G)}, colours.argb(ViewColour.RIBBON), colours.argb(ViewColour.HIGHLIGHT),
                colours.argb(ViewColour.WALK));
    }

    /** Text scale for presentation mode. */
    public void setFontScale(double s) {
        replay.setFontScale(s);
        markDirty();
    }
}
