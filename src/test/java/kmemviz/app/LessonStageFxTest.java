package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Button;
import kmemviz.ui.view.lesson.ScriptPane;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson stage at a projector's 1280x720: the script gives the map its width, and comes back at a click. */
class LessonStageFxTest extends AppFxTest {
    @Override
    void started() {
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

    /**
     * At the smallest size the window supports, a lesson open: the window keeps its width (it was 1174 px wide with
     * the buddy panel and the status bar cut at 1024), and the map keeps cells a room can read.
     */
    @Test
    void at1024x700ALessonOpenFitsTheWindowAndTheMapKeepsCellsOfEightPixels() throws Exception {
        fx(() -> { stage.setWidth(1024); stage.setHeight(700); return null; });
        var lesson = kmemviz.core.lesson.LessonCatalogue.builtIn().byId("buddy-allocator").orElseThrow();
        fx(() -> { w.lesson.open(lesson, 20); return null; });
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> !w.runner.busyProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        double minWidth = fx(() -> { w.root.applyCss(); w.root.layout(); return w.root.minWidth(-1); });
        assertThat(minWidth).as("the window's min width with a lesson open").isLessThanOrEqualTo(1024);
        assertThat(fx(() -> w.freeArea.localToScene(w.freeArea.getLayoutBounds()).getMaxX())).as("right edge of the buddy panel")
                .isLessThanOrEqualTo(1024);
        assertThat(fx(() -> w.status.localToScene(w.status.getLayoutBounds()).getMaxX())).as("right edge of the status bar")
                .isLessThanOrEqualTo(1024);
        assertThat(fx(() -> w.lesson.stage.script().collapsedProperty().get())).as("the script folded").isTrue();
        assertThat(fx(() -> w.map.geometry().cellPx())).as("map cells").isGreaterThanOrEqualTo(8);
    }

    /**
     * At 1600x1000 a lesson's map had the 15 px cells of 1280x720 beside a blank gutter: the side panel and the log
     * kept their shares of the larger window. They keep about their 1280x720 size, and the map grows.
     */
    @Test
    void at1600x1000ALessonsMapHasLargerCellsThanAt1280x720() throws Exception {
        var lesson = kmemviz.core.lesson.LessonCatalogue.builtIn().byId("buddy-allocator").orElseThrow();
        fx(() -> { w.lesson.open(lesson, 20); return null; });
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> !w.runner.busyProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        int at1280 = fx(() -> { w.root.applyCss(); w.root.layout(); return w.map.geometry().cellPx(); });
        fx(() -> { stage.setWidth(1600); stage.setHeight(1000); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        int at1600 = fx(() -> { w.root.applyCss(); w.root.layout(); return w.map.geometry().cellPx(); });
        assertThat(fx(() -> w.root.getWidth())).as("window width").isEqualTo(1600);
        // 15 px at both sizes before; the 1024 frames' 40-frame rows need 720x360 px for 18 px cells
        assertThat(at1600).as("cells at 1600x1000 against %d px at 1280x720", at1280).isGreaterThan(at1280).isGreaterThanOrEqualTo(18);
        assertThat(fx(() -> w.freeArea.localToScene(w.freeArea.getLayoutBounds()).getWidth())).as("buddy panel width")
                .isGreaterThanOrEqualTo(300);
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
        assertThat(fx(() -> w.log.getScene())).as("still away at 1280x720 with the lesson open").isNull();
        fx(() -> { stage.setHeight(900); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.log.getScene())).as("back in a window 900 px high").isNotNull();
    }

    @Test
    void aLessonsZoomOnAFewFramesFillsTheWidthOfTheMapInPresentationMode() throws Exception {
        fx(() -> { w.themes.presentationProperty().set(true); return null; });
        // the 20 frames around a task stack, as lesson 01's zoom t asks: 64 px cells filled 512 of the pane's 720 px
        fx(() -> { w.lesson.controller.open("f.kmv", "zoom pfn 0x118-0x12b\nnote \"a few frames\"\n"); return null; });
        fx(() -> { w.lesson.controller.jumpTo(2); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        var g = fx(() -> { w.root.applyCss(); w.root.layout(); return w.map.geometry(); });
        assertThat(g.cellPx()).as("cells larger than the deepest zoom level's 64 px").isGreaterThan(64);
        assertThat((double) g.mapWidthPx()).as("cells of %d columns in a map of %d px", g.cols(), g.widthPx())
                .isGreaterThanOrEqualTo(0.9 * g.widthPx());
        double mapTop = fx(() -> w.map.localToScene(0, 0).getY());
        double captionTop = fx(() -> w.lesson.stage.caption().localToScene(0, 0).getY());
        assertThat(mapTop + g.cellY(0x12a) + g.cellPx()).as("foot of the range").isLessThanOrEqualTo(captionTop);
        fx(() -> { w.map.zoomIn(); return null; });
        assertThat(fx(() -> w.map.geometry().cellPx())).as("zooming in does not shrink the cells").isGreaterThanOrEqualTo(g.cellPx());
    }

    @Test
    void aNoteAboutAnAllocationStandsBelowItInTheBandUnderTheZoomedRangeNotOverTheRange() throws Exception {
        fx(() -> { w.themes.presentationProperty().set(true); return null; });
        String script = "zoom pfn 0x100-0x17f\np = alloc_pages(GFP_KERNEL, 3)\n"
                + "note p \"p is eight frames; the rows under it are the zone the lesson talks about, and stay in view.\"\n";
        fx(() -> { w.lesson.controller.open("n.kmv", script); return null; });
        fx(() -> { w.lesson.controller.jumpTo(3); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        var g = fx(() -> { w.root.applyCss(); w.root.layout(); return w.map.geometry(); });
        int pfn = w.kernel.variables().get("p").pfn();
        double mapTop = fx(() -> w.map.localToScene(0, 0).getY());
        javafx.geometry.Bounds caption = fx(() -> w.lesson.stage.caption().localToScene(w.lesson.stage.caption().getLayoutBounds()));
        assertThat(caption.getMinY()).as("caption top, below p's frames").isGreaterThanOrEqualTo(mapTop + g.cellY(pfn) + g.cellPx());
        assertThat(caption.getMinY()).as("caption top, below the zoomed range").isGreaterThanOrEqualTo(mapTop + g.cellY(0x17f) + g.cellPx());
        assertThat(caption.getHeight()).as("two lines of 26 px text at most").isLessThan(3 * 26 + 34);
    }

    @Test
    void onATabOtherThanTheMapTheCaptionStandsUnderTheTabNotOverIt() throws Exception {
        fx(() -> { w.themes.presentationProperty().set(true); return null; });
        fx(() -> { w.lesson.controller.open("t.kmv", "note \"The per-CPU lists of zone Normal, CPU by CPU: the second CPU is at the foot.\"\n"); return null; });
        fx(() -> { w.lesson.controller.jumpTo(1); return null; });
        var tabs = (javafx.scene.control.TabPane) w.root.lookup("#views");
        fx(() -> { tabs.getSelectionModel().select(1); w.root.applyCss(); w.root.layout(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.geometry.Bounds tab = fx(() -> tabs.localToScene(tabs.getLayoutBounds()));
        javafx.geometry.Bounds caption = fx(() -> w.lesson.stage.caption().localToScene(w.lesson.stage.caption().getLayoutBounds()));
        assertThat(fx(() -> w.lesson.stage.caption().isVisible())).isTrue();
        assertThat(tab.getMaxY()).as("foot of the %s tab", fx(() -> tabs.getSelectionModel().getSelectedItem().getText()))
                .isLessThanOrEqualTo(caption.getMinY());
        fx(() -> { tabs.getSelectionModel().select(0); w.root.applyCss(); w.root.layout(); return null; });
        double mapTabFoot = fx(() -> tabs.localToScene(tabs.getLayoutBounds()).getMaxY());
        assertThat(mapTabFoot).as("the map's tab keeps the stage's height").isGreaterThan(caption.getMaxY());
    }

    @Test
    void theReplaySpeedReadsInFullInPresentationMode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("t.trace"), kmemviz.core.kernel.GeneratedTraces.classroom(60, 3));
        fx(() -> { w.themes.presentationProperty().set(true); w.files.replay(file); return null; });
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.lesson.controller.replayProperty().get())).as("the trace is open in the player").isTrue();
        @SuppressWarnings("unchecked") var speed = (javafx.scene.control.ComboBox<Integer>) w.root.lookup("#replay-speed");
        String shown = fx(() -> {
            speed.setValue(5);
            w.root.applyCss();
            w.root.layout();
            var cell = (javafx.scene.control.ListCell<?>) ((javafx.scene.control.skin.ComboBoxListViewSkin<?>) speed.getSkin()).getDisplayNode();
            return ((javafx.scene.text.Text) cell.lookup(".text")).getText();      // as drawn: "5 ste…" when squeezed
        });
        assertThat(shown).isEqualTo("5 steps/s");
        fx(() -> { w.lesson.controller.cancelReplayAction().handle(null); return null; });
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
    }
}
