package kmemviz.ui.view.frames;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.cmd.Sizes;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Zone;
import kmemviz.ui.view.DrawList;

/**
 * What the frame map draws over its cells, as a {@link DrawList} (no JavaFX): a line where each zone starts, right
 * of the cells a labelled bar per zone, zoomed in the pfn and free-block order in each cell, and the outlines of
 * the selection, the hovered cell and the step the animation is playing. The cells themselves are pixels
 * ({@link FrameMapPainter}); this is what is few and textual.
 */
public final class MapOverlayPainter {
    /**
     * @param label     text
     * @param selection the selected allocation's or frame's outline
     * @param hover     the hovered cell's outline
     * @param flash     the step being played
     * @param failure   the step being played, when it is a failure
     */
    public record Palette(int label, int selection, int hover, int flash, int failure) {}

    /**
     * What to outline, in pfns.
     *
     * @param selected  {lo, hi} pairs of the selection's frame ranges (a block is one pair, a vmalloc area a pair per page)
     * @param hoverPfn  the hovered frame, or -1
     * @param flashLo   first frame of the step being played ({@code flashLo >= flashHi}: none)
     * @param flashHi   end of it
     */
    public record Marks(int[] selected, int hoverPfn, int flashLo, int flashHi, boolean flashFailure, String callout) {
        public static final Marks NONE = new Marks(new int[0], -1, 0, 0, false, null);

        /** Without a call-out: the step is outlined but not spotlit. */
        public Marks(int[] selected, int hoverPfn, int flashLo, int flashHi, boolean flashFailure) {
            this(selected, hoverPfn, flashLo, flashHi, flashFailure, null);
        }
    }

    /** How much the rest of the map fades while a step with a call-out plays. */
    static final double VEIL_ALPHA = 0.6;

    /** From this cell size on, free blocks are labelled with their order. */
    static final int MIN_LABELLED_CELL_PX = 12;

    /** The largest pfn and order numbers in cells, on the largest cells: about the caption's size. */
    static final double MAX_CELL_LABEL_PX = 24;

    /** Fill opacity of the step being played, over its outline in the same colour. */
    static final double FLASH_ALPHA = 0.45;

    /**
     * @param widthPx  the whole view, gutter included
     * @param zones    the machine's zones, in pfn order (empty ones are skipped)
     * @param freeOrder order of the free block headed at each pfn, or -1
     * @param labelPx  size of zone labels; cell labels scale with the cells
     */
    public void paint(MapGeometry g, double widthPx, List<Zone> zones, byte[] freeOrder, double labelPx, MapPalette cells,
                      Palette p, Marks m, DrawList out) {
        out.clear();
        zoneLabels(g, widthPx, zones, labelPx, cells, p, out);
        if (g.cellPx() >= MIN_LABELLED_CELL_PX) cellLabels(g, freeOrder, p, out);
        int[] sel = m.selected();
        for (int i = 0; i + 1 < sel.length; i += 2)
            if (sel[i + 1] > g.firstPfn() && sel[i] < g.endPfn()) outline(g, sel[i], sel[i + 1], 3, p.selection(), out);
        if (m.hoverPfn() >= 0) outline(g, m.hoverPfn(), m.hoverPfn() + g.framesPerCell(), 1.5, p.hover(), out);
        if (m.flashLo() < m.flashHi()) {
            int c = m.flashFailure() ? p.failure() : p.flash();
            if (m.callout() != null) spotlight(g, m.flashLo(), m.flashHi(), m.callout(), labelPx, cells.background(), p.label(), out);
            int fill = MapPalette.painted(((c >>> 24) & 0xff) / 255.0 * FLASH_ALPHA) << 24 | (c & 0xffffff);
            for (double[] r : rects(g, m.flashLo(), m.flashHi())) out.fillRect(r[0], r[1], r[2], r[3], fill);
            outline(g, m.flashLo(), m.flashHi(), 3, c, out);
        }
    }

