package kmemviz.ui.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A recording of draw calls in primitive arrays, so that a painter can do all its arithmetic (layout, level of
 * detail, culling) without JavaFX and be timed and tested headless. Every Canvas painter records into one: the
 * frame map's overlay ({@code MapOverlayPainter}; its cells are pixels), the mappings, the TLBs and the slabs; a
 * view replays it onto its Canvas ({@link DrawListReplay}), and an exporter can write the same list as SVG or PNG.
 * Colours are ARGB ints with alpha. Reused between repaints: {@link #clear()} keeps the arrays.
 */
public final class DrawList {
    public static final byte FILL_RECT = 0, STROKE_RECT = 1, LINE = 2, QUAD = 3, TEXT = 4;
    /** Text alignment codes for {@link #text}: horizontal, then vertical (which part of the text sits at y). */
    public static final int LEFT = 0, CENTER = 1, RIGHT = 2;
    public static final int TOP = 0, MIDDLE = 1;

    private byte[] op = new byte[1024];
    private int[] colour = new int[1024];
    private double[] coords = new double[8 * 1024];
    private final List<String> texts = new ArrayList<>();
    private int size;
    private int nrLines;
    private double lineLengthPx;

    public void clear() {
        size = 0;
        texts.clear();
        nrLines = 0;
        lineLengthPx = 0;
    }

    public int size() { return size; }

    public byte op(int i) { return op[i]; }

    public int colour(int i) { return colour[i]; }

    /**
     * The i-th op's k-th number: x, y, w, h (rects); x0, y0, x1, y1, width (lines); 4 corners (quads); x, y, size,
     * align, text index, vertical align, bold (1) or not (0) (text).
     */
    public double coord(int i, int k) { return coords[i * 8 + k]; }

    public String text(int i) { return texts.get((int) coords[i * 8 + 4]); }

    /** Lines recorded since {@link #clear()}, and their total length: what a Canvas pays for. */
    public int nrLines() { return nrLines; }

    public double lineLengthPx() { return lineLengthPx; }

    public void fillRect(double x, double y, double w, double h, int argb) { add(FILL_RECT, argb, x, y, w, h, 0, 0, 0, 0); }

    /**
     * A further piece of the shape the fill rectangle before it began: a buddy block that wraps onto the next row of
     * the map is drawn as two or three rectangles but is one block, so that an SVG writes it as one element.
     */
    public void fillRectContinued(double x, double y, double w, double h, int argb) {
        add(FILL_RECT, argb, x, y, w, h, 1, 0, 0, 0);
    }

    /** Whether fill rectangle i continues the shape of the one before it ({@link #fillRectContinued}). */
    public boolean continues(int i) { return op[i] == FILL_RECT && coords[i * 8 + 4] != 0; }

    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
        add(STROKE_RECT, argb, x, y, w, h, lineWidth, 0, 0, 0);
    }

    public void line(double x0, double y0, double x1, double y1, double width, int argb) {
        add(LINE, argb, x0, y0, x1, y1, width, 0, 0, 0);
        nrLines++;
        lineLengthPx += Math.hypot(x1 - x0, y1 - y0);
    }

    /** A filled quadrilateral: top edge (xa, xb) at y0, bottom edge (xc, xd) at y1. */
    public void quad(double xa, double xb, double y0, double xc, double xd, double y1, int argb) {
        add(QUAD, argb, xa, xb, y0, xc, xd, y1, 0, 0);
    }

    /** Plain text whose top is at y. */
    public void text(String s, double x, double y, double sizePx, int align, int argb) {
        text(s, x, y, sizePx, align, TOP, false, argb);
    }

    public void text(String s, double x, double y, double sizePx, int align, int verticalAlign, boolean bold, int argb) {
        texts.add(s);
        add(TEXT, argb, x, y, sizePx, align, texts.size() - 1, verticalAlign, bold ? 1 : 0, 0);
    }

    /** The i-th op's text is bold. */
    public boolean bold(int i) { return coords[i * 8 + 6] != 0; }

    private void add(byte kind, int argb, double a, double b, double c, double d, double e, double f, double g, double h) {
        if (size == op.length) {
            op = Arrays.copyOf(op, size * 2);
            colour = Arrays.copyOf(colour, size * 2);
            coords = Arrays.copyOf(coords, size * 16);
        }
        op[size] = kind;
        colour[size] = argb;
        int o = size * 8;
        coords[o] = a; coords[o + 1] = b; coords[o + 2] = c; coords[o + 3] = d;
        coords[o + 4] = e; coords[o + 5] = f; coords[o + 6] = g; coords[o + 7] = h;
        size++;
    }

    /** {@code argb} with its alpha scaled by {@code alpha} (clamped to 0..1): a shape fading in or out. */
    public static int fade(int argb, double alpha) {
        int a = (int) Math.round((argb >>> 24) * Math.max(0, Math.min(1, alpha)));
        return a << 24 | argb & 0xffffff;
    }

    /** Indices of the LINE ops drawn in {@code argb}, for tests. */
    public int[] linesOfColour(int argb) { return opsOfColour(LINE, argb); }

    /** Indices of the ops of one kind drawn in {@code argb}, for tests. */
    public int[] opsOfColour(byte kind, int argb) {
        return java.util.stream.IntStream.range(0, size).filter(i -> op[i] == kind && colour[i] == argb).toArray();
    }

    /** Index of the first TEXT op that says {@code s}, or -1, for tests. */
    public int indexOfText(String s) {
        for (int i = 0; i < size; i++) if (op[i] == TEXT && text(i).equals(s)) return i;
        return -1;
    }
}
