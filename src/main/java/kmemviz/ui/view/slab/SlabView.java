package kmemviz.ui.view.slab;

import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;
import kmemviz.ui.view.Selection;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.ViewColours;

import java.util.EnumSet;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.Region;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Profile;

/**
 * The slab caches: per cache its slabs as lines of object slots, used and free, full/partial/empty badges
 * (drawn by {@link SlabPainter} on one Canvas, only the rows on screen). It copies the slab layer after each
 * command ({@link #refresh()}), repaints on change only, highlights the selected object and the object a kernel
 * report concerns. Colours come from CSS ({@code .slab-view} in kmemviz.css). FX thread only.
 */
public final class SlabView extends Region {
    private static final EnumSet<ViewColour> COLOURS = EnumSet.of(ViewColour.BACKGROUND, ViewColour.HEADER, ViewColour.LABEL,
            ViewColour.MUTED, ViewColour.FREE, ViewColour.SLAB, ViewColour.ZERO_MARK, ViewColour.FULL, ViewColour.PARTIAL,
            ViewColour.EMPTY, ViewColour.SELECTION, ViewColour.FLASH);

    private final ViewColours<SlabView> colours;
    private final Kernel kernel;
    private final Selection selection;
    private final Canvas canvas = new Canvas();
    private final DrawList drawList = new DrawList();
    private final DrawListReplay replay = new DrawListReplay();
    private final ScrollBar scroll = new ScrollBar();
    private final BooleanProperty allCaches = new SimpleBooleanProperty(this, "allCaches");
    private SlabPainter painter = new SlabPainter(20, 200);
    private SlabRows rows = new SlabRows();
    private SlabPainter.Palette palette;
    private boolean dirty = true, relayout = true;
    private int flashId, flashPfn = -1;

