package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.image.PixelFormat;
import kmemviz.core.cmd.Vmalloc;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Gfp;
import kmemviz.ui.control.KernelJobs;
import kmemviz.ui.view.ShownMemory;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * When a background job hands the kernel back, the views show the state it left: their copy (made on the job's
 * thread, swapped in on the FX thread) equals the core's, and the frame map's picture, repainted in bands over
 * several pulses on a machine of 4M frames, equals one painted whole. A large vmalloc() is such a job.
 */
class HandBackFxTest extends AppFxTest {
    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> AppFixture.fx(() -> !w.map.repainting()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The views' copy against one made now from the idle core, on the FX thread as before the hand-back was split. */
    private void assertViewsCopyIsTheCores() throws Exception {
        AppFixture.fx(() -> {
            ShownMemory fresh = new ShownMemory();
            fresh.resetFrom(w.kernel.memory());
            assertThat(w.shown.owners()).isEqualTo(fresh.owners());
            assertThat(w.shown.allocIds()).isEqualTo(fresh.allocIds());
            assertThat(w.shown.freeOrders()).isEqualTo(fresh.freeOrders());
            for (int z = 0; z < w.kernel.memory().zones().size(); z++) {
                assertThat(w.shown.freePages(z)).as("free pages of zone %d", z).isEqualTo(fresh.freePages(z));
                assertThat(w.shown.pcpPages(z)).as("per-CPU pages of zone %d", z).isEqualTo(fresh.pcpPages(z));
                for (int o = 0; o < kmemviz.core.mm.BuddyAllocator.NR_PAGE_ORDERS; o++)
                    assertThat(w.shown.nrFree(z, o)).as("nr_free of zone %d order %d", z, o).isEqualTo(fresh.nrFree(z, o));
            }
            assertThat(w.shown.detached()).isFalse();
            return null;
        });
    }

    /** The map's pixels as shown, against the same view painted whole from the views' copy. */
    private void assertMapShowsTheCopy() throws Exception {
        int[][] shownAndPainted = AppFixture.fx(() -> {
            int[] painted = w.map.paintCells(1);
            var image = w.map.imageView().getImage();
            int width = (int) image.getWidth(), height = (int) image.getHeight();
            int[] shown = new int[width * height];
            image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), shown, 0, width);
            return new int[][] {shown, painted};
        });
        assertThat(shownAndPainted[0]).isEqualTo(shownAndPainted[1]);
    }

    @Test
    void aLargeVmallocRunsAsAJobAndTheViewsThenShowExactlyTheCoresState() throws Exception {
        AppFixture.fx(() -> { w.files.boot("x86_64-16g"); return null; });
        waitUntilIdle();
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        boolean busyAtOnce = AppFixture.fx(() -> {
            w.jobs.execute(new Vmalloc("big", Vmalloc.Flavor.VMALLOC, 64L << 20, Gfp.KERNEL, ""), outcome::set);
            return w.runner.busyProperty().get();
        });
        assertThat(busyAtOnce).as("vmalloc(64 MiB) left the FX thread").isTrue();
        waitUntilIdle();
        assertThat(outcome.get().ok()).isTrue();
        assertThat(AppFixture.fx(() -> w.status.getText())).as("the status line says what vmalloc did").isEqualTo(outcome.get().message());
        assertThat(w.kernel.variables()).containsKey("big");
        assertViewsCopyIsTheCores();
        assertMapShowsTheCopy();
    }

    @Test
    void aScriptsHandBackLeavesTheViewsCopyEqualToTheCoreAndTheMapRepaintedWhole() throws Exception {
        AppFixture.fx(() -> { w.files.boot("x86_64-16g"); return null; });
        waitUntilIdle();
        AppFixture.fx(() -> { w.files.runScript("handback.kmv", """
                a = alloc_pages(GFP_KERNEL, 9)
                v = vmalloc(8MiB)
                t = user_process("firefox", 64MiB)
                b = kmalloc(100, GFP_KERNEL)
                kfree(b)
                """); return null; });
        waitUntilIdle();
        assertViewsCopyIsTheCores();
        assertMapShowsTheCopy();
        AppFixture.fx(() -> { w.history.undo(); return null; });     // a third job: the capture reuses retired arrays
        waitUntilIdle();
        assertThat(w.kernel.canRedo()).as("kfree(b) undone").isTrue();
        assertViewsCopyIsTheCores();
        assertMapShowsTheCopy();
    }

    @Test
    void aSmallVmallocRunsAtOnceOnTheFxThread() throws Exception {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        boolean busy = AppFixture.fx(() -> {
            w.jobs.execute(new Vmalloc("small", Vmalloc.Flavor.VMALLOC, KernelJobs.LONG_VMALLOC_BYTES / 2, Gfp.KERNEL, ""), outcome::set);
            return w.runner.busyProperty().get();
        });
        assertThat(busy).isFalse();
        assertThat(outcome.get()).as("the outcome came back before execute returned").isNotNull();
        assertThat(outcome.get().command().text()).contains("vmalloc");
    }
}
