package kmemviz.ui.view.frames;

import kmemviz.core.mm.BuddyAllocator;
import kmemviz.ui.view.DrawList;

/**
 * Draws one zone's free lists ({@link FreeLists}) as rows of chips, order 0 at the top: each chip a free block
 * with its head pfn, in list order, then "+N" for the blocks not shown. While an event plays, each block it moved
 * is drawn part of the way ({@code t} from 0 to 1) from its old place to its new one, outlined in the flash
 * colour: a block leaving the order-5 list slides out, the halves expand() splits off slide into the order-4 and
 * order-3 lists, two buddies merge into a block that moves one row down. No JavaFX: the view replays the list.
 */
public final class FreeListPainter {
    /** Colours as ARGB: chip fill, chip outline, text, the moving chip's outline. */
    public record Palette(int chip, int outline, int label, int flash) {}

    private static final double GAP_PX = 4;

    /** The chip's top-left x for slot {@code slot} of a row {@code widthPx} wide with rows {@code rowPx} high. */
    static double slotX(int slot, double widthPx, double rowPx, int pfnChars) {
        return labelWidth(rowPx) + Math.min(slot, slots(widthPx, rowPx, pfnChars)) * (chipWidth(widthPx, rowPx, pfnChars) + GAP_PX);
    }

    static double rowY(int order, double rowPx) { return order * rowPx; }

    private static double labelWidth(double rowPx) { return 2.2 * rowPx; }

    private static double countWidth(double rowPx) { return 2.6 * rowPx; }

    static double textPx(double rowPx) { return rowPx * 0.62; }

    /** The narrowest chip: its pfn at the row's text size with a margin ("0x3f0" on the classroom machine). */
    private static double minChipWidth(double rowPx, int pfnChars) {
        return Math.max(2.4 * rowPx, (pfnChars + 1) * 0.6 * textPx(rowPx));
    }

    /**
     * How many chips a row has room for: up to {@link FreeLists#SHOWN}, each wide enough for the zone's longest pfn.
     * A narrow panel with large rows (presentation mode) or a large machine shows fewer and counts the rest in "+N",
     * instead of running the pfns together or cutting the last chips off at the panel's edge.
     */
    static int slots(double widthPx, double rowPx, int pfnChars) {
        double room = widthPx - labelWidth(rowPx) - countWidth(rowPx);
        return (int) Math.max(1, Math.min(FreeLists.SHOWN, Math.floor((room + GAP_PX) / (minChipWidth(rowPx, pfnChars) + GAP_PX))));
    }

    private static double chipWidth(double widthPx, double rowPx, int pfnChars) {
        double room = widthPx - labelWidth(rowPx) - countWidth(rowPx);
        return Math.max(minChipWidth(rowPx, pfnChars), room / slots(widthPx, rowPx, pfnChars) - GAP_PX);
    }

    /** Height of the drawing: one row per order. */
    public static double heightPx(double rowPx) { return BuddyAllocator.NR_PAGE_ORDERS * rowPx; }

    /** Records the lists, with the last event's moves {@code t} of the way (0 where they were, 1 where they are). */
    public void paint(FreeLists lists, double t, double widthPx, double rowPx, Palette p, DrawList out) {
        out.clear();
        double e = t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);         // smoothstep: starts and lands gently
        int chars = lists.pfnChars();
        double chipW = chipWidth(widthPx, rowPx, chars), chipH = rowPx - 3, text = textPx(rowPx);
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
            double y = rowY(o, rowPx);
            out.text("o" + o, 0, y + rowPx / 2, text, DrawList.LEFT, DrawList.MIDDLE, true, p.label());
            int drawn = Math.min(lists.shown(o), slots(widthPx, rowPx, chars));
            for (int s = 0; s < drawn; s++) {
                int pfn = lists.pfn(o, s);
                if (lists.moveTo(o, pfn) == null) chip(out, pfn, slotX(s, widthPx, rowPx, chars), y, chipW, chipH, text, p, p.outline(), 1);
            }
            long rest = lists.nrFree(o) - drawn;
            if (rest > 0) out.text("+" + rest, slotX(drawn, widthPx, rowPx, chars), y + rowPx / 2, text, DrawList.LEFT,
                    DrawList.MIDDLE, false, p.label());
        }
        for (FreeLists.Move m : lists.moves()) {
            // Coming from nowhere on the lists: in from the right of its new row; leaving them: out to the right.
            double x0 = m.fromOrder() == FreeLists.OFF ? widthPx : slotX(m.fromSlot(), widthPx, rowPx, chars);
            double y0 = rowY(m.fromOrder() == FreeLists.OFF ? m.toOrder() : m.fromOrder(), rowPx);
            double x1 = m.toOrder() == FreeLists.OFF ? widthPx : slotX(m.toSlot(), widthPx, rowPx, chars);
            double y1 = m.toOrder() == FreeLists.OFF ? y0 : rowY(m.toOrder(), rowPx);
            double alpha = m.toOrder() == FreeLists.OFF ? 1 - e : 1;
            chip(out, m.pfn(), x0 + (x1 - x0) * e, y0 + (y1 - y0) * e, chipW, chipH, text, p, p.flash(), alpha);
        }
    }

    private static void chip(DrawList out, int pfn, double x, double y, double w, double h, double text, Palette p, int outline,
                             double alpha) {
        out.fillRect(x, y + 1, w, h, DrawList.fade(p.chip(), alpha));
        out.strokeRect(x, y + 1, w, h, outline == p.outline() ? 1 : 2, DrawList.fade(outline, alpha));
        out.text(String.format("0x%x", pfn), x + w / 2, y + 1 + h / 2, text, DrawList.CENTER, DrawList.MIDDLE, false, DrawList.fade(p.label(), alpha));
    }
}
