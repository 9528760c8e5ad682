package kmemviz.ui.view.frag;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.Region;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
import kmemviz.core.report.ExtfragReport;
import kmemviz.core.report.VmstatReport;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;
import kmemviz.ui.view.HoverTip;
import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.ShownCompaction;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.ViewColours;

/**
 * The fragmentation panel ({@link FragPainter}) of one zone, from the view's own copy {@link ShownMemory}: the
 * indices follow each played event, the scanners and moved pages each COMPACT_* event. The zone is the one the
 * chooser names, or by default the zone that changed last. The /proc/vmstat lines are read from the core only when
 * it is idle (a machine shown, an animation settled); between, nr_free_pages follows the shown copy.
 * Repaints once per pulse after a change. FX thread only.
 */
public final class FragView extends Region implements ShownMemory.Listener {
    /** The chooser's first item: follow the zone whose free lists changed last. */
    public static final String LAST_CHANGED = "zone that changed last";
    private static final EnumSet<ViewColour> COLOURS = EnumSet.of(ViewColour.BACKGROUND, ViewColour.LABEL, ViewColour.MUTED,
            ViewColour.EMPTY, ViewColour.PAGE_CACHE, ViewColour.PAGES, ViewColour.USER, ViewColour.FAILURE, ViewColour.FREE,
            ViewColour.OTHER, ViewColour.HIGHLIGHT, ViewColour.WALK, ViewColour.FLASH);
    private final ViewColours<FragView> colours;
    private final ShownMemory shown;
    private final Canvas canvas = new Canvas();
    private final FragPainter painter = new FragPainter();
    private final DrawList drawList = new DrawList();
    private final DrawListReplay replay = new DrawListReplay();
    private final ComboBox<String> chooser = new ComboBox<>();
    private final HoverTip tip = HoverTip.wrapped(this, 200, 480);
    /** The populated zones, as the machine was when last shown: name, span, and index in memory().zones(). */
    private final List<ZoneRef> zones = new ArrayList<>();
    private List<String> vmstat = List.of();
    private int lastChanged;
    private boolean dirty = true;

    private record ZoneRef(ZoneType type, String name, int startPfn, int endPfn, int index) {}

    public FragView(ShownMemory shown) {
        this.shown = shown;
        colours = new ViewColours<>(this, COLOURS, v -> v.colours, this::markDirty);
        getStyleClass().add("frag-view");
        getChildren().add(canvas);
        canvas.setManaged(false);
        chooser.setId("frag-zone");
        LazyTooltip.install(chooser, "The zone whose indices and compaction the panel shows");
        chooser.valueProperty().addListener((o, a, b) -> markDirty());
        setOnMouseMoved(e -> tipAt(painter.hitAt(e.getX(), e.getY())));
        setOnMouseExited(e -> tip.setText(null));
        shown.addListener(this);
        if (shown.memory() != null) reset();
        parentProperty().addListener((o, a, b) -> watchFold());
        sceneProperty().addListener((o, a, b) -> watchFold());      // the scroll pane's skin may parent it before itself
    }

    private javafx.scene.control.ScrollPane foldOf;

    /**
     * The charts and the strip fit the height of the scroll pane the panel is seen through (its viewport), so that
     * both indices and the compaction run show at 1280x720 without scrolling; the vmstat lines may go below the fold.
     */
    private void watchFold() {
        for (javafx.scene.Node n = getParent(); n != null; n = n.getParent())
            if (n instanceof javafx.scene.control.ScrollPane sp) {
                if (sp == foldOf) return;
                foldOf = sp;
                sp.viewportBoundsProperty().addListener((o, a, b) -> setFold(b.getHeight()));
                setFold(sp.getViewportBounds().getHeight());
                return;
            }
    }

    private void setFold(double heightPx) {
        painter.setFoldPx(heightPx);
        requestParentLayout();
        markDirty();
    }

    /** The zone chooser, for the panel's header. */
    public ComboBox<String> zoneChooser() { return chooser; }

