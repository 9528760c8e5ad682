package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import kmemviz.ui.control.ApiChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the first frame leaves out (hidden inputs, tooltips) is there as soon as it is shown or hovered. */
class StartupSceneFxTest extends AppFxTest {
    private ApiChoice startCall;

    @Override
    void started() {
        startCall = w.alloc.api().getValue();
    }

    @AfterEach
    void chooseTheStartCallAgain() throws Exception {
        AppFixture.fx(() -> { w.alloc.api().setValue(startCall); return null; });
    }

    @Test
    void aSlabInputJoinsTheToolbarInItsPlaceWhenItsCallIsChosen(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#count").tryQuery()).as("hidden at start, so not in the scene").isEmpty();
        ApiChoice kcalloc = w.alloc.api().getItems().stream().filter(c -> c.function().equals("kcalloc")).findFirst().orElseThrow();
        AppFixture.fx(() -> { w.alloc.api().setValue(kcalloc); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        Node count = robot.lookup("#count").query();
        assertThat(count.isVisible()).isTrue();
        var row = count.getParent().getChildrenUnmodifiable();
        assertThat(row.indexOf(count)).as("right after the order").isEqualTo(row.indexOf(w.alloc.order()) + 1);
        assertThat(row.indexOf(w.alloc.size())).as("before the size").isEqualTo(row.indexOf(count) + 1);
    }

    @Test
    void aFreeAreaOrderGetsItsTooltipOnTheFirstHover(FxRobot robot) {
        Label order3 = robot.lookup(".order-label").match((Label l) -> l.getText().equals("3")).query();
        assertThat(order3.getProperties().get("javafx.scene.control.Tooltip")).as("none before a hover").isNull();
        robot.moveTo(order3);
        WaitForAsyncUtils.waitForFxEvents();
        Object tip = order3.getProperties().get("javafx.scene.control.Tooltip");
        assertThat(tip).isInstanceOf(Tooltip.class);
        assertThat(((Tooltip) tip).getText()).isEqualTo("free_area[3]: free blocks of 2^3 = 8 pages (32 KiB)");
    }

    @Test
    void aToolbarControlGetsItsOwnTooltipOnTheFirstHoverAndADisabledButtonsHolderItsWhy(FxRobot robot) throws Exception {
        assertThat(w.alloc.order().getTooltip()).as("none before a hover").isNull();
        robot.moveTo(w.alloc.order());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.alloc.order().getTooltip()).isNotNull();
        assertThat(w.alloc.order().getTooltip().getText()).startsWith("Order 0..10: 2^order contiguous pages.");
        Node redo = robot.lookup("#redo").query();
        assertThat(redo.isDisabled()).as("nothing to redo at start").isTrue();
        assertThat(redo.getParent().getProperties().get("javafx.scene.control.Tooltip")).as("none before a hover").isNull();
        robot.moveTo(redo);
        WaitForAsyncUtils.waitForFxEvents();
        Object tip = redo.getParent().getProperties().get("javafx.scene.control.Tooltip");
        assertThat(tip).isInstanceOf(Tooltip.class);
        assertThat(((Tooltip) tip).getText()).isEqualTo(AppFixture.fx(() -> w.history.redoAction().getLongText()));
    }

    @Test
    void theGfpMaskAndTheCallGetTheirTooltipsOnHoverWithTheTextOfThatMoment(FxRobot robot) throws Exception {
        Label mask = robot.lookup("#gfp-mask").queryAs(Label.class);
        assertThat(mask.getProperties().get("javafx.scene.control.Tooltip")).as("none before a hover").isNull();
        AppFixture.fx(() -> { w.gfp.bits().getCheckModel().check(kmemviz.core.mm.Gfp.byName("__GFP_ZERO").orElseThrow()); return null; });
        enter(mask);
        Object tip = mask.getProperties().get("javafx.scene.control.Tooltip");
        assertThat(tip).isInstanceOf(Tooltip.class);
        assertThat(((Tooltip) tip).getText()).startsWith("%pGg: GFP_KERNEL|__GFP_ZERO").contains("\n__GFP_ZERO: ");
        AppFixture.fx(() -> { w.gfp.bits().getCheckModel().clearCheck(kmemviz.core.mm.Gfp.byName("__GFP_ZERO").orElseThrow()); return null; });

        ApiChoice kcalloc = w.alloc.api().getItems().stream().filter(c -> c.function().equals("kcalloc")).findFirst().orElseThrow();
        AppFixture.fx(() -> { w.alloc.api().setValue(kcalloc); return null; });
        enter(w.alloc.api());
        Object callTip = w.alloc.api().getProperties().get("javafx.scene.control.Tooltip");
        assertThat(callTip).isInstanceOf(Tooltip.class);
        assertThat(((Tooltip) callTip).getText()).isEqualTo(kcalloc.help());
    }

    /** The pointer entering {@code node}, as the window delivers it (the toolbar's layout moves with the mask's text). */
    private static void enter(Node node) throws Exception {
        AppFixture.fx(() -> {
            node.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_ENTERED, 1, 1, 1, 1,
                    javafx.scene.input.MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null));
            return null;
        });
    }
}
