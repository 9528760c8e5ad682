package kmemviz.ui.view.frames;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MapGeometryTest {
    @Test
    void theColumnCountIsTheLargestPowerOfTwoThatFits() {
        assertThat(MapGeometry.of(1024, 11, 48 * 20 + 7, 600, 0).cols()).isEqualTo(32);   // 48 cells fit: 32 are used
        assertThat(MapGeometry.of(1024, 11, 64 * 20, 600, 0).cols()).isEqualTo(64);
        assertThat(MapGeometry.of(1 << 22, -2, 1500, 600, 0).cols()).isEqualTo(1024);
        assertThat(MapGeometry.of(1024, 11, 10, 600, 0).cols()).isEqualTo(1);
    }

    @Test
    void everyAlignedBlockUpToLog2ColumnsSitsOnOneRow() {
        MapGeometry g = MapGeometry.of(1024, 11, 900, 600, 0);           // 45 cells fit: 32 columns
        int maxOrder = Integer.numberOfTrailingZeros(g.cols());
        for (int order = 0; order <= maxOrder; order++)
            for (int head = 0; head < 1024; head += 1 << order)
                assertThat(g.rowOf(head)).as("order %d at %d", order, head).isEqualTo(g.rowOf(head + (1 << order) - 1));
    }

    @Test
    void fitChoosesTheRowWidthThatGivesTheLargestCellsNotAPowerOfTwo() {
        MapGeometry g = MapGeometry.fit(1024, 990, 500);          // 64 columns would give 14 px cells, a strip 224 px high
        assertThat(g.cellPx()).isEqualTo(20);
        assertThat(g.cols()).isEqualTo(48);
        assertThat(g.fitsWhole()).isTrue();
        assertThat(g.describeScale()).isEqualTo("20 px per frame");
        assertThat(MapGeometry.CELL_PX[g.level()]).isLessThanOrEqualTo(20);
        assertThat(MapGeometry.CELL_PX[g.level() + 1]).isGreaterThan(20);
    }

    @Test
    void fittedRowsKeepEveryBlockUpToOrderThreeOnOneRow() {
        for (int w = 300; w <= 2000; w += 37)
            for (int h = 200; h <= 1200; h += 41) {
                MapGeometry g = MapGeometry.fit(1024, w, h);
                assertThat(g.cols() % 8 == 0 || Integer.bitCount(g.cols()) == 1).as("%d columns in %dx%d", g.cols(), w, h).isTrue();
                if (g.cellPx() > 1)
                    assertThat(noAlignedWidthFits(1024, w, h, g.cellPx() + 1)).as("larger cells in %dx%d", w, h).isTrue();
            }
    }

    /** No row width that is a multiple of 8 shows every frame in cells of {@code cellPx}. */
    private static boolean noAlignedWidthFits(int nrFrames, int w, int h, int cellPx) {
        int rows = h / cellPx;
        for (int cols = 8; cols * cellPx <= w; cols += 8) if ((long) rows * cols >= nrFrames) return false;
        return true;
    }

    @ParameterizedTest(name = "{0} frames in {1}x{2}")
    @CsvSource({"1024, 1100, 760", "262144, 1100, 760", "4456448, 1100, 760",
                "1024, 700, 400", "262144, 700, 400", "4456448, 700, 400"})
    void fitFillsMostOfTheBindingSideAndNeverOverflows(int nrFrames, int widthPx, int heightPx) {
        MapGeometry g = MapGeometry.fit(nrFrames, widthPx, heightPx);
        assertThat(g.cols() % 8 == 0 || Integer.bitCount(g.cols()) == 1).as("%d columns", g.cols()).isTrue();
        assertThat(g.mapWidthPx()).isLessThanOrEqualTo(widthPx);
        assertThat(g.mapHeightPx()).isLessThanOrEqualTo(heightPx);
        double fill = Math.max((double) g.mapWidthPx() / widthPx, (double) g.mapHeightPx() / heightPx);
        assertThat(fill).as("share of the binding side at %s", g.describeScale()).isGreaterThanOrEqualTo(0.6);
        assertThat(g.pfnAt(g.cellX(nrFrames - 1), g.cellY(nrFrames - 1) + g.cellPx() - 1)).as("the last frame is on screen")
                .isEqualTo((nrFrames - 1) / g.framesPerCell() * g.framesPerCell());
    }

    @Test
    void fitOnAWideViewOfABigMachineUsesManyRowsNotOneLine() {
        // The integrator's case: i386-1g in a map area about 980x560 used to come out as one row of 512 frames per pixel.
        MapGeometry g = MapGeometry.fit(262_144, 980, 560);
        assertThat(g.totalRows()).isGreaterThan(100);
        assertThat(g.framesPerCell()).isLessThanOrEqualTo(2);
        assertThat(g.mapHeightPx()).isGreaterThan(560 / 2);
    }

    @Test
    void noDeeperLevelThanTheFittedOneShowsTheWholeMachine() {
        for (int n : new int[] {1024, 262_144, 4_456_448})
            for (int w = 300; w <= 2000; w += 37)
                for (int h = 200; h <= 1200; h += 41) {
                    MapGeometry g = MapGeometry.fit(n, w, h);
                    assertThat(g.fitsWhole()).isTrue();
                    if (g.level() < MapGeometry.MAX_LEVEL)
                        assertThat(MapGeometry.of(n, g.level() + 1, w, h, 0).fitsWhole()).as("%d in %dx%d", n, w, h).isFalse();
                }
    }

    @Test
    void fitFillsAtLeastSixtyPercentOfTheBindingSideOnEveryViewSize() {
        for (int n : new int[] {1024, 262_144, 4_456_448})
            for (int w = 300; w <= 2000; w += 23)
                for (int h = 200; h <= 1200; h += 29) {
                    MapGeometry g = MapGeometry.fit(n, w, h);
                    double fill = Math.max((double) g.mapWidthPx() / w, (double) g.mapHeightPx() / h);
                    assertThat(fill).as("%d frames in %dx%d at %s", n, w, h, g.describeScale()).isGreaterThanOrEqualTo(0.6);
                    assertThat(g.fitsWhole()).isTrue();
                }
    }

    @Test
    void aLargeImportedMachineGetsTheRowWidthThatFillsItsPaneNotAPowerOfTwo() {
        // `machine from-proc live` of a 24 GiB host at 1280x720 in presentation mode: the map pane left 706x325 px for
        // cells, and 512 columns of 64 frames a pixel drew a 512x200 picture (a quarter of the pane's area unused).
        MapGeometry g = MapGeometry.fit(6_553_600, 706, 325);
        assertThat(g.fitsWhole()).isTrue();
        assertThat(g.areaPerFrame()).as(g.describeScale()).isGreaterThan(1.0 / 64);
        assertThat((double) g.mapWidthPx() * g.mapHeightPx() / (706 * 325)).as("share of the pane").isGreaterThan(0.85);
        assertThat(g.cols() % 8).as("order-3 runs of cells stay on one row").isZero();
    }

    @Test
    void zoomedOutNoCellsOfOneToThreePixelsGiveAFrameMoreScreen() {
        for (int n : new int[] {262_144, 4_456_448, 6_553_600})
            for (int w = 300; w <= 2000; w += 61)
                for (int h = 200; h <= 1200; h += 53) {
                    MapGeometry g = MapGeometry.fit(n, w, h);
                    assertThat(g.fitsWhole()).isTrue();
                    double fill = Math.max((double) g.mapWidthPx() / w, (double) g.mapHeightPx() / h);
                    assertThat(fill).as("%d frames in %dx%d at %s", n, w, h, g.describeScale()).isGreaterThanOrEqualTo(0.75);
                    if (g.framesPerCell() == 1 && g.cellPx() > 1) continue;   // a square per frame: largestCells, tested above
                    for (int cellPx = 1; cellPx <= 3; cellPx++)
                        for (int fpc = 1; fpc <= 4096; fpc *= 2)
                            if ((double) cellPx * cellPx / fpc > g.areaPerFrame())
                                assertThat(noAlignedWidthFits((n + fpc - 1) / fpc, w, h, cellPx))
                                        .as("%d frames in %dx%d: %d px per %d frames beat %s", n, w, h, cellPx, fpc, g.describeScale()).isTrue();
                }
    }

    @Test
    void lessonSixteensZoomOnNormalGetsFivePixelCellsAt1280x720WithTheGutterMeasured() {
        // The presentation-mode map pane at 1280x720: 895x403, a 115 px band kept for the caption. The gutter's labels
        // ("pfn 0x100-0x1fff" the widest, 121 px in DejaVu Sans at 14.45 px) once were estimated at 0.6 em a letter,
        // which left 709 px and 4 px cells.
        int cellsW = MapOverlayPainter.cellsWidthPx(895, 121, 17);
        MapGeometry g = MapGeometry.fitRange(8192, 0x100, 0x2000, cellsW, 403, 115);
        assertThat(g.cellPx()).isEqualTo(5);
        assertThat(g.mapWidthPx() + 30 + 121).as("the labels fit right of the cells").isLessThanOrEqualTo(895);
    }

    @Test
    void squareCellsOfSeveralFramesFillTheGapBetweenTwoZoomedOutLevels() {
        MapGeometry g = MapGeometry.fit(262_144, 950, 490);    // 1 px per 2 frames would be 512x256: half of each side
        assertThat(g.cellPx()).isEqualTo(3);
        assertThat(g.framesPerCell()).isEqualTo(8);
        assertThat(g.describeScale()).isEqualTo("3x3 px = 8 frames");
        assertThat(g.pfnAt(3 * 5 + 1, 3 * 2 + 2)).isEqualTo(2 * g.framesPerRow() + 5 * 8);
        assertThat(g.cellX(5 * 8 + 7)).isEqualTo(15);
        assertThat(MapGeometry.of(262_144, g.level() + 1, 950, 490, 0).areaPerFrame()).isGreaterThan(g.areaPerFrame());
    }

    /** Every frame of [lo, hi) lies on a row the view shows, above the band kept clear. */
    private static void assertRangeShownAbove(MapGeometry g, int lo, int hi, int clearBottomPx) {
        for (int pfn = lo; pfn < hi; pfn++) {
            assertThat(g.cellY(pfn)).as("row of pfn %d", pfn).isGreaterThanOrEqualTo(0);
            assertThat(g.cellY(pfn) + g.cellPx()).as("foot of pfn %d", pfn).isLessThanOrEqualTo(g.heightPx() - clearBottomPx);
            assertThat(g.cellX(pfn) + g.cellPx()).as("right of pfn %d", pfn).isLessThanOrEqualTo(g.widthPx());
        }
    }

    @ParameterizedTest(name = "pfn {0}-{1} of {2} in {3}x{4} above {5} px")
    @CsvSource({"256, 1024, 1024, 720, 400, 130", "256, 1024, 1024, 960, 650, 130", "256, 384, 1024, 720, 400, 130",
            "0, 256, 1024, 720, 400, 0", "286, 306, 1024, 1100, 560, 130", "4096, 262144, 4194304, 1200, 700, 130",
            "280, 300, 1024, 720, 405, 130", "256, 384, 1024, 1300, 690, 130", "300, 301, 1024, 500, 900, 0"})
    void aRangeFillsTheViewAboveTheBandKeptClear(int lo, int hi, int nrFrames, int w, int h, int clear) {
        MapGeometry g = MapGeometry.fitRange(nrFrames, lo, hi, w, h, clear);
        assertThat(g).isNotNull();
        assertRangeShownAbove(g, lo, hi, clear);
        // one pixel larger and no row width holds it: the cells are the largest that fit
        for (int cols = w / (g.cellPx() + 1); cols >= 1; cols--) {
            int rows = (hi - 1) / cols - lo / cols + 1;
            if ((cols <= 4 && cols != 3 || cols % 8 == 0) && g.cellPx() + 1 <= w / MapGeometry.MIN_RANGE_COLS)
                assertThat(rows * (g.cellPx() + 1)).as("%d columns of %d px", cols, g.cellPx() + 1).isGreaterThan(h - clear);
        }
    }

    @Test
    void zoneNormalOfTheClassroomMachineGetsCellsTwiceAsLargeAsAPowerOfTwoRow() {
        // 720x400 at 1280x720 in presentation mode: power-of-two rows of 32 gave 12 px cells (24 rows, 288 px)
        MapGeometry g = MapGeometry.fitRange(1024, 256, 1024, 720, 400, 130);
        assertThat(g.cellPx()).isEqualTo(15);
        assertThat(g.cols()).isEqualTo(48);
        assertThat(g.cols() % 8).as("order-3 blocks stay on one row").isZero();
    }

    @ParameterizedTest(name = "pfn {0}-{1} in {2}x{3} above {4} px")
    @CsvSource({"280, 300, 720, 405, 130", "280, 300, 1300, 690, 130", "256, 384, 720, 405, 130", "256, 384, 1300, 690, 130",
            "0x1800, 0x2000, 720, 405, 130", "296, 297, 600, 800, 0"})
    void aShortRangeFillsTheWidthOrTheHeightOfThePaneNotAStripOfSixtyFourPixelCells(String lo, String hi, int w, int h, int clear) {
        int from = Integer.decode(lo), to = Integer.decode(hi);
        MapGeometry g = MapGeometry.fitRange(8192, from, to, w, h, clear);
        int rows = g.rowOf(to - 1) - g.rowOf(from) + 1;
        // a lesson's zoom on a 20-frame allocation in the 720x405 map pane of a 1280x720 projector: 8 columns of 90 px
        assertThat(Math.max((double) g.mapWidthPx() / w, (double) rows * g.cellPx() / (h - clear)))
                .as("%d columns of %d px, %d rows", g.cols(), g.cellPx(), rows).isGreaterThan(0.9);
        assertThat(g.cols()).as("an order-3 block on one row").isGreaterThanOrEqualTo(MapGeometry.MIN_RANGE_COLS);
    }

    @Test
    void aRangeTooLargeForAPixelPerFrameIsLeftToTheZoomLevels() {
        assertThat(MapGeometry.fitRange(1 << 22, 0, 1 << 22, 1000, 700, 130)).isNull();
    }

    @Test
    void aRangeOutsideTheMachineIsAnErrorThatNamesIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MapGeometry.fitRange(1024, 900, 2000, 700, 400, 0))
                .hasMessageContaining("[900, 2000)");
    }
}
