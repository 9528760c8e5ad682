package kmemviz.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
    void fitShowsTheWholeMachineAndPrefersALevelThatFillsMostOfTheWidth() {
        MapGeometry g = MapGeometry.fit(1024, 990, 500);          // 16 px would give 32 columns, half the width
        assertThat((long) g.totalRows() * g.cellPx()).isLessThanOrEqualTo(500);
        assertThat(Integer.bitCount(g.cols())).isEqualTo(1);
        assertThat(g.mapWidthPx()).isGreaterThanOrEqualTo(990 * 6 / 10);
        assertThat(g.cols()).isEqualTo(64);
    }
}
