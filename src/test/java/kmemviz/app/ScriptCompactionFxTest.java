package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kmemviz.ui.view.DrawList;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A script run in the window (--script) plays every compaction it runs when it reaches it: one that ends with
 * {@code compact zone Normal} runs in the background and then plays its compaction; paused, each step moves the
 * scanners on the frame map and in the fragmentation panel, and at the end both show the scanners met. A compaction
 * in the middle (an allocation's direct compaction, a {@code compact} line) plays with the state the script had
 * there, and the rest of the script runs after it.
 */
class ScriptCompactionFxTest extends AppFxTest {
    /** Normal of a 16 MiB machine in 64 KiB holes between page-cache files: no free block of order 9. */
    private static String fragmented() {
        StringBuilder sb = new StringBuilder("machine custom 16MiB dma=1MiB cpus=2\n");
        for (int i = 0; i < 116; i++) sb.append("a").append(i).append(" = user_process(\"a\", 64KiB)\nb").append(i)
                .append(" = page_cache(\"b").append(i).append("\", 64KiB)\n");
        for (int i = 0; i < 116; i++) sb.append("exit_process(a").append(i).append(")\n");
        return sb.toString();
    }

    private static String fragmentedThenCompact() { return fragmented() + "compact zone Normal\n"; }

    /** The kernel's last command; null while a background job owns the kernel (read only between jobs, as views do). */
    private String lastCommand() throws Exception {
        return AppFixture.fx(() -> w.jobs.background().runningProperty().get() ? null
                : w.kernel.history().get(w.kernel.history().size() - 1).text());
    }

    /** Steps the paused animation until a page has moved: the scanners then stand apart on the map. */
    private void stepToFirstMove() throws Exception {
        for (int i = 0; i < 200 && AppFixture.fx(() -> w.shown.compaction().nrMovesKept()) == 0; i++)
            AppFixture.fx(() -> { w.animator.step(); return null; });
        assertThat(AppFixture.fx(() -> w.shown.compaction().running())).isTrue();
    }

    private void selectTab(javafx.scene.control.Tab tab) throws Exception {
        AppFixture.fx(() -> { ((javafx.scene.control.TabPane) w.root.lookup("#views")).getSelectionModel().select(tab); return null; });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean hasText(DrawList d, String prefix) {
        for (int i = 0; i < d.size(); i++) if (d.op(i) == DrawList.TEXT && d.text(i).startsWith(prefix)) return true;
        return false;
    }

    @Test
    void aScriptEndingWithCompactPlaysTheRunOnTheMapAndTheFragmentationPanelStepByStep() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AppFixture.fx(() -> {
            w.animator.speedProperty().set(0.5);
            w.animator.pausedProperty().set(true);
            w.files.runScript("frag.kmv", fragmentedThenCompact(), () -> done.set(true));
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, done::get);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AppFixture.fx(() -> w.animator.playingProperty().get())).as("the compaction waits to be stepped").isTrue();

        // Step until the first page has moved: the scanners stand apart on the map, and the panel says where.
        stepToFirstMove();
        DrawList map = AppFixture.fx(() -> w.map.overlayDrawList());
        assertThat(map.indexOfText("migrate →")).isNotNegative();
        assertThat(map.indexOfText("← free")).isNotNegative();
        selectTab(w.fragTab);
        assertThat(hasText(AppFixture.fx(() -> w.frag.drawList()), "compact_zone(Normal, compact_memory): migration scanner 0x")).isTrue();
        assertThat(AppFixture.fx(() -> w.animator.playedProperty().get())).as("the log reveals only the events played so far")
                .isPositive().isLessThan(kmemviz.ui.control.Animator.PLAYED_OUT);

        AppFixture.fx(() -> { w.animator.finish(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hasText(AppFixture.fx(() -> w.frag.drawList()), "compact_zone(Normal, compact_memory) ended: COMPACT_COMPLETE")).isTrue();
        selectTab(w.physicalTab);
        assertThat(AppFixture.fx(() -> w.map.overlayDrawList()).indexOfText("scanners met")).isNotNegative();
        AppFixture.fx(() -> { w.animator.pausedProperty().set(false); w.animator.speedProperty().set(1.0); return null; });
    }

    @Test
    void compactionsInTheMiddleOfAScriptPlayWhereTheScriptReachesThemAndTheRestRunsAfter() throws Exception {
        String text = fragmented() + "h = alloc_pages(GFP_HIGHUSER_MOVABLE, 9)\ncompact zone Normal\nk = alloc_pages(GFP_KERNEL, 0)\n";
        AtomicBoolean done = new AtomicBoolean();
        AppFixture.fx(() -> {
            w.animator.speedProperty().set(0.5);
            w.animator.pausedProperty().set(true);
            w.files.runScript("middle.kmv", text, () -> done.set(true));
            return null;
        });
        // The order-9 allocation compacts in the slow path: the script stops there and plays it.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> AppFixture.fx(() -> w.animator.playingProperty().get()));
        assertThat(lastCommand()).isEqualTo("h = alloc_pages(GFP_HIGHUSER_MOVABLE, 9)");
        assertThat(done).as("the rest waits for the animation").isFalse();
        assertThat(AppFixture.fx(() -> w.runner.busyProperty().get())).as("no command can slip into the script").isTrue();
        stepToFirstMove();
        DrawList map = AppFixture.fx(() -> w.map.overlayDrawList());
        assertThat(map.indexOfText("migrate →")).isNotNegative();
        assertThat(map.indexOfText("← free")).isNotNegative();

        // Played out, the script goes on to the compact line, which plays in turn from the state it found.
        AppFixture.fx(() -> { w.animator.finish(); return null; });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> "compact zone Normal".equals(lastCommand())
                && AppFixture.fx(() -> w.animator.playingProperty().get()));
        assertThat(AppFixture.fx(() -> w.shown.compaction().nrMovesKept())).as("a new run: nothing moved yet").isZero();
        stepToFirstMove();
        assertThat(AppFixture.fx(() -> w.map.overlayDrawList()).indexOfText("migrate →")).isNotNegative();

        AppFixture.fx(() -> { w.animator.finish(); return null; });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, done::get);
        AppFixture.idle(w);
        assertThat(lastCommand()).isEqualTo("k = alloc_pages(GFP_KERNEL, 0)");
        assertThat(AppFixture.fx(() -> kmemviz.ui.lesson.HeadlessRuns.proc(w.kernel)))
                .isEqualTo(kmemviz.ui.lesson.HeadlessRuns.after(text, text.split("\n").length));
        AppFixture.fx(() -> { w.animator.pausedProperty().set(false); w.animator.speedProperty().set(1.0); return null; });
    }
}
