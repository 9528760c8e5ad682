package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import kmemviz.core.klog.ReportMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File &gt; Explain kernel log…: the dialog takes a pasted report, the machine becomes the one it describes, the
 * request's story shows in the story panel, and undo brings the machine before back; a text with no report leaves
 * the machine as it was.
 */
@ExtendWith(ApplicationExtension.class)
class ExplainLogFxTest {
    private Wiring w;

    @Start
    void start(Stage stage) { w = AppFixture.start(stage); }

    private void settle() {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aPastedReportBecomesTheMachineAndItsStoryShowsAndUndoTakesItBack() throws Exception {
        MenuBar bar = (MenuBar) w.root.lookup("#menu-bar");
        MenuItem item = bar.getMenus().get(0).getItems().stream().filter(i -> "Explain kernel log…".equals(i.getText())).findFirst().orElseThrow();
        assertThat(item.getAccelerator()).isEqualTo(KeyCombination.keyCombination("Shortcut+Shift+X"));
        // A whole published OOM report (sources in src/test/resources/klog/README.md).
        String report = Files.readString(Path.of("src/test/resources/klog/arm64-5.4-oom-cma.txt"));

        Dialog<String> d = AppFixture.fx(() -> w.explainLog.dialog());
        TextArea text = (TextArea) d.getDialogPane().lookup("#explain-log-text");
        ButtonType explain = d.getDialogPane().getButtonTypes().stream().filter(b -> b.getText().equals("Explain")).findFirst().orElseThrow();
        Button run = (Button) d.getDialogPane().lookupButton(explain);
        assertThat(run.isDisabled()).isTrue();
        AppFixture.fx(() -> { text.setText(report); return null; });
        assertThat(run.isDisabled()).isFalse();
        assertThat(AppFixture.fx(() -> d.getResultConverter().call(explain))).isEqualTo(report);

        String before = w.kernel.profile().name();
        int history = w.kernel.history().size();
        AppFixture.fx(() -> { w.explainLog.explain(report, null); return null; });
        settle();
        assertThat(w.kernel.profile().name()).isEqualTo(ReportMachine.PROFILE_NAME);
        assertThat(w.kernel.history()).hasSize(history + 2);
        assertThat(w.kernel.history().get(history).text()).startsWith("machine from-log ");
        assertThat(w.kernel.history().get(history + 1).text())
                .isEqualTo("alloc_pages(GFP_KERNEL_ACCOUNT|__GFP_ZERO, 0)  # oom");
        assertThat(w.story.isVisible()).isTrue();
        Label failure = (Label) w.story.lookup("#story-panel-failure");
        // "free:529024kB" less "free_cma:523848kB" against "min:5396kB", in pages.
        assertThat(failure.getText()).contains("DMA32: free " + (529024 - 523848) / 4 + " ≤ min " + 5396 / 4 + " + lowmem_reserve 0");

        for (int i = 0; i < 2; i++) {
            AppFixture.fx(() -> { w.history.undoAction().handle(new javafx.event.ActionEvent()); return null; });
            settle();
        }
        assertThat(w.kernel.profile().name()).isEqualTo(before);
    }

    @Test
    void aTextWithNoReportLeavesTheMachineAsItWas() throws Exception {
        String before = w.kernel.profile().name();
        int history = w.kernel.history().size();
        AppFixture.fx(() -> { w.explainLog.explain("[    0.000000] Linux version 6.12.0\n", null); return null; });
        settle();
        assertThat(w.kernel.profile().name()).isEqualTo(before);
        assertThat(w.kernel.history()).hasSize(history);
        AppFixture.hidePopups((Stage) w.root.getScene().getWindow());
    }
}
