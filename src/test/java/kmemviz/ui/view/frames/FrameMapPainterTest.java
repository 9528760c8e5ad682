package kmemviz.ui.view.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

class FrameMapPainterTest {
    private static final int[] OWNER = new int[Owner.values().length];

    static {
        for (int i = 0; i < OWNER.length; i++) OWNER[i] = 0xff000000 | (i * 20) << 16 | 0x40 << 8 | (200 - i * 10);
    }

    private static final MapPalette PALETTE = new MapPalette(OWNER, new int[] {0xff112233, 0xff445566},
            new int[] {0xffaaaaaa, 0xffbbbbbb, 0xffcccccc, 0xffdddddd, 0xffeeeeee, 0xffeeeeee}, 0xffffffff, 0xff000000);

    private final byte[] owner = new byte[64];
    private final int[] allocId = new int[64];
    private final byte[] freeOrder = new byte[64];

    private FrameMapPainter painter() {
        return new FrameMapPainter(owner, allocId, freeOrder, new int[] {0}, new int[] {ZoneType.NORMAL.ordinal()});
    }

    @Test
    void eachFrameIsPaintedInItsOwnersColourAtOnePixelPerFrame() {
        Arrays.fill(owner, Owner.FREE.code());
        Arrays.fill(freeOrder, (byte) -1);
        owner[5] = Owner.PAGES.code();
        owner[17] = Owner.SLAB.code();
        MapGeometry g = MapGeometry.of(64, 0, 16, 4, 0);
        int[] argb = new int[16 * 4];
        painter().paintAll(g, PALETTE, false, argb);
        assertThat(argb[5]).isEqualTo(OWNER[Owner.PAGES.code()]);
        assertThat(argb[16 + 1]).isEqualTo(OWNER[Owner.SLAB.code()]);
        assertThat(argb[0]).isEqualTo(OWNER[Owner.FREE.code()]);
    }

    /**
     * Frames on a per-CPU list are FREE with no buddy order (not PageBuddy): they get the pcp colour, each list block
     * is one block from its aligned head (an order-1 block is two frames of one key, apart from the order-0 block
     * beside it on the same list), and a zoomed-out pixel blends them with the free frames it covers.
     */
    @Test
    void framesOnAPerCpuListArePaintedInTheirOwnColourAsBlocksOfTheirListsOrder() {
        Arrays.fill(owner, Owner.FREE.code());
        Arrays.fill(freeOrder, (byte) -1);
        freeOrder[32] = 5;                                    // a buddy block of 32 frames at the end
        short[] list = new short[64];
        byte[] pindexOrder = {0, 0, 0, 1, 1, 1};              // pindex 0-2 order 0, 3-5 order 1
        list[4] = list[5] = kmemviz.ui.view.ShownMemory.pcpCode(1, 4);   // CPU 1, an order-1 list
        list[6] = kmemviz.ui.view.ShownMemory.pcpCode(1, 4 - 3);         // CPU 1, an order-0 list
        list[7] = list[6];
        int pcp = 0xffcdb8f0;
        FrameMapPainter p = painter();
        p.setPcpPages(new FrameMapPainter.PcpPages(list, pindexOrder, pcp));
        MapGeometry g = MapGeometry.of(64, 0, 16, 4, 0);
        int[] argb = new int[16 * 4];
        p.paintAll(g, PALETTE, false, argb);
        assertThat(argb[4]).isEqualTo(pcp);
        assertThat(argb[7]).isEqualTo(pcp);
        assertThat(argb[3]).isEqualTo(OWNER[Owner.FREE.code()]);
        assertThat(p.blockKey(4)).isEqualTo(p.blockKey(5)).isNotEqualTo(p.blockKey(6));
        assertThat(p.blockKey(6)).isNotEqualTo(p.blockKey(7)).isNotEqualTo(p.blockKey(3));
        assertThat(p.blockKey(40)).isEqualTo(p.blockKey(33));

        MapGeometry out = MapGeometry.of(64, -2, 16, 1, 0);   // 4 frames per pixel: 4..7 all on lists
        int[] px = new int[16];
        p.paintAll(out, PALETTE, false, px);
        assertThat(px[1]).isEqualTo(pcp);
        assertThat(px[0]).isEqualTo(OWNER[Owner.FREE.code()]);
    }

