package kmemviz.ui.view.slab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import kmemviz.ui.view.DrawList;
import org.junit.jupiter.api.Test;

class SlabPainterTest {
    private static final SlabPainter.Palette PALETTE = new SlabPainter.Palette(0xff000001, 0xff000002, 0xff000003, 0xff000004,
            0xff000005, 0xffe69f00, 0xff000007, 0xff000008, 0xff000009, 0xff00000a, 0xff00000b, 0xff00000c);

    /** Two caches: "a" with one slab of 10 objects (3 used), "b" with two slabs of 4 objects. */
    private static SlabRows rows(int cols) {
        SlabRows m = new SlabRows();
        m.cacheName = new String[] {"a", "b"};
        m.cacheSize = new int[] {64, 1024};
        m.cacheObjectSize = new int[] {64, 1000};
        m.cachePerSlab = new int[] {10, 4};
        m.cachePages = new int[] {1, 1};
        m.cacheActive = new long[] {3, 5};
        m.cacheTotal = new long[] {10, 8};
        m.slabCache = new int[] {0, 1, 1};
        m.slabHeadPfn = new int[] {0x100, 0x200, 0x300};
        m.slabOrder = new int[] {0, 0, 0};
        m.slabObjects = new int[] {10, 4, 4};
        m.slabInuse = new int[] {3, 4, 1};
        m.slabSlot0 = new int[] {0, 10, 14};
        m.slotAllocId = new int[18];
        m.slotZeroed = new boolean[18];
        m.slotAllocId[0] = 7; m.slotAllocId[1] = 8; m.slotAllocId[9] = 9;
        for (int i = 10; i < 14; i++) m.slotAllocId[i] = 20 + i;
        m.slotAllocId[14] = 40;
        m.layout(cols);
        return m;
    }

    @Test
    void rowsAreAHeaderPerCacheThenEnoughLinesForEachSlab() {
        SlabRows m = rows(4);                                   // slab 0: 10 objects on 3 lines of 4
        assertThat(m.nrRows).isEqualTo(1 + 3 + 1 + 1 + 1);
        assertThat(m.rowKind[0]).isEqualTo(SlabRows.HEADER);
        assertThat(m.rowFirstIndex[3]).isEqualTo(8);
        assertThat(m.rowKind[4]).isEqualTo(SlabRows.HEADER);
        assertThat(m.rowSlab[6]).isEqualTo(2);
        assertThat(m.slabState(0)).isEqualTo(SlabRows.PARTIAL);
        assertThat(m.slabState(1)).isEqualTo(SlabRows.FULL);
    }

    @Test
    void aPointFindsItsObjectByArithmetic() {
        SlabPainter p = new SlabPainter(20, 100);               // 18 px slots from x = 100
        SlabRows m = rows(4);
        assertThat(p.objectAt(m, 100 + 18 * 1 + 5, 20 * 3 + 4, 0)).containsExactly(0, 9);      // row 3, column 1
        assertThat(p.objectAt(m, 100 + 5, 20 * 3 + 4 - 40, 40)).containsExactly(0, 8);         // scrolled by two rows
        assertThat(p.objectAt(m, 100 + 18 * 2 + 1, 20 * 3 + 1, 0)).as("past the slab's last object").isNull();
        assertThat(p.objectAt(m, 110, 5, 0)).as("a header").isNull();
        assertThat(p.objectAt(m, 50, 25, 0)).as("the label margin").isNull();
        assertThat(p.objectAt(m, 100 + 18 * 4 + 1, 25, 0)).as("right of the last column").isNull();
        assertThat(p.objectAt(m, 110, 20 * 7 + 1, 0)).as("below the last row").isNull();
    }

    @Test
    void theColumnCountFollowsTheWidth() {
        SlabPainter p = new SlabPainter(20, 100);
        assertThat(p.cols(100 + 4 + 18 * 32)).isEqualTo(32);
        assertThat(p.cols(50)).isEqualTo(1);
    }

