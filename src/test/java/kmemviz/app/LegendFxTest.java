package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The legend lists "in use (imported)" only while the machine shown was imported from /proc, and the pageblock
 * strip's migrate types only while the strip shows (migrate types on).
 */
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

    private java.util.List<String> shownTexts() throws Exception {
        return AppFixture.fx(() -> w.legend.getChildren().stream().filter(Label.class::isInstance).map(Label.class::cast)
                .filter(javafx.scene.Node::isVisible).map(Label::getText).toList());
    }

    @Test
    void theStripsMigrateTypesAreListedAsPageblocksOnlyWhileTheStripShows() throws Exception {
        assertThat(shownTexts()).as("classroom, the textbook allocator").noneMatch(t -> t.endsWith(" pageblock"));
        AppFixture.fx(() -> {
            w.runner.execute(new kmemviz.core.cmd.ScriptParser("t").parseLine("machine classroom pcp=on migratetypes=on", 1));
            w.runner.execute(new kmemviz.core.cmd.ScriptParser("t").parseLine("k = alloc_pages(GFP_KERNEL, 0)", 1));
            return null;
        });
        AppFixture.idle(w);
        assertThat(shownTexts()).as("after an unmovable page claimed a pageblock")
                .contains("Movable pageblock", "Unmovable pageblock", "user process", "on a per-CPU list").doesNotContain("Reclaimable pageblock");
        AppFixture.fx(() -> { w.map.colourByMigrateTypeProperty().set(true); return null; });
        assertThat(shownTexts()).as("coloured by type, per-CPU pages show their list's type")
                .contains("on a per-CPU list: its type, mixed with this");
        AppFixture.fx(() -> { w.map.colourByMigrateTypeProperty().set(false); return null; });
        AppFixture.fx(() -> { w.files.boot("classroom"); return null; });
        AppFixture.idle(w);
        assertThat(shownTexts()).noneMatch(t -> t.endsWith(" pageblock"));
    }

    @Test
    void importedMemoryIsListedOnlyForAnImportedMachine() throws Exception {
        assertThat(importedListed()).as("classroom at start").isFalse();

        AppFixture.fx(() -> { w.imports.importFrom(CAPTURE.toString()); return null; });
        AppFixture.idle(w);
        assertThat(w.kernel.profile().name()).isEqualTo("from-proc");
        assertThat(importedListed()).as("after machine from-proc").isTrue();

        AppFixture.fx(() -> { w.files.boot("classroom"); return null; });
        AppFixture.idle(w);
        assertThat(importedListed()).as("after machine classroom").isFalse();
    }
}
