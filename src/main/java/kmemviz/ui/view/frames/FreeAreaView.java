package kmemviz.ui.view.frames;

import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.Selection;
import kmemviz.ui.view.ShownMemory;

import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.Zone;

/**
 * The buddy allocator's free areas, per populated zone: nr_free of each order as bars and figures (the
 * /proc/buddyinfo numbers), free pages against the min/low/high watermarks, and spanned/present/managed.
 * It shows {@link ShownMemory}'s counts, so during an animation the bars move with the map. A row whose figure
 * just changed is marked with the {@code :changed} pseudo-class.
 */
public final class FreeAreaView extends VBox implements ShownMemory.Listener {
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    private static final PseudoClass LOW = PseudoClass.getPseudoClass("below-low");
    private static final double TRACK_PX = 150;
    private final ShownMemory shown;
    private final List<ZonePane> panes = new ArrayList<>();
    /** Panes built but hidden (a machine with fewer zones, or the one built ahead): after the shown ones, in order. */
    private final java.util.ArrayDeque<ZonePane> spares = new java.util.ArrayDeque<>();
    /** Pulses after the view is first in a window before the spare pane is built, well after the first frame. */
    private static final int SPARE_AFTER_PULSES = 30;
    static final double LIST_ROW_PX = 17, LARGE_LIST_ROW_PX = 26;
    private boolean large;
    private ScrollPane scroll;
    private boolean revealPending;
    private final ReadOnlyObjectWrapper<Node> changedZone = new ReadOnlyObjectWrapper<>(this, "changedZone");