    /** Presentation mode: larger text, and the layout grows with it. */
    public void setLarge(boolean large) {
        painter.setTextPx(large ? 17 : 13);
        requestParentLayout();
        markDirty();
    }

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return colours.cssMetaData(); }

    @Override public void framesChanged(int lo, int hi) {
        for (int k = 0; k < zones.size(); k++) if (lo >= zones.get(k).startPfn && lo < zones.get(k).endPfn) lastChanged = k;
        markDirty();
    }

    @Override public void countsChanged() { markDirty(); }

    @Override public void compactionChanged() {
        ShownCompaction c = shown.compaction();
        if (c.zone() != null) for (int k = 0; k < zones.size(); k++) if (zones.get(k).type == c.zone()) lastChanged = k;
        markDirty();
    }

    @Override public void settled() {
        readVmstat();
        markDirty();
    }

    /** A new machine: its populated zones in the chooser, the last-changed zone the one with the most pages. */
    @Override public void reset() {
        String was = chooser.getValue();
        zones.clear();
        List<String> names = new ArrayList<>(List.of(LAST_CHANGED));
        List<Zone> all = shown.memory().zones();
        long largest = -1;
        for (int i = 0; i < all.size(); i++) {
            Zone z = all.get(i);
            if (!z.isPopulated()) continue;
            if (z.presentPages() > largest) { largest = z.presentPages(); lastChanged = zones.size(); }
            zones.add(new ZoneRef(z.type(), z.name(), z.startPfn(), z.endPfn(), i));
            names.add(z.name());
        }
        chooser.getItems().setAll(names);
        chooser.setValue(names.contains(was) ? was : LAST_CHANGED);
        readVmstat();
        markDirty();
    }

    /** The core's counters; only while no job owns the kernel. */
    private void readVmstat() {
        if (shown.detached() || shown.memory() == null) return;
        vmstat = List.of(VmstatReport.render(shown.memory()).split("\n"));
    }

    private ZoneRef zone() {
        if (zones.isEmpty()) return null;
        String v = chooser.getValue();
        for (ZoneRef z : zones) if (z.name.equals(v)) return z;
        return zones.get(Math.min(lastChanged, zones.size() - 1));
    }

    /** The zone the panel shows, or null before a machine is shown. */
    public ZoneType shownZone() {
        ZoneRef z = zone();
        return z == null ? null : z.type;
    }

    /** What the panel shows, for the zone it shows: the painter's input. */
    public FragPainter.Input input() {
        ZoneRef z = zone();
        long[] nrFree = new long[BuddyAllocator.NR_PAGE_ORDERS];
        for (int o = 0; o < nrFree.length; o++) nrFree[o] = shown.nrFree(z.index, o);
        ShownCompaction c = shown.compaction();
        boolean here = c.zone() == z.type;
        return new FragPainter.Input(z.name, z.startPfn, z.endPfn, nrFree, shown.freePages(z.index), shown.owners(),
                here ? c : null, liveVmstat());
    }

    /** The vmstat lines, with nr_free_pages from the shown copy so that it moves with the animation. */
    private List<String> liveVmstat() {
        long free = 0;
        for (ZoneRef z : zones) free += shown.freePages(z.index);
        List<String> out = new ArrayList<>(vmstat);
        for (int i = 0; i < out.size(); i++) if (out.get(i).startsWith("nr_free_pages ")) out.set(i, "nr_free_pages " + free);
        return out;
    }

    /** The figures shown for {@code order}, as debugfs prints them: the unusable index, then the extfrag index. */
    public String[] figures(int order) {
        FragPainter.Input in = input();
        return new String[] {ExtfragReport.formatUnusable(in.unusable(order)), ExtfragReport.formatExtfrag(in.extfrag(order))};
    }

    /** The draw list of the last paint (painting now if a change is pending), for export and tests. */
    public DrawList drawList() {
        layout();
        return drawList;
    }

    public void markDirty() {
        dirty = true;
        requestLayout();
    }

    @Override protected double computePrefHeight(double width) {
        return painter.height(width > 0 ? width : 900, Math.max(1, vmstat.size()));
    }

    @Override protected double computeMinHeight(double width) { return computePrefHeight(width); }

    @Override protected void layoutChildren() {
        double w = Math.floor(getWidth()), h = Math.floor(getHeight());
        if (w <= 0 || h <= 0 || zones.isEmpty()) return;
        if (canvas.getWidth() != w || canvas.getHeight() != h) { canvas.setWidth(w); canvas.setHeight(h); dirty = true; }
        if (!dirty) return;
        dirty = false;
        painter.paint(input(), w, h, palette(), drawList);
        replay.replay(drawList, canvas.getGraphicsContext2D(), w, h);
    }

    private FragPainter.Palette palette() {
        return new FragPainter.Palette(colours.argb(ViewColour.BACKGROUND), colours.argb(ViewColour.LABEL),
                colours.argb(ViewColour.MUTED), colours.argb(ViewColour.EMPTY), colours.argb(ViewColour.PAGE_CACHE),
                colours.argb(ViewColour.PAGES), colours.argb(ViewColour.USER), colours.argb(ViewColour.FAILURE),
                colours.argb(ViewColour.FREE), colours.argb(ViewColour.OTHER), colours.argb(ViewColour.HIGHLIGHT),
                colours.argb(ViewColour.WALK), colours.argb(ViewColour.FLASH));
    }

    private void tipAt(FragPainter.Hit hit) {
        String text = zones.isEmpty() ? null : FragTips.of(hit, input());
        tip.setText(text);
    }

    /** The tooltip text at a point, for tests; null where there is none. */
    public String tipTextAt(double x, double y) {
        layout();
        return zones.isEmpty() ? null : FragTips.of(painter.hitAt(x, y), input());
    }
}
