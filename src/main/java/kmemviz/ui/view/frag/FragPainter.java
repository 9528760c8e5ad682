package kmemviz.ui.view.frag;

import java.util.List;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Fragmentation;
import kmemviz.core.mm.Fragmentation.ContigPageInfo;
import kmemviz.core.mm.Owner;
import kmemviz.core.report.ExtfragReport;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.ShownCompaction;

/**
 * Lays out the fragmentation panel of one zone into a {@link DrawList}, without JavaFX:
 * <ol>
 *   <li>two bar charts over the orders 0..10: the unusable free space index (0 to 1) and the external fragmentation
 *       index, whose -1.000 ("a block of this order is free") is a short bar below the axis and whose
 *       compaction_suitable() threshold (extfrag_threshold, 500) is a line across; each figure printed as debugfs
 *       prints it;</li>
 *   <li>the zone as a strip from its first to its last pfn, free frames pale and used frames dark, with the
 *       migration scanner (from the start) and the free scanner (from the end) as two markers, the latest runs of
 *       moved pages as arches from their old to their new place, and the run's result;</li>
 *   <li>the /proc/vmstat lines the model keeps, in columns.</li>
 * </ol>
 * The charts sit side by side when the width gives each order column room for its figure, else one above the other.
 * With a fold ({@link #setFoldPx}, the height of the pane the panel is seen through) the charts and the strip fit above
 * it, so that a projector at 1280x720 shows both indices and the compaction run without scrolling: the plots get the
 * height left, and when that is too little the layout goes compact (no caption lines under the charts, the order
 * numbers once under stacked charts, a lower strip) and then the text a step smaller, down to 80%. The /proc/vmstat
 * lines come after, below the fold if need be.
 * Hit-testing ({@link #hitAt}) is arithmetic on the layout of the last {@link #paint}.
 */
public final class FragPainter {
    static final int NR_ORDERS = BuddyAllocator.NR_PAGE_ORDERS;
    /** The free frames sampled per strip column: the strip costs the same on a 16 GiB machine as on a 4 MiB one. */
    static final int SAMPLES_PER_COLUMN = 16;
    private static final int EXTFRAG_THRESHOLD = 500;

    /** Colours: what each part of the panel is drawn in. */
    public record Palette(int background, int label, int muted, int track, int unusable, int extfrag, int succeeds,
                          int threshold, int freeFrame, int usedFrame, int migrateScanner, int freeScanner, int moved) {}

    /**
     * What the panel shows of one zone.
     *
     * @param nrFree     nr_free of each order, as the view's copy has it
     * @param owners     the view's copy of every frame's owner (read only at the strip's sampled pfns)
     * @param compaction the latest run if it was in this zone, else null
     * @param vmstat     the /proc/vmstat lines to show, "name value"
     */
    public record Input(String zoneName, int startPfn, int endPfn, long[] nrFree, long freePages, byte[] owners,
                        ShownCompaction compaction, List<String> vmstat) {
        public Input {
            if (nrFree.length != NR_ORDERS) throw new IllegalArgumentException("nrFree: " + NR_ORDERS + " orders expected, was " + nrFree.length);
            if (endPfn <= startPfn) throw new IllegalArgumentException("zone " + zoneName + ": empty span " + startPfn + ".." + endPfn);
        }

        public ContigPageInfo info(int order) { return Fragmentation.fillContigPageInfo(o -> nrFree[o], order); }

        /** unusable_free_index() for {@code order}, in thousandths. */
        public int unusable(int order) { return Fragmentation.unusableFreeIndex(order, info(order)); }

        /** __fragmentation_index() for {@code order}, in thousandths. */
        public int extfrag(int order) { return Fragmentation.fragmentationIndex(order, info(order)); }
    }

    /** What is under a point: a bar of one chart, the threshold line, a scanner, the strip, or nothing. */
    public enum Part { UNUSABLE, EXTFRAG, THRESHOLD, MIGRATE_SCANNER, FREE_SCANNER, STRIP, NONE }

    /** A hit: the part, and the order of a bar (else -1). */
    public record Hit(Part part, int order) {}

