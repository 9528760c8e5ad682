package kmemviz.ui.export;

import kmemviz.ui.view.DrawList;

/**
 * Puts a title above a captured view and its legend below, in figure pixels at 1x: a row of swatches, each with its
 * label, wrapped to the figure's width. With neither, the view sits at (0, 0) and the drawing is the view's own, so
 * a 1x export is the view as on screen, pixel for pixel.
 *
 * @param viewX where the view's top-left corner sits in the figure
 * @param under the vector underlay moved there, or null
 * @param over  the view's drawing moved there, with the title and the legend
 */
public record FigureLayout(int widthPx, int heightPx, int viewX, int viewY, DrawList under, DrawList over) {
    static final double TITLE_PX = 17, LEGEND_PX = 12, MARGIN = 12, SWATCH = 12;
    static final int TITLE_HEIGHT = 38, LEGEND_ROW = 22;

    public static FigureLayout of(Figure f, ExportSettings s) {
        boolean title = s.title(), legend = s.legend() && !f.legend().isEmpty();
        int width = f.widthPx();
        if (title) width = Math.max(width, (int) Math.ceil(2 * MARGIN + textWidth(f.title(), TITLE_PX)));
        int viewY = title ? TITLE_HEIGHT : 0;
        int rows = legend ? legendRows(f, width, null, 0, 0) : 0;
        int height = viewY + f.heightPx() + (legend ? rows * LEGEND_ROW + (int) MARGIN : 0);
        DrawList over = new DrawList();
        if (title) over.text(f.title(), MARGIN, (TITLE_HEIGHT - TITLE_PX) / 2, TITLE_PX, DrawList.LEFT, DrawList.TOP, true, f.label());
        copy(f.drawing(), 0, viewY, over);
        if (legend) legendRows(f, width, over, viewY + f.heightPx() + MARGIN / 2, f.label());
        DrawList under = null;
        if (f.vectorUnderlay() != null) {
            under = new DrawList();
            copy(f.vectorUnderlay(), 0, viewY, under);
        }
        return new FigureLayout(width, height, 0, viewY, under, over);
    }

    /** Lays out (and, with {@code out}, draws) the legend from {@code top}; returns its number of rows. */
    private static int legendRows(Figure f, int width, DrawList out, double top, int label) {
        double x = MARGIN, y = top;
        int rows = 1;
        for (LegendEntry e : f.legend()) {
            double w = SWATCH + 6 + textWidth(e.label(), LEGEND_PX) + 18;
            if (x + w > width - MARGIN && x > MARGIN) { x = MARGIN; y += LEGEND_ROW; rows++; }
            if (out != null) {
                double mid = y + LEGEND_ROW / 2.0;
                out.fillRect(x, mid - SWATCH / 2, SWATCH, SWATCH, e.argb());
                out.strokeRect(x, mid - SWATCH / 2, SWATCH, SWATCH, 1, label);
                out.text(e.label(), x + SWATCH + 6, mid, LEGEND_PX, DrawList.LEFT, DrawList.MIDDLE, false, label);
            }
            x += w;
        }
        return rows;
    }

    /**
     * The right and bottom edges of what a drawing covers, {right, bottom} (text measured by {@link #textWidth}), to
     * trim a view's empty margins.
     */
    public static double[] extent(DrawList d) {
        double right = 0, bottom = 0;
        for (int i = 0; i < d.size(); i++) {
            double[] b = box(d, i);
            right = Math.max(right, b[2]);
            bottom = Math.max(bottom, b[3]);
        }
        return new double[] {right, bottom};
    }

    /** What op {@code i} of {@code d} covers, {left, top, right, bottom} (text measured by {@link #textWidth}). */
    public static double[] box(DrawList d, int i) {
        double x = d.coord(i, 0), y = d.coord(i, 1);
        return switch (d.op(i)) {
            case DrawList.FILL_RECT, DrawList.STROKE_RECT -> new double[] {x, y, x + d.coord(i, 2), y + d.coord(i, 3)};
            case DrawList.LINE -> new double[] {Math.min(x, d.coord(i, 2)), Math.min(y, d.coord(i, 3)), Math.max(x, d.coord(i, 2)), Math.max(y, d.coord(i, 3))};
            case DrawList.QUAD -> new double[] {Math.min(Math.min(x, d.coord(i, 1)), Math.min(d.coord(i, 3), d.coord(i, 4))),
                    Math.min(d.coord(i, 2), d.coord(i, 5)),
                    Math.max(Math.max(x, d.coord(i, 1)), Math.max(d.coord(i, 3), d.coord(i, 4))), Math.max(d.coord(i, 2), d.coord(i, 5))};
            case DrawList.TEXT -> {
                double w = textWidth(d.text(i), d.coord(i, 2));
                int align = (int) d.coord(i, 3);
                double left = align == DrawList.LEFT ? x : align == DrawList.CENTER ? x - w / 2 : x - w;
                yield new double[] {left, y, left + w, y + d.coord(i, 2)};
            }
            default -> throw new IllegalStateException("unknown op " + d.op(i));
        };
    }

    /** A width that sans-serif text of this size does not exceed in practice (0.6 em per character). */
    static double textWidth(String s, double sizePx) { return s.length() * sizePx * 0.6; }

    /** Appends {@code src}'s ops to {@code dst}, moved by (dx, dy). */
    public static void copy(DrawList src, double dx, double dy, DrawList dst) {
        for (int i = 0; i < src.size(); i++) copy(src, i, dx, dy, dst);
    }

    /** Appends op {@code i} of {@code src} to {@code dst}, moved by (dx, dy). */
    public static void copy(DrawList src, int i, double dx, double dy, DrawList dst) {
        int c = src.colour(i);
        switch (src.op(i)) {
            case DrawList.FILL_RECT -> {
                if (src.continues(i)) dst.fillRectContinued(src.coord(i, 0) + dx, src.coord(i, 1) + dy, src.coord(i, 2), src.coord(i, 3), c);
                else dst.fillRect(src.coord(i, 0) + dx, src.coord(i, 1) + dy, src.coord(i, 2), src.coord(i, 3), c);
            }
            case DrawList.STROKE_RECT -> dst.strokeRect(src.coord(i, 0) + dx, src.coord(i, 1) + dy, src.coord(i, 2), src.coord(i, 3),
                    src.coord(i, 4), c);
            case DrawList.LINE -> dst.line(src.coord(i, 0) + dx, src.coord(i, 1) + dy, src.coord(i, 2) + dx, src.coord(i, 3) + dy,
                    src.coord(i, 4), c);
            case DrawList.QUAD -> dst.quad(src.coord(i, 0) + dx, src.coord(i, 1) + dx, src.coord(i, 2) + dy, src.coord(i, 3) + dx,
                    src.coord(i, 4) + dx, src.coord(i, 5) + dy, c);
            case DrawList.TEXT -> dst.text(src.text(i), src.coord(i, 0) + dx, src.coord(i, 1) + dy, src.coord(i, 2),
                    (int) src.coord(i, 3), (int) src.coord(i, 5), src.bold(i), c);
            default -> throw new IllegalStateException("unknown op " + src.op(i));
        }
    }
}
