package kmemviz.ui.view.frames;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.ViewColours;

/**
 * The pageblock strip: a narrow band at the left edge of the frame map, one pageblock per stretch of the map's
 * rows that holds its frames, coloured by migrate type ({@link PageblockStripPainter}). It follows the map's
 * geometry (zoom and scroll) and the shown copy of memory ({@link ShownMemory}), never the kernel, so a steal
 * shows when the animation plays it. The pageblocks the last command changed stay outlined until the next command
 * settles. FX thread only.
 */
public final class PageblockStripView extends Region implements ShownMemory.Listener {
    private static final EnumSet<ViewColour> COLOURS = EnumSet.of(ViewColour.UNMOVABLE, ViewColour.MOVABLE, ViewColour.RECLAIMABLE,
            ViewColour.HIGHATOMIC, ViewColour.ISOLATE, ViewColour.HOLE, ViewColour.BACKGROUND, ViewColour.FLASH);
    private static final byte HOLE = Owner.HOLE.code();

    private final ViewColours<PageblockStripView> colours;
    private final ShownMemory shown;
    private final FrameMapView map;
    private final ImageView imageView = new ImageView();
    private PageblockStripPainter painter;
    private int[] argb = new int[0];
    private final List<Integer> changed = new ArrayList<>();
    private boolean changedSettled;

    public PageblockStripView(ShownMemory shown, FrameMapView map) {
        this.shown = shown;
        this.map = map;
        getStyleClass().add("pageblock-strip");
        setId("pageblock-strip");
        colours = new ViewColours<>(this, COLOURS, v -> v.colours, () -> { painter = null; markDirty(); });
        imageView.setSmooth(false);
        imageView.setManaged(false);
        getChildren().add(imageView);
        shown.addListener(this);
        // The map sets its geometry inside its own layout pass, after this view's: a layout requested then can be
        // lost, so a zoom or scroll repaints at once (a few thousand pixels). A new machine's strip waits for the
        // map's first picture of it, which comes a few frames later (a banded repaint): until then the map shows the
        // old machine, and so does the strip. On x86_64-16g its 8,192 pageblocks made the frame after a boot's
        // hand-back some 11 ms longer (code not yet compiled); now they fall in the frame of the map's last band.
        map.geometryProperty().addListener((o, a, b) -> {
            if (a != null && b != null && a.nrFrames() != b.nrFrames()) awaitingPicture = true;
            else repaint();
        });
        map.onPictureShown(() -> { if (awaitingPicture) repaint(); });
        // Wide enough to see a colour from the back row; wider with presentation mode's larger labels.
        prefWidthProperty().bind(map.labelSizeProperty().multiply(1.5));
        setMinWidth(12);
        if (shown.memory() != null) reset();
        LazyTooltip.install(this, () -> "Pageblocks by migrate type, level with their frames in the map:\n"
                + "hatched = holds pages of another type, allocated or on a per-CPU list (mixed); outlined = the last command changed its type.");
    }

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return colours.cssMetaData(); }

    // ---- ShownMemory.Listener ----

    @Override public void framesChanged(int pfnLo, int pfnHi) { markDirty(); }

    @Override public void pageblockTypeChanged(int pfn) {
        if (changedSettled) changed.clear();
        changedSettled = false;
        changed.add(pfn >> shown.pageblockOrder());
        markDirty();
    }

    @Override public void settled() {
        // The outlines of the last command stay until the next command has played.
        if (changedSettled) { changed.clear(); markDirty(); }
        changedSettled = true;
    }

    @Override public void reset() {
        // With migratetypes=off every pageblock is Movable and nothing groups by mobility: no strip to read.
        boolean on = shown.memory().buddy().migratetypes();
        setVisible(on);
        setManaged(on);
        changed.clear();
        markDirty();
    }

    // ---- painting ----

    /**
     * Repaints when something changed since the last paint or the strip has another size: the map's geometry
     * listener has often painted it already in this pulse (after a job's hand-back, a whole strip of 8,192
     * pageblocks on x86_64-16g).
     */
    @Override protected void layoutChildren() {
        MapGeometry g = map.geometry();
        if (awaitingPicture || g != null && g.nrFrames() != shown.nrFrames()) return;   // the map still shows another machine
        boolean sized = imageView.getImage() != null && g != null && imageView.getImage().getWidth() == Math.floor(getWidth())
                && imageView.getImage().getHeight() == g.heightPx();
        if (dirty || !sized) repaint();
    }

    /** Something the strip shows changed since its last paint. */
    private boolean dirty = true;
    /** The map has a new machine's geometry but still shows the old machine's picture: the strip waits for it too. */
    private boolean awaitingPicture;

    private void markDirty() {
        dirty = true;
        requestLayout();
    }

    private void repaint() {
        dirty = false;
        awaitingPicture = false;
        MapGeometry g = map.geometry();
        int w = (int) Math.floor(getWidth()), h = g == null ? 0 : g.heightPx();
        if (g == null || w <= 0 || h <= 0 || shown.nrFrames() == 0 || g.nrFrames() != shown.nrFrames()) {
            imageView.setImage(null);
            return;
        }
        if (argb.length < w * h) argb = new int[w * h];
        painter().paint(g, blocks(), w, argb);
        WritableImage img = imageView.getImage() instanceof WritableImage wi && wi.getWidth() == w && wi.getHeight() == h
                ? wi : new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        imageView.setImage(img);
    }

    /** What the strip shows now, from the shown copy. */
    public PageblockStripPainter.Blocks blocks() {
        byte[] owner = shown.owners();
        int order = shown.pageblockOrder(), pb = 1 << order, n = owner.length;
        return new PageblockStripPainter.Blocks(shown.pageblockTypes(), order, b -> shown.foreignPages(b) > 0, changed::contains,
                b -> owner[b << order] == HOLE && owner[Math.min(n, (b << order) + pb) - 1] == HOLE);
    }

    public PageblockStripPainter painter() {
        if (painter == null) {
            int[] type = new int[MigrateType.COUNT];
            for (MigrateType t : MigrateType.values()) type[t.ordinal()] = colours.argb(ViewColour.of(t));
            painter = new PageblockStripPainter(type, colours.argb(ViewColour.HOLE), colours.argb(ViewColour.BACKGROUND),
                    colours.argb(ViewColour.FLASH));
        }
        return painter;
    }

    /** The strip's pixels as last painted, {@code getWidth()} by the map's height (for export and tests). */
    public int[] pixels() {
        layout();
        if (awaitingPicture || dirty) repaint();   // what the strip shows once the map has its picture
        return argb;
    }
}
