package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The map's hover tooltip is installed only over a frame: over blank canvas there is no empty tooltip box. */
class MapTooltipFxTest extends AppFxTest {
    private static final String TOOLTIP_KEY = "javafx.scene.control.Tooltip";    // where Tooltip.install() keeps it

    @Override
    void started() {
        stage.setWidth(1600);
        stage.setHeight(1000);
    }

    @Test
    void overAFrameTheTooltipIsInstalledAndOverBlankCanvasItIsNot(FxRobot robot) throws Exception {
        Node map = robot.lookup("#frame-map").query();
        Bounds b = AppFixture.fx(() -> map.localToScreen(map.getLayoutBounds()));
        int cellsWidth = AppFixture.fx(() -> w.map.geometry().mapWidthPx());
        assertThat(b.getWidth()).as("room right of the cells").isGreaterThan(cellsWidth + 40);
        robot.moveTo(new Point2D(b.getMinX() + 5, b.getMinY() + 5));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AppFixture.fx(() -> w.mapInput.tooltipText())).startsWith("pfn");
        assertThat(AppFixture.fx(() -> map.getProperties().get(TOOLTIP_KEY))).as("over a frame").isNotNull();
        robot.moveTo(new Point2D(b.getMinX() + cellsWidth + 30, b.getMaxY() - 5));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AppFixture.fx(() -> w.mapInput.tooltipText())).isEmpty();
        assertThat(AppFixture.fx(() -> map.getProperties().get(TOOLTIP_KEY))).as("over blank canvas").isNull();
    }
}
