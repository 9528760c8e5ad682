package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The legend lists "in use (imported)" only while the machine shown was imported from /proc. */
@ExtendWith(ApplicationExtension.class)
class LegendFxTest {
    private static final Path CAPTURE = Path.of("src/test/resources/kmemviz/procfs/prometheus-procfs").toAbsolutePath();
    private Wiring w;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        w = AppFixture.start(stage);
    }

    @AfterEach
    void restore() throws Exception {
        AppFixture.hidePopups(stage);     // the import's notes
    }

    private boolean importedListed() throws Exception {
        return AppFixture.fx(() -> w.legend.getChildren().stream().filter(Label.class::isInstance).map(Label.class::cast)
                .filter(l -> l.getText().equals("in use (imported)")).findFirst().orElseThrow().isVisible());
    }

    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void importedMemoryIsListedOnlyForAnImportedMachine() throws Exception {
        assertThat(importedListed()).as("classroom at start").isFalse();

        AppFixture.fx(() -> { w.imports.importFrom(CAPTURE.toString()); return null; });
        waitUntilIdle();
        assertThat(w.kernel.profile().name()).isEqualTo("from-proc");
        assertThat(importedListed()).as("after machine from-proc").isTrue();

        AppFixture.fx(() -> { w.files.boot("classroom"); return null; });
        waitUntilIdle();
        assertThat(importedListed()).as("after machine classroom").isFalse();
    }
}
