package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import javafx.stage.Stage;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Zone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Step mode: the views lag the core and catch up one event at a time (export: ExportFxTest). */
@ExtendWith(ApplicationExtension.class)
class AnimationFxTest {
    private Wiring w;

    @Start
    void start(Stage stage) {
        w = AppFixture.start(stage);
        w.animator.speedProperty().set(0.0);
        w.animator.pausedProperty().set(true);
    }

    private <T> T fx(Callable<T> c) throws Exception { return AppFixture.fx(c); }

    @Test
    void inStepModeEachStepPlaysOneEventUntilTheViewsMatchTheCore(FxRobot robot) throws Exception {
        robot.clickOn("#order").eraseText(1).write("0");
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        int pfn = w.kernel.variables().get("p1").pfn();
        Zone normal = w.kernel.memory().zoneOf(pfn);
        assertThat(w.kernel.memory().frames().owner(pfn)).isEqualTo(Owner.PAGES);    // the core is done
        assertThat(fx(() -> w.shown.owners()[pfn])).isEqualTo(Owner.FREE.code());      // the views are not yet
        assertThat(fx(() -> w.animator.playingProperty().get())).isTrue();

        fx(() -> { w.animator.step(); return null; });                                // TAKEN: the block leaves its list
        assertThat(fx(() -> w.animator.currentProperty().get())).startsWith("took the order-5 block at pfn 0x120");
        assertThat(fx(() -> w.shown.nrFree(normal.index(), 5))).isZero();

        int steps = 1;
        while (fx(() -> w.animator.playingProperty().get()) && steps < 200) {
            fx(() -> { w.animator.step(); return null; });
            steps++;
        }
        assertThat(steps).isGreaterThan(5);                                            // taken, splits, queues, allocated
        assertThat(fx(() -> w.shown.owners()[pfn])).isEqualTo(Owner.PAGES.code());
        for (int o = 0; o < 11; o++) {
            int order = o;
            assertThat(fx(() -> w.shown.nrFree(normal.index(), order))).as("order " + o).isEqualTo(normal.nrFree(o));
        }
    }
}
