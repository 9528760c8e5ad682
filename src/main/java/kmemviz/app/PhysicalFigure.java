package kmemviz.app;

import kmemviz.ui.export.FigureLayout;
import kmemviz.ui.export.Raster;
import kmemviz.ui.view.DrawList;

/**
 * The physical view's figure with the pageblock strip at the left of the map's cells, as in the window: the strip's
 * pixels before the cells in the underlay (each strip pixel a square of the scale, as the cells are repainted at it),
 * the map's drawing and blocks moved right by the strip's width, and the strip as rectangles for SVG.
 *
 * @param widthPx the strip's width at 1x; 0 when it is hidden (migrate types off), and then nothing changes
 * @param heightPx the strip's height at 1x (the map's)
 * @param argb    the strip's pixels at 1x, {@code widthPx} per line (the array may be longer)
 */
record PhysicalFigure(int widthPx, int heightPx, int[] argb) {

    /** The cells at some scale with the strip, as wide again, before them. */
    Raster withStrip(Raster cells, int scale) {
        if (widthPx == 0) return cells;
        int sw = widthPx * scale, w = sw + cells.widthPx(), h = cells.heightPx();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(heightPx - 1, y / scale);
            for (int x = 0; x < sw; x++) out[y * w + x] = argb[sy * widthPx + x / scale];
            System.arraycopy(cells.argb(), y * cells.widthPx(), out, y * w + sw, cells.widthPx());
        }
        return new Raster(w, h, out);
    }

    /** {@code d} moved right past the strip. */
    DrawList shifted(DrawList d) {
        if (widthPx == 0) return d;
        DrawList out = new DrawList();
        FigureLayout.copy(d, widthPx, 0, out);
        return out;
    }

    /** The map's blocks moved right, after the strip as one rectangle per run of equal pixels along each line. */
    DrawList blocks(DrawList mapBlocks) {
        if (widthPx == 0) return mapBlocks;
        DrawList out = new DrawList();
        for (int y = 0; y < heightPx; y++)
            for (int x = 0, end; x < widthPx; x = end) {
                int c = argb[y * widthPx + x];
                end = x + 1;
                while (end < widthPx && argb[y * widthPx + end] == c) end++;
                out.fillRect(x, y, end - x, 1, c);
            }
        FigureLayout.copy(mapBlocks, widthPx, 0, out);
        return out;
    }
}
