package kmemviz.ui.view.frames;

import kmemviz.core.mm.FrameTable;

/**
 * Where each page frame sits on the screen: frames in pfn order, {@code framesPerCell} frames per cell,
 * {@code cols} cells per row, each cell {@code cellPx} pixels square, the view starting at row {@code firstRow}.
 * Zoomed in ({@code framesPerCell == 1}), a frame is a square of pixels; zoomed out, a cell (one pixel, or a 2 or
 * 3 pixel square chosen by {@link #fit}) stands for an aligned run of frames. Hit-testing is arithmetic, never a loop.
 *
 * <p>Zoom is one integer level: level >= 0 picks {@link #CELL_PX}[level] pixels per frame, level < 0 gives
 * 2^-level frames per pixel.
 */
public record MapGeometry(int nrFrames, int level, int cols, int cellPx, int framesPerCell, int firstRow,
                          int widthPx, int heightPx) {

    /** Cell sizes of the zoomed-in levels; 4 px and more leave a one-pixel gap that shows the zone tint. */
    static final int[] CELL_PX = {1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 64};
    public static final int MAX_LEVEL = CELL_PX.length - 1;
    public static final int MIN_LEVEL = -12;   // 4096 frames per pixel: a 64 GiB machine in a 1000x1000 square
    /**
     * A range zoomed to fill the view keeps at least this many frames on a row (one order-3 block), which bounds its
     * cells by the width: a few frames fill the pane in large cells instead of a strip of the largest zoom level's.
     */
    static final int MIN_RANGE_COLS = 8;

    public MapGeometry {
        if (level < MIN_LEVEL || level > MAX_LEVEL) throw new IllegalArgumentException("zoom level " + level + " out of range");
    }

    /** The geometry of {@code level} in a view of {@code widthPx x heightPx}; firstRow is clamped. */
    public static MapGeometry of(int nrFrames, int level, int widthPx, int heightPx, int firstRow) {
        int cellPx = level >= 0 ? CELL_PX[level] : 1;
        int fpc = level >= 0 ? 1 : 1 << -level;
        // A power of two, so a row holds a whole number of aligned buddy blocks: every block of order <= log2(cols)
        // starts and ends on one row, and a larger one covers whole rows. 48 columns would cut an order-5 block in two.
        int cols = Integer.highestOneBit(Math.max(1, widthPx / cellPx));
        MapGeometry g = new MapGeometry(nrFrames, level, cols, cellPx, fpc, 0, Math.max(1, widthPx), Math.max(1, heightPx));
        return g.withFirstRow(firstRow);
    }

    /**
     * The largest cells at which the whole machine fits the view, width and height.
     *
     * <p>First the most zoomed-in level whose power-of-two rows fit: each level down halves the area a frame gets
     * (zoomed out) or shrinks its square a step (zoomed in). Power-of-two rows leave up to half the width blank
     * (6.5 million frames in 706x325: 512 columns at 64 frames per pixel, a 512x200 picture), so then the row width
     * is chosen too ({@link #largestCells} zoomed in, {@link #largestRuns} zoomed out). (An earlier rule that asked
     * for 60% of the width fell through, on wide views of big machines, to a single row of 512 frames per pixel.)
     */
    public static MapGeometry fit(int nrFrames, int widthPx, int heightPx) {
        MapGeometry levelFit = of(nrFrames, MIN_LEVEL, widthPx, heightPx, 0);
        for (int level = MAX_LEVEL; level > MIN_LEVEL; level--) {
            MapGeometry g = of(nrFrames, level, widthPx, heightPx, 0);
            if (g.fitsWhole()) { levelFit = g; break; }
        }
        if (levelFit.framesPerCell == 1 && levelFit.cellPx > 1) return largestCells(nrFrames, widthPx, heightPx, levelFit);
        return largestRuns(nrFrames, widthPx, heightPx, levelFit);
    }

    /**
     * Zoomed out (or one pixel per frame), the cells that give each frame the most screen: a cell of 1, 2 or 3 pixels
     * square stands for an aligned power-of-two run of frames, the run blended in proportion so that the aggregation
     * stays honest, and the rows are as wide as that needs, as in {@link #largestCells}. Cells of 2 or 3 pixels give
     * the steps between two plain levels, whose areas differ by half. At equal area, the smaller cell (finer detail).
     */
    static MapGeometry largestRuns(int nrFrames, int widthPx, int heightPx, MapGeometry levelFit) {
        MapGeometry best = levelFit;
        for (int cellPx = 1; cellPx <= 3; cellPx++)
            for (int shift = 0; shift <= -MIN_LEVEL; shift++) {
                int fpc = 1 << shift;
                double area = (double) cellPx * cellPx / fpc;
                int rows = heightPx / cellPx, cells = (int) (((long) nrFrames + fpc - 1) / fpc);
                int cols = rows == 0 ? -1 : alignedCols((cells + rows - 1) / rows, widthPx / cellPx, 3);
                if (cols < 0) continue;                               // more frames per cell only shrink the area
                if (area > best.areaPerFrame()) {
                    // Labelled with the plain level just below it, so zooming in from here grows the cells and out shrinks them.
                    int level = area >= 1 ? (fpc == 1 ? levelOfCell(cellPx) : 0)
                            : -(int) Math.ceil(Math.log(1 / area) / Math.log(2) - 1e-9);
                    best = new MapGeometry(nrFrames, Math.max(MIN_LEVEL, level), cols, cellPx, fpc, 0, Math.max(1, widthPx), Math.max(1, heightPx));
                }
                break;
            }
        return best;
    }

    /**
     * Of the row widths from {@code colsMin} to {@code colsMax}, the one with the most trailing zero bits, so that rows
     * cut as few buddy blocks as they can, and at least {@code minAligned} of them (fewer in a view too narrow for
     * {@code 1 << minAligned} cells); -1 when none fits.
     */
    private static int alignedCols(int colsMin, int colsMax, int minAligned) {
        if (colsMax < 1 || colsMin > colsMax) return -1;
        int need = Math.min(minAligned, 31 - Integer.numberOfLeadingZeros(colsMax)), cols = -1;
        for (int c = colsMax; c >= Math.max(1, colsMin); c--)
            if (cols < 0 || Integer.numberOfTrailingZeros(c) > Integer.numberOfTrailingZeros(cols)) cols = c;
        return cols >= 0 && Integer.numberOfTrailingZeros(cols) >= need ? cols : -1;
    }

    /** The deepest zoom level whose cells are no larger than {@code cellPx}. */
    private static int levelOfCell(int cellPx) {
        int level = 0;
        while (level < MAX_LEVEL && CELL_PX[level + 1] <= cellPx) level++;
        return level;
    }

    /**
     * Zoomed in, the largest square cells that show the whole machine, with whatever row width gives them: the zoom
     * levels' power-of-two rows leave half a wide view blank (1024 frames in 990x500: 64 columns of 14 px, a strip
     * 224 px high; 48 columns of 20 px fill it). Among the widths that fit, the one with the most trailing zero bits,
     * so that rows still cut as few buddy blocks as they can: every block of order <= 3 stays on one row. The level
     * is the deepest whose cells are no larger, so zooming in from here grows the cells and zooming out shrinks them.
     */
    static MapGeometry largestCells(int nrFrames, int widthPx, int heightPx, MapGeometry levelFit) {
        int minAligned = Math.min(3, Integer.numberOfTrailingZeros(levelFit.cols));
        for (int cellPx = Math.min(widthPx, heightPx); cellPx > levelFit.cellPx; cellPx--) {
            int rows = heightPx / cellPx;
            if (rows == 0) continue;
            int cols = alignedCols((nrFrames + rows - 1) / rows, widthPx / cellPx, minAligned);
            if (cols < 0 || Integer.numberOfTrailingZeros(cols) < minAligned) continue;
            return new MapGeometry(nrFrames, levelOfCell(cellPx), cols, cellPx, 1, 0, widthPx, heightPx);
        }
        return levelFit;
    }

    /**
     * The largest square cells at which frames [lo, hi) are all on screen from the view's top row, in the top
     * {@code heightPx - clearBottomPx} pixels, with whatever row width gives them: a range (a zone, a lesson's pfn
     * range) fills the view instead of a power-of-two strip. Rows hold at least {@link #MIN_RANGE_COLS} frames, so a
     * short range gets cells as large as the width allows (an earlier cap of 64 px left half a projector's map pane
     * blank). Among the widths that fit, the one with the most trailing zero bits, as in {@link #largestCells}, and
     * never one that cuts an order-3 block (a multiple of 8, or 1, 2 or 4 in a view too narrow for 8). Null when
     * even one pixel per frame does not fit: the caller then zooms out by levels.
     */
    public static MapGeometry fitRange(int nrFrames, int lo, int hi, int widthPx, int heightPx, int clearBottomPx) {
        if (lo < 0 || hi <= lo || hi > nrFrames) throw new IllegalArgumentException("pfn range [" + lo + ", " + hi + ") outside 0-" + nrFrames);
        int usableH = Math.max(1, heightPx - Math.max(0, clearBottomPx));
        int widest = Math.max(1, widthPx >= MIN_RANGE_COLS ? widthPx / MIN_RANGE_COLS : widthPx);
        for (int cellPx = Math.min(widest, usableH); cellPx >= 1; cellPx--) {
            int rowsMax = usableH / cellPx, cols = -1;
            for (int c = widthPx / cellPx; c >= 1; c--) {
                if (c > 4 && c % 8 != 0 || c == 3) continue;
                if ((hi - 1) / c - lo / c + 1 > rowsMax) break;      // fewer columns only need more rows
                if (cols < 0 || Integer.numberOfTrailingZeros(c) > Integer.numberOfTrailingZeros(cols)) cols = c;
            }
            if (cols < 0) continue;
            // Not clamped like a scroll: a range at the end of memory stays at the top, clear of the band below.
            return new MapGeometry(nrFrames, levelOfCell(cellPx), cols, cellPx, 1, lo / cols, widthPx, heightPx);
        }
        return null;
    }

    /** Zoomed out with cells of {@code cellPx} square pixels for {@code fpc} frames each, labelled with {@code level}. */
    static MapGeometry aggregated(int nrFrames, int cellPx, int fpc, int level, int widthPx, int heightPx) {
        int cols = Integer.highestOneBit(Math.max(1, widthPx / cellPx));
        return new MapGeometry(nrFrames, level, cols, cellPx, fpc, 0, Math.max(1, widthPx), Math.max(1, heightPx));
    }

    /** Screen pixels per frame, the measure of how large the map is. */
    double areaPerFrame() { return (double) cellPx * cellPx / framesPerCell; }

    /** Whether every frame is on screen without scrolling. */
    public boolean fitsWhole() {
        return (long) totalRows() * cellPx <= heightPx && (long) cols * cellPx <= widthPx;
    }

    /** Height of the painted rows when the whole machine is shown from the top. */
    public long mapHeightPx() { return (long) totalRows() * cellPx; }

    public MapGeometry withFirstRow(int row) {
        int max = Math.max(0, totalRows() - visibleRows() + 1);
        int r = Math.max(0, Math.min(row, max));
        return new MapGeometry(nrFrames, level, cols, cellPx, framesPerCell, r, widthPx, heightPx);
    }

    /** The same cells from the top, in a view of {@code w x h} (a fit made for part of the view, shown in all of it). */
    public MapGeometry inViewOf(int w, int h) { return new MapGeometry(nrFrames, level, cols, cellPx, framesPerCell, 0, w, h); }

    public MapGeometry withSize(int w, int h) { return of(nrFrames, level, w, h, firstRow); }

    /** The same view at another zoom level, keeping {@code anchorPfn} at screen row {@code anchorY}. */
    public MapGeometry zoomTo(int newLevel, int anchorPfn, double anchorY) {
        int l = Math.max(MIN_LEVEL, Math.min(MAX_LEVEL, newLevel));
        MapGeometry g = of(nrFrames, l, widthPx, heightPx, 0);
        int anchorRow = Math.max(0, anchorPfn) / g.framesPerRow();
        return g.withFirstRow(anchorRow - (int) (anchorY / g.cellPx));
    }

    public int framesPerRow() { return cols * framesPerCell; }

    public int totalRows() { return (int) (((long) nrFrames + framesPerRow() - 1) / framesPerRow()); }

    /** Screen rows of cells, the last one possibly cut off. */
    public int visibleRows() { return (heightPx + cellPx - 1) / cellPx; }

    /** Width of the painted cells; the rest of the view is margin. */
    public int mapWidthPx() { return cols * cellPx; }

    /** The first pfn of the cell under the point, or NO_PFN outside the map. */
    public int pfnAt(double x, double y) {
        if (x < 0 || y < 0) return FrameTable.NO_PFN;
        int col = (int) (x / cellPx);
        if (col >= cols) return FrameTable.NO_PFN;
        long pfn = (long) (firstRow + (int) (y / cellPx)) * framesPerRow() + (long) col * framesPerCell;
        return pfn < nrFrames ? (int) pfn : FrameTable.NO_PFN;
    }

    /** The row of the map (not of the screen) that holds {@code pfn}. */
    public int rowOf(int pfn) { return pfn / framesPerRow(); }

    public int cellX(int pfn) { return (pfn % framesPerRow()) / framesPerCell * cellPx; }

    /** Screen y of the cell of {@code pfn}; negative or beyond the height when scrolled out. */
    public long cellY(int pfn) { return (long) (rowOf(pfn) - firstRow) * cellPx; }

    /** The first pfn shown at the top-left corner. */
    public int firstPfn() { return (int) Math.min(nrFrames, (long) firstRow * framesPerRow()); }

    /** One past the last pfn on screen. */
    public int endPfn() { return (int) Math.min(nrFrames, (long) (firstRow + visibleRows()) * framesPerRow()); }

    /** How the scale reads in the status bar. */
    public String describeScale() {
        if (framesPerCell == 1) return cellPx + " px per frame";
        return (cellPx == 1 ? "1 pixel" : cellPx + "x" + cellPx + " px") + " = " + framesPerCell + " frames";
    }
}
