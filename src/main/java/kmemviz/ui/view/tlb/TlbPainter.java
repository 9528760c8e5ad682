package kmemviz.ui.view.tlb;

import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.mapping.MappingPalette;

import kmemviz.core.vm.PageSize;
import kmemviz.core.vm.Tlb;
import kmemviz.core.vm.TlbGeometry;

/**
 * Lays out each TLB as a grid, sets across and ways down, into a {@link DrawList}: a held entry is coloured like
 * the memory it translates and shaded by its LRU rank in the set (most recent strongest), an empty slot is left
 * pale, and the slot the animation just touched is outlined. No JavaFX. Hit-testing is arithmetic.
 */
public final class TlbPainter {
    static final double MARGIN = 10, TITLE_PX = 20, GAP_PX = 12, MAX_CELL = 28;

    /** The colour of the memory an entry translates: {@code vaddr} is the entry's first byte. */
    @FunctionalInterface
    public interface SlotColour {
        int colour(long vaddr, PageSize size);
    }

    /** Colours: background, empty slot, label, muted text, last-touched outline. */
    public record Palette(int background, int empty, int label, int muted, int touched) {}

    /** Cell size for a structure in a view {@code width} wide. */
    static double cellPx(TlbGeometry g, double width) {
        return Math.max(3, Math.min(MAX_CELL, Math.floor((width - 2 * MARGIN - 60) / g.sets())));
    }

    public double height(TlbShown s, double width) {
        double y = MARGIN;
        for (int t = 0; t < s.nrStructures(); t++) {
            TlbGeometry g = s.geometry(t);
            y += TITLE_PX + g.ways() * Math.min(cellPx(g, width), 16) + GAP_PX;
        }
        return y;
    }

    public void paint(TlbShown s, double width, double height, SlotColour colour, Palette pal, DrawList out) {
        out.clear();
        out.fillRect(0, 0, width, height, pal.background());
        double y = MARGIN;
        for (int t : order(s)) {
            TlbGeometry g = s.geometry(t);
            double cw = cellPx(g, width), ch = Math.min(cw, 16);
            out.text(title(s, t), MARGIN, y, 13, DrawList.LEFT, pal.label());
            y += TITLE_PX;
            out.text("ways", MARGIN, y + 1, 10, DrawList.LEFT, pal.muted());
            double x0 = MARGIN + 60;
            int ways = g.ways();
            for (int set = 0; set < g.sets(); set++) {
                for (int w = 0; w < ways; w++) {
                    double x = x0 + set * cw, yy = y + w * ch;
                    long vpn = s.slotVpn(t, set, w);
                    if (vpn == Tlb.EMPTY) { out.fillRect(x, yy, cw - 1, ch - 1, pal.empty()); continue; }
                    PageSize size = s.slotSize(t, set, w);
                    int rank = s.lruRank(t, set, w);
                    double a = ways <= 1 ? 1 : 1 - 0.7 * rank / (double) (ways - 1);
                    out.fillRect(x, yy, cw - 1, ch - 1, MappingPalette.alpha(colour.colour(vpn << size.shift(), size), a));
                    if (cw >= 16) out.text(String.valueOf(rank), x + cw / 2, yy + 1, Math.min(10, ch - 4), DrawList.CENTER, pal.background());
                }
            }
            if (s.lastTlb() == t && s.lastSlot() >= 0) {
                int set = s.lastSlot() / ways, w = s.lastSlot() % ways;
                out.strokeRect(x0 + set * cw - 1, y + w * ch - 1, cw + 1, ch + 1, 2, pal.touched());
            }
            out.text("sets →  (" + g.sets() + ")", x0 + g.sets() * cw + 6, y + 1, 10, DrawList.LEFT, pal.muted());
            y += ways * ch + GAP_PX;
        }
    }

    /** One slot of one TLB. */
    public record Slot(int tlb, int set, int way) {}

    /** The slot drawn under (x, y) in a view {@code width} wide, or null: the layout of {@link #paint}, inverted. */
    public static Slot slotAt(TlbShown s, double width, double x, double y) {
        double top = MARGIN;
        for (int t : order(s)) {
            TlbGeometry g = s.geometry(t);
            double cw = cellPx(g, width), ch = Math.min(cw, 16), gridTop = top + TITLE_PX, x0 = MARGIN + 60;
            if (y >= gridTop && y < gridTop + g.ways() * ch && x >= x0 && x < x0 + g.sets() * cw) {
                int set = (int) ((x - x0) / cw), way = (int) ((y - gridTop) / ch);
                return new Slot(t, Math.min(set, g.sets() - 1), Math.min(way, g.ways() - 1));
            }
            top = gridTop + g.ways() * ch + GAP_PX;
        }
        return null;
    }

    /** The centre of a slot's cell in a view {@code width} wide: {@link #slotAt}'s inverse. */
    public static double[] cellCentre(TlbShown s, double width, Slot slot) {
        double top = MARGIN;
        for (int t : order(s)) {
            TlbGeometry g = s.geometry(t);
            double cw = cellPx(g, width), ch = Math.min(cw, 16), gridTop = top + TITLE_PX;
            if (t == slot.tlb()) return new double[] {MARGIN + 60 + (slot.set() + 0.5) * cw, gridTop + (slot.way() + 0.5) * ch};
            top = gridTop + g.ways() * ch + GAP_PX;
        }
        throw new IllegalArgumentException("no TLB " + slot.tlb());
    }

    /** The L1 TLBs first, then the STLB: the order a lookup goes. */
    static int[] order(TlbShown s) {
        int[] o = new int[s.nrStructures()];
        int k = 0;
        for (int t = 0; t < o.length; t++) if (t != s.stlbIndex()) o[k++] = t;
        if (s.stlbIndex() >= 0) o[k] = s.stlbIndex();
        return o;
    }

    static String title(TlbShown s, int t) {
        TlbGeometry g = s.geometry(t);
        StringBuilder sizes = new StringBuilder();
        for (PageSize p : PageSize.values()) if (g.pageSizes().contains(p)) sizes.append(sizes.length() == 0 ? "" : "/").append(p.label());
        return g.name() + " (" + sizes + "): " + g.entries() + " entries, " + g.sets() + " sets × " + g.ways() + " ways · "
                + s.occupancy(t) + " in use" + (t == s.stlbIndex() ? "  (shared second level)" : "")
                + "   shade = LRU rank (darkest = most recent)";
    }
}
