package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.mm.Gfp;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Presentation mode at a projector's 1280x720: the stage is the point. */
class PresentationFxTest extends AppFxTest {
    @Override
    void started() {
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    @Test
    void presentationModeCollapsesTheToolbarToOneRowAndGivesTheMapLargerCells(FxRobot robot) throws Exception {
        int before = AppFixture.fx(() -> { w.root.layout(); return w.map.geometry().cellPx(); });
        AppFixture.fx(() -> { w.themes.presentationProperty().set(true); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        FlowPane bar = robot.lookup("#main-toolbar").queryAs(FlowPane.class);
        long rows = AppFixture.fx(() -> {
            w.root.applyCss();
            w.root.layout();
            return bar.getChildren().stream().filter(Node::isManaged).mapToDouble(Node::getLayoutY).distinct().count();
        });
        assertThat(rows).as("toolbar rows").isEqualTo(1);
        assertThat(robot.lookup("#allocate").query().isVisible()).isTrue();
        assertThat(robot.lookup("#zoom-in").query().getParent().getParent().isVisible()).as("zoom has keys and menu items").isFalse();
        int after = AppFixture.fx(() -> w.map.geometry().cellPx());
        assertThat(after).as("cells at 1280x720, %d px before presentation", before).isGreaterThanOrEqualTo(14);
        assertThat(AppFixture.fx(() -> w.log.getHeight())).as("the log keeps several lines").isGreaterThanOrEqualTo(140);
    }

    @Test
    void theStatusBarsFactsStayWholeWhenTheStatusLineIsLong(FxRobot robot) throws Exception {
        AppFixture.fx(() -> {
            w.themes.presentationProperty().set(true);
            w.bridge.statusProperty().set("A status line much longer than a projector's width can hold: ".repeat(4));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<String> cut = AppFixture.fx(() -> {
            w.root.applyCss();
            w.root.layout();
            return w.status.getRightItems().stream().filter(n -> n instanceof Label).map(n -> (Label) n)
                    .filter(l -> !l.getText().isEmpty() && l.getWidth() + 0.5 < l.prefWidth(-1))
                    .map(Label::getText).toList();
        });
        assertThat(cut).as("right-hand status items narrower than their text").isEmpty();
        assertThat(AppFixture.fx(() -> w.status.getRightItems().stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).filter(t -> t.contains("px")).count())).isEqualTo(1);
    }

    @Test
    void ctrlYRedoesAndTheViewMenuNamesKeysAsPrinted(FxRobot robot) throws Exception {
        AppFixture.fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));
        AppFixture.fx(() -> { w.history.undoAction().handle(new javafx.event.ActionEvent()); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        int before = AppFixture.fx(() -> w.kernel.history().size());
        robot.clickOn("#frame-map");
        robot.press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.Y)
                .release(javafx.scene.input.KeyCode.Y).release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AppFixture.fx(() -> w.kernel.history().size())).isEqualTo(before + 1);
        assertThat(w.view.fitAction().getAccelerator().getDisplayText()).isEqualTo("Ctrl+0");
        assertThat(w.playback.fasterAction().getAccelerator().getDisplayText()).isEqualTo("Ctrl+]");
    }

    @Test
    void undoKeepsTheZoomAndTheStatusBarSaysWhatWasUndone() throws Exception {
        AppFixture.fx(() -> { w.map.zoomIn(); w.map.zoomIn(); return null; });
        int level = AppFixture.fx(() -> w.map.geometry().level());
        AppFixture.fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));
        AppFixture.fx(() -> { w.history.undo(); w.root.layout(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AppFixture.fx(() -> w.map.geometry().level())).isEqualTo(level);
        assertThat(AppFixture.fx(() -> w.status.getText())).isEqualTo("Undone: p = alloc_pages(GFP_KERNEL, 3)");
    }

    @Test
    void quitAsksOnlyWhenCommandsAreNotSavedAndAScriptCountsAsSaved() throws Exception {
        assertThat(AppFixture.fx(() -> w.files.unsavedCommands())).isZero();
        AppFixture.fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));
        assertThat(AppFixture.fx(() -> w.files.unsavedCommands())).isEqualTo(1);
        AppFixture.fx(() -> { w.files.runScript("s.kmv", "q = alloc_pages(GFP_KERNEL, 1)\n"); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AppFixture.fx(() -> w.files.unsavedCommands())).isZero();
    }

    @Test
    void aDisabledButtonStillSaysWhyThroughItsHolder(FxRobot robot) throws Exception {
        javafx.scene.Node free = robot.lookup("#free").query();
        assertThat(free.isDisabled()).isTrue();
        robot.moveTo(free);                 // the holder builds its tooltip on the first hover
        Object tip = free.getParent().getProperties().get("javafx.scene.control.Tooltip");
        assertThat(tip).isInstanceOf(javafx.scene.control.Tooltip.class);
        assertThat(((javafx.scene.control.Tooltip) tip).getText()).startsWith("Free: select an allocation");
        AppFixture.fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));
        AppFixture.fx(() -> { w.selection.select(w.kernel.variables().get("p").pfn(), w.kernel.variables().get("p").allocId()); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(free.isDisabled()).isFalse();
        assertThat(free.getParent().getProperties().get("javafx.scene.control.Tooltip")).as("the button's own tooltip serves").isNull();
    }

    @Test
    void theBuddyPanelFollowsTheZoneThatChanged() throws Exception {
        AppFixture.fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));
        WaitForAsyncUtils.waitForFxEvents();
        Node pane = AppFixture.fx(() -> w.freeArea.changedZoneProperty().get());
        assertThat(pane).isNotNull();
        Label title = (Label) ((VBox) pane).getChildren().get(0);
        assertThat(title.getText()).startsWith("Zone Normal");
    }
}
