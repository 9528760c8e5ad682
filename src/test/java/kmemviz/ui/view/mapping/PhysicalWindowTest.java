package kmemviz.ui.view.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PhysicalWindowTest {
    private static final int FRAMES = 4_456_448;

    @Test
    void aroundAddsAnEighthOfTheSpanOnEachSide() {
        PhysicalWindow r = PhysicalWindow.around(0x100000, 0x100000 + 2047, FRAMES);
        assertThat(r.lo()).isEqualTo(0x100000 - 256);
        assertThat(r.hi()).isEqualTo(0x100000 + 2048 + 256);
        assertThat(r.contains(0x100000)).isTrue();
        assertThat(r.contains(0x100000 + 2047)).isTrue();
    }

    @Test
    void aOnePageAllocationStillShowsItsNeighbours() {
        PhysicalWindow r = PhysicalWindow.around(5000, 5000, FRAMES);
        assertThat(r.span()).isGreaterThanOrEqualTo(PhysicalWindow.MIN_FRAMES);
        assertThat(r.contains(5000)).isTrue();
        assertThat(5000 - r.lo()).isCloseTo(r.hi() - 5001, within(1.0));
    }

    @Test
    void aRangeNearTheEndsOfMemoryIsShiftedInsideItNotCut() {
        PhysicalWindow low = PhysicalWindow.around(0, 99, FRAMES);
        assertThat(low.lo()).isZero();
        assertThat(low.span()).isGreaterThanOrEqualTo(100 + 2 * 12);
        PhysicalWindow high = PhysicalWindow.around(FRAMES - 100, FRAMES - 1, FRAMES);
        assertThat(high.hi()).isEqualTo(FRAMES);
        assertThat(high.lo()).isLessThan(FRAMES - 100);
    }

    @Test
    void framesSpreadOverAlmostAllOfMemoryShowAllOfIt() {
        assertThat(PhysicalWindow.around(10, FRAMES - 10, FRAMES)).isEqualTo(PhysicalWindow.whole(FRAMES));
        assertThat(PhysicalWindow.whole(FRAMES).isWhole(FRAMES)).isTrue();
    }

    @Test
    void towardsStartsAtTheFirstRangeAndEndsAtTheSecond() {
        PhysicalWindow a = PhysicalWindow.whole(FRAMES), b = PhysicalWindow.around(0x100000, 0x1003ff, FRAMES);
        assertThat(a.towards(b, 0)).isEqualTo(a);
        assertThat(a.towards(b, 1)).isEqualTo(b);
        PhysicalWindow mid = a.towards(b, 0.5);
        // Geometric in span: halfway is the geometric mean, not the arithmetic one.
        assertThat(mid.span()).isCloseTo(Math.sqrt(a.span() * b.span()), within(1e-3));
        assertThat(mid.lo()).isBetween(a.lo(), b.lo());
    }

    @Test
    void theScaleSaysFramesPerPixelOrPixelsPerFrame() {
        assertThat(PhysicalWindow.whole(FRAMES).scaleText(1090)).isEqualTo("1 px ≈ 4,088 frames");
        assertThat(new PhysicalWindow(0, 1000).scaleText(1000)).isEqualTo("1 px ≈ 1 frame");
        assertThat(new PhysicalWindow(0, 100).scaleText(1000)).isEqualTo("1 frame ≈ 10 px");
    }
}
