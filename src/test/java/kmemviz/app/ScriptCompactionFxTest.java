package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.stage.Stage;
import kmemviz.ui.view.DrawList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A script that ends with {@code compact zone Normal} (File > Open, --script) runs in the background and then plays
 * its compaction in the window: paused, each step moves the scanners on the frame map and in the fragmentation
 * panel, and at the end both show the scanners met.
 */
@ExtendWith(ApplicationExtension.class)
class ScriptCompactionFxTest {
    private Wiring w;

    @Start
    void start(Stage stage) { w = AppFixture.start(stage); }

    private static String fragmentedThenCompact() {
        StringBuilder sb = new StringBuilder("machine custom 16MiB dma=1MiB cpus=2\n");
        for (int i = 0; i < 116; i++) sb.append("a").append(i).append(" = user_process(\"a\", 64KiB)\nb").append(i)
                .append(" = page_cache(\"b").append(i).append("\", 64KiB)\n");
        for (int i = 0; i < 116; i++) sb.append("exit_process(a").append(i).append(")\n");
        return sb.append("compact zone Normal\n").toString();
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
        for (int i = 0; i < 200 && AppFixture.fx(() -> w.shown.compaction().nrMovesKept()) == 0; i++)
            AppFixture.fx(() -> { w.animator.step(); return null; });
        assertThat(AppFixture.fx(() -> w.shown.compaction().running())).isTrue();
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
}
