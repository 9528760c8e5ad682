package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Command;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Profiles;
import kmemviz.core.vm.Tlb;
import kmemviz.core.vm.TlbStats;
import kmemviz.core.vm.Workload;
import kmemviz.ui.control.CallingThreadRunner;
import kmemviz.ui.control.KernelJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The TLB panel's workloads go through the one background runner: a touch of many accesses runs as a job that
 * reports accesses done from the core and can be cancelled, leaving the TLB (entries, LRU stamps, counters) and the
 * history exactly as before; a short one applies at once. The synchronous runner stands in for the worker, so the
 * cancel lands at a chosen progress report.
 */
@ExtendWith(ApplicationExtension.class)
class TlbTouchJobFxTest {
    /** 256 KiB touched one byte at a time: 262,144 accesses, four progress reports of {@link Workload#CHUNK}. */
    private static final int ORDER = 6;
    private static final long ACCESSES = (4096L << ORDER);

    private final CallingThreadRunner calling = new CallingThreadRunner();
    private Wiring w;

    @Start
    void start(Stage stage) {
        w = new Wiring(Profiles.builtIn("classroom"), calling);
        Scene scene = new Scene(w.root(), 1200, 800);
        w.themes.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** Makes p (order 6), selects it and warms the TLB with a sequential touch of its 64 pages. */
    private void selectWarmBuffer() throws Exception {
        AppFixture.fx(() -> {
            var out = w.runner.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, ORDER, ""));
            w.selection.select(out.allocation());
            button("tlb-sequential").fire();
            return null;
        });
    }

    private Button button(String id) {
        for (Button b : w.vm.tlb.buttons()) if (id.equals(b.getId())) return b;
        throw new AssertionError("no button " + id);
    }

    /** Every TLB slot as structure/set/way: vpn, page size, LRU rank. */
    private static List<String> slots(Tlb tlb) {
        List<String> all = new ArrayList<>();
        for (int t = 0; t < tlb.structures().size(); t++)
            for (int set = 0; set < tlb.structures().get(t).sets(); set++)
                for (int way = 0; way < tlb.structures().get(t).ways(); way++)
                    all.add(t + "/" + set + "/" + way + ": " + tlb.slotVpn(t, set, way) + " "
                            + tlb.slotPageSize(t, set, way) + " " + tlb.lruRank(t, set, way));
        return all;
    }

    @Test
    void aSmallTouchAppliesAtOnce() throws Exception {
        selectWarmBuffer();
        TlbStats stats = AppFixture.fx(() -> w.kernel.vm().tlb().stats());
        assertThat(stats.accesses()).as("64 pages touched").isEqualTo(64);
        assertThat(64).isLessThan((int) KernelJobs.LONG_TOUCH_ACCESSES);
        assertThat(AppFixture.fx(() -> w.vm.tlb.message().getText())).startsWith("touch p: 64 accesses");
        // the panel plays the touch's TLB events after it: it ends on the core's counters
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> AppFixture.fx(() -> w.vm.tlbShown.accesses()) == 64);
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("touch p");
    }

    @Test
    void aLargeTouchReportsAccessesDoneAndCancelRestoresTheTlbExactly() throws Exception {
        selectWarmBuffer();
        List<String> slotsBefore = AppFixture.fx(() -> slots(w.kernel.vm().tlb()));
        TlbStats statsBefore = AppFixture.fx(() -> w.kernel.vm().tlb().stats());
        List<Command> historyBefore = List.copyOf(w.kernel.history());
        List<Double> progress = new ArrayList<>();
        boolean[] busySeen = {false};
        AppFixture.fx(() -> {
            calling.progressProperty().addListener((o, was, now) -> {
                if (now.doubleValue() > 0) progress.add(now.doubleValue());
            });
            w.runner.busyProperty().addListener((o, was, now) -> busySeen[0] |= now);
            w.vm.tlb.strideField().setText("1");
            calling.cancelAfter(2);
            button("tlb-stride").fire();
            return null;
        });
        assertThat(busySeen[0]).as("stride=1 over 256 KiB (%d accesses) ran as a job", ACCESSES).isTrue();
        assertThat(progress).as("accesses done of total, from the core").startsWith(
                (double) Workload.CHUNK / ACCESSES, 2.0 * Workload.CHUNK / ACCESSES);
        assertThat(w.kernel.history()).isEqualTo(historyBefore);
        assertThat(AppFixture.fx(() -> w.kernel.vm().tlb().stats())).isEqualTo(statsBefore);
        assertThat(AppFixture.fx(() -> slots(w.kernel.vm().tlb()))).isEqualTo(slotsBefore);
        assertThat(AppFixture.fx(() -> w.vm.tlbShown.accesses())).as("the panel's counters too").isEqualTo(statsBefore.accesses());
        assertThat(AppFixture.fx(() -> w.runner.busyProperty().get())).isFalse();

        AppFixture.fx(() -> { button("tlb-stride").fire(); return null; });   // not cancelled: it runs whole
        assertThat(AppFixture.fx(() -> w.kernel.vm().tlb().stats().accesses())).isEqualTo(statsBefore.accesses() + ACCESSES);
        assertThat(AppFixture.fx(() -> w.vm.tlb.message().getText())).startsWith("touch p stride=1: " + ACCESSES + " accesses");
    }
}