    /**
     * The step a student has to see from the back row: everything but the block's rows fades under a veil of the
     * background colour, and a call-out in large type, below the block (or above when the block is low), says what
     * happens. A call-out wider than the map breaks after its "; " and between words, in smaller type if it needs
     * more than three lines.
     */
    private static void spotlight(MapGeometry g, int lo, int hi, String callout, double labelPx, int background, int label,
                                  DrawList out) {
        List<double[]> rs = rects(g, lo, hi);
        if (rs.isEmpty()) return;
        double top = Double.MAX_VALUE, bottom = 0, left = Double.MAX_VALUE, right = 0;
        for (double[] r : rs) {
            top = Math.min(top, r[1]); bottom = Math.max(bottom, r[1] + r[3]);
            left = Math.min(left, r[0]); right = Math.max(right, r[0] + r[2]);
        }
        double w = g.mapWidthPx(), h = Math.min(g.heightPx(), g.mapHeightPx());
        int veil = MapPalette.painted(VEIL_ALPHA) << 24 | (background & 0xffffff);
        out.fillRect(0, 0, w, Math.max(0, top), veil);
        out.fillRect(0, bottom, w, Math.max(0, h - bottom), veil);
        out.fillRect(0, top, left, bottom - top, veil);
        out.fillRect(right, top, Math.max(0, w - right), bottom - top, veil);
        double font = Math.max(14, labelPx * 1.2);
        List<String> lines = wrap(callout, font, w);
        while (lines.size() > 3 && font > 14) {              // the room kept below the block is about three lines
            font = Math.max(14, font * 0.85);
            lines = wrap(callout, font, w);
        }
        double size = font, lineH = font * 1.35, pad = font * 0.5;
        double boxW = Math.min(w, lines.stream().mapToDouble(l -> textWidth(l, size)).max().orElse(0) + 2 * pad);
        double boxH = lines.size() * lineH + pad;
        double y = bottom + 6 + boxH <= g.heightPx() ? bottom + 6 : Math.max(0, top - 6 - boxH);
        double x = Math.max(0, Math.min(w - boxW, (left + right) / 2 - boxW / 2));
        out.fillRect(x, y, boxW, boxH, label);
        for (int i = 0; i < lines.size(); i++)
            out.text(lines.get(i), x + pad, y + pad / 2 + i * lineH, size, DrawList.LEFT, DrawList.TOP, true, background);
    }