    public SlabView(Kernel kernel, Selection selection) {
        this.kernel = kernel;
        this.selection = selection;
        getStyleClass().add("slab-view");
        setFocusTraversable(true);
        colours = new ViewColours<>(this, COLOURS, v -> v.colours, () -> { palette = null; markDirty(); });
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener((o, a, b) -> markDirty());
        getChildren().addAll(canvas, scroll);
        allCaches.addListener((o, a, b) -> refresh());
        selection.selectedAllocIdProperty().addListener((o, a, b) -> { revealSelected(); markDirty(); });
        setMinSize(200, 120);
        refresh();
    }

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return colours.cssMetaData(); }

    /** Show listed caches that have no slab too (the kmalloc caches exist from boot). */
    public BooleanProperty allCachesProperty() { return allCaches; }

    public Kernel kernel() { return kernel; }

    /** Presentation mode: taller rows, larger slots and text. */
    public void setLarge(boolean large) {
        painter = large ? new SlabPainter(28, 270) : new SlabPainter(20, 200);
        relayout = true;
        markDirty();
    }

    public Selection selection() { return selection; }

    SlabRows rows() { return rows; }

    SlabPainter painter() { return painter; }

    double scrollPx() { return scroll.getValue(); }

    /** Re-copies the slab layer from the core (after each command, reset or replay). */
    public void refresh() {
        rows = SlabRows.of(kernel.slab(), kernel.memory().allocations(), allCaches.get());
        relayout = true;
        markDirty();
    }

    /** Shows which object (allocation id) or slab page (pfn) a kernel report concerns; 0 and -1 clear it. */
    public void flash(int allocId, int pfn) {
        int id = allocId;
        if (rows.find(id) == null && pfn >= 0) id = 0;
        flashId = id;
        flashPfn = pfn;
        int[] at = rows.find(id);
        if (at != null) reveal(at[0]);
        else if (pfn >= 0 && rows.slabOfPfn(pfn) >= 0) reveal(rows.slabOfPfn(pfn));
        markDirty();
    }

    /** The object under a point of this view as {pfn of its page, allocation id}, or null. */
    public int[] objectAt(double x, double y) {
        int[] hit = painter.objectAt(rows, x, y, scrollPx());
        if (hit == null) return null;
        int s = hit[0];
        long addr = ((long) rows.slabHeadPfn[s] << Profile.PAGE_SHIFT) + (long) hit[1] * rows.cacheSize[rows.slabCache[s]];
        return new int[] {(int) (addr >>> Profile.PAGE_SHIFT), rows.slotAllocId[rows.slabSlot0[s] + hit[1]]};
    }

    /** The hover text for a point: cache, slab, index, sizes, call; empty outside objects. */
    public String describeAt(double x, double y) {
        int[] hit = painter.objectAt(rows, x, y, scrollPx());
        if (hit == null) return "";
        int s = hit[0], c = rows.slabCache[s], id = rows.slotAllocId[rows.slabSlot0[s] + hit[1]];
        StringBuilder sb = new StringBuilder(String.format("%s, slab at pfn 0x%x (order %d), object %d of %d%n", rows.cacheName[c],
                rows.slabHeadPfn[s], rows.slabOrder[s], hit[1], rows.slabObjects[s]));
        Allocation a = id > 0 ? kernel.memory().allocations().get(id) : null;
        if (id == 0) sb.append("free");
        else if (a == null) sb.append("in use");
        else sb.append(String.format("requested %d bytes, got %d (%d wasted)%n%s%s", a.requestedBytes(), a.actualBytes(),
                a.actualBytes() - a.requestedBytes(), a.call(), a.zeroed() ? "\nzeroed" : ""));
        return sb.toString().strip();
    }

    /** Pixel rectangle of slab {@code s}'s object {@code index}, relative to this view (for tests): {x, y, size}. */
    public double[] cellOf(int allocId) {
        int[] at = rows.find(allocId);
        if (at == null) return null;
        int row = rows.rowOfSlab(at[0]) + at[1] / rows.cols;
        return new double[] {painter.slotsX() + (at[1] % rows.cols) * painter.cellPx, row * painter.rowPx - scrollPx() + 1, painter.cellPx - 1};
    }

    public void scrollBy(double px) { scroll.setValue(Math.max(0, Math.min(scroll.getMax(), scroll.getValue() + px))); }

    private void revealSelected() {
        int[] at = rows.find(selection.selectedAllocId());
        if (at != null) reveal(at[0]);
    }

    private void reveal(int slab) {
        int row = rows.rowOfSlab(slab);
        if (row < 0) return;
        double y = row * painter.rowPx, h = getHeight();
        if (y < scroll.getValue() || y + painter.rowPx > scroll.getValue() + h)
            scroll.setValue(Math.max(0, Math.min(scroll.getMax(), y - h / 3)));
    }

    private void markDirty() {
        dirty = true;
        requestLayout();
    }

    private SlabPainter.Palette palette() {
        if (palette == null) {
            palette = new SlabPainter.Palette(colours.argb(ViewColour.BACKGROUND), colours.argb(ViewColour.HEADER),
                    colours.argb(ViewColour.LABEL), colours.argb(ViewColour.MUTED), colours.argb(ViewColour.FREE),
                    colours.argb(ViewColour.SLAB), colours.argb(ViewColour.ZERO_MARK), colours.argb(ViewColour.FULL),
                    colours.argb(ViewColour.PARTIAL), colours.argb(ViewColour.EMPTY), colours.argb(ViewColour.SELECTION),
                    colours.argb(ViewColour.FLASH));
        }
        return palette;
    }

    @Override protected void layoutChildren() {
        double w = getWidth(), h = getHeight(), sw = scroll.prefWidth(-1);
        scroll.resizeRelocate(w - sw, 0, sw, h);
        double cw = Math.max(1, w - sw);
        if (canvas.getWidth() != cw || canvas.getHeight() != h) {
            canvas.setWidth(cw);
            canvas.setHeight(h);
            relayout = true;
            dirty = true;
        }
        if (relayout || painter.cols(cw) != rows.cols) {
            rows.layout(painter.cols(cw));
            relayout = false;
            dirty = true;
        }
        double max = Math.max(0, painter.contentPx(rows) - h + painter.rowPx);
        if (scroll.getMax() != max) { scroll.setMax(max); scroll.setVisibleAmount(h * max / Math.max(1, painter.contentPx(rows))); }
        scroll.setUnitIncrement(painter.rowPx);
        scroll.setBlockIncrement(Math.max(painter.rowPx, h - painter.rowPx));
        if (scroll.getValue() > max) scroll.setValue(max);
        if (dirty) {
            dirty = false;
            draw(cw, h);
        }
    }

    private void draw(double w, double h) {
        painter.paint(rows, palette(), drawList, w, h, scrollPx(), selection.selectedAllocId(), flashId, flashPfn,
                allCaches.get() ? "No slab caches." : "No cache has a slab yet: choose kmalloc in the toolbar and Allocate.");
        replay.replay(drawList, canvas.getGraphicsContext2D(), w, h);   // its clearRect drops commands queued this pulse
    }

    /** The draw calls of the last repaint, for tests. */
    public DrawList drawList() { layout(); return drawList; }

    /** The canvas, for tests and screenshots. */
    public Canvas canvas() { return canvas; }
}