    /** The positions of the last paint, for hit-testing. */
    private double[] chartX = new double[2], chartY = new double[2];
    private double chartW, plotH, colW, stripX, stripY, stripW, stripH, thresholdY, migrateX = -1, freeX = -1;
    private double baseTextPx = 13, textPx = 13, foldPx = Double.POSITIVE_INFINITY;
    /** Fitted to a fold: no caption lines, order numbers once, a lower strip. */
    private boolean compact;

    /** Text size in px; presentation mode makes it larger, and the layout grows with it. */
    public void setTextPx(double px) { baseTextPx = textPx = px; }

    /** The height in which the charts and the compaction strip must fit (infinite: none, the roomy layout). */
    public void setFoldPx(double px) { foldPx = px > 0 ? px : Double.POSITIVE_INFINITY; }

    /** The text size the last layout chose, for tests. */
    public double textPx() { return textPx; }

    /** The smallest share of the chosen text size a plot may be high and still read as a bar chart. */
    private static final double MIN_PLOT_LINES = 2.5;

    /**
     * Chooses text size, compactness and plot height for {@code width}: the roomy layout when it fits the fold, else
     * the compact one at the largest text size (from the set one down to 80% of it) whose plots are at least
     * {@link #MIN_PLOT_LINES} lines high; at 80% whatever the plots get, never less than that minimum.
     */
    private void fit(double width) {
        compact = false;
        textPx = baseTextPx;
        stacked = !sideBySide(width);
        fittedPlotH = textPx * (stacked ? 5 : 8);
        if (essentialHeight(width) <= foldPx) return;
        compact = true;
        for (double tp = baseTextPx; ; tp -= 1) {
            textPx = Math.max(tp, baseTextPx * 0.8);
            stacked = !sideBySide(width);
            fittedPlotH = textPx * MIN_PLOT_LINES;
            double room = (foldPx - essentialHeight(width)) / (stacked ? 2 : 1);
            if (room >= 0 || textPx <= baseTextPx * 0.8) {
                fittedPlotH += Math.max(0, Math.min(room, textPx * (stacked ? 5 : 8) - fittedPlotH));
                return;
            }
        }
    }

    private double fittedPlotH;

    /** Header, charts and strip: what must show above the fold. */
    private double essentialHeight(double width) {
        return margin() + headerH() + (sideBySide(width) ? chartHeight(0) : chartHeight(0) + chartHeight(1)) + stripSectionHeight();
    }

    private double headerH() { return textPx * (compact ? 1.6 : 2); }

    private boolean sideBySide(double width) { return (width - 3 * margin()) / 2 - axisW() >= NR_ORDERS * textPx * 3.4; }

    private double margin() { return Math.round(compact ? textPx / 2 : textPx); }

    private double axisW() { return textPx * 2.6; }

    /** Chart {@code k}: its title, plot and what is under it (compact and stacked, the first has no order numbers). */
    private double chartHeight(int k) {
        if (!compact) return textPx * 1.6 + fittedPlotH + textPx * 3.2;
        return textPx * 1.6 + fittedPlotH + (k == 0 && stacked ? textPx * 0.4 : textPx * 2);
    }

    /** Charts one above the other get shorter, so that a 720 px window shows both without scrolling far. */
    private boolean stacked;

    private double stripSectionHeight() { return textPx * (compact ? 6.4 : 9.4); }

    /** From the strip section's top to the strip: the title line and room for the arches of moved pages. */
    private double stripTop() { return textPx * (compact ? 3.2 : 4.2); }

    private double vmstatColumnW() { return textPx * 20; }

    /** The height the panel needs at {@code width} for {@code vmstatLines} lines of /proc/vmstat. */
    public double height(double width, int vmstatLines) {
        fit(width);
        int cols = Math.max(1, (int) ((width - 2 * margin()) / vmstatColumnW()));
        int rows = (vmstatLines + cols - 1) / cols;
        return essentialHeight(width) + textPx * 2 + rows * textPx * 1.45 + margin();
    }

