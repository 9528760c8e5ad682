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
}
