package kmemviz.ui.export;

import java.util.Locale;
import kmemviz.ui.view.DrawList;

/**
 * A figure as SVG, one element per draw op: a block is a {@code <rect>} (a {@code <path>} when it wraps rows), a line a {@code <line>}, a label a
 * {@code <text>} holding its words, so that a figure can be edited (a label retyped, a colour changed) in Inkscape
 * or a text editor. The view's underlay comes first, in its vector form, then the drawing, the title and the legend.
 *
 * <p>Text: JavaFX places a label by the top or the middle of its line box; SVG by the baseline. The baseline sits
 * about 0.8 em below the top of the line box of a sans-serif font and 0.3 em below its middle, which is where
 * {@link #baseline} puts it (a fixed offset rather than {@code dominant-baseline}, which renderers treat unevenly).
 */
public final class SvgWriter {
    private SvgWriter() {}

    public static String write(FigureLayout layout, int background, double fontScale) {
        StringBuilder b = new StringBuilder(64 * (layout.over().size() + (layout.under() == null ? 0 : layout.under().size())) + 256);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n", layout.widthPx(), layout.heightPx(), layout.widthPx(), layout.heightPx()));
        b.append(String.format(Locale.ROOT, "<rect id=\"background\" x=\"0\" y=\"0\" width=\"%d\" height=\"%d\"%s/>%n",
                layout.widthPx(), layout.heightPx(), paint("fill", background)));
        if (layout.under() != null) group(b, "blocks", layout.under(), fontScale);
        group(b, "drawing", layout.over(), fontScale);
        return b.append("</svg>\n").toString();
    }

    private static void group(StringBuilder b, String id, DrawList d, double fontScale) {
        b.append("<g id=\"").append(id).append("\">\n");
        for (int i = 0; i < d.size(); i++) {
            int last = i;
            while (d.op(i) == DrawList.FILL_RECT && last + 1 < d.size() && d.continues(last + 1)) last++;
            if (last > i) shape(b, d, i, last);
            else element(b, d, i, fontScale);
            i = last;
        }
        b.append("</g>\n");
    }

    private static void element(StringBuilder b, DrawList d, int i, double fontScale) {
        int c = d.colour(i);
        switch (d.op(i)) {
            case DrawList.FILL_RECT -> b.append("<rect").append(num("x", d.coord(i, 0))).append(num("y", d.coord(i, 1)))
                    .append(num("width", d.coord(i, 2))).append(num("height", d.coord(i, 3))).append(paint("fill", c)).append("/>\n");
            case DrawList.STROKE_RECT -> b.append("<rect").append(num("x", d.coord(i, 0))).append(num("y", d.coord(i, 1)))
                    .append(num("width", d.coord(i, 2))).append(num("height", d.coord(i, 3))).append(" fill=\"none\"")
                    .append(paint("stroke", c)).append(num("stroke-width", d.coord(i, 4))).append("/>\n");
            case DrawList.LINE -> b.append("<line").append(num("x1", d.coord(i, 0))).append(num("y1", d.coord(i, 1)))
                    .append(num("x2", d.coord(i, 2))).append(num("y2", d.coord(i, 3))).append(paint("stroke", c))
                    .append(num("stroke-width", d.coord(i, 4))).append("/>\n");
            case DrawList.QUAD -> {
                double y0 = d.coord(i, 2), y1 = d.coord(i, 5);
                b.append("<polygon points=\"").append(fmt(d.coord(i, 0))).append(',').append(fmt(y0)).append(' ')
                        .append(fmt(d.coord(i, 1))).append(',').append(fmt(y0)).append(' ').append(fmt(d.coord(i, 4))).append(',')
                        .append(fmt(y1)).append(' ').append(fmt(d.coord(i, 3))).append(',').append(fmt(y1)).append('"')
                        .append(paint("fill", c)).append("/>\n");
            }
            case DrawList.TEXT -> {
                double size = d.coord(i, 2) * fontScale;
                int align = (int) d.coord(i, 3);
                b.append("<text").append(num("x", d.coord(i, 0))).append(num("y", baseline(d.coord(i, 1), size, (int) d.coord(i, 5))))
                        .append(num("font-size", size))
                        .append(align == DrawList.CENTER ? " text-anchor=\"middle\"" : align == DrawList.RIGHT ? " text-anchor=\"end\"" : "")
                        .append(d.bold(i) ? " font-weight=\"bold\"" : "").append(paint("fill", c)).append('>')
                        .append(escape(d.text(i))).append("</text>\n");
            }
            default -> throw new IllegalStateException("unknown op " + d.op(i));
        }
    }

    /** Fill rectangles first..last, one shape (a block wrapping rows), as one {@code <path>}. */
    private static void shape(StringBuilder b, DrawList d, int first, int last) {
        b.append("<path d=\"");
        for (int i = first; i <= last; i++) {
            if (i > first) b.append(' ');
            b.append('M').append(fmt(d.coord(i, 0))).append(',').append(fmt(d.coord(i, 1)))
                    .append(" h").append(fmt(d.coord(i, 2))).append(" v").append(fmt(d.coord(i, 3)))
                    .append(" h").append(fmt(-d.coord(i, 2))).append(" z");
        }
        b.append('"').append(paint("fill", d.colour(first))).append("/>\n");
    }

    static double baseline(double y, double sizePx, int verticalAlign) {
        return y + sizePx * (verticalAlign == DrawList.MIDDLE ? 0.3 : 0.8);
    }

    /** {@code fill="#rrggbb"}, with an opacity attribute when the colour is not opaque. */
    private static String paint(String attr, int argb) {
        String s = String.format(" %s=\"#%06x\"", attr, argb & 0xffffff);
        int alpha = argb >>> 24;
        return alpha == 255 ? s : s + String.format(Locale.ROOT, " %s-opacity=\"%.3f\"", attr, alpha / 255.0);
    }

    private static String num(String attr, double v) { return " " + attr + "=\"" + fmt(v) + "\""; }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> { if (ch >= 0x20 || ch == '\t') b.append(ch); }
            }
        }
        return b.toString();
    }
}
