package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.KernelListener;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import kmemviz.ui.control.CallingThreadRunner;
import kmemviz.ui.view.frames.MapGeometry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Long work runs as a background job that owns the kernel: progress and Cancel in the status bar, Esc cancels,
 * a cancelled job leaves the model as it was, and the views read only their own copy meanwhile. A kernel listener
 * holds the real worker thread mid-script, so the test acts while the job is half done, with no timing.
 */
class BackgroundJobsFxTest extends AppFxTest {
    private static final String SCRIPT = """
            a = alloc_pages(GFP_KERNEL, 2)
            b = kmalloc(100, GFP_KERNEL)
            v = vmalloc(64KiB)
            touch v
            c = alloc_pages(GFP_KERNEL, 1)
            """;
    private final CountDownLatch held = new CountDownLatch(1), release = new CountDownLatch(1);

    @AfterEach
    void letGo() { release.countDown(); }

    /** The /proc prints and the history: what "the model as it was" means. */
    private static Map<Report, String> prints(Kernel k) {
        Map<Report, String> out = new EnumMap<>(Report.class);
        for (Report r : Report.values()) out.put(r, r.render(k, List.of()));
        return out;
    }

    /** Holds the worker thread once it has run {@code n} commands of a job; the FX thread runs on. */
    private void holdWorkerAfter(int n) {
        AtomicInteger done = new AtomicInteger();
        w.kernel.addKernelListener(new KernelListener() {
            @Override public void commandExecuted(Outcome out) {
                if (Platform.isFxApplicationThread() || done.incrementAndGet() != n) return;
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    private void hoverFrame(FxRobot robot, int pfn) throws Exception {
        Point2D at = AppFixture.fx(() -> {
            w.map.layout();
            MapGeometry g = w.map.geometry();
            return w.map.localToScreen(g.cellX(pfn) + g.cellPx() / 2.0, g.cellY(pfn) + g.cellPx() / 2.0);
        });
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void hoveringTheMapWhileAScriptOwnsTheKernelShowsTheViewsCopyNotTheHalfChangedCore(FxRobot robot) throws Exception {
        holdWorkerAfter(2);
        AppFixture.fx(() -> { w.files.runScript("hold.kmv", SCRIPT); return null; });
        held.await(30, TimeUnit.SECONDS);
        int pfn = w.kernel.variables().get("a").pfn();      // the worker waits in a listener: the core is still
        hoverFrame(robot, pfn);
        String busy = AppFixture.fx(() -> w.mapInput.tooltipText());
        assertThat(busy).contains(String.format("pfn: 0x%x", pfn)).contains("owner: free").contains("busy")
                .doesNotContain("alloc_pages");
        release.countDown();
        AppFixture.idle(w);
        hoverFrame(robot, pfn + 1);
        hoverFrame(robot, pfn);
        assertThat(AppFixture.fx(() -> w.mapInput.tooltipText())).contains("owner: alloc_pages")
                .contains("a = alloc_pages(GFP_KERNEL, 2)").doesNotContain("busy");
    }

    @Test
    void aRunningScriptShowsProgressAndCancelWithoutResizingTheViewsAndEscTakesTheModelBackExactly(FxRobot robot) throws Exception {
        AppFixture.fx(() -> w.runner.execute(new AllocPages("p1", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));
        WaitForAsyncUtils.waitForFxEvents();
        double statusHeight = AppFixture.fx(() -> w.status.getHeight()), mapHeight = AppFixture.fx(() -> w.map.getHeight());
        var historyBefore = w.kernel.history();
        var printsBefore = prints(w.kernel);
        holdWorkerAfter(3);
        AppFixture.fx(() -> { w.files.runScript("hold.kmv", SCRIPT); return null; });
        held.await(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AppFixture.fx(() -> w.status.getProgress())).isEqualTo(2 / 5.0);
        assertThat(robot.lookup("#cancel-task").queryButton().isVisible()).isTrue();
        // the bar with Cancel and progress is as high as without: the map above is not laid out and repainted again
        assertThat(AppFixture.fx(() -> w.status.getHeight())).isEqualTo(statusHeight);
        assertThat(AppFixture.fx(() -> w.map.getHeight())).isEqualTo(mapHeight);
        assertThat(robot.lookup("#allocate").queryButton().isDisabled()).isTrue();
        AppFixture.fx(() -> { w.map.requestFocus(); return null; });
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        release.countDown();
        AppFixture.idle(w);
        assertThat(w.kernel.history()).isEqualTo(historyBefore);
        assertThat(prints(w.kernel)).isEqualTo(printsBefore);
        assertThat(w.status.getText()).startsWith("Cancelled script hold.kmv");
        assertThat(robot.lookup("#cancel-task").queryButton().isVisible()).isFalse();
        assertThat(robot.lookup("#allocate").queryButton().isDisabled()).isFalse();
        int pfn = w.kernel.variables().get("p1").pfn();
        assertThat(w.shown.owners()[pfn]).isEqualTo(w.kernel.memory().frames().ownerCode(pfn));
    }

    @Test
    void aSecondJobWhileOneOwnsTheKernelIsRefusedAndTheFirstEndsNormally() throws Exception {
        holdWorkerAfter(1);
        AppFixture.fx(() -> { w.files.runScript("hold.kmv", SCRIPT); return null; });
        held.await(30, TimeUnit.SECONDS);
        Throwable refused = AppFixture.fx(() -> {
            try {
                w.jobs.run("second", p -> null, null);
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(refused).hasMessageContaining("'second' must wait");
        release.countDown();
        AppFixture.idle(w);
        assertThat(w.kernel.variables()).containsKeys("a", "b", "v", "c");
        assertThat(w.shown.detached()).isFalse();
    }

    @Test
    void theStatusLineCountsTheCommandsAScriptRanInGoodEnglish() throws Exception {
        AppFixture.fx(() -> { w.files.runScript("one.kmv", "one = alloc_pages(GFP_KERNEL, 0)"); return null; });
        AppFixture.idle(w);
        assertThat(AppFixture.fx(() -> w.bridge.statusProperty().get())).isEqualTo("1 command run");
        AppFixture.fx(() -> { w.files.runScript("hold.kmv", SCRIPT); return null; });
        AppFixture.idle(w);
        assertThat(AppFixture.fx(() -> w.bridge.statusProperty().get())).matches("\\d+ commands run");
    }

    @Test
    void theCancelButtonStopsAScriptAndAFullRunOfTheSameScriptChangesThePrints(FxRobot robot) throws Exception {
        var printsBefore = prints(w.kernel);
        holdWorkerAfter(1);
        AppFixture.fx(() -> { w.files.runScript("hold.kmv", SCRIPT); return null; });
        held.await(30, TimeUnit.SECONDS);
        robot.clickOn("#cancel-task");
        release.countDown();
        AppFixture.idle(w);
        assertThat(prints(w.kernel)).isEqualTo(printsBefore);
        AppFixture.fx(() -> { w.files.runScript("again.kmv", SCRIPT); return null; });
        AppFixture.idle(w);
        assertThat(prints(w.kernel)).isNotEqualTo(printsBefore);
        assertThat(w.kernel.variables()).containsKeys("a", "b", "v", "c");
    }

    @Test
    void withTheCallingThreadRunnerACancelledScriptEndsBeforeRunScriptReturnsAndChangesNothing() throws Exception {
        CallingThreadRunner calling = new CallingThreadRunner();
        Wiring sync = AppFixture.fx(() -> {
            Wiring s = new Wiring(Profiles.builtIn("classroom"), calling);
            Scene scene = new Scene(s.root(), 1200, 800);
            s.themes.install(scene);
            stage.setScene(scene);
            s.animator.speedProperty().set(1.0);
            s.runner.execute(new AllocPages("p1", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 1, ""));
            return s;
        });
        var historyBefore = sync.kernel.history();
        var printsBefore = prints(sync.kernel);
        boolean busyAfter = AppFixture.fx(() -> {
            calling.cancelAfter(4);
            sync.files.runScript("sync.kmv", SCRIPT);
            return sync.runner.busyProperty().get();
        });
        assertThat(busyAfter).isFalse();
        assertThat(sync.kernel.history()).isEqualTo(historyBefore);
        assertThat(prints(sync.kernel)).isEqualTo(printsBefore);
        assertThat(sync.kernel.variables()).doesNotContainKeys("a", "b", "v", "c");
    }
}
