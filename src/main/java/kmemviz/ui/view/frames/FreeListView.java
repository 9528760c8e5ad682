package kmemviz.ui.view.frames;

import java.util.EnumSet;
import java.util.List;
import javafx.animation.Transition;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Zone;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.ViewColours;

/**
 * One zone's free lists in the free-area panel, drawn by {@link FreeListPainter}: when an event moves blocks between
 * lists, they glide there over {@link #GLIDE}, a transition that runs only while a move is on its way. The lists
 * follow the shown copy event by event ({@link #touched}) and take the core's lists when the animation settles
 * ({@link #load}). FX thread only.
 */
public final class FreeListView extends Region {
    /** Long enough to follow a block from one list to another, short of the slowest animation step (about 1 s). */
    static final Duration GLIDE = Duration.millis(600);
    private static final EnumSet<ViewColour> COLOURS = EnumSet.of(ViewColour.FREE, ViewColour.MUTED, ViewColour.LABEL, ViewColour.FLASH);
    private final ViewColours<FreeListView> colours;
    private final FreeLists lists = new FreeLists();
    private final FreeListPainter painter = new FreeListPainter();
    private final DrawList drawn = new DrawList();
    private final DrawListReplay replay = new DrawListReplay();
    private final Canvas canvas = new Canvas();
    private final Transition glide = new Transition() {
        { setCycleDuration(GLIDE); }
        @Override protected void interpolate(double frac) { paint(frac); }
    };
    private double rowPx = 17;
    private Zone zone;

    public FreeListView() {
        getStyleClass().add("free-lists");
        colours = new ViewColours<>(this, COLOURS, v -> v.colours, () -> paint(1));
        canvas.setManaged(false);
        getChildren().add(canvas);
        glide.setOnFinished(e -> { lists.clearMoves(); paint(1); });
    }

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return colours.cssMetaData(); }

    /** Rows of {@code px} (presentation mode makes them larger). */
    public void setRowPx(double px) {
        rowPx = px;
        requestLayout();
    }

    /** Shows {@code zone}'s lists as the core has them now: the first blocks of each order, of every migrate type. */
    public void load(Zone zone, BuddyAllocator buddy) {
        if (this.zone != zone) lists.reset(zone.startPfn(), zone.endPfn());
        this.zone = zone;
        glide.stop();
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
            int[] first = new int[FreeLists.SHOWN];
            int n = 0;
            for (MigrateType t : MigrateType.values())
                for (int p = zone.freeListHead(o, t); p != FrameTable.NO_PFN && n < first.length; p = buddy.nextFree(p)) first[n++] = p;
            lists.load(o, java.util.Arrays.copyOf(first, n), zone.nrFree(o));
        }
        paint(1);
    }

    /** An event changed frames [lo, hi) of {@code shown}: moves its blocks between the lists and glides them there. */
    public void touched(ShownMemory shown, int zoneIndex, int lo, int hi) {
        lists.touched(shown.freeOrders(), lo, hi);
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) lists.setNrFree(o, shown.nrFree(zoneIndex, o));
        if (lists.moves().isEmpty()) { paint(1); return; }
        glide.playFromStart();
    }

    /** What the lists show now, in the view's pixels (for export). */
    public DrawList drawList() { return drawn; }

    /** The canvas the lists are painted on (an export at a higher scale hides it and redraws {@link #drawList()}). */
    public javafx.scene.Node canvas() { return canvas; }

    /** The lists as shown, for tests. */
    public FreeLists lists() { return lists; }

    @Override protected double computePrefHeight(double width) { return FreeListPainter.heightPx(rowPx) + 2; }

    @Override protected double computePrefWidth(double height) { return 300; }

    @Override protected double computeMinWidth(double height) { return 200; }

    @Override protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            paint(glide.getStatus() == javafx.animation.Animation.Status.RUNNING ? glide.getCurrentTime().toMillis() / GLIDE.toMillis() : 1);
        }
    }

    private void paint(double t) {
        if (getWidth() <= 0) return;
        painter.paint(lists, t, getWidth(), rowPx, new FreeListPainter.Palette(colours.argb(ViewColour.FREE),
                colours.argb(ViewColour.MUTED), colours.argb(ViewColour.LABEL), colours.argb(ViewColour.FLASH)), drawn);
        replay.replay(drawn, canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight());
    }
}
