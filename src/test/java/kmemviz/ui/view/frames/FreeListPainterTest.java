package kmemviz.ui.view.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import kmemviz.ui.view.DrawList;
import org.junit.jupiter.api.Test;

/**
 * The free lists as lists: the shown copy's free orders change the way the classroom machine's first order-3
 * allocation changes them (mm/page_alloc.c: __rmqueue_smallest() takes the order-5 block at 0x120, expand() puts
 * the upper halves 0x130 and 0x128 on the order-4 and order-3 lists), and the painter draws each moved block on
 * its way between the lists.
 */
class FreeListPainterTest {
    private static final int NR_FRAMES = 1024, ROW_PX = 20, WIDTH_PX = 400;
    private static final FreeListPainter.Palette PALETTE = new FreeListPainter.Palette(0xff_eeeeee, 0xff_999999, 0xff_000000, 0xff_0000ff);
    private final byte[] freeOrder = new byte[NR_FRAMES];
    private final FreeLists lists = new FreeLists();

    FreeListPainterTest() {
        Arrays.fill(freeOrder, (byte) -1);
        lists.reset(0x100, 0x400);
        put(0x120, 5); put(0x140, 6); put(0x180, 7); put(0x200, 9);
        for (int o = 0; o < 11; o++) {
            int order = o;
            int[] heads = java.util.stream.IntStream.range(0x100, 0x400).filter(p -> freeOrder[p] == order).toArray();
            lists.load(o, heads, heads.length);
        }
    }

    private void put(int pfn, int order) { freeOrder[pfn] = (byte) order; }

    /** Where the chip labelled with {@code pfn} is drawn: {x, y} of its box, or null if it is not drawn. */
    private static double[] chipAt(DrawList d, int pfn) {
        int text = d.indexOfText(String.format("0x%x", pfn));
        if (text < 0) return null;
        for (int i = text - 1; i >= 0; i--) if (d.op(i) == DrawList.FILL_RECT) return new double[] {d.coord(i, 0), d.coord(i, 1) - 1};
        return null;
    }

    private DrawList paint(double t) {
        DrawList d = new DrawList();
        new FreeListPainter().paint(lists, t, WIDTH_PX, ROW_PX, PALETTE, d);
        return d;
    }

    @Test
    void takingABlockMovesItOffItsListAndTheSplitHalvesJoinTheLowerLists() {
        freeOrder[0x120] = -1;                                   // TAKEN: leaves free_area[5]
        lists.touched(freeOrder, 0x120, 0x140);
        assertThat(lists.moves()).containsExactly(new FreeLists.Move(0x120, 5, 0, FreeLists.OFF, FreeLists.OFF));
        assertThat(lists.shown(5)).isZero();

        put(0x130, 4);                                           // expand(): the upper order-4 half
        lists.touched(freeOrder, 0x130, 0x140);
        assertThat(lists.moves()).as("it comes from where the block was taken")
                .containsExactly(new FreeLists.Move(0x130, 5, 0, 4, 0));
        assertThat(lists.pfn(4, 0)).isEqualTo(0x130);
    }

    @Test
    void aMovingBlockIsDrawnOnItsWayFromItsOldListToItsNewOne() {
        freeOrder[0x120] = -1;
        lists.touched(freeOrder, 0x120, 0x140);
        put(0x130, 4);
        lists.touched(freeOrder, 0x130, 0x140);

        double[] start = chipAt(paint(0), 0x130), half = chipAt(paint(0.5), 0x130), end = chipAt(paint(1), 0x130);
        assertThat(start).containsExactly(FreeListPainter.slotX(0, WIDTH_PX, ROW_PX, lists.pfnChars()), FreeListPainter.rowY(5, ROW_PX));
        assertThat(end).containsExactly(FreeListPainter.slotX(0, WIDTH_PX, ROW_PX, lists.pfnChars()), FreeListPainter.rowY(4, ROW_PX));
        assertThat(half[1]).as("halfway between the order-5 and order-4 rows").isStrictlyBetween(end[1], start[1]);
    }

    @Test
    void mergingBuddiesTakesBothOffTheirListAndPutsTheLowerOneALevelDown() {
        put(0x128, 3); put(0x120, 3);                            // two free order-3 buddies
        freeOrder[0x120] = -1;
        lists.touched(freeOrder, 0x120, 0x130);
        lists.clearMoves();
        put(0x120, 3);
        lists.touched(freeOrder, 0x120, 0x128);
        assertThat(lists.shown(3)).isEqualTo(2);
        freeOrder[0x128] = -1;                                   // MERGED: one order-4 block at 0x120
        put(0x120, 4);
        lists.touched(freeOrder, 0x120, 0x130);

        assertThat(lists.moves()).contains(new FreeLists.Move(0x120, 3, 0, 4, 0), new FreeLists.Move(0x128, 3, 1, FreeLists.OFF, FreeLists.OFF));
        assertThat(lists.shown(3)).isZero();
        DrawList end = paint(1);
        assertThat(chipAt(end, 0x120)).containsExactly(FreeListPainter.slotX(0, WIDTH_PX, ROW_PX, lists.pfnChars()), FreeListPainter.rowY(4, ROW_PX));
        int leaving = end.indexOfText("0x128");
        assertThat(end.colour(leaving) >>> 24).as("the buddy that merged away has faded out").isZero();
        assertThat(paint(0).colour(paint(0).indexOfText("0x128")) >>> 24).as("and is opaque at the start").isEqualTo(0xff);
    }

    @Test
    void aListLongerThanItsChipsEndsInACount() {
        lists.load(0, new int[] {0x101, 0x102, 0x103, 0x104, 0x105, 0x106, 0x107}, 7);
        DrawList d = paint(1);
        assertThat(lists.shown(0)).isEqualTo(FreeLists.SHOWN);
        assertThat(d.indexOfText("+2")).isNotNegative();
        assertThat(d.indexOfText("0x106")).isNegative();
    }

    @Test
    void inANarrowPanelWithLargeRowsChipsHoldTheirPfnsSideBySideAndTheRestIsCounted() {
        FreeLists big = new FreeLists();
        big.reset(0x100000, 0x240000);                            // x86_64-8g's Normal: pfns of eight characters
        big.load(10, new int[] {0x100400, 0x100800, 0x100c00, 0x101000, 0x101400}, 1247);
        double rowPx = 26, widthPx = 300;
        DrawList d = new DrawList();
        new FreeListPainter().paint(big, 1, widthPx, rowPx, PALETTE, d);
        double textPx = rowPx * 0.62, lastRight = 0;
        int drawn = 0;
        for (int pfn = 0x100400; pfn <= 0x101400; pfn += 0x400) {
            double[] at = chipAt(d, pfn);
            if (at == null) continue;
            drawn++;
            assertThat(at[0]).as("chip 0x%x starts after the one before", pfn).isGreaterThanOrEqualTo(lastRight);
            lastRight = at[0] + 9 * 0.6 * textPx;                 // "0x100400" and a margin
            assertThat(lastRight).as("chip 0x%x inside the panel", pfn).isLessThanOrEqualTo(widthPx);
        }
        assertThat(drawn).isPositive();
        assertThat(d.indexOfText("+" + (1247 - drawn))).as("the blocks not drawn are counted").isNotNegative();
    }
}
