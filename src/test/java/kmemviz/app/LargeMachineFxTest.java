package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * On a machine of millions of frames, booting, undo and compaction leave the FX thread; the views follow once they
 * are done.
 */
class LargeMachineFxTest extends AppFxTest {
    @Test
    void bootingAndUndoingOnX86_64_16gRunInTheBackgroundAndTheViewsFollow(FxRobot robot) throws Exception {
        AppFixture.fx(() -> { w.files.boot("x86_64-16g"); return null; });
        AppFixture.idle(w);
        assertThat(w.kernel.profile().name()).isEqualTo("x86_64-16g");
        assertThat(w.shown.nrFrames()).isEqualTo(w.kernel.memory().frames().nrFrames());
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.memory().allocations().size()).isEqualTo(1);
        AppFixture.fx(() -> { w.history.undo(); return null; });
        AppFixture.idle(w);
        assertThat(w.kernel.memory().allocations().size()).isZero();
        assertThat(w.log.entries()).anyMatch(e -> e.text().startsWith("undone: p1 = alloc_pages"));
        int pfn = w.kernel.memory().zones().get(2).startPfn();
        assertThat(w.shown.owners()[pfn]).isEqualTo(w.kernel.memory().frames().ownerCode(pfn));
    }

    @Test
    void compactingX86_64_16gRunsInTheBackgroundWhileOnClassroomItRunsAtOnce() throws Exception {
        boolean busyAfter = AppFixture.fx(() -> {
            w.jobs.execute(new kmemviz.core.cmd.Compact(null), out -> {});
            return w.runner.busyProperty().get();
        });
        assertThat(busyAfter).as("classroom: compacted at once, on the FX thread").isFalse();
        AppFixture.fx(() -> { w.files.boot("x86_64-16g"); return null; });
        AppFixture.idle(w);
        busyAfter = AppFixture.fx(() -> {
            w.jobs.execute(new kmemviz.core.cmd.Compact(null), out -> {});
            return w.runner.busyProperty().get();
        });
        assertThat(busyAfter).as("x86_64-16g: the compaction is a background job").isTrue();
        AppFixture.idle(w);
        assertThat(w.kernel.undoable()).isEqualTo(new kmemviz.core.cmd.Compact(null));
        assertThat(w.shown.detached()).isFalse();
    }
}
