package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Zone;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Step mode: the views lag the core and catch up one event at a time (export: ExportFxTest). */
class AnimationFxTest extends AppFxTest {
    @Override
    void started() {
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

    @Test
    void theLogTheCallOutAndTheInspectorFollowThePictureNotTheCore(FxRobot robot) throws Exception {
        robot.clickOn("#order").eraseText(1).write("0");
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        var log = w.log.entries();
        assertThat(fx(() -> log.get(log.size() - 1).kind())).as("only the call so far").isEqualTo(kmemviz.ui.view.EventLogView.Kind.COMMAND);
        assertThat(fx(() -> w.inspector.holdProperty().get())).isTrue();

        fx(() -> { w.animator.step(); return null; });                                // TAKEN
        assertThat(fx(() -> log.get(log.size() - 1).text())).contains("took the order-5 block");
        assertThat(fx(() -> w.log.current())).isSameAs(fx(() -> log.get(log.size() - 1)));
        assertThat(fx(() -> w.map.callout())).isEqualTo("the order-5 block at 0x120 leaves the order-5 free list");

        fx(() -> { w.animator.step(); return null; });                                // the first halving of expand()
        assertThat(fx(() -> w.map.callout()))
                .isEqualTo("order-5 block → two order-4 buddies; the upper half (pfn 0x130) goes to the order-4 free list");
        assertThat(fx(() -> log.get(log.size() - 2).text())).contains("split: upper half at pfn 0x130");
        assertThat(fx(() -> log.get(log.size() - 1).text())).contains("order-4 block at pfn 0x130 queued");

        while (fx(() -> w.animator.playingProperty().get())) fx(() -> { w.animator.step(); return null; });
        assertThat(fx(() -> log.get(log.size() - 1).kind())).isEqualTo(kmemviz.ui.view.EventLogView.Kind.RESULT);
        assertThat(fx(() -> w.log.current())).isNull();
        assertThat(fx(() -> w.inspector.holdProperty().get())).isFalse();
        assertThat(fx(() -> w.map.callout())).isNull();
    }

    @Test
    void aFreeWhoseBuddyIsBusyEndsWithACallOutSayingWhyMergingStops() throws Exception {
        fx(() -> {
            w.animator.pausedProperty().set(false);
            w.animator.speedProperty().set(1.0);
            w.kernel.execute(new kmemviz.core.cmd.AllocPages("a", kmemviz.core.cmd.AllocPages.Flavor.ALLOC_PAGES, kmemviz.core.mm.Gfp.KERNEL, 0, ""));
            w.kernel.execute(new kmemviz.core.cmd.AllocPages("b", kmemviz.core.cmd.AllocPages.Flavor.ALLOC_PAGES, kmemviz.core.mm.Gfp.KERNEL, 0, ""));
            w.animator.speedProperty().set(0.0);
            w.animator.pausedProperty().set(true);
            return w.kernel.execute(new kmemviz.core.cmd.FreePages(kmemviz.core.cmd.Target.variable("a"), 0, false));
        });
        int a = w.kernel.history().size();
        String last = null;
        while (fx(() -> w.animator.playingProperty().get())) {
            fx(() -> { w.animator.step(); return null; });
            String c = fx(() -> w.map.callout());
            if (c != null) last = c;
        }
        assertThat(a).isPositive();
        assertThat(last).matches("order-0 block at 0x[0-9a-f]+ joins the order-0 free list; its buddy 0x[0-9a-f]+ is busy \\(.*\\): merging stops");
    }
}
