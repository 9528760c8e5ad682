package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.mm.Gfp;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The kernel's reports show in one panel over the views, in the kernel's monospace layout. */
class ReportPanelFxTest extends AppFxTest {
    @Override
    void started() {
        w.bridge.setReportPanel(w.reports);
    }

    /** Presentation mode is a saved preference and TestFX reuses the stage: leave both as found for later tests. */
    @org.junit.jupiter.api.AfterEach
    void restore() throws Exception {
        AppFixture.fx(() -> {
            w.themes.presentationProperty().set(false);
            stage.sizeToScene();
            return null;
        });
    }

    @Test
    void aSecondFailureReplacesTheFirstInOnePanelInMonospace(FxRobot robot) throws Exception {
        for (int i = 0; i < 3; i++)
            AppFixture.fx(() -> w.kernel.execute(new AllocPages("big", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 10, "")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#kernel-report").queryAll()).hasSize(1);
        assertThat(w.reports.isVisible()).isTrue();
        Label text = robot.lookup("#kernel-report-text").queryAs(Label.class);
        assertThat(text.getText()).isNotBlank();
        assertThat(text.getFont().getFamily().toLowerCase()).contains("mono");
        robot.clickOn("#kernel-report-close");
        assertThat(w.reports.isVisible()).isFalse();
    }

    /** At 1280x720 in presentation mode the panel's 760 px cut the table from rss_shmem on, the task names too. */
    @Test
    void theWidestRowOfAnOomTasksStateTableFitsAProjectorStage(FxRobot robot) throws Exception {
        AppFixture.fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
            w.themes.presentationProperty().set(true);
            kmemviz.core.cmd.ScriptParser p = new kmemviz.core.cmd.ScriptParser("oom.kmv");
            String[] script = {"machine custom 8MiB pcp=off migratetypes=off", "a = user_process(\"firefox\", 3MiB)",
                    "b = user_process(\"postgres\", 2MiB)", "c = user_process(\"make\", 2MiB)",
                    "d = user_process(\"stress-ng-vm\", 3MiB)"};
            for (int i = 0; i < script.length; i++) w.kernel.execute(p.parseLine(script[i], i + 1));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Label text = robot.lookup("#kernel-report-text").queryAs(Label.class);
        assertThat(text.getText()).contains("rss_shmem").contains("stress-ng-vm");
        double row = AppFixture.fx(() -> kmemviz.ui.view.KernelReportPanel.widestRowPx(text.getText(), text.getFont()));
        assertThat(row).as("widest row of Tasks state, px").isLessThanOrEqualTo(text.getWidth());
        assertThat(text.getFont().getSize()).isGreaterThanOrEqualTo(12);
        assertThat(w.reports.getBoundsInParent().getMinX()).isGreaterThanOrEqualTo(0);
        assertThat(w.reports.getBoundsInParent().getMaxX()).isLessThanOrEqualTo(w.reports.getParent().getLayoutBounds().getWidth());
    }
}
