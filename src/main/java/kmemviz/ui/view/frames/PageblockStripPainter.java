package kmemviz.ui.view.frames;

import java.util.function.IntPredicate;

/**
 * Paints the pageblock strip beside the frame map into an {@code int[]} of ARGB pixels: each pageblock in the
 * colour of its migrate type, level with the map rows that hold its frames, so that the strip scrolls and zooms
 * with the map. No JavaFX types, so the view and the export share it.
 *
 * <p>The map wraps frames into rows of {@code framesPerRow}, a power of two, as a pageblock is. So either a
 * pageblock covers whole rows (zoomed in: its colour spans their height, and a gap line above its first row
 * separates it from the one before), or a row holds several whole pageblocks (zoomed out: they share the strip's
 * width in pfn order; where a pixel column covers several, the one shown is a changed, else a non-Movable, else a mixed one). A mixed pageblock (allocated pages
 * of another type inside) is hatched with diagonal lines; a pageblock the last command changed is outlined; a
 * pageblock of no RAM (a hole) takes the hole colour.
 *
 * @param type      the colour of each migrate type, by value
 * @param hole      pageblocks with no RAM
 * @param background beyond the last frame, and the gap lines
 * @param changed   the outline of a pageblock whose type just changed
 */
public record PageblockStripPainter(int[] type, int hole, int background, int changed) {

    /** What the strip shows: pageblock types by index, which are mixed, which just changed, which are holes. */
    public record Blocks(byte[] type, int order, IntPredicate mixed, IntPredicate changed, IntPredicate hole) {}

    /** Every 4th diagonal: wide enough apart that the type's colour still reads between the lines. */
    static final int HATCH_PERIOD = 4;

    /**
     * Paints a strip {@code widthPx} wide and {@code g.heightPx()} high; the rightmost 2 pixels stay background, a
     * gap between the strip and the map's cells.
     */
    public void paint(MapGeometry g, Blocks b, int widthPx, int[] argb) {
        int h = g.heightPx(), w = widthPx, inner = Math.max(1, w - 2), px = g.cellPx();
        long fpr = g.framesPerRow();
        int pbPages = 1 << b.order();
        java.util.Arrays.fill(argb, 0, w * h, background);
        for (int row = 0; row * px < h; row++) {
            long rowPfn = (g.firstRow() + row) * fpr;
            if (rowPfn >= g.nrFrames()) break;
            int y0 = row * px, y1 = Math.min(h, y0 + px);
            if (fpr <= pbPages) {
                int block = (int) (rowPfn >> b.order());
                boolean first = rowPfn % pbPages == 0, last = (rowPfn + fpr) % pbPages == 0 || rowPfn + fpr >= g.nrFrames();
                // A gap line above each pageblock once rows are tall enough to spare one.
                int top = first && px >= 3 ? y0 + 1 : y0;
                paintBlock(b, block, argb, w, 0, inner, top, y1, first, last);
            } else {
                long blocksPerRow = fpr / pbPages;
                int firstBlock = (int) (rowPfn >> b.order());
                for (int x = 0; x < inner; x++) {
                    int block = firstBlock + (int) (x * blocksPerRow / inner);
                    if ((long) block << b.order() >= g.nrFrames()) break;
                    paintColumn(b, notable(b, block, firstBlock + (int) Math.max(x * blocksPerRow / inner + 1, (x + 1) * blocksPerRow / inner)),
                            argb, w, x, y0, y1);
                }
            }
        }
    }

    private void paintBlock(Blocks b, int block, int[] argb, int w, int x0, int x1, int y0, int y1, boolean top, boolean bottom) {
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++) argb[y * w + x] = pixel(b, block, x, y);
        if (!b.changed().test(block)) return;
        for (int y = y0; y < y1; y++) {
            argb[y * w + x0] = changed;
            argb[y * w + x1 - 1] = changed;
        }
        if (top) for (int x = x0; x < x1; x++) argb[y0 * w + x] = changed;
        if (bottom && y1 > y0) for (int x = x0; x < x1; x++) argb[(y1 - 1) * w + x] = changed;
    }

    /**
     * Of the pageblocks [lo, hi) one pixel column covers, the one to show: a changed one, else one that is not
     * Movable, else a mixed one, else the first. Boot makes every pageblock Movable, so the few that a steal turned
     * are what a student looks for, and must not vanish between Movable neighbours.
     */
    private static int notable(Blocks b, int lo, int hi) {
        int best = lo, rank = -1;
        for (int block = lo; block < hi && block < b.type().length; block++) {
            int r = b.changed().test(block) ? 3 : b.type()[block] != MOVABLE ? 2 : b.mixed().test(block) ? 1 : 0;
            if (r > rank) { best = block; rank = r; }
        }
        return best;
    }

    private static final int MOVABLE = kmemviz.core.mm.MigrateType.MOVABLE.ordinal();

    private void paintColumn(Blocks b, int block, int[] argb, int w, int x, int y0, int y1) {
        boolean outline = b.changed().test(block);
        for (int y = y0; y < y1; y++) argb[y * w + x] = outline ? changed : pixel(b, block, x, y);
    }

    /** The block's colour at a pixel, with the hatching of a mixed block. */
    private int pixel(Blocks b, int block, int x, int y) {
        if (b.hole().test(block)) return hole;
        int c = type[b.type()[block]];
        return (x + y) % HATCH_PERIOD == 0 && b.mixed().test(block) ? hatch(c) : c;
    }

    /** The hatch lines: the type's colour at 45% brightness, dark enough to read on every type colour. */
    static int hatch(int c) {
        int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, bl = c & 0xff;
        return 0xff000000 | (r * 45 / 100) << 16 | (g * 45 / 100) << 8 | (bl * 45 / 100);
    }
}
