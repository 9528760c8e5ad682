package kmemviz.ui.view.frames;

import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Owner;
import kmemviz.ui.view.DrawList;

/**
 * Paints page frames into an {@code int[]} of ARGB pixels, {@code widthPx} per line. No JavaFX types, so the
 * view, PNG export and {@code kmemviz bench render} share it.
 *
 * <p>Two regimes, chosen by {@link MapGeometry}:
 * <ul>
 *   <li>Zoomed out ({@code framesPerCell > 1}): one pixel covers a run of frames. A run of one owner shows that
 *       owner's colour; a mixed run shows the colours blended in proportion to their frame counts, so a single
 *       allocated page among free ones still tints its pixel instead of vanishing or taking it over.</li>
 *   <li>Zoomed in ({@code cellPx >= 1}): a frame is a square. From 4 px on, a one-pixel gap separates blocks
 *       (tinted by zone), frames inside one block are separated by a darker line, and from 6 px on free buddy
 *       blocks get an outline, so a split shows as one outlined block becoming two.</li>
 * </ul>
 * A "block" is a free buddy block (found from {@code freeOrder} at aligned heads in at most NR_PAGE_ORDERS
 * steps), an allocation (by id), or a run of frames with one id-less owner (reserved, hole).
 */
public final class FrameMapPainter {
    private static final byte FREE = Owner.FREE.code();
    private static final byte HOLE = Owner.HOLE.code();
    private static final byte SLAB = Owner.SLAB.code();

    /** Per-allocation extras the view supplies: a cache's shade for slab pages, a mark for zeroed memory. */
    public interface Overlay {
        /** The colour of frames of this slab-page allocation, given the slab owner colour. */
        int slabColour(int allocId, int slabColour);

        /** Whether this allocation's memory was handed out zeroed (or, for slab pages, holds zeroed objects). */
        boolean zeroed(int allocId);
    }

    private Overlay overlay;
    private MigrateTypes migrateTypes;
    private PcpPages pcpPages;

    /**
     * Free frames on a per-CPU list: neither free in the buddy lists nor allocated, so neither colour; one block
     * per list block (its head from the list's order), in a colour of their own whatever the colouring.
     *
     * @param list        the list of each frame, {@code ShownMemory.NO_PCP} (0) for none
     * @param pindexOrder the order of each list by pindex
     * @param colour      their colour
     */
    public record PcpPages(short[] list, byte[] pindexOrder, int colour) {
        boolean on(int pfn) { return list[pfn] != 0; }

        int head(int pfn) { return pfn & -(1 << pindexOrder[kmemviz.ui.view.ShownMemory.pcpPindex(list[pfn])]); }
    }

    /**
     * Colouring by migrate type instead of owner: an allocated frame in the colour of its allocation's type, a free
     * frame in a light shade of its pageblock's (the free lists it sits on), holes and reserved frames as by owner.
     *
     * @param frameType the type value of each frame's allocation, or -1
     * @param blockType the type value of each pageblock, by {@code pfn >> order}
     * @param colour    the colour of each type, by value
     */
    public record MigrateTypes(byte[] frameType, byte[] blockType, int order, int[] colour) {
        /** No type (a hole, a reserved frame): transparent, which no painted colour is. */
        static final int NONE = 0;

        int colourOf(int pfn, byte owner) {
            if (owner == FREE) return freeShade(colour[blockType[pfn >> order]]);
            int t = frameType[pfn];
            return t < 0 ? NONE : colour[t];
        }

        /** Free memory: the type's colour 60% of the way to white, so free and used of one type read as kin. */
        static int freeShade(int c) {
            int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
            return 0xff000000 | (r + (255 - r) * 6 / 10) << 16 | (g + (255 - g) * 6 / 10) << 8 | (b + (255 - b) * 6 / 10);
        }
    }
    /** Width of the lines between cells and of the free-block outlines: 1, or the scale of an export. */
    private int linePx = 1;

    private final byte[] owner;
    private final int[] allocId;
    private final byte[] freeOrder;
    private final int[] bandStart;     // ascending first pfn of each zone band
    private final int[] bandZone;      // ZoneType ordinal of each band
    private final int nrFrames;
    private int[] keysAbove = new int[0], keys = new int[0], keysBelow = new int[0];

