package kmemviz.ui.view;

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
    private static final String[] COLOURS = {"background", "empty", "label", "muted", "touched", "page-2m", "page-1g", "other"};
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
                new TlbPainter.Palette(colours.argb(0), colours.argb(1), colours.argb(2), colours.argb(3), colours.argb(4)), drawList);
        replay.replay(drawList, canvas.getGraphicsContext2D(), w, h);
    }

    private int colourOf(MappingModel m, long vaddr, PageSize size) {
        if (size == PageSize.SIZE_1G) return colours.argb(6);
        if (size != PageSize.SIZE_4K) return colours.argb(5);
        int a = m == null ? -1 : m.areaAt(vaddr);
        if (a < 0) return colours.argb(7);
        int pfn = m.areaNrLines[a] > 0 ? m.linePfn[m.areaFirstLine[a]] : -1;
        byte o = pfn >= 0 && pfn < memory.nrFrames() ? memory.owners()[pfn] : Owner.FREE.code();
        return DrawListReplay.argb(map.ownerColourProperty(Owner.values()[o]).get());
    }
}