    public FreeAreaView(ShownMemory shown) {
        this.shown = shown;
        getStyleClass().add("free-area-view");
        shown.addListener(this);
        if (shown.memory() != null) reset();
        sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o, javafx.scene.Scene a, javafx.scene.Scene scene) {
                if (scene == null) return;
                sceneProperty().removeListener(this);
                buildSpareWhenIdle();
            }
        });
    }

    /**
     * Builds one pane more than the machine shows, hidden, some frames after the window opened: a new pane is some 60
     * nodes whose skins and CSS took 10-20 ms of the frame after a job's hand-back, when a machine with one more zone
     * (x86_64-16g after the 2-zone classroom machine) booted. Built while nothing else happens, it is only shown then.
     */
    private void buildSpareWhenIdle() {
        new javafx.animation.AnimationTimer() {
            private int pulses;

            @Override public void handle(long now) {
                if (++pulses < SPARE_AFTER_PULSES) return;
                stop();
                if (!spares.isEmpty()) return;
                ZonePane spare = new ZonePane();
                spare.setLarge(large);
                hide(spare);
                getChildren().add(spare.box);
                spares.add(spare);
            }
        }.start();
    }

    private static void hide(ZonePane p) {
        p.box.setVisible(false);
        p.box.setManaged(false);
    }

    /** An event played: its blocks move between the lists of the zone they are in. */
    @Override public void framesChanged(int lo, int hi) {
        for (ZonePane p : panes) if (lo < p.zone.endPfn() && hi > p.zone.startPfn()) p.lists.touched(shown, p.index, lo, hi);
    }

    @Override public void settled() { for (ZonePane p : panes) p.lists.load(p.zone, shown.memory().buddy()); }

    /**
     * Presentation mode: free-list rows large enough for the back row (16 px text), and in place of the bars, which say
     * the same per order, so that a zone's lists sit under its title without a scroll at 1280x720. The exact nr_free
     * figures stay in the /proc/buddyinfo line under the lists.
     */
    public void setLarge(boolean large) {
        this.large = large;
        for (ZonePane p : panes) p.setLarge(large);
        for (ZonePane p : spares) p.setLarge(large);
    }

    /**
     * Shows the zones of the machine in the panes it has, adding or hiding panes only when the number of populated
     * zones changes: a new pane costs a CSS pass over some 60 nodes on the FX thread when a job hands the kernel back,
     * so a hidden one is shown again if there is one.
     */
    @Override public void reset() {
        List<Zone> zones = shown.memory().zones();
        int k = 0;
        for (int i = 0; i < zones.size(); i++) {
            if (!zones.get(i).isPopulated()) continue;
            if (k == panes.size()) panes.add(spares.isEmpty() ? newPane() : shownAgain(spares.removeFirst()));
            panes.get(k++).show(i, zones.get(i));
        }
        while (panes.size() > k) {
            ZonePane p = panes.remove(panes.size() - 1);
            hide(p);
            spares.addFirst(p);
        }
        countsChanged();
        ZonePane latest = paneOf(latestAllocationPfn());
        if (latest != null) zoneChanged(latest);
    }

    private ZonePane newPane() {
        ZonePane p = new ZonePane();
        p.setLarge(large);
        getChildren().add(panes.size(), p.box);    // before the hidden ones
        return p;
    }

    private static ZonePane shownAgain(ZonePane p) {
        p.box.setVisible(true);
        p.box.setManaged(true);
        return p;
    }

    /**
     * A reset (a lesson's jump, undo, a replay) shows new figures without events that say where they changed: the
     * newest live allocation stands for the zone the last steps worked in, so a jump to step 20 of a lesson shows
     * Normal, not the DMA pane at the top. Walks back from the last id issued, as far as the frees go.
     */
    private int latestAllocationPfn() {
        var allocations = shown.memory().allocations();
        for (int id = allocations.lastId(); id > 0; id--) {
            var a = allocations.get(id);
            if (a != null) return Selection.pfnOf(a);
        }
        return FrameTable.NO_PFN;
    }

    /** Shows the pane of the zone that holds {@code pfn}, as if it had just changed (a lesson's select or zoom). */
    public void showZoneOf(int pfn) {
        ZonePane p = paneOf(pfn);
        if (p != null) zoneChanged(p);
    }

    private ZonePane paneOf(int pfn) {
        for (ZonePane p : panes) if (pfn >= p.zone.startPfn() && pfn < p.zone.endPfn()) return p;
        return null;
    }

    @Override public void countsChanged() {
        ZonePane changed = null;
        for (ZonePane p : panes) if (p.update()) changed = p;
        if (changed != null) zoneChanged(changed);
    }

    /** Reveals {@code p} even when it was the last zone that changed already: the user may have scrolled away since. */
    private void zoneChanged(ZonePane p) {
        changedZone.set(p.box);
        requestReveal();
    }

    /** The pane of the zone whose figures changed last: every classroom allocation is in Normal, below DMA's pane. */
    public ReadOnlyObjectProperty<Node> changedZoneProperty() { return changedZone.getReadOnlyProperty(); }

    /** Scrolls {@code scroll}, which holds this view, so that the zone that changed last is in sight. */
    public void keepChangedZoneInView(ScrollPane scroll) {
        this.scroll = scroll;
        // A new machine's panes have no place yet when the zone is chosen: reveal after the next layout, and again when
        // the viewport changes size. A user's scroll changes neither, so it is left alone.
        scroll.viewportBoundsProperty().addListener((o, a, b) -> requestReveal());
    }

    private void requestReveal() {
        revealPending = true;
        requestLayout();
    }

    @Override protected void layoutChildren() {
        super.layoutChildren();
        if (!revealPending || scroll == null) return;
        revealPending = false;
        Node pane = changedZone.get();
        double content = getHeight() - scroll.getViewportBounds().getHeight();
        if (pane == null || content <= 0) return;
        double top = pane.getBoundsInParent().getMinY(), bottom = pane.getBoundsInParent().getMaxY();
        double shownTop = scroll.getVvalue() * content, shownBottom = shownTop + scroll.getViewportBounds().getHeight();
        if (top >= shownTop && bottom <= shownBottom) return;
        scroll.setVvalue(Math.min(1, top / content));
    }

    /** The figure shown for a zone and order, as text (for tests and the inspector). */
    public String figure(String zoneName, int order) {
        for (ZonePane p : panes) if (p.zone.name().equals(zoneName)) return p.figures[order].getText();
        return null;
    }

    private final class ZonePane {
        int index;
        Zone zone;
        final VBox box = new VBox(4);
        final Label title = new Label();
        final Label[] figures = new Label[BuddyAllocator.NR_PAGE_ORDERS];
        final Region[] bars = new Region[BuddyAllocator.NR_PAGE_ORDERS];
        final Label buddyinfo = new Label();
        final Region fill = new Region();
        final Pane meter = new Pane();
        final Label freeLine = new Label();
        final Region[] marks = new Region[3];
        final Label marksCaption = new Label(), counts = new Label();
        final FreeListView lists = new FreeListView();
        final GridPane grid = new GridPane();
        final Label listsTitle = new Label();
        boolean large;
        long scaleMax = 1;
        // The boost the marks were placed with, -1 after a new zone: they move only when it changes.
        long shownBoost = -1;

        ZonePane() {
            box.getStyleClass().add("zone-pane");
            title.getStyleClass().add("zone-title");
            grid.getStyleClass().add("order-grid");
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                Label order = new Label(String.valueOf(o));
                order.getStyleClass().add("order-label");
                String tip = "free_area[" + o + "]: free blocks of 2^" + o + " = " + (1 << o)
                        + " page" + (o == 0 ? "" : "s") + " (" + (4 << o) + " KiB)";
                LazyTooltip.install(order, () -> tip);
                bars[o] = new Region();
                bars[o].getStyleClass().add("order-bar");
                bars[o].setMinHeight(10);
                Pane track = new Pane(bars[o]);
                track.getStyleClass().add("order-track");
                track.setPrefWidth(TRACK_PX);
                track.setMinWidth(60);
                figures[o] = new Label();
                figures[o].getStyleClass().add("order-figure");
                figures[o].setAlignment(Pos.CENTER_RIGHT);
                grid.addRow(o, order, track, figures[o]);
            }
            buddyinfo.getStyleClass().add("buddyinfo-line");
            buddyinfo.setWrapText(true);
            LazyTooltip.install(buddyinfo, () -> "The line /proc/buddyinfo prints for this zone: nr_free of orders 0 to 10");
            meter.getStyleClass().add("watermark-meter");
            meter.setPrefHeight(18);
            meter.setMinWidth(60);
            fill.getStyleClass().add("watermark-fill");
            meter.getChildren().add(fill);
            Watermark[] shownMarks = {Watermark.MIN, Watermark.LOW, Watermark.HIGH};
            for (int m = 0; m < marks.length; m++) {
                marks[m] = new Region();
                marks[m].getStyleClass().addAll("watermark-mark", "mark-" + shownMarks[m].name().toLowerCase());
                Watermark mark = shownMarks[m];
                LazyTooltip.install(marks[m], () -> mark.name().toLowerCase() + " watermark: " + zone.watermark(mark) + " pages");
                meter.getChildren().add(marks[m]);
                marks[m].prefHeightProperty().bind(meter.heightProperty());
                marks[m].setPrefWidth(3);
            }
            fill.prefHeightProperty().bind(meter.heightProperty());
            meter.widthProperty().addListener((o, a, b) -> { if (zone != null) update(); });   // a spare pane shows no zone yet
            marksCaption.getStyleClass().add("zone-caption");
            counts.getStyleClass().add("zone-caption");
            freeLine.getStyleClass().add("zone-free");
            listsTitle.getStyleClass().add("zone-caption");
            box.getChildren().addAll(title, grid, buddyinfo, listsTitle, lists, freeLine, meter, marksCaption, counts);
        }

        /** Large, the titles are short enough for the narrow panel at 1280x720 (the map's gutter has the pfn range). */
        void showTitles() {
            if (zone == null) return;
            title.setText(large ? "Zone " + zone.name()
                    : String.format("Zone %s  (pfn 0x%x-0x%x)", zone.name(), zone.startPfn(), zone.endPfn() - 1));
            listsTitle.setText(large ? "Free lists, by head pfn" : "Free lists (first blocks of each order, by head pfn)");
        }

        void setLarge(boolean large) {
            this.large = large;
            showTitles();
            lists.setRowPx(large ? LARGE_LIST_ROW_PX : LIST_ROW_PX);
            grid.setVisible(!large);
            grid.setManaged(!large);
            // The lists right under the title; the buddyinfo line, which wraps to two lines here, under them.
            box.getChildren().remove(buddyinfo);
            box.getChildren().add(box.getChildren().indexOf(lists) + (large ? 1 : -1), buddyinfo);
        }

        /** Shows zone {@code index} of the machine: its span, watermarks and page counts; {@link #update} shows the counts. */
        void show(int index, Zone zone) {
            this.index = index;
            this.zone = zone;
            showTitles();
            long high = zone.watermark(Watermark.HIGH) - zone.watermarkBoost();
            scaleMax = Math.max(1, Math.min(zone.managedPages(), Math.max(4 * high, 16)));
            shownBoost = -1;
            showMarks();
            counts.setText(String.format("spanned %d · present %d · managed %d pages",
                    zone.spannedPages(), zone.presentPages(), zone.managedPages()));
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) figures[o].setText("");   // no :changed against another machine
            lists.setId("free-lists-" + zone.name());
            lists.load(zone, shown.memory().buddy());
        }

        /**
         * The min, low and high marks as wmark_pages() has them: the zone's marks plus the watermark boost as shown
         * (a fallback raises it, kswapd's balance_pgdat() takes it off), so the meter's marks move when it plays.
         */
        private void showMarks() {
            long boost = shown.watermarkBoost(index);
            if (boost == shownBoost) return;
            shownBoost = boost;
            Watermark[] shownMarks = {Watermark.MIN, Watermark.LOW, Watermark.HIGH};
            long[] at = new long[shownMarks.length];
            for (int m = 0; m < marks.length; m++) {
                at[m] = zone.watermark(shownMarks[m]) - zone.watermarkBoost() + boost;
                marks[m].layoutXProperty().bind(meter.widthProperty().multiply(Math.min(1, at[m] / (double) scaleMax)));
            }
            marksCaption.setText(String.format("min %d · low %d · high %d pages%s  (bar: 0 to %d)", at[0], at[1], at[2],
                    boost > 0 ? String.format(", boost %d included", boost) : "", scaleMax));
        }

        /** Shows the current figures; true when one of nr_free changed. */
        boolean update() {
            showMarks();
            boolean changed = false;
            long max = 1;
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) max = Math.max(max, shown.nrFree(index, o));
            StringBuilder line = new StringBuilder("/proc/buddyinfo: Node 0, zone " + zone.name() + " ");
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                long nr = shown.nrFree(index, o);
                String text = String.valueOf(nr);
                figures[o].pseudoClassStateChanged(CHANGED, !figures[o].getText().isEmpty() && !figures[o].getText().equals(text));
                bars[o].pseudoClassStateChanged(CHANGED, !figures[o].getText().isEmpty() && !figures[o].getText().equals(text));
                changed |= !figures[o].getText().isEmpty() && !figures[o].getText().equals(text);
                figures[o].setText(text);
                bars[o].setPrefWidth(nr == 0 ? 0 : Math.max(3, TRACK_PX * nr / max));
                bars[o].resize(bars[o].getPrefWidth(), 12);
                line.append(' ').append(nr);
            }
            buddyinfo.setText(line.toString());
            long free = shown.freePages(index);
            freeLine.setText(String.format("free %,d pages (%s)", free, kmemviz.core.cmd.Sizes.display(free * 4096)));
            fill.setPrefWidth(meter.getWidth() * Math.min(1, free / (double) scaleMax));
            fill.resize(fill.getPrefWidth(), meter.getHeight());
            fill.pseudoClassStateChanged(LOW, free <= zone.watermark(Watermark.LOW));
            return changed;
        }
    }
}
