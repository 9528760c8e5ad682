package kmemviz.ui.view.frames;

import java.util.List;
import kmemviz.core.mm.CompactResult;
import kmemviz.core.mm.Zone;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.ShownCompaction;

/**
 * A compact_zone() run drawn over the frame map, as far as its events have played: the stretch the migration scanner
 * has passed (from the zone's start) and the one the free scanner has passed (from its end) tinted, each scanner a
 * bar at its pfn with its name, and the latest pages moved as lines from their old frames to their new ones (the
 * newest bold, its new frames outlined). As the animation plays, the two tints close in until the scanners meet.
 * No JavaFX: the map's overlay and the physical view's export both draw its list.
 */
public final class CompactionOverlayPainter {
    /** The scanners' and the moves' colours, as the fragmentation panel uses them, and a halo that keeps them apart from the cells. */
    public record Palette(int migrateScanner, int freeScanner, int moved, int halo) {}

    /**
     * Appends the run to {@code out}.
     *
     * @param zoneStart the first pfn of the run's zone
     * @param zoneEnd   the pfn after its last
     */
    public void paint(MapGeometry g, ShownCompaction c, int zoneStart, int zoneEnd, double labelPx, Palette pal, DrawList out) {
        if (c.zone() == null || c.migratePfn() < 0 || g.framesPerRow() <= 0) return;
        int migrate = clamp(c.migratePfn(), zoneStart, zoneEnd), free = clamp(c.freePfn(), zoneStart, zoneEnd);
        tint(g, zoneStart, migrate, DrawList.fade(pal.migrateScanner(), 0.18), out);
        tint(g, Math.max(free, migrate), zoneEnd, DrawList.fade(pal.freeScanner(), 0.18), out);
        int n = c.nrMovesKept();
        for (int i = 0; i < n; i++) {
            boolean latest = i == n - 1;
            int from = c.moveFrom(i), to = c.moveTo(i), pages = c.moveNrPages(i);
            double[] a = centre(g, from), b = centre(g, to);
            if (a == null || b == null) continue;
            if (latest) out.line(a[0], a[1], b[0], b[1], 4, pal.halo());
            out.line(a[0], a[1], b[0], b[1], latest ? 2 : 1, latest ? pal.moved() : DrawList.fade(pal.moved(), 0.45));
            if (latest)
                for (double[] r : MapOverlayPainter.rects(g, to, to + pages))
                    out.strokeRect(r[0] + 0.5, r[1] + 0.5, Math.max(1, r[2] - 1), Math.max(1, r[3] - 1), 2, pal.moved());
        }
        // compact_finished() ends a run COMPLETE or PARTIAL_SKIPPED exactly when the scanners met
        boolean met = c.result() == CompactResult.COMPLETE || c.result() == CompactResult.PARTIAL_SKIPPED;
        scanner(g, migrate, pal.migrateScanner(), met ? "scanners met" : "migrate →", true, labelPx, pal, out);
        if (!met) scanner(g, free, pal.freeScanner(), "← free", false, labelPx, pal, out);
    }

    private static int clamp(int pfn, int lo, int hi) { return Math.max(lo, Math.min(hi - 1, pfn)); }

    private static void tint(MapGeometry g, int lo, int hi, int argb, DrawList out) {
        for (double[] r : MapOverlayPainter.rects(g, lo, hi)) out.fillRect(r[0], r[1], r[2], r[3], argb);
    }

    /** The centre of the cell of {@code pfn}, or null when its row is off screen. */
    private static double[] centre(MapGeometry g, int pfn) {
        long y = g.cellY(pfn);
        if (y < -g.cellPx() || y > g.heightPx()) return null;
        return new double[] {g.cellX(pfn) + g.cellPx() / 2.0, y + g.cellPx() / 2.0};
    }

    /**
     * A scanner: a bar through its cell's row at the cell's left edge, a little taller than the row, with a halo, and
     * its name above, to the left for the migration scanner (it comes from the left) and to the right for the free one.
     */
    private static void scanner(MapGeometry g, int pfn, int colour, String name, boolean leftLabel, double labelPx,
                                Palette pal, DrawList out) {
        long y = g.cellY(pfn);
        if (y < -g.cellPx() || y > g.heightPx()) return;
        double x = g.cellX(pfn), px = g.cellPx(), ext = Math.max(3, px * 0.4);
        double w = Math.max(3, Math.min(6, px / 3));
        out.line(x, y - ext, x, y + px + ext, w + 2, pal.halo());
        out.line(x, y - ext, x, y + px + ext, w, colour);
        double size = Math.max(10, labelPx * 0.9);
        double ty = Math.max(0, y - ext - size * 1.15);
        // beside the bar on its side, unless the map's edge is too near for the name (about 0.6 em a letter)
        double wide = size * 0.6 * name.length();
        boolean left = leftLabel ? x - 4 >= wide : x + 4 + wide > g.mapWidthPx();
        // on a plate of the halo colour: over cells of the scanner's own hue the name would not read
        out.fillRect(left ? x - 6 - wide : x + 2, ty - 1, wide + 4, size * 1.25, DrawList.fade(pal.halo(), 0.85));
        out.text(name, left ? x - 4 : x + 4, ty, size, left ? DrawList.RIGHT : DrawList.LEFT, DrawList.TOP, true, colour);
    }

    /** The {start, end} pfns of the zone {@code c} ran in, or null when none of {@code zones} is it. */
    public static int[] zoneSpan(ShownCompaction c, List<Zone> zones) {
        for (Zone z : zones) if (z.type() == c.zone()) return new int[] {z.startPfn(), z.endPfn()};
        return null;
    }
}
