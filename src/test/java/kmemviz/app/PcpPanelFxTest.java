package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import javafx.scene.control.TabPane;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.ui.export.ExportView;
import kmemviz.ui.view.DrawList;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Per-CPU lists tab in the window: it says what pcp=off means on the classroom machine, shows the lists of
 * x86_64-16g once a command has used them, follows the CPU a command runs on, and Ctrl+E exports it.
 */
class PcpPanelFxTest extends AppFxTest {
    private <T> T fx(Callable<T> c) throws Exception { return AppFixture.fx(c); }

    private void run(String line) throws Exception {
        fx(() -> { w.runner.execute(new ScriptParser("t.kmv").parse(line).get(0).command()); return null; });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String texts() throws Exception {
        return fx(() -> {
            DrawList d = w.pcp.drawList();
            StringBuilder b = new StringBuilder();
            // lines joined with a space: a caption wraps at spaces, as wide as the window makes it
            for (int i = 0; i < d.size(); i++) if (d.op(i) == DrawList.TEXT) b.append(d.text(i)).append(' ');
            return b.toString();
        });
    }

    @Test
    void thePanelAppearsSaysWhatPcpOffMeansAndFollowsTheListsCommandByCommand(FxRobot robot) throws Exception {
        fx(() -> { ((TabPane) w.root.lookup("#views")).getSelectionModel().select(w.pcpTab); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#pcp-view").tryQuery()).isPresent();
        assertThat(fx(() -> w.pcp.getWidth() > 0 && w.pcp.getHeight() > 0)).isTrue();
        assertThat(texts()).contains("Per-CPU lists are off on this machine (pcp=off).");

        run("machine x86_64-16g");
        assertThat(texts()).doesNotContain("pcp=off").contains("cpus 1, 2, 3: lists not used yet")
                .matches(t -> t.startsWith("Zone Normal") || t.startsWith("Normal:"), "begins with a title naming zone Normal (its wording fits the width)");
        run("a = alloc_pages(GFP_KERNEL, 0)");
        int count0 = fx(() -> w.kernel.memory().zones().stream().filter(z -> z.name().equals("Normal")).findFirst().orElseThrow().pcpCount(0));
        assertThat(count0).as("the refill's batch, less the page handed out").isGreaterThan(1);
        assertThat(texts()).contains("cpu: 0  count: " + count0).contains("rmqueue_bulk(): ").contains("from the buddy lists onto U o0");

        run("cpu 1");
        run("__free_pages(a, 0)");
        String after = texts();
        assertThat(after).contains("cpu: 1  count: 1").contains("free_unref_page(): 1 freed onto")
                .contains("cpus 2, 3: lists not used yet");
        assertThat(fx(() -> w.pcp.cpusShown())).containsExactly(0, 1);
    }

    @Test
    void ctrlEOnThePanelExportsThePerCpuLists(FxRobot robot) throws Exception {
        fx(() -> { ((TabPane) w.root.lookup("#views")).getSelectionModel().select(w.pcpTab); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.E)
                .release(javafx.scene.input.KeyCode.E, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ChoiceBox<?> view = robot.lookup("#export-view").queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(view.getValue()).isEqualTo(ExportView.PCP);
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
