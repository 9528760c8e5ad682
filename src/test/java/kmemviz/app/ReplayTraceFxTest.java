package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import kmemviz.core.cmd.Replay;
import kmemviz.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Replay trace…: the trace runs as a background job, the status line gives the summary, one undo takes it back. */
@ExtendWith(ApplicationExtension.class)
class ReplayTraceFxTest {
    @TempDir Path dir;
    private Wiring w;

    @Start
    void start(Stage stage) { w = AppFixture.start(stage); }

    @Test
    void aReplayIsOneUndoableStepAndTheStatusLineSaysWhatItApplied() throws Exception {
        StringBuilder trace = new StringBuilder("# tracer: nop\n");
        for (int pfn = 0x300; pfn < 0x3c0; pfn += 2)
            trace.append("            bash-1234    [000] d..1.   1.000000: mm_page_alloc: page=0000000000000001 pfn=0x")
                    .append(Integer.toHexString(pfn)).append(" order=1 migratetype=1 gfp_flags=GFP_KERNEL\n");
        Path file = Files.writeString(dir.resolve("boot.trace"), trace);
        String before = Report.buddyinfo.render(w.kernel, List.of());
        MenuBar bar = (MenuBar) w.root.lookup("#menu-bar");
        assertThat(bar.getMenus().get(0).getItems()).extracting(MenuItem::getText).contains("Replay trace…");

        AppFixture.fx(() -> { w.files.replay(file); return null; });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(w.kernel.undoable()).isEqualTo(new Replay(file.toAbsolutePath()));
        assertThat(w.status.getText()).isEqualTo("replay boot.trace: 96 kmem events, 96 applied, 0 problems");
        assertThat(Report.buddyinfo.render(w.kernel, List.of())).isNotEqualTo(before);
        AppFixture.fx(() -> { w.history.undoAction().handle(new javafx.event.ActionEvent()); return null; });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Report.buddyinfo.render(w.kernel, List.of())).isEqualTo(before);
    }
}