    public void paint(Input in, double width, double height, Palette pal, DrawList out) {
        out.clear();
        out.fillRect(0, 0, width, height, pal.background());
        fit(width);
        double m = margin(), y = m, side = Math.round(textPx);
        out.text(String.format("Zone %s · pfn 0x%x-0x%x · free %,d pages", in.zoneName(), in.startPfn(), in.endPfn() - 1,
                in.freePages()), side, y, textPx + 1, DrawList.LEFT, DrawList.TOP, true, pal.label());
        y += headerH();
        boolean wide = !stacked;
        chartW = wide ? (width - 3 * side) / 2 : width - 2 * side;
        chartX[0] = side;
        chartY[0] = y;
        chartX[1] = wide ? 2 * side + chartW : side;
        chartY[1] = wide ? y : y + chartHeight(0);
        plotH = fittedPlotH;
        colW = (chartW - axisW()) / NR_ORDERS;
        unusableChart(in, pal, out);
        extfragChart(in, pal, out);
        y = chartY[1] + chartHeight(1);
        zoneStrip(in, side, y, width - 2 * side, pal, out);
        y += stripSectionHeight();
        vmstat(in.vmstat(), side, y, width - 2 * side, pal, out);
    }

    private void unusableChart(Input in, Palette pal, DrawList out) {
        double x0 = chartX[0], top = chartY[0] + textPx * 1.6, base = top + plotH;
        out.text("Unusable free space index (extfrag/unusable_index)", x0, chartY[0], textPx, DrawList.LEFT, DrawList.TOP, true, pal.label());
        axis(x0, top, base, pal, out);
        for (int o = 0; o < NR_ORDERS; o++) {
            int v = in.unusable(o);
            double cx = x0 + axisW() + o * colW, bw = colW * 0.62, bx = cx + (colW - bw) / 2;
            out.fillRect(bx, top, bw, plotH, pal.track());
            double h = plotH * v / 1000.0;
            if (h > 0) out.fillRect(bx, base - h, bw, h, pal.unusable());
            out.text(ExtfragReport.formatUnusable(v), cx + colW / 2, base - h - 2 - textPx * 0.85, textPx * 0.82, DrawList.CENTER, pal.label());
            if (!compact || !stacked) out.text(String.valueOf(o), cx + colW / 2, base + 3, textPx * 0.9, DrawList.CENTER, pal.muted());
        }
        if (compact && stacked) return;          // the extfrag chart's order numbers stand under the same columns
        out.text("order", x0, base + 3, textPx * 0.9, DrawList.LEFT, pal.muted());
        if (compact) return;
        out.text("share of free pages in blocks too small for the order: 0 none, 1 all", x0, base + textPx * 1.5,
                textPx * 0.85, DrawList.LEFT, pal.muted());
    }

    private void extfragChart(Input in, Palette pal, DrawList out) {
        double x0 = chartX[1], top = chartY[1] + textPx * 1.6, base = top + plotH;
        out.text("External fragmentation index (extfrag/extfrag_index)", x0, chartY[1], textPx, DrawList.LEFT, DrawList.TOP, true, pal.label());
        axis(x0, top, base, pal, out);
        double succeedH = textPx * 0.8;
        for (int o = 0; o < NR_ORDERS; o++) {
            int v = in.extfrag(o);
            double cx = x0 + axisW() + o * colW, bw = colW * 0.62, bx = cx + (colW - bw) / 2;
            out.fillRect(bx, top, bw, plotH, pal.track());
            String figure = ExtfragReport.formatExtfrag(v).trim();
            if (v == -1000) {
                // the index's "would succeed" value: below the axis, so it never reads as a large or small index
                out.fillRect(bx, base, bw, succeedH, pal.succeeds());
                out.text(figure, cx + colW / 2, base - 2 - textPx * 0.85, textPx * 0.82, DrawList.CENTER, pal.succeeds());
            } else {
                double h = plotH * Math.max(0, v) / 1000.0;
                if (h > 0) out.fillRect(bx, base - h, bw, h, pal.extfrag());
                out.text(figure, cx + colW / 2, base - h - 2 - textPx * 0.85, textPx * 0.82, DrawList.CENTER, pal.label());
            }
            out.text(String.valueOf(o), cx + colW / 2, base + succeedH + 2, textPx * 0.9, DrawList.CENTER, pal.muted());
        }
        thresholdY = base - plotH * EXTFRAG_THRESHOLD / 1000.0;
        out.line(x0 + axisW(), thresholdY, x0 + chartW, thresholdY, 1.5, pal.threshold());
        out.text("500", x0 + axisW() - 3, thresholdY, textPx * 0.8, DrawList.RIGHT, DrawList.MIDDLE, true, pal.threshold());
        out.text("order", x0, base + succeedH + 2, textPx * 0.9, DrawList.LEFT, pal.muted());
        if (compact) return;
        out.text("-1 would succeed · near 0 lack of memory · near 1 fragmentation · line: compaction threshold",
                x0, base + succeedH + textPx * 1.5, textPx * 0.85, DrawList.LEFT, pal.muted());
    }