    /**
     * @param owner     Owner code per pfn
     * @param allocId   allocation id per pfn, 0 for none
     * @param freeOrder order of the free block whose head is this pfn, or -1
     * @param bandStart first pfn of each zone, ascending
     * @param bandZone  the ZoneType ordinal of each of those zones
     */
    public FrameMapPainter(byte[] owner, int[] allocId, byte[] freeOrder, int[] bandStart, int[] bandZone) {
        this.owner = owner;
        this.allocId = allocId;
        this.freeOrder = freeOrder;
        this.bandStart = bandStart.clone();
        this.bandZone = bandZone.clone();
        this.nrFrames = owner.length;
    }

    /** Slab shades and zeroed marks; null paints owners only (export, bench). */
    public void setOverlay(Overlay overlay) { this.overlay = overlay; }

    /** Frames on per-CPU lists in their own colour; null paints them as free frames. */
    public void setPcpPages(PcpPages pcp) { this.pcpPages = pcp; }

    /** Colours frames by migrate type ({@link MigrateTypes}); null colours them by owner (or allocation). */
    public void setMigrateTypes(MigrateTypes types) { this.migrateTypes = types; }

    /** Paints the whole view. */
    public void paintAll(MapGeometry g, MapPalette p, boolean byAllocation, int[] argb) {
        paintRows(g, p, byAllocation, argb, 0, g.visibleRows());
    }

    /** Paints screen rows {@code [rowLo, rowHi)} of cells (clamped to the view). */
    public void paintRows(MapGeometry g, MapPalette p, boolean byAllocation, int[] argb, int rowLo, int rowHi) {
        int lo = Math.max(0, rowLo), hi = Math.min(rowHi, g.visibleRows());
        if (lo >= hi) return;
        if (g.framesPerCell() > 1) paintAggregated(g, p, byAllocation, argb, lo, hi);
        else if (g.cellPx() / linePx < 4) paintSmallCells(g, p, byAllocation, argb, lo, hi);
        else paintCells(g, p, byAllocation, argb, lo, hi);
    }

    /**
     * Paints the view of {@code g} at {@code scale} times its size into {@code argb} (scale² times as many pixels):
     * cells, gaps and outlines all grow by the scale, so the picture is the 1x one drawn at a finer pixel, for export.
     */
    public void paintScaled(MapGeometry g, MapPalette p, boolean byAllocation, int[] argb, int scale) {
        MapGeometry big = new MapGeometry(g.nrFrames(), g.level(), g.cols(), g.cellPx() * scale, g.framesPerCell(), g.firstRow(),
                g.widthPx() * scale, g.heightPx() * scale);
        linePx = scale;
        try {
            paintAll(big, p, byAllocation, argb);
        } finally {
            linePx = 1;
        }
    }

    /**
     * The cells on screen as rectangles, for SVG. Zoomed in to squares of 4 px and more, one shape per block: a
     * rectangle where it lies in one row or covers whole rows, else the rectangles of its rows recorded as one shape
     * ({@link DrawList#fillRectContinued}: the map's row width need not be a power of two, so a large buddy block
     * can wrap); a one-pixel gap on its right and bottom, and an outline around a free block.
     * Zoomed out, where a cell blends several frames, one rectangle per run of equal cells along a row.
     */
    public void blocks(MapGeometry g, MapPalette p, boolean byAllocation, DrawList out) {
        out.clear();
        if (g.framesPerCell() == 1 && g.cellPx() >= 4) {
            for (int s = g.firstPfn(), e; s < g.endPfn(); s = e) {
                int key = blockKey(s), c = colourOf(s, p, byAllocation);
                e = s + 1;
                while (e < g.endPfn() && key != NO_KEY && blockKey(e) == key && colourOf(e, p, byAllocation) == c) e++;
                java.util.List<double[]> rects = blockRects(g, s, e);
                for (int i = 0; i < rects.size(); i++) {                 // a block's pieces first: one shape
                    double[] r = rects.get(i);
                    if (i == 0) out.fillRect(r[0], r[1], r[2] - 1, r[3] - 1, c);
                    else out.fillRectContinued(r[0], r[1], r[2] - 1, r[3] - 1, c);
                }
                if (owner[s] == FREE && g.cellPx() >= 6)
                    for (double[] r : rects) out.strokeRect(r[0] + 0.5, r[1] + 0.5, r[2] - 2, r[3] - 2, 1, p.freeOutline());
            }
            return;
        }
        int[] argb = new int[g.widthPx() * g.heightPx()];
        paintAll(g, p, byAllocation, argb);
        int px = g.cellPx();
        for (int row = 0; row * px < g.heightPx(); row++) {
            int line = row * px * g.widthPx();
            for (int col = 0, end; col < g.cols(); col = end) {
                int c = argb[line + col * px];
                end = col + 1;
                while (end < g.cols() && argb[line + end * px] == c) end++;
                out.fillRect(col * px, row * px, (end - col) * px, px, c);
            }
        }
    }

