package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * The legend lists "in use (imported)" only while the machine shown was imported from /proc, and the pageblock
 * strip's migrate types only while the strip shows (migrate types on).
 */
class LegendFxTest extends AppFxTest {
    private static final Path CAPTURE = Path.of("src/test/resources/kmemviz/procfs/prometheus-procfs").toAbsolutePath();

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