    private void axis(double x0, double top, double base, Palette pal, DrawList out) {
        double ax = x0 + axisW() - 3;
        out.text("1", ax, top, textPx * 0.8, DrawList.RIGHT, DrawList.MIDDLE, false, pal.muted());
        out.text("0", ax, base, textPx * 0.8, DrawList.RIGHT, DrawList.MIDDLE, false, pal.muted());
        out.line(x0 + axisW(), base, x0 + chartW, base, 1, pal.muted());
    }

    private void zoneStrip(Input in, double x0, double y0, double w, Palette pal, DrawList out) {
        ShownCompaction c = in.compaction();
        out.text("Compaction", x0, y0, textPx, DrawList.LEFT, DrawList.TOP, true, pal.label());
        out.text(status(in), x0 + textPx * 7, y0, textPx * 0.9, DrawList.LEFT, pal.label());
        stripX = x0;
        stripY = y0 + stripTop();       // room above for the arches of moved pages
        stripW = w;
        stripH = textPx * (compact ? 1.5 : 2);
        int start = in.startPfn(), span = in.endPfn() - start;
        int cols = (int) Math.max(1, Math.floor(w));
        double colPx = w / cols;
        // one rect per run of columns at the same shade: five levels from all free to all used
        int runLevel = -1;
        double runX = x0;
        for (int col = 0; col <= cols; col++) {
            int level = col == cols ? -2 : usedLevel(in.owners(), start + (int) ((long) span * col / cols),
                    start + (int) ((long) span * (col + 1) / cols));
            if (level != runLevel) {
                if (runLevel >= 0) out.fillRect(runX, stripY, x0 + col * colPx - runX, stripH, blend(pal.freeFrame(), pal.usedFrame(), runLevel / 4.0));
                runLevel = level;
                runX = x0 + col * colPx;
            }
        }
        out.strokeRect(x0, stripY, w, stripH, 1, pal.muted());
        double under = stripY + stripH + textPx * (compact ? 0.3 : 1.9);
        out.text(String.format("pfn 0x%x", start), x0, under, textPx * 0.8, DrawList.LEFT, pal.muted());
        out.text(String.format("pfn 0x%x", in.endPfn() - 1), x0 + w, under, textPx * 0.8, DrawList.RIGHT, pal.muted());
        migrateX = freeX = -1;
        if (c == null || c.migratePfn() < 0) return;
        for (int i = 0; i < c.nrMovesKept(); i++) {
            double from = xOf(in, c.moveFrom(i) + c.moveNrPages(i) / 2.0), to = xOf(in, c.moveTo(i) + c.moveNrPages(i) / 2.0);
            boolean latest = i == c.nrMovesKept() - 1;
            int colour = latest ? pal.moved() : (pal.moved() & 0x00ffffff) | 0x60000000;
            double peak = stripY - textPx * (compact ? 0.6 + 1.4 * Math.min(1, Math.abs(to - from) / w * 3)
                    : 1 + 1.8 * Math.min(1, Math.abs(to - from) / w * 3));
            double mid = (from + to) / 2;
            out.line(from, stripY, mid, peak, latest ? 2 : 1, colour);
            out.line(mid, peak, to, stripY, latest ? 2 : 1, colour);
            if (latest) out.fillRect(to - 3, stripY, 6, stripH, pal.moved());
        }
        migrateX = xOf(in, c.migratePfn());
        freeX = xOf(in, c.freePfn());
        marker(migrateX, pal.migrateScanner(), "migrate →", DrawList.RIGHT, out);
        marker(freeX, pal.freeScanner(), "← free", DrawList.LEFT, out);
        if (c.result() != null && freeX - migrateX < textPx && !compact) {      // compact: the status line says it ended
            out.quad(migrateX, migrateX, stripY + stripH + 1, migrateX - 6, migrateX + 6, stripY + stripH + 8, pal.label());
            out.text("scanners met", migrateX, under, textPx * 0.8, DrawList.CENTER, pal.label());
        }
    }