    @Test
    void onlyTheRowsOnScreenAreDrawnAndUsedSlotsTakeTheCacheShade() {
        SlabPainter p = new SlabPainter(20, 100);
        SlabRows m = rows(4);
        DrawList out = new DrawList();
        p.paint(m, PALETTE, out, 400, 40, 20, 0, 0, -1, "none");      // rows 1 and 2 (and the partly shown row 3)
        assertThat(out.indexOfText("a")).isEqualTo(-1);
        assertThat(out.indexOfText("b")).isEqualTo(-1);
        int shade = CacheTints.shade(PALETTE.slab(), "a");
        assertThat(fillAt(out, 100, 1)).isEqualTo(shade);                                  // object 0, used
        assertThat(fillAt(out, 100 + 18 * 2, 1)).isEqualTo(PALETTE.free());
        long slots = IntStream.range(0, out.size()).filter(i -> out.op(i) == DrawList.FILL_RECT && out.coord(i, 0) >= 100).count();
        assertThat(slots).isEqualTo(4 + 4 + 2);                                              // rows 1-3 only
    }

    @Test
    void aCacheHeaderNamesTheCacheInBoldWithItsMiddleOnTheRowsMiddle() {
        DrawList out = new DrawList();
        new SlabPainter(20, 100).paint(rows(4), PALETTE, out, 400, 200, 0, 0, 0, -1, "none");
        int name = out.indexOfText("a");
        assertThat(name).isNotNegative();
        assertThat(out.bold(name)).isTrue();
        assertThat(out.colour(name)).isEqualTo(PALETTE.label());
        assertThat(out.coord(name, 1)).isEqualTo(10);                                         // row 0 is 20 px high
        assertThat((int) out.coord(name, 5)).isEqualTo(DrawList.MIDDLE);
        assertThat(out.indexOfText("pfn 0x100  3/10 partial")).as("the first slab's badge").isNotNegative();
    }

    @Test
    void theSelectedObjectIsOutlinedAndNoRowsShowTheGivenText() {
        DrawList out = new DrawList();
        new SlabPainter(20, 100).paint(rows(4), PALETTE, out, 400, 200, 0, 8, 0, -1, "none");
        int[] outlines = out.opsOfColour(DrawList.STROKE_RECT, PALETTE.selection());
        assertThat(outlines).hasSize(1);
        assertThat(out.coord(outlines[0], 0)).isEqualTo(100 + 18 + 1);                        // object 1 of slab 0, row 1
        assertThat(out.coord(outlines[0], 1)).isEqualTo(20 + 2);

        new SlabPainter(20, 100).paint(new SlabRows(), PALETTE, out, 400, 200, 0, 0, 0, -1, "No slab caches.");
        int none = out.indexOfText("No slab caches.");
        assertThat(none).isNotNegative();
        assertThat(out.colour(none)).isEqualTo(PALETTE.muted());
    }

    /** The colour of the last rectangle filled with its top-left corner at (x, y), or 0. */
    private static int fillAt(DrawList out, double x, double y) {
        int c = 0;
        for (int i = 0; i < out.size(); i++) if (out.op(i) == DrawList.FILL_RECT && out.coord(i, 0) == x && out.coord(i, 1) == y) c = out.colour(i);
        return c;
    }

    @Test
    void everyCacheGetsAStableShadeThatIsNeverThePaleFreeColour() {
        int slab = 0xffe69f00;
        assertThat(CacheTints.shade(slab, "kmalloc-128")).isEqualTo(CacheTints.shade(slab, "kmalloc-128"));
        for (String n : List.of("kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128", "kmalloc-1k", "task_struct")) {
            int c = CacheTints.shade(slab, n);
            int brightness = Math.max((c >> 16) & 0xff, Math.max((c >> 8) & 0xff, c & 0xff));
            int min = Math.min((c >> 16) & 0xff, Math.min((c >> 8) & 0xff, c & 0xff));
            assertThat(brightness - min).as(n + " keeps some saturation").isGreaterThan(60);
        }
    }
}