    /** Screen rows covering pfns {@code [pfnLo, pfnHi)}: {@code {rowLo, rowHi}}, possibly empty or off-screen. */
    public static int[] screenRows(MapGeometry g, int pfnLo, int pfnHi) {
        int rowLo = g.rowOf(pfnLo) - g.firstRow(), rowHi = g.rowOf(Math.max(pfnLo, pfnHi - 1)) - g.firstRow() + 1;
        return new int[] {Math.max(0, rowLo), Math.min(g.visibleRows(), rowHi)};
    }

    int colourOf(int pfn, MapPalette p, boolean byAllocation) {
        boolean onPcp = pcpPages != null && owner[pfn] == FREE && pcpPages.on(pfn);
        if (onPcp && migrateTypes != null && migrateTypes.frameType[pfn] >= 0)
            return pcpShade(migrateTypes.colour[migrateTypes.frameType[pfn]], pcpPages.colour());
        if (onPcp) return pcpPages.colour();
        if (migrateTypes != null) {
            int c = migrateTypes.colourOf(pfn, owner[pfn]);
            if (c != MigrateTypes.NONE) return c;
            return p.owner()[owner[pfn]];
        }
        int id = allocId[pfn];
        if (byAllocation && id > 0) return p.allocColour(id);
        int c = p.owner()[owner[pfn]];
        return overlay != null && owner[pfn] == SLAB && id > 0 ? overlay.slabColour(id, c) : c;
    }

    /**
     * A per-CPU page coloured by migrate type: its list's type (pcp lists are per type, order_to_pindex() in
     * mm/page_alloc.c), mixed half and half with the per-CPU colour, so that it reads as neither an allocation of
     * that type (the full colour) nor a free buddy page (its pageblock's light shade). Large cells add a dot in the
     * per-CPU colour ({@link #pcpDot}).
     */
    static int pcpShade(int typeColour, int pcpColour) {
        int r = (((typeColour >> 16) & 0xff) + ((pcpColour >> 16) & 0xff)) / 2;
        int g = (((typeColour >> 8) & 0xff) + ((pcpColour >> 8) & 0xff)) / 2;
        int b = ((typeColour & 0xff) + (pcpColour & 0xff)) / 2;
        return 0xff000000 | r << 16 | g << 8 | b;
    }

    /** Whether a cell gets the per-CPU dot: a per-CPU page while coloured by migrate type. */
    private boolean pcpDot(int pfn) {
        return migrateTypes != null && pcpPages != null && owner[pfn] == FREE && pcpPages.on(pfn);
    }

    /** The per-CPU mark: a square of the per-CPU colour, a third of the cell, at its centre, ringed by the cell's colour darkened. */
    private void pcpMark(int[] argb, MapGeometry g, int x0, int y0, int inner, int c) {
        int d = Math.max(2, inner / 3), o = (inner - d) / 2;
        fill(argb, g, x0 + o - linePx, y0 + o - linePx, d + 2 * linePx, d + 2 * linePx, darker(c));
        fill(argb, g, x0 + o, y0 + o, d, d, pcpPages.colour());
    }

    int zoneOrdinal(int pfn) {
        int z = bandZone.length == 0 ? 0 : bandZone[0];
        for (int i = 0; i < bandStart.length && bandStart[i] <= pfn; i++) z = bandZone[i];
        return z;
    }

