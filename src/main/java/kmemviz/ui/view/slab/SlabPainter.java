package kmemviz.ui.view.slab;

import kmemviz.ui.view.DrawList;

/**
 * Draws the slab view into a {@link DrawList} (no JavaFX types): per cache a header line (name, object size, objects
 * and pages per slab, active/total objects), and per slab one or more lines of object slots, each slot a square:
 * used slots in the cache's shade (zeroed ones with a light dot), free ones in the free colour. Left of each slab
 * a badge says full, partial or empty, in its own colour. All rows are {@code rowPx} high, so hit-testing is
 * arithmetic: {@code row = (y + scrollPx) / rowPx}, {@code index = rowFirstIndex + (x - slotsX) / cellPx}.
 * Only the rows on screen are drawn, so thousands of slabs cost no more than a screenful.
 */
public final class SlabPainter {
    /**
     * @param slab the slab owner's colour, shaded per cache for used slots
     */
    public record Palette(int background, int headerBackground, int label, int muted, int free, int slab, int zeroMark,
                          int full, int partial, int empty, int selection, int flash) {}

    final int rowPx, cellPx, labelPx;

    /** @param rowPx row height; slots are {@code rowPx - 2} squares with a 1 px gap. */
    public SlabPainter(int rowPx, int labelPx) {
        this.rowPx = rowPx;
        this.cellPx = rowPx - 2;
        this.labelPx = labelPx;
    }

    /** How many slots fit on a line of a view {@code widthPx} wide (at least 1). */
    int cols(double widthPx) { return Math.max(1, (int) ((widthPx - labelPx - 4) / cellPx)); }

    /** The x where the slots of a line start. */
    int slotsX() { return labelPx; }

    /** The row under {@code y}, or -1 past the last row. */
    int rowAt(SlabRows m, double y, double scrollPx) {
        if (y < 0) return -1;
        int row = (int) ((y + scrollPx) / rowPx);
        return row < m.nrRows ? row : -1;
    }

    /** The object under a point as {slab, index}, or null (a header, a free margin, past the slab's last object). */
    int[] objectAt(SlabRows m, double x, double y, double scrollPx) {
        int row = rowAt(m, y, scrollPx);
        if (row < 0 || m.rowKind[row] != SlabRows.LINE || x < slotsX()) return null;
        int col = (int) ((x - slotsX()) / cellPx);
        if (col >= m.cols) return null;
        int s = m.rowSlab[row], index = m.rowFirstIndex[row] + col;
        return index < m.slabObjects[s] ? new int[] {s, index} : null;
    }

    /** Total height of the rows, for the scroll bar. */
    double contentPx(SlabRows m) { return (double) m.nrRows * rowPx; }

    /** Draws the rows visible in {@code [scrollPx, scrollPx + heightPx)}, or {@code noRows} when there are none. */
    public void paint(SlabRows m, Palette p, DrawList out, double widthPx, double heightPx, double scrollPx,
                      int selectedId, int flashId, int flashPfn, String noRows) {
        out.clear();
        out.fillRect(0, 0, widthPx, heightPx, p.background());
        if (m.nrRows == 0) text(out, 12, 20, noRows, p.muted(), false);
        int first = (int) (scrollPx / rowPx), last = Math.min(m.nrRows, (int) ((scrollPx + heightPx) / rowPx) + 1);
        for (int row = first; row < last; row++) {
            double y = (double) row * rowPx - scrollPx;
            int c = m.rowCache[row];
            if (m.rowKind[row] == SlabRows.HEADER) { header(m, p, out, c, y, widthPx); continue; }
            int s = m.rowSlab[row];
            if (m.rowFirstIndex[row] == 0) badge(m, p, out, s, y);
            if (flashPfn >= m.slabHeadPfn[s] && flashPfn < m.slabHeadPfn[s] + (1 << m.slabOrder[s]))
                out.strokeRect(2, y + 1, slotsX() - 4, rowPx - 2, 2.5, p.flash());
            int used = CacheTints.shade(p.slab(), m.cacheName[c]);
            int lo = m.rowFirstIndex[row], hi = Math.min(m.slabObjects[s], lo + m.cols), base = m.slabSlot0[s];
            double x = slotsX();
            for (int i = lo; i < hi; i++, x += cellPx) {
                int id = m.slotAllocId[base + i];
                out.fillRect(x, y + 1, cellPx - 1, cellPx - 1, id != 0 ? used : p.free());
                if (id != 0 && m.slotZeroed[base + i]) {
                    double d = Math.max(2, cellPx / 4.0);
                    out.fillRect(x + (cellPx - 1 - d) / 2, y + 1 + (cellPx - 1 - d) / 2, d, d, p.zeroMark());
                }
                if (id > 0 && id == flashId) out.strokeRect(x + 1, y + 2, cellPx - 3, cellPx - 3, 3, p.flash());
                else if (id > 0 && id == selectedId) out.strokeRect(x + 1, y + 2, cellPx - 3, cellPx - 3, 2.5, p.selection());
            }
        }
    }

    /** Text is {@code rowPx * 0.6} high, its middle at {@code y}. */
    private void text(DrawList out, double x, double y, String s, int argb, boolean bold) {
        out.text(s, x, y, rowPx * 0.6, DrawList.LEFT, DrawList.MIDDLE, bold, argb);
    }

    private void header(SlabRows m, SlabPainter.Palette p, DrawList out, int c, double y, double widthPx) {
        out.fillRect(0, y + 1, widthPx, rowPx - 1, p.headerBackground());
        out.fillRect(2, y + 3, cellPx - 4, rowPx - 5, CacheTints.shade(p.slab(), m.cacheName[c]));
        text(out, cellPx + 2, y + rowPx / 2.0, m.cacheName[c], p.label(), true);
        String size = m.cacheSize[c] == m.cacheObjectSize[c] ? m.cacheSize[c] + "-byte objects"
                : m.cacheObjectSize[c] + "-byte objects in " + m.cacheSize[c] + "-byte slots";
        text(out, labelPx, y + rowPx / 2.0, String.format("%s, %d per slab of %d page%s · %d/%d objects in use", size,
                m.cachePerSlab[c], m.cachePages[c], m.cachePages[c] == 1 ? "" : "s", m.cacheActive[c], m.cacheTotal[c]), p.muted(), false);
    }

    private void badge(SlabRows m, Palette p, DrawList out, int s, double y) {
        byte state = m.slabState(s);
        int colour = state == SlabRows.FULL ? p.full() : state == SlabRows.PARTIAL ? p.partial() : p.empty();
        out.fillRect(6, y + 2, 5, rowPx - 3, colour);
        String what = state == SlabRows.FULL ? "full" : state == SlabRows.PARTIAL ? "partial" : "empty";
        text(out, 16, y + rowPx / 2.0, String.format("pfn 0x%x  %d/%d %s", m.slabHeadPfn[s], m.slabInuse[s], m.slabObjects[s], what),
                p.label(), false);
    }
}