    /** {@code text} in lines that fit {@code widthPx} at {@code fontPx}: a new line after each "; ", and between words. */
    static List<String> wrap(String text, double fontPx, double widthPx) {
        int fits = Math.max(8, (int) ((widthPx - fontPx) / (fontPx * 0.6)));       // less the box's padding
        List<String> lines = new ArrayList<>();
        String[] parts = text.split("; ");
        for (int i = 0; i < parts.length; i++) {
            String part = i < parts.length - 1 ? parts[i] + ";" : parts[i];
            StringBuilder line = new StringBuilder();
            for (String word : part.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > fits) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) line.append(' ');
                line.append(word);
            }
            lines.add(line.toString());
        }
        if (textWidth(text, fontPx) + fontPx <= widthPx) return List.of(text);       // one line when it all fits
        return lines;
    }

    /** The lines a zone's label in the gutter has: its name (bold, {@code fontPx}), then its pfn range and size. */
    public static List<String> zoneLabelLines(Zone z) {
        return List.of(z.name(), String.format("pfn 0x%x-0x%x", z.startPfn(), z.endPfn() - 1),
                Sizes.display(z.spannedPages() << Profile.PAGE_SHIFT));
    }

    /**
     * Pixels of a view {@code viewWidthPx} wide left to the cells when the gutter right of them must hold zone labels
     * {@code widestLabelPx} wide in a {@code fontPx} font: the gap, the bar and its leader ({@link #zoneLabels} puts the
     * text 30 px right of the cells), the text and half a letter of margin. The whole width when the gutter would take
     * more than a third of it (a narrow pane keeps its cells; the labels then give way).
     */
    public static int cellsWidthPx(int viewWidthPx, double widestLabelPx, double fontPx) {
        int gutter = (int) Math.ceil(TEXT_INSET_PX + widestLabelPx + fontPx / 2);
        return viewWidthPx > 3 * gutter ? viewWidthPx - gutter : viewWidthPx;
    }

    /** The pfn range and size lines of a zone label, relative to its name. */
    public static final double DETAIL_SCALE = 0.85;

    /** From the cells' right edge to the zone labels' text: an 8 px gap, the 6 px band, the leader from a thin band. */
    private static final int TEXT_INSET_PX = 30;

    /** A bold sans-serif line's width, estimated (the painter has no fonts): wide enough, rarely by more than 10%. */
    static double textWidth(String text, double fontPx) { return text.length() * fontPx * 0.6; }

    /**
     * Zone bands: a line where each zone starts, and right of the cells a bar per zone with its name, pfn range and
     * size. Labels are stacked top to bottom so that they never overlap, and the range and size lines are dropped when
     * there is no room for them. A zone whose band is shorter than one line of text (DMA on a 16 GiB machine is one
     * pixel high) gets its name alone, and a leader line from its bar to the name: without the leader, the name moved
     * off its band sat beside the next zone's bar and read as that zone's title.
     */
    private static void zoneLabels(MapGeometry g, double widthPx, List<Zone> all, double fontPx, MapPalette cells, Palette p,
                                   DrawList out) {
        double gx = g.mapWidthPx() + 8, tx = g.mapWidthPx() + TEXT_INSET_PX;
        boolean gutter = widthPx - gx > 6 * fontPx;
        List<Zone> zones = new ArrayList<>();
        List<double[]> bands = new ArrayList<>();             // {top, bottom} on screen
        for (Zone z : all) {
            if (z.spannedPages() == 0) continue;
            long y = g.cellY(z.startPfn());
            long yEnd = g.cellY(z.endPfn() - 1) + g.cellPx();
            if (yEnd < 0 || y > g.heightPx()) continue;
            if (y > 0) out.line(g.cellX(z.startPfn()), y, g.mapWidthPx(), y, 2, strong(cells, z));
            zones.add(z);
            bands.add(new double[] {Math.max(0, y), Math.min(g.heightPx(), yEnd)});
        }
        if (!gutter || zones.isEmpty()) return;
        double line = fontPx * 1.3, gap = fontPx * 0.4;
        for (int i = 0; i < zones.size(); i++) {
            double[] band = bands.get(i);
            out.fillRect(gx, band[0] + 1, 6, Math.max(2, band[1] - band[0] - 2), strong(cells, zones.get(i)));
        }
        int n = zones.size();
        double[] top = new double[n];
        int[] lines = new int[n];
        double floor = 0;
        for (int i = 0; i < n; i++) {                        // downwards: each label at its band or below the last
            top[i] = Math.max(bands.get(i)[0] + 2, floor);
            double room = (i + 1 < n ? Math.max(bands.get(i + 1)[0] + 2, top[i] + line) : g.heightPx()) - top[i] - gap;
            boolean thin = n > 1 && bands.get(i)[1] - bands.get(i)[0] < line;     // its name alone, led to its band
            lines[i] = thin ? 1 : room >= 3 * line ? 3 : room >= 2 * line ? 2 : 1;
            floor = top[i] + lines[i] * line + gap;
        }
        double ceiling = g.heightPx();
        for (int i = n - 1; i >= 0; i--) {                   // upwards: push back what ran off the bottom
            if (top[i] + lines[i] * line > ceiling) top[i] = Math.max(0, ceiling - lines[i] * line);
            ceiling = top[i] - gap;
        }
        for (int i = 0; i < n; i++) {
            Zone z = zones.get(i);
            double bandTop = bands.get(i)[0], bandBottom = bands.get(i)[1];
            int strong = strong(cells, z);
            double anchorY = top[i] + fontPx * 0.6;
            if (anchorY < bandTop || anchorY > bandBottom) {   // the label sits away from its band: lead it there
                double from = Math.max(bandTop + 1, Math.min(bandBottom - 1, anchorY));
                out.line(gx + 6, from, gx + 12, from, 1.5, strong);
                out.line(gx + 12, from, tx - 3, anchorY, 1.5, strong);
            }
            List<String> text = zoneLabelLines(z);
            out.text(text.get(0), tx, top[i], fontPx, DrawList.LEFT, DrawList.TOP, true, p.label());
            for (int k = 1; k < lines[i]; k++)
                out.text(text.get(k), tx, top[i] + k * line, fontPx * DETAIL_SCALE, DrawList.LEFT, p.label());
        }
    }

    /** A zone's line and bar: its tint, more saturated and darker, so the band reads against the cells. */
    static int strong(MapPalette cells, Zone z) {
        return MapPalette.deriveSb(cells.zoneTint()[z.type().ordinal()], 1.3, 0.8);
    }

    /** Zoomed in: pfn numbers in each cell, and the order at each free block's head. */
    private static void cellLabels(MapGeometry g, byte[] freeOrder, Palette p, DrawList out) {
        // Up to 14 px the numbers keep a third of the cell; larger cells (a lesson zoomed on a few frames) grow them for
        // the back of the room, as far as the widest number on screen fits three quarters of its cell (digits are
        // about 0.64 em wide in DejaVu Sans).
        int digits = Integer.toHexString(Math.max(0, g.endPfn() - 1)).length();
        double fontPx = Math.min(g.cellPx() * 0.36, Math.max(14, Math.min(MAX_CELL_LABEL_PX, g.cellPx() * 0.75 / (0.65 * digits))));
        boolean pfns = g.cellPx() >= 28;
        for (int pfn = g.firstPfn(); pfn < g.endPfn(); pfn++) {
            double x = g.cellX(pfn) + (g.cellPx() - 1) / 2.0, y = g.cellY(pfn);
            if (pfns) out.text(Integer.toHexString(pfn), x, y + g.cellPx() * 0.3, fontPx, DrawList.CENTER, DrawList.MIDDLE, false, p.label());
            if (freeOrder[pfn] < 0) continue;
            // A block of two or more frames whose head is not the row's last cell lends its label the next cell's
            // width, so a presentation map of 12-20 px cells keeps legible order labels.
            if (!pfns && freeOrder[pfn] > 0 && g.cellX(pfn) + 2 * g.cellPx() <= g.mapWidthPx())
                out.text("o" + freeOrder[pfn], g.cellX(pfn) + 2, y + g.cellPx() * 0.5, Math.min(g.cellPx() * 0.72, 18),
                        DrawList.LEFT, DrawList.MIDDLE, true, p.label());
            else
                out.text("o" + freeOrder[pfn], x, y + g.cellPx() * (pfns ? 0.68 : 0.5), fontPx, DrawList.CENTER, DrawList.MIDDLE, false, p.label());
        }
    }

    private static void outline(MapGeometry g, int lo, int hi, double lineWidth, int argb, DrawList out) {
        for (double[] r : rects(g, lo, hi))
            out.strokeRect(r[0] + 1, r[1] + 1, Math.max(1, r[2] - 2), Math.max(1, r[3] - 2), lineWidth, argb);
    }

    /** The on-screen rectangles covering frames [lo, hi): at most three (first row part, full rows, last row part). */
    static List<double[]> rects(MapGeometry g, int lo, int hi) {
        List<double[]> out = new ArrayList<>();
        if (hi <= lo) return out;
        int fpr = g.framesPerRow(), px = g.cellPx();
        int rowLo = g.rowOf(lo), rowHi = g.rowOf(hi - 1);
        double yLo = (double) (rowLo - g.firstRow()) * px, yHi = (double) (rowHi - g.firstRow()) * px;
        double xLo = g.cellX(lo), xHi = g.cellX(hi - 1) + px;
        if (rowLo == rowHi) { out.add(new double[] {xLo, yLo, xHi - xLo, px}); return out; }
        double full = g.mapWidthPx();
        out.add(new double[] {xLo, yLo, full - xLo, px});
        if (rowHi - rowLo > 1) out.add(new double[] {0, yLo + px, full, yHi - yLo - px});
        out.add(new double[] {0, yHi, xHi, px});
        out.removeIf(r -> r[1] + r[3] < 0 || r[1] > g.heightPx());
        if (fpr <= 0) out.clear();
        return out;
    }
}
