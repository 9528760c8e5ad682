package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Button;
import javafx.stage.Stage;
import kmemviz.ui.view.lesson.ScriptPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson stage at a projector's 1280x720: the script gives the map its width, and comes back at a click. */
@ExtendWith(ApplicationExtension.class)
class LessonStageFxTest {
    private Wiring w;

    private Stage stage;

    @Start
    void start(Stage stage) {
        w = AppFixture.start(stage);
        this.stage = stage;
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    /** Presentation mode is a saved preference and TestFX reuses the stage: leave both as found for later tests. */
    @org.junit.jupiter.api.AfterEach
    void restore() throws Exception {
        fx(() -> {
            w.themes.presentationProperty().set(false);
            stage.sizeToScene();
            return null;
        });
        AppFixture.hidePopups(stage);     // a tooltip of the fold button would stay over the stage the next class clicks on
    }

    private double scriptWidth() throws Exception {
        return fx(() -> { w.root.applyCss(); w.root.layout(); return w.lesson.stage.script().getWidth(); });
    }

    @Test
    void inPresentationModeTheScriptFoldsToAStripAndItsButtonOpensItAgain(FxRobot robot) throws Exception {
        fx(() -> { w.lesson.controller.open("s.kmv", "note \"hello\"\nalloc_pages(GFP_KERNEL, 0)\n"); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        double open = scriptWidth();
        fx(() -> { w.themes.presentationProperty().set(true); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        ScriptPane script = w.lesson.stage.script();
        double folded = scriptWidth();
        assertThat(script.collapsedProperty().get()).isTrue();
        assertThat(folded).as("folded width").isLessThan(open / 4).isPositive();
        assertThat(robot.lookup("#script-lines").tryQuery()).isEmpty();

        robot.clickOn(robot.lookup("#script-fold").queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(script.collapsedProperty().get()).isFalse();
        assertThat(scriptWidth()).isGreaterThanOrEqualTo(220);
        assertThat(robot.lookup("#script-lines").tryQuery()).isPresent();
    }

    @Test
    void aZoneZoomFillsTheMapAboveTheCaptionAndTheLogGivesItsHeightInPresentationMode() throws Exception {
        fx(() -> { w.themes.presentationProperty().set(true); return null; });
        fx(() -> { w.lesson.controller.open("z.kmv", "zoom zone Normal\nnote \"Normal\"\nalloc_pages(GFP_KERNEL, 0)\n"); return null; });
        fx(() -> { w.lesson.controller.jumpTo(2); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        var g = fx(() -> { w.root.applyCss(); w.root.layout(); return w.map.geometry(); });
        assertThat(fx(() -> w.log.getScene())).as("the log left the stage").isNull();
        // Normal is pfn 0x100-0x3ff of the classroom machine: its first and last frames on screen, above the caption
        double mapTop = fx(() -> w.map.localToScene(0, 0).getY());
        double captionTop = fx(() -> w.lesson.stage.caption().localToScene(0, 0).getY());
        assertThat(g.cellY(0x100)).isNotNegative();
        assertThat(mapTop + g.cellY(0x3ff) + g.cellPx()).as("foot of the last Normal frame").isLessThanOrEqualTo(captionTop);
        assertThat(g.cellPx()).as("cells, 12 px with a power-of-two row").isGreaterThanOrEqualTo(15);
        fx(() -> { w.themes.presentationProperty().set(false); return null; });
        assertThat(fx(() -> w.log.getScene())).as("back with presentation mode off").isNotNull();
    }
}