    /**
     * Coloured by migrate type, a per-CPU page shows the type of its list (lists are per type), mixed with the per-CPU
     * colour: neither the full colour of an allocation of that type, nor the light shade of a free buddy page, nor the
     * plain per-CPU colour; large cells add a dot of the per-CPU colour at the centre.
     */
    @Test
    void coloredByMigrateTypeAPerCpuPageShowsItsListsTypeAndStillReadsAsPerCpu() {
        Arrays.fill(owner, Owner.FREE.code());
        Arrays.fill(freeOrder, (byte) -1);
        freeOrder[32] = 5;
        owner[8] = Owner.PAGES.code();
        allocId[8] = 1;
        short[] list = new short[64];
        byte[] pindexOrder = {0, 0, 0, 1, 1, 1};
        list[4] = kmemviz.ui.view.ShownMemory.pcpCode(0, 0);      // CPU 0, order 0, Unmovable (pindex 0)
        list[5] = kmemviz.ui.view.ShownMemory.pcpCode(0, 1);      // CPU 0, order 0, Movable (pindex 1)
        int pcp = 0xffcdb8f0, unmovable = 0xff1f3a93, movable = 0xff8a9a2b;
        int[] typeColour = {unmovable, movable, 0xff2a9d8f, 0xffd62828, 0xff777777};
        byte[] frameType = new byte[64];
        Arrays.fill(frameType, (byte) -1);
        frameType[4] = 0;                                           // as ShownMemory sets it: the list's type
        frameType[5] = 1;
        frameType[8] = 0;
        byte[] blockType = {1};                                     // one pageblock (order 6 here), Movable
        FrameMapPainter p = painter();
        p.setPcpPages(new FrameMapPainter.PcpPages(list, pindexOrder, pcp));
        p.setMigrateTypes(new FrameMapPainter.MigrateTypes(frameType, blockType, 6, typeColour));

        MapGeometry g = MapGeometry.of(64, 0, 16, 4, 0);
        int[] argb = new int[16 * 4];
        p.paintAll(g, PALETTE, false, argb);
        int pcpUnmovable = FrameMapPainter.pcpShade(unmovable, pcp), pcpMovable = FrameMapPainter.pcpShade(movable, pcp);
        assertThat(argb[4]).isEqualTo(pcpUnmovable).isNotIn(unmovable, pcp, FrameMapPainter.MigrateTypes.freeShade(movable));
        assertThat(argb[5]).isEqualTo(pcpMovable).isNotIn(movable, pcp, FrameMapPainter.MigrateTypes.freeShade(movable), pcpUnmovable);
        assertThat(argb[3]).as("a free page: its pageblock's light shade").isEqualTo(FrameMapPainter.MigrateTypes.freeShade(movable));
        assertThat(argb[8]).as("an allocation: its type's colour").isEqualTo(unmovable);
        int r = (((unmovable >> 16) & 0xff) + 0xcd) / 2;
        assertThat((pcpUnmovable >> 16) & 0xff).as("half way to the per-CPU colour").isEqualTo(r);

        MapGeometry big = MapGeometry.of(64, 9, 16 * 14, 4 * 14, 0);  // 14 px cells: the dot
        int w = big.widthPx();
        int[] cells = new int[w * big.heightPx()];
        p.paintAll(big, PALETTE, false, cells);
        int centre4 = 7 * w + 4 * 14 + 6, corner4 = 1 * w + 4 * 14 + 2;
        assertThat(cells[centre4]).as("the dot at the cell's centre").isEqualTo(pcp);
        assertThat(cells[corner4]).as("the cell around it").isEqualTo(pcpUnmovable);
        assertThat(cells[7 * w + 3 * 14 + 6]).as("no dot on a free buddy page").isEqualTo(FrameMapPainter.MigrateTypes.freeShade(movable));
    }

    @Test
    void aZoomedOutPixelBlendsTheOwnersOfTheFramesItCoversInProportion() {
        Arrays.fill(owner, Owner.FREE.code());
        Arrays.fill(freeOrder, (byte) -1);
        owner[0] = Owner.PAGES.code();                       // pixel 0 covers frames 0..3: one of four allocated
        MapGeometry g = MapGeometry.of(64, -2, 16, 1, 0);   // 4 frames per pixel
        int[] argb = new int[16];
        painter().paintAll(g, PALETTE, false, argb);
        int free = OWNER[Owner.FREE.code()], pages = OWNER[Owner.PAGES.code()];
        int expectedRed = (((pages >> 16) & 0xff) + 3 * ((free >> 16) & 0xff)) / 4;
        assertThat((argb[0] >> 16) & 0xff).isEqualTo(expectedRed);
        assertThat(argb[1]).isEqualTo(free);                   // frames 4..7: all free, the exact colour
    }

    @Test
    void colourByAllocationGivesEachAllocationItsOwnColour() {
        Arrays.fill(owner, Owner.PAGES.code());
        Arrays.fill(freeOrder, (byte) -1);
        allocId[0] = 1;
        allocId[1] = 2;
        MapGeometry g = MapGeometry.of(64, 0, 16, 4, 0);
        int[] argb = new int[16 * 4];
        painter().paintAll(g, PALETTE, true, argb);
        assertThat(argb[0]).isEqualTo(PALETTE.allocColour(1));
        assertThat(argb[1]).isEqualTo(PALETTE.allocColour(2)).isNotEqualTo(argb[0]);
    }