    private void paintAggregated(MapGeometry g, MapPalette p, boolean byAllocation, int[] argb, int lo, int hi) {
        int w = g.widthPx(), fpc = g.framesPerCell(), cols = g.cols(), px = g.cellPx();
        for (int row = lo; row < hi && row * px < g.heightPx(); row++) {
            long rowPfn = (long) (g.firstRow() + row) * g.framesPerRow();
            if (px == 1) {                                     // the common case: one pixel per cell, no fill loop
                int line = row * w;
                for (int col = 0; col < w; col++) {
                    long s = rowPfn + (long) col * fpc;
                    argb[line + col] = col >= cols || s >= nrFrames ? p.background()
                            : runColour((int) s, (int) Math.min(nrFrames, s + fpc), p, byAllocation);
                }
                continue;
            }
            for (int col = 0; col * px < w; col++) {
                long s = rowPfn + (long) col * fpc;
                int c = col >= cols || s >= nrFrames ? p.background() : runColour((int) s, (int) Math.min(nrFrames, s + fpc), p, byAllocation);
                fill(argb, g, col * px, row * px, px, px, c);
            }
        }
    }

    /** The colour of frames [start, end): one owner's colour, or a blend weighted by frame counts. */
    private int runColour(int start, int end, MapPalette p, boolean byAllocation) {
        byte o = owner[start];
        int id = allocId[start];
        int i = start + 1;
        int first = colourOf(start, p, byAllocation);
        if (migrateTypes != null) while (i < end && colourOf(i, p, byAllocation) == first) i++;     // free frames differ by pageblock
        else if (pcpPages != null) {
            boolean onPcp = pcpPages.on(start);
            while (i < end && owner[i] == o && (!byAllocation || allocId[i] == id) && pcpPages.on(i) == onPcp) i++;
        } else while (i < end && owner[i] == o && (!byAllocation || allocId[i] == id)) i++;
        if (i == end) return first;
        long r = (long) ((first >> 16) & 0xff) * (i - start), gr = (long) ((first >> 8) & 0xff) * (i - start),
                b = (long) (first & 0xff) * (i - start);
        for (; i < end; i++) {
            int c = colourOf(i, p, byAllocation);
            r += (c >> 16) & 0xff;
            gr += (c >> 8) & 0xff;
            b += c & 0xff;
        }
        int n = end - start;
        return 0xff000000 | (int) (r / n) << 16 | (int) (gr / n) << 8 | (int) (b / n);
    }

    private void paintSmallCells(MapGeometry g, MapPalette p, boolean byAllocation, int[] argb, int lo, int hi) {
        int w = g.widthPx(), px = g.cellPx(), cols = g.cols();
        for (int row = lo; row < hi; row++) {
            long rowPfn = (long) (g.firstRow() + row) * cols;
            for (int col = 0; col * px < w; col++) {
                long pfn = rowPfn + col;
                int c = col >= cols || pfn >= nrFrames ? p.background() : colourOf((int) pfn, p, byAllocation);
                fill(argb, g, col * px, row * px, px, px, c);
            }
        }
    }

    private void paintCells(MapGeometry g, MapPalette p, boolean byAllocation, int[] argb, int lo, int hi) {
        int px = g.cellPx(), cols = g.cols(), line = linePx, inner = px - line;
        boolean outlines = px / line >= 6;
        if (keys.length != cols) { keysAbove = new int[cols]; keys = new int[cols]; keysBelow = new int[cols]; }
        int firstMapRow = g.firstRow() + lo;
        blockKeys(firstMapRow - 1, cols, keysAbove);
        blockKeys(firstMapRow, cols, keys);
        for (int row = lo; row < hi; row++) {
            int mapRow = g.firstRow() + row;
            blockKeys(mapRow + 1, cols, keysBelow);
            int x0 = 0, y0 = row * px;
            for (int col = 0; col < cols; col++, x0 += px) {
                long pfnL = (long) mapRow * cols + col;
                if (pfnL >= nrFrames) { fill(argb, g, x0, y0, px, px, p.background()); continue; }
                int pfn = (int) pfnL, key = keys[col];
                int c = colourOf(pfn, p, byAllocation);
                int tint = p.zoneTint()[zoneOrdinal(pfn)];
                boolean right = col + 1 < cols && keysEq(keys[col + 1], key);
                boolean below = keysEq(keysBelow[col], key);
                boolean diag = right && below && keysEq(keysBelow[col + 1], key);
                fill(argb, g, x0, y0, inner, inner, c);
                int sep = darker(c);
                fill(argb, g, x0 + inner, y0, line, inner, right ? sep : tint);
                fill(argb, g, x0, y0 + inner, inner, line, below ? sep : tint);
                fill(argb, g, x0 + inner, y0 + inner, line, line, diag ? sep : tint);
                if (overlay != null && allocId[pfn] > 0 && px / line >= 8 && overlay.zeroed(allocId[pfn]))
                    zeroMark(argb, g, x0, y0, inner, line, c);
                if (px / line >= 6 && pcpDot(pfn)) pcpMark(argb, g, x0, y0, inner, c);
                if (outlines && owner[pfn] == FREE) {
                    int oc = p.freeOutline();
                    if (col == 0 || !keysEq(keys[col - 1], key)) fill(argb, g, x0, y0, line, inner, oc);
                    if (!right) fill(argb, g, x0 + inner - line, y0, line, inner, oc);
                    if (!keysEq(keysAbove[col], key)) fill(argb, g, x0, y0, inner, line, oc);
                    if (!below) fill(argb, g, x0, y0 + inner - line, inner, line, oc);
                }
            }
            fill(argb, g, cols * px, y0, g.widthPx() - cols * px, px, p.background());
            int[] t = keysAbove; keysAbove = keys; keys = keysBelow; keysBelow = t;
        }
    }

