package kmemviz.ui.view.tlb;

import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;
import kmemviz.ui.view.HoverTip;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.ViewColours;
import kmemviz.ui.view.frames.FrameMapView;
import kmemviz.ui.view.mapping.MappingModel;

import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;
import kmemviz.core.mm.Owner;
import kmemviz.core.vm.PageSize;

/**
 * The TLBs as grids of sets × ways ({@link TlbPainter}), from the shown copy {@link TlbShown}: each entry coloured
 * like the memory it translates (the owner colour of its frame, or the direct map's leaf-size colour for a huge
 * entry), shaded by LRU rank. Repaints when told the copy changed, once per pulse. FX thread only.
 */
public final class TlbView extends Region {
    private static final EnumSet<ViewColour> COLOURS = EnumSet.of(ViewColour.BACKGROUND, ViewColour.EMPTY, ViewColour.LABEL,
            ViewColour.MUTED, ViewColour.TOUCHED, ViewColour.PAGE_2M, ViewColour.PAGE_1G, ViewColour.OTHER);
    private final ViewColours<TlbView> colours;
    private final TlbShown shown;
    private final Supplier<MappingModel> model;
    private final ShownMemory memory;
    private final FrameMapView map;
    private final Canvas canvas = new Canvas();
    private final TlbPainter painter = new TlbPainter();
    private final DrawList drawList = new DrawList();
    private final DrawListReplay replay = new DrawListReplay();
    private boolean dirty = true;
    private java.util.function.IntFunction<String> allocName = id -> null;
    private final HoverTip tip = HoverTip.wrapped(this, 200, 460);
    private TlbPainter.Slot tipSlot;

    public TlbView(TlbShown shown, Supplier<MappingModel> model, ShownMemory memory, FrameMapView map) {
        this.shown = shown;
        this.model = model;
        this.memory = memory;
        this.map = map;
        colours = new ViewColours<>(this, COLOURS, v -> v.colours, this::markDirty);
        getStyleClass().add("tlb-view");
        getChildren().add(canvas);
        canvas.setManaged(false);
        setMinHeight(120);
    }

    /** How to name an allocation in a tooltip ("v = vmalloc(4194304)"), from its id; null when unknown. */
    public void setAllocationNames(java.util.function.IntFunction<String> names) { allocName = names; }

    /** The slot under a point of this view, or null. */
    public TlbPainter.Slot slotAt(double x, double y) {
        return shown.nrStructures() == 0 ? null : TlbPainter.slotAt(shown, getWidth(), x, y);
    }

    /** Points the tooltip at a slot (null: none). Input calls it on mouse moves. */
    public void tipAt(TlbPainter.Slot slot) {
        if (java.util.Objects.equals(slot, tipSlot) && (slot == null || tip.text().equals(describe(slot)))) return;
        tipSlot = slot;
        tip.setText(slot == null ? null : describe(slot));
    }

    public String tipText() { return tipSlot == null ? null : tip.text(); }

    /** Which TLB, set and way; the virtual page (kernel address), page size, LRU rank and allocation it translates. */
    public String describe(TlbPainter.Slot slot) {
        var g = shown.geometry(slot.tlb());
        String where = String.format("%s, set %d, way %d", g.name(), slot.set(), slot.way());
        long vpn = shown.slotVpn(slot.tlb(), slot.set(), slot.way());
        if (vpn == kmemviz.core.vm.Tlb.EMPTY) return where + ": empty";
        PageSize size = shown.slotSize(slot.tlb(), slot.set(), slot.way());
        long vaddr = vpn << size.shift();
        String addr = vaddr >= 0 && vaddr < (1L << 32) ? String.format("0x%08x", vaddr) : "0x" + Long.toHexString(vaddr);
        int rank = shown.lruRank(slot.tlb(), slot.set(), slot.way());
        StringBuilder b = new StringBuilder(where).append('\n')
                .append("virtual page ").append(addr).append(" (").append(size.label()).append(" page, vpn 0x")
                .append(Long.toHexString(vpn)).append(")\n")
                .append("LRU rank ").append(rank).append(" of ").append(g.ways()).append(rank == 0 ? " (most recently used)"
                        : rank == g.ways() - 1 ? " (next to be evicted)" : "").append('\n');
        MappingModel m = model.get();
        int a = m == null ? -1 : m.areaAt(vaddr);
        String name = a < 0 ? null : allocName.apply(m.areaAllocId(a));
        if (name != null) b.append("allocation: ").append(name);
        else if (size != PageSize.SIZE_4K || (m != null && m.directMapPageSize(vaddr) != null)) b.append("the direct map (all of RAM)");
        else b.append("allocation: none shown");
        return b.toString();
    }

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return colours.cssMetaData(); }

    /** The shown copy changed: repaint at the next pulse. */
    public void markDirty() {
        dirty = true;
        requestLayout();
    }

    public DrawList drawList() { layout(); return drawList; }

    public TlbShown shown() { return shown; }

    @Override protected double computePrefHeight(double width) {
        return shown.nrStructures() == 0 ? 200 : painter.height(shown, width > 0 ? width : 900);
    }

    @Override protected void layoutChildren() {
        double w = Math.floor(getWidth()), h = Math.floor(getHeight());
        if (w <= 0 || h <= 0 || shown.nrStructures() == 0) return;
        if (canvas.getWidth() != w || canvas.getHeight() != h) { canvas.setWidth(w); canvas.setHeight(h); dirty = true; }
        if (!dirty) return;
        dirty = false;
        MappingModel m = model.get();
        painter.paint(shown, w, h, (vaddr, size) -> colourOf(m, vaddr, size),
                new TlbPainter.Palette(colours.argb(ViewColour.BACKGROUND), colours.argb(ViewColour.EMPTY),
                        colours.argb(ViewColour.LABEL), colours.argb(ViewColour.MUTED), colours.argb(ViewColour.TOUCHED)), drawList);
        replay.replay(drawList, canvas.getGraphicsContext2D(), w, h);
    }

    private int colourOf(MappingModel m, long vaddr, PageSize size) {
        if (size == PageSize.SIZE_1G) return colours.argb(ViewColour.PAGE_1G);
        if (size != PageSize.SIZE_4K) return colours.argb(ViewColour.PAGE_2M);
        int a = m == null ? -1 : m.areaAt(vaddr);
        if (a < 0) return colours.argb(ViewColour.OTHER);
        int pfn = m.areaNrLines[a] > 0 ? m.linePfn[m.areaFirstLine[a]] : -1;
        byte o = pfn >= 0 && pfn < memory.nrFrames() ? memory.owners()[pfn] : Owner.FREE.code();
        return DrawListReplay.argb(map.ownerColourProperty(Owner.values()[o]).get());
    }
}
