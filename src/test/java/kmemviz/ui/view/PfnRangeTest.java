package kmemviz.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PfnRangeTest {
    private static final int FRAMES = 4_456_448;

    @Test
    void aroundAddsAnEighthOfTheSpanOnEachSide() {
        PfnRange r = PfnRange.around(0x100000, 0x100000 + 2047, FRAMES);
        assertThat(r.lo()).isEqualTo(0x100000 - 256);
        assertThat(r.hi()).isEqualTo(0x100000 + 2048 + 256);
        assertThat(r.contains(0x100000)).isTrue();
        assertThat(r.contains(0x100000 + 2047)).isTrue();
    }

    @Test
    void aOnePageAllocationStillShowsItsNeighbours() {
        PfnRange r = PfnRange.around(5000, 5000, FRAMES);
        assertThat(r.span()).isGreaterThanOrEqualTo(PfnRange.MIN_FRAMES);
        assertThat(r.contains(5000)).isTrue();
        assertThat(5000 - r.lo()).isCloseTo(r.hi() - 5001, within(1.0));
    }

    @Test
    void aRangeNearTheEndsOfMemoryIsShiftedInsideItNotCut() {
        PfnRange low = PfnRange.around(0, 99, FRAMES);
        assertThat(low.lo()).isZero();
        assertThat(low.span()).isGreaterThanOrEqualTo(100 + 2 * 12);
        PfnRange high = PfnRange.around(FRAMES - 100, FRAMES - 1, FRAMES);
        assertThat(high.hi()).isEqualTo(FRAMES);
        assertThat(high.lo()).isLessThan(FRAMES - 100);
    }

    @Test
    void framesSpreadOverAlmostAllOfMemoryShowAllOfIt() {
        assertThat(PfnRange.around(10, FRAMES - 10, FRAMES)).isEqualTo(PfnRange.whole(FRAMES));
        assertThat(PfnRange.whole(FRAMES).isWhole(FRAMES)).isTrue();
    }

    @Test
    void towardsStartsAtTheFirstRangeAndEndsAtTheSecond() {
        PfnRange a = PfnRange.whole(FRAMES), b = PfnRange.around(0x100000, 0x1003ff, FRAMES);
        assertThat(a.towards(b, 0)).isEqualTo(a);
        assertThat(a.towards(b, 1)).isEqualTo(b);
        PfnRange mid = a.towards(b, 0.5);
        // Geometric in span: halfway is the geometric mean, not the arithmetic one.
        assertThat(mid.span()).isCloseTo(Math.sqrt(a.span() * b.span()), within(1e-3));
        assertThat(mid.lo()).isBetween(a.lo(), b.lo());
    }

    @Test
    void theScaleSaysFramesPerPixelOrPixelsPerFrame() {
        assertThat(PfnRange.whole(FRAMES).scaleText(1090)).isEqualTo("1 px ≈ 4,088 frames");
        assertThat(new PfnRange(0, 1000).scaleText(1000)).isEqualTo("1 px ≈ 1 frame");
        assertThat(new PfnRange(0, 100).scaleText(1000)).isEqualTo("1 frame ≈ 10 px");
    }
}