    @Test
    void aFreeBlockIsFoundFromItsAlignedHead() {
        Arrays.fill(owner, Owner.FREE.code());
        Arrays.fill(freeOrder, (byte) -1);
        freeOrder[8] = 3;                                     // free block of order 3: frames 8..15
        freeOrder[16] = 0;
        FrameMapPainter p = painter();
        assertThat(p.freeHead(13)).isEqualTo(8);
        assertThat(p.blockKey(9)).isEqualTo(p.blockKey(15)).isNotEqualTo(p.blockKey(16));
    }

    @Test
    void zoomedInCellsSeparateBlocksWithTheZoneTint() {
        Arrays.fill(owner, Owner.FREE.code());
        Arrays.fill(freeOrder, (byte) -1);
        freeOrder[0] = 0;
        freeOrder[1] = 0;
        MapGeometry g = MapGeometry.of(64, 6, 16 * 8, 64, 0);   // 8 px cells
        assertThat(g.cellPx()).isEqualTo(8);
        int[] argb = new int[g.widthPx() * g.heightPx()];
        painter().paintAll(g, PALETTE, false, argb);
        int tint = PALETTE.zoneTint()[ZoneType.NORMAL.ordinal()];
        assertThat(argb[3 * g.widthPx() + 7]).isEqualTo(tint);             // gap between frame 0 and its neighbour block
        assertThat(argb[3 * g.widthPx() + 3]).isEqualTo(OWNER[Owner.FREE.code()]);
    }

    @Test
    void hitTestingIsArithmeticOnTheGeometry() {
        MapGeometry g = MapGeometry.of(1024, MapGeometry.MAX_LEVEL - 7, 320, 200, 0);   // 16 px cells
        assertThat(g.cellPx()).isEqualTo(16);
        assertThat(g.cols()).isEqualTo(16);
        assertThat(g.pfnAt(0, 0)).isZero();
        assertThat(g.pfnAt(16 * 3 + 5, 16 * 2 + 1)).isEqualTo(2 * 16 + 3);
        assertThat(g.pfnAt(16 * 16 + 2, 0)).isEqualTo(FrameTable.NO_PFN);      // right of the cells
        assertThat(g.pfnAt(-1, 5)).isEqualTo(FrameTable.NO_PFN);
        assertThat(g.cellX(35)).isEqualTo(3 * 16);
        assertThat(g.cellY(35)).isEqualTo(2 * 16);
        MapGeometry scrolled = g.withFirstRow(10);
        assertThat(scrolled.pfnAt(0, 0)).isEqualTo(160);
        assertThat(scrolled.cellY(160)).isZero();
    }

    @Test
    void fitChoosesTheLargestCellsThatShowTheWholeMachine() {
        MapGeometry g = MapGeometry.fit(1024, 640, 640);
        assertThat((long) g.totalRows() * g.cellPx()).isLessThanOrEqualTo(640);
        MapGeometry bigger = MapGeometry.of(1024, g.level() + 1, 640, 640, 0);
        assertThat((long) bigger.totalRows() * bigger.cellPx()).isGreaterThan(640);
        MapGeometry huge = MapGeometry.fit(4_456_448, 1100, 760);
        assertThat(huge.framesPerCell()).isGreaterThan(1);
        assertThat(huge.pfnAt(0, (huge.totalRows() - 1) * huge.cellPx())).isNotEqualTo(FrameTable.NO_PFN);
    }

    @Test
    void aSquareCellOfSeveralFramesIsFilledWithTheirBlend() {
        Arrays.fill(owner, Owner.FREE.code());
        Arrays.fill(freeOrder, (byte) -1);
        owner[8] = Owner.PAGES.code();                          // cell 1 covers frames 8..15: one of eight allocated
        MapGeometry g = MapGeometry.aggregated(64, 3, 8, -2, 12, 6);   // 4 columns of 3x3 px, 8 frames each
        int[] argb = new int[12 * 6];
        painter().paintAll(g, PALETTE, false, argb);
        int free = OWNER[Owner.FREE.code()], pages = OWNER[Owner.PAGES.code()];
        int red = (((pages >> 16) & 0xff) + 7 * ((free >> 16) & 0xff)) / 8;
        for (int y = 0; y < 3; y++)
            for (int x = 3; x < 6; x++) assertThat((argb[y * 12 + x] >> 16) & 0xff).as("pixel %d,%d", x, y).isEqualTo(red);
        assertThat(argb[0]).isEqualTo(free);
        assertThat(argb[3 * 12]).isEqualTo(free);                   // second row of cells: frames 32..39
    }
}