    /** A scanner: a line through the strip with a tip above, its name beside the tip on the side it came from. */
    private void marker(double x, int colour, String name, int align, DrawList out) {
        out.line(x, stripY - 4, x, stripY + stripH + 4, 3, colour);
        out.quad(x - 6, x + 6, stripY - 12, x, x, stripY - 3, colour);
        double tx = align == DrawList.RIGHT ? x - 8 : x + 8;
        out.text(name, tx, stripY + stripH + 5, textPx * 0.85, align, DrawList.TOP, true, colour);
    }

    private double xOf(Input in, double pfn) {
        return stripX + stripW * Math.max(0, Math.min(1, (pfn - in.startPfn()) / (in.endPfn() - in.startPfn())));
    }

    /** 0 (all sampled frames free) to 4 (none free); -1 for a column past the frames the copy has. */
    static int usedLevel(byte[] owners, int lo, int hi) {
        hi = Math.max(hi, lo + 1);
        if (lo >= owners.length) return -1;
        int n = Math.min(SAMPLES_PER_COLUMN, hi - lo), used = 0;
        for (int k = 0; k < n; k++) {
            int pfn = lo + (int) ((long) (hi - lo) * k / n);
            if (pfn < owners.length && owners[pfn] != Owner.FREE.code()) used++;
        }
        return (used * 4 + n / 2) / n;
    }

    static int blend(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return 0xff000000 | r << 16 | g << 8 | bl;
    }

    /** The line beside "Compaction": no run yet, where a run's scanners stand, or how it ended. */
    static String status(Input in) {
        ShownCompaction c = in.compaction();
        if (c == null || c.migratePfn() < 0)
            return "no run in this zone yet: press Compact zone, or run compact";
        String run = "compact_zone(" + in.zoneName() + ", " + (c.order() < 0 ? "compact_memory" : "order " + c.order()) + ")";
        if (c.result() == null)
            return String.format("%s: migration scanner 0x%x, free scanner 0x%x · %,d pages moved", run, c.migratePfn(), c.freePfn(), c.nrMigrated());
        return String.format("%s ended: COMPACT_%s · %,d pages moved", run, c.result().name(), c.nrMigrated());
    }

    private void vmstat(List<String> lines, double x0, double y0, double w, Palette pal, DrawList out) {
        out.text("/proc/vmstat (the counters the model keeps)", x0, y0, textPx, DrawList.LEFT, DrawList.TOP, true, pal.label());
        int cols = Math.max(1, (int) (w / vmstatColumnW()));
        int rows = (lines.size() + cols - 1) / cols;
        double top = y0 + textPx * 2, line = textPx * 1.45, cw = vmstatColumnW();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i);
            int sp = s.lastIndexOf(' ');
            double x = x0 + (i / rows) * cw, y = top + (i % rows) * line;
            out.text(s.substring(0, sp), x, y, textPx * 0.9, DrawList.LEFT, pal.muted());
            out.text(s.substring(sp + 1), x + cw - textPx, y, textPx * 0.9, DrawList.RIGHT, DrawList.TOP, true, pal.label());
        }
    }

    /** What is under {@code (x, y)} in the last paint. */
    public Hit hitAt(double x, double y) {
        if (migrateX >= 0 && Math.abs(x - migrateX) <= 6 && y >= stripY - 12 && y <= stripY + stripH + 4) return new Hit(Part.MIGRATE_SCANNER, -1);
        if (freeX >= 0 && Math.abs(x - freeX) <= 6 && y >= stripY - 12 && y <= stripY + stripH + 4) return new Hit(Part.FREE_SCANNER, -1);
        if (x >= stripX && x <= stripX + stripW && y >= stripY && y <= stripY + stripH) return new Hit(Part.STRIP, -1);
        for (int k = 0; k < 2; k++) {
            double top = chartY[k] + textPx * 1.6, px = chartX[k] + axisW();
            if (x < chartX[k] || x > chartX[k] + chartW || y < top - textPx || y > top + plotH + textPx * 1.8) continue;
            if (k == 1 && Math.abs(y - thresholdY) <= 3) return new Hit(Part.THRESHOLD, -1);
            int o = (int) Math.floor((x - px) / colW);
            if (o >= 0 && o < NR_ORDERS) return new Hit(k == 0 ? Part.UNUSABLE : Part.EXTFRAG, o);
        }
        return new Hit(Part.NONE, -1);
    }
}
