package kmemviz.ui.view.frames;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The strip's pixels: type colours level with the map rows, the hatching of mixed pageblocks, the outline of changed ones. */
class PageblockStripPainterTest {
    private static final int U = 0xffd55e00, M = 0xff009e73, E = 0xff56b4e9, BG = 0xffffffff, HOLE = 0xff888888, FLASH = 0xffffb000;
    private final PageblockStripPainter painter = new PageblockStripPainter(new int[] {U, M, E, 0xffcc79a7, 0xff7f7f7f}, HOLE, BG, FLASH);

    private static PageblockStripPainter.Blocks blocks(byte[] type, int mixedBlock, int changedBlock) {
        return new PageblockStripPainter.Blocks(type, 9, b -> b == mixedBlock, b -> b == changedBlock, b -> false);
    }

    @Test
    void zoomedInEachPageblockSpansTheRowsOfItsFramesInItsTypeColour() {
        // 2,048 frames, 64 per row of 8 px cells: a pageblock of 512 frames is 8 rows, 64 px high.
        MapGeometry g = new MapGeometry(2048, 6, 64, 8, 1, 0, 512, 256);
        int w = 10;
        int[] argb = new int[w * g.heightPx()];
        painter.paint(g, blocks(new byte[] {1, 0, 2, 1, 1}, -1, -1), w, argb);
        for (int block = 0; block < 4; block++) {
            int row = block * 512 / g.framesPerRow();
            assertThat(g.rowOf(block * 512)).isEqualTo(row);
            int y = row * g.cellPx() + 4;                         // inside the block's first row, below its gap line
            int expected = new int[] {M, U, E, M}[block];
            if (y < g.heightPx()) assertThat(argb[y * w + 3]).as("pageblock %d at y %d", block, y).isEqualTo(expected);
        }
        assertThat(argb[8 * g.cellPx() * w + 3]).as("the gap line above pageblock 1").isEqualTo(BG);
        assertThat(argb[5 * w + w - 1]).as("the gap to the map").isEqualTo(BG);
    }

    @Test
    void aMixedPageblockIsHatchedAndAChangedOneOutlined() {
        MapGeometry g = new MapGeometry(2048, 6, 64, 8, 1, 0, 512, 256);
        int w = 12;
        int[] argb = new int[w * g.heightPx()];
        painter.paint(g, blocks(new byte[] {1, 1, 1, 1, 1}, 1, 2), w, argb);
        int hatch = PageblockStripPainter.hatch(M);
        int hatched = 0, plain = 0;
        for (int y = 64 + 2; y < 128; y++) for (int x = 1; x < w - 3; x++) if (argb[y * w + x] == hatch) hatched++; else if (argb[y * w + x] == M) plain++;
        assertThat(hatched).isPositive();
        assertThat(plain).isGreaterThan(hatched);
        for (int y = 0; y < 64; y++) for (int x = 0; x < w - 2; x++) assertThat(argb[y * w + x]).isIn(M, BG);   // pageblock 0: plain
        assertThat(argb[(128 + 10) * w]).as("left edge of the changed pageblock").isEqualTo(FLASH);
    }

    @Test
    void zoomedOutARowOfManyPageblocksShowsTheNonMovableOneInItsColumn() {
        // 65,536 frames, 8,192 per 1-px row (256 cells of 32 frames): 16 pageblocks per row, 4 per pixel column of a 6 px strip.
        MapGeometry g = new MapGeometry(65536, -5, 256, 1, 32, 0, 256, 8);
        byte[] type = new byte[129];
        java.util.Arrays.fill(type, (byte) 1);
        type[17] = 0;                                             // row 1, among Movable neighbours
        int w = 6;
        int[] argb = new int[w * g.heightPx()];
        painter.paint(g, blocks(type, -1, -1), w, argb);
        assertThat(java.util.Arrays.copyOfRange(argb, w, 2 * w - 2)).contains(U);
        assertThat(java.util.Arrays.copyOfRange(argb, 0, w - 2)).containsOnly(M);
    }
}