    /** The rectangles of frames [s, e): one when they are whole rows (a large buddy block), else up to three. */
    private static java.util.List<double[]> blockRects(MapGeometry g, int s, int e) {
        int fpr = g.framesPerRow();
        if (s % fpr != 0 || (e - s) % fpr != 0) return MapOverlayPainter.rects(g, s, e);
        long top = Math.max(0, g.cellY(s)), bottom = Math.min(g.heightPx(), g.cellY(e - 1) + g.cellPx());
        return bottom <= top ? java.util.List.of() : java.util.List.of(new double[] {0, top, g.mapWidthPx(), bottom - top});
    }

    /** Zeroed memory: a light diagonal through the cell, so kzalloc's pages read differently from kmalloc's. */
    private static void zeroMark(int[] argb, MapGeometry g, int x0, int y0, int inner, int line, int c) {
        int light = lighter(c);
        for (int i = inner / 5; i < inner - inner / 5; i += line) {
            fill(argb, g, x0 + i, y0 + inner - line - i, line, line, light);
            fill(argb, g, x0 + i + line, y0 + inner - line - i, line, line, light);
        }
    }

    /** Two thirds of the way to white. */
    private static int lighter(int c) {
        int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
        return 0xff000000 | (r + (255 - r) * 2 / 3) << 16 | (g + (255 - g) * 2 / 3) << 8 | (b + (255 - b) * 2 / 3);
    }

    private static boolean keysEq(int a, int b) { return a == b && a != NO_KEY; }

    private static final int NO_KEY = Integer.MIN_VALUE;

    /** The block key of each frame in a map row; NO_KEY outside the machine and for holes. */
    private void blockKeys(int mapRow, int cols, int[] out) {
        for (int col = 0; col < cols; col++) {
            long pfn = (long) mapRow * cols + col;
            out[col] = mapRow < 0 || pfn >= nrFrames ? NO_KEY : blockKey((int) pfn);
        }
    }

    /** Frames with equal keys belong to one block: a free buddy block, an allocation, or an id-less owner run. */
    int blockKey(int pfn) {
        byte o = owner[pfn];
        if (o == HOLE) return NO_KEY;
        if (o == FREE) return -2 - (pcpPages != null && pcpPages.on(pfn) ? pcpPages.head(pfn) : freeHead(pfn));
        int id = allocId[pfn];
        return id > 0 ? id : NO_KEY + 1 + o;
    }

    /** The head of the free block that covers {@code pfn}: the lowest aligned head whose order reaches it. */
    int freeHead(int pfn) {
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
            int head = pfn & ~((1 << o) - 1);
            if (freeOrder[head] >= o) return head;
        }
        return pfn;
    }

    /** 15% darker: the line between frames of one block. */
    private static int darker(int c) {
        int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
        return 0xff000000 | (r * 85 / 100) << 16 | (g * 85 / 100) << 8 | (b * 85 / 100);
    }

    private static void fill(int[] argb, MapGeometry g, int x, int y, int w, int h, int c) {
        int x1 = Math.min(g.widthPx(), x + w), y1 = Math.min(g.heightPx(), y + h);
        for (int yy = Math.max(0, y); yy < y1; yy++) {
            int line = yy * g.widthPx();
            for (int xx = Math.max(0, x); xx < x1; xx++) argb[line + xx] = c;
        }
    }
}
