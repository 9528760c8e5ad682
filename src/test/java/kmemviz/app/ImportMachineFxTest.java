package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import kmemviz.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File > Import machine… and File > Replay trace…: a folder or a trace with nothing usable is an error dialog that
 * says what was missing, and the machine shown before stays as it was; a published capture boots, and its notes
 * (what the import left out) are shown once in a dialog.
 */
class ImportMachineFxTest extends AppFxTest {
    @TempDir Path dir;

    private static String procFiles(kmemviz.core.kernel.Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (Report r : Report.values()) if (r != Report.events && r != Report.replay) sb.append(r.render(k, List.of()));
        return sb.toString();
    }

    /** The text of the dialog now showing over the stage, header and content, or "" when none is. */
    private String dialogText() throws Exception {
        return fx(() -> Window.getWindows().stream().filter(x -> x != stage && x.isShowing())
                .map(x -> x.getScene().getRoot()).filter(DialogPane.class::isInstance).map(DialogPane.class::cast)
                .map(p -> p.getHeaderText() + "\n" + p.getContentText()
                        + (p.getContent() instanceof javafx.scene.control.TextArea t ? t.getText() : ""))
                .findFirst().orElse(""));
    }

    @Test
    void aFolderWithNothingUsableIsAClearErrorAndTheMachineStays() throws Exception {
        MenuBar bar = (MenuBar) w.root.lookup("#menu-bar");
        assertThat(bar.getMenus().get(0).getItems()).extracting(MenuItem::getText).contains("Import machine…", "Replay trace…");
        String before = fx(() -> procFiles(w.kernel));
        String profile = fx(() -> w.kernel.profile().name());
        Files.writeString(dir.resolve("buddyinfo"), "not a buddyinfo line\n");

        fx(() -> { w.imports.importFrom(dir.toString()); return null; });
        AppFixture.idle(w);
        assertThat(dialogText()).contains("The task stopped").contains("nothing usable in " + dir).contains("no zoneinfo");
        assertThat(w.status.getText()).contains("stopped").contains("no zoneinfo");
        assertThat(fx(() -> w.kernel.profile().name())).isEqualTo(profile);
        assertThat(fx(() -> procFiles(w.kernel))).isEqualTo(before);
    }

    @Test
    void aPublishedCaptureBootsAndItsNotesAreShown() throws Exception {
        Path capture = Path.of("src/test/resources/kmemviz/procfs/prometheus-procfs").toAbsolutePath();
        fx(() -> { w.imports.importFrom(capture.toString()); return null; });
        AppFixture.idle(w);
        assertThat(fx(() -> w.kernel.profile().name())).isEqualTo("from-proc");
        assertThat(dialogText()).contains("Imported from " + capture).contains("meminfo:");
    }

    @Test
    void anEmptyTraceIsAClearErrorAndTheMachineStays() throws Exception {
        String before = fx(() -> procFiles(w.kernel));
        Path trace = Files.writeString(dir.resolve("empty.trace"), "");
        fx(() -> { w.files.replay(trace); return null; });
        AppFixture.idle(w);
        assertThat(dialogText()).contains("The task stopped").contains("empty.trace is empty: no trace lines to replay");
        assertThat(fx(() -> w.lesson.controller.replayProperty().get())).isFalse();
        assertThat(fx(() -> procFiles(w.kernel))).isEqualTo(before);
    }
}
