package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.cmd.Target;
import kmemviz.core.cmd.Touch;
import kmemviz.core.cmd.Vfree;
import kmemviz.core.cmd.Vmalloc;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Owner;
import org.junit.jupiter.api.Test;

/** One player steps through a command's page events and TLB events together, then shows the core's state. */
class PlayerFxTest extends AppFxTest {
    private int stepUntilDone() throws Exception {
        int steps = 0;
        while (fx(() -> w.animator.playingProperty().get()) && steps < 500) {
            fx(() -> { w.animator.step(); return null; });
            steps++;
        }
        return steps;
    }

    @Test
    void stepModePlaysTheTlbEventsOfATouchAndThePageAndTlbEventsOfAVfree() throws Exception {
        fx(() -> w.runner.execute(new Vmalloc("v", Vmalloc.Flavor.VMALLOC, 64 << 10, Gfp.KERNEL, "")));
        fx(() -> {
            w.animator.speedProperty().set(0.0);
            w.animator.pausedProperty().set(true);
            return null;
        });

        fx(() -> w.runner.execute(Touch.sequential("v")));
        long walks = w.kernel.vm().tlb().stats().walks();
        assertThat(walks).isEqualTo(16);
        assertThat(fx(() -> w.vm.tlbShown.walks())).isZero();                   // the panel waits for Step
        assertThat(fx(() -> w.animator.playingProperty().get())).isTrue();
        for (int i = 0; i < 10; i++) fx(() -> { w.animator.step(); return null; });
        assertThat(fx(() -> w.vm.tlbShown.walks())).isBetween(1L, walks - 1);  // part of the way
        assertThat(stepUntilDone()).isGreaterThan(1);
        assertThat(fx(() -> w.vm.tlbShown.walks())).isEqualTo(walks);
        assertThat(fx(() -> w.vm.tlbShown.occupancy(0))).isEqualTo(w.kernel.vm().tlb().occupancy(0));

        int pfn = w.kernel.memory().allocations().get(w.kernel.variables().get("v").allocId()).pages().get(0);
        fx(() -> w.runner.execute(new Vfree(Target.variable("v"), false)));
        assertThat(fx(() -> w.shown.owners()[pfn])).isEqualTo(Owner.VMALLOC.code());     // not played yet
        assertThat(fx(() -> w.vm.tlbShown.occupancy(0))).isPositive();
        assertThat(stepUntilDone()).isGreaterThan(1);
        assertThat(fx(() -> w.shown.owners()[pfn])).isEqualTo(Owner.FREE.code());
        assertThat(fx(() -> w.vm.tlbShown.occupancy(0))).isZero();
    }
}
