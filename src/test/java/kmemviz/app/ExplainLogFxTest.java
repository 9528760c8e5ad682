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
import org.testfx.util.WaitForAsyncUtils;

/**
 * File &gt; Explain kernel log…: the dialog takes a pasted report, the machine becomes the one it describes, the
 * request's story shows in the story panel, and undo brings the machine before back; a text with no report leaves
 * the machine as it was.
 */
class ExplainLogFxTest extends AppFxTest {
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

    private String explained(String file) throws Exception {
        String report = Files.readString(Path.of("src/test/resources/klog/" + file));
        AppFixture.fx(() -> { w.explainLog.explain(report, null); return null; });
        settle();
        assertThat(w.story.isVisible()).isTrue();
        return AppFixture.fx(() -> w.story.text());
    }

    private String shortfall(String zone) throws Exception {
        return AppFixture.fx(() -> ((Label) w.story.lookup("#explained-short-" + zone)).getText());
    }

    @Test
    void theOomReportsChecksShowAgainstItsOwnFiguresWithThePanicAndWhatWasSkipped() throws Exception {
        String shown = explained("arm64-5.4-oom-cma.txt");
        // The report's "free:529024kB" and "free_cma:523848kB" (line 28), "min:5396kB", lowmem_reserve 0: in pages.
        assertThat(shown).contains("oom: invoked oom-killer (line 1): order 0, mode 0x400dc0(GFP_KERNEL_ACCOUNT|__GFP_ZERO), kernel 5.4.74")
                .contains("529024 kB = " + 529024 / 4).contains("− " + 523848 / 4)
                .contains("min " + 5396 / 4 + " + 0 = " + 5396 / 4);
        long shortPages = 5396 / 4 - (529024 - 523848) / 4 + 1;          // usable > min + reserve passes: one more than the sum
        assertThat(shortPages).isEqualTo(56);
        assertThat(shortfall("DMA32")).isEqualTo(shortPages + " (" + shortPages * 4 + " kB)");
        // free_pcp:2600kB on the per-CPU lists, and what the kernel printed it did (line 49) and chose from (line 45).
        assertThat(shown).contains("DMA32: free_pcp 2600 kB (650 pages)")
                .contains("Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled")
                .contains("Tasks state (line 45): ash, oom")
                .contains("line 28: zone DMA32: free_pcp 2600kB")
                .contains("Skipped or chosen: the report does not say (");
        assertThat(shown.split("Failed because", -1)).as("the failed conditions said once, above the steps").hasSize(2);
        AppFixture.hidePopups((Stage) w.root.getScene().getWindow());
    }

    @Test
    void thePpc32ReportsDmaShortfallAndKswapdsPfMemallocShow() throws Exception {
        String shown = explained("ppc32-6.9-kswapd0-gfp-kernel.txt");
        // "DMA free:56kB boost:7756kB min:11208kB" (line 35); GFP_KERNEL's highest zone is Normal, whose reserve in DMA is 0.
        long shortPages = 11208 / 4 + 0 - 56 / 4 + 1;
        assertThat(shortPages).isEqualTo(2789);
        assertThat(shortfall("DMA")).isEqualTo(shortPages + " (" + shortPages * 4 + " kB)");
        assertThat(shown).contains("56 kB = 14").contains("min " + 11208 / 4 + " (boost " + 7756 / 4 + ") + 0 = " + 11208 / 4).contains("kswapd0 runs with PF_MEMALLOC")
                .contains("line 43: zone HighMem").doesNotContain("Tasks state");
        AppFixture.hidePopups((Stage) w.root.getScene().getWindow());
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
