package kmemviz.ui.view.pcp;

import java.util.EnumSet;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.Transition;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;
import kmemviz.ui.view.PcpShown;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.ViewColours;

/**
 * The per-CPU lists of one zone, drawn by {@link PcpPainter} from the shown copy ({@link ShownMemory#pcp()}) as
 * large as the space allows: every CPU that has used its lists when the machine has at most {@link #ALL_CPUS_UP_TO},
 * else the CPU chosen. When an event moves blocks onto or
 * off a list, they glide over {@link #GLIDE}, a transition that runs only while a move is on its way; otherwise the
 * view repaints once per pulse after a change. The zone shown follows the zone a command last changed, and can be
 * chosen. FX thread only.
 */
public final class PcpView extends Region implements ShownMemory.Listener {
    /** Up to this many CPUs the view shows them all; a larger machine shows one CPU at a time. */
    public static final int ALL_CPUS_UP_TO = 4;
    static final Duration GLIDE = Duration.millis(600);
    private static final EnumSet<ViewColour> COLOURS = EnumSet.of(ViewColour.BACKGROUND, ViewColour.FREE, ViewColour.FREE_OUTLINE,
            ViewColour.LABEL, ViewColour.MUTED, ViewColour.FLASH);
    private final ViewColours<PcpView> colours;
    private final ShownMemory shown;
    private final PcpPainter painter = new PcpPainter();
    private final DrawList drawList = new DrawList();
    private final DrawListReplay replay = new DrawListReplay();
    private final Canvas canvas = new Canvas();
    private final IntegerProperty zoneIndex = new SimpleIntegerProperty(this, "zoneIndex", -1);
    private final IntegerProperty cpu = new SimpleIntegerProperty(this, "cpu", 0);
    private final Transition glide = new Transition() {
        { setCycleDuration(GLIDE); }
        @Override protected void interpolate(double frac) { paint(frac); }
    };
    private double unitPx = 13;
    private boolean dirty = true;
    private PcpShown.Change lastSeen;

    public PcpView(ShownMemory shown) {
        this.shown = shown;
        colours = new ViewColours<>(this, COLOURS, v -> v.colours, this::markDirty);
        getStyleClass().add("pcp-view");
        canvas.setManaged(false);
        getChildren().add(canvas);
        shown.addListener(this);
        zoneIndex.addListener(o -> markDirty());
        cpu.addListener(o -> markDirty());
        glide.setOnFinished(e -> markDirty());
        if (shown.memory() != null) reset();
    }

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return colours.cssMetaData(); }

    /** The zone shown, by its index in the machine's zones: one with per-CPU lists, or -1 when none has them. */
    public IntegerProperty zoneIndexProperty() { return zoneIndex; }

    /** The CPU shown when the machine has more than {@link #ALL_CPUS_UP_TO}. */
    public IntegerProperty cpuProperty() { return cpu; }

    /**
     * The CPUs drawn as sections, in order: with few CPUs, those whose lists have been used and the one the next
     * commands run on (an unused CPU has nothing to show but count 0, high 0: {@link #idleCpus()} names them on one
     * line); with many, the one chosen.
     */
    public int[] cpusShown() { return cpus(true); }

    /** The CPUs named on the line of unused lists. */
    public int[] idleCpus() { return cpus(false); }

    private int[] cpus(boolean used) {
        PcpShown p = shown.pcp();
        PcpShown.ZoneLists z = zoneIndex.get() < 0 || zoneIndex.get() >= p.nrZones() ? null : p.zone(zoneIndex.get());
        if (p.nrCpus() > ALL_CPUS_UP_TO) return used ? new int[] {Math.min(cpu.get(), p.nrCpus() - 1)} : new int[0];
        return java.util.stream.IntStream.range(0, p.nrCpus())
                .filter(c -> used == (z == null || c == p.currentCpu() || z.count(c) > 0 || z.high(c) > 0)).toArray();
    }

    /** Labels of {@code px} (presentation mode makes them larger). */
    public void setUnitPx(double px) {
        unitPx = px;
        markDirty();
    }

    /** The drawing as it is now, for export. */
    public DrawList drawList() { layout(); return drawList; }

    /** The shown copy changed: a new move glides, anything else repaints at the next pulse. */
    @Override public void countsChanged() {
        List<PcpShown.Change> changes = shown.pcp().changes();
        PcpShown.Change last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
        if (last != null && !last.equals(lastSeen)) {
            lastSeen = last;
            if (shown.pcp().zone(last.zoneIndex()) != null) zoneIndex.set(last.zoneIndex());
            if (shown.pcp().nrCpus() > ALL_CPUS_UP_TO) cpu.set(last.cpu());
            glide.playFromStart();
            return;
        }
        lastSeen = last;
        markDirty();
    }

    @Override public void framesChanged(int pfnLo, int pfnHi) {}

    /** A new machine: show its highest zone with lists (Normal where there is one: where GFP_KERNEL allocates). */
    @Override public void reset() {
        glide.stop();
        lastSeen = null;
        PcpShown p = shown.pcp();
        int z = -1;
        for (int i = 0; i < p.nrZones(); i++) if (p.zone(i) != null) z = i;
        zoneIndex.set(z);
        cpu.set(Math.min(cpu.get(), Math.max(0, p.nrCpus() - 1)));
        markDirty();
    }

    public void markDirty() {
        dirty = true;
        requestLayout();
    }

    /** The sections at the base unit: below this height the tab scrolls; above it the lists grow to fill it. */
    @Override protected double computeMinHeight(double width) {
        double w = width > 0 ? width : 900;
        return painter.height(shown.pcp(), zoneIndex.get(), cpusShown().length, layout(w, 0), w);
    }

    @Override protected double computePrefHeight(double width) { return computeMinHeight(width); }

    private PcpPainter.Layout layout(double w, double h) {
        PcpShown p = shown.pcp();
        int z = zoneIndex.get();
        if (!p.enabled() || z < 0 || z >= p.nrZones() || p.zone(z) == null) return new PcpPainter.Layout(unitPx, 1, 0, false);
        return PcpPainter.layout(p.zone(z), cpusShown().length, idleCpus().length > 0, w, h, unitPx);
    }

    @Override protected double computePrefWidth(double height) { return 700; }

    @Override protected void layoutChildren() {
        double w = Math.floor(getWidth()), h = Math.floor(getHeight());
        if (w <= 0 || h <= 0) return;
        if (canvas.getWidth() != w || canvas.getHeight() != h) { canvas.setWidth(w); canvas.setHeight(h); dirty = true; }
        if (!dirty || glide.getStatus() == Animation.Status.RUNNING) return;
        paint(1);
    }

    private void paint(double t) {
        dirty = false;
        double w = Math.floor(getWidth());
        if (w <= 0) return;
        painter.paint(shown.pcp(), zoneIndex.get(), cpusShown(), idleCpus(), t, layout(w, Math.floor(getHeight())), w, new PcpPainter.Palette(
                colours.argb(ViewColour.BACKGROUND), colours.argb(ViewColour.FREE), colours.argb(ViewColour.FREE_OUTLINE),
                colours.argb(ViewColour.LABEL), colours.argb(ViewColour.MUTED), colours.argb(ViewColour.FLASH)), drawList);
        replay.replay(drawList, canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight());
    }
}
