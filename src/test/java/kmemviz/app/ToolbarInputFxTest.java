package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Machine;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Keyboard and bad input in the toolbar, and what a machine change does to the selection and the title. */
class ToolbarInputFxTest extends AppFxTest {
    private <T> T fx(Callable<T> c) throws Exception { return AppFixture.fx(c); }

    @Test
    void ctrlEnterInTheOrderFieldAllocatesOnceWithTheTypedOrder(FxRobot robot) {
        robot.clickOn("#order").eraseText(1).write("3");
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.history()).hasSize(2);                       // the boot machine and one allocation
        assertThat(w.kernel.history().get(1)).isEqualTo(new AllocPages("p1", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, ""));
    }

    @Test
    void choosingKmallocShowsNoErrorAndTypingNeverMovesTheToolbar(FxRobot robot) throws Exception {
        fx(() -> { w.alloc.api().getSelectionModel().select(kmemviz.ui.control.SlabApiChoices.ALL.get(0)); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.alloc.hint().getText())).isEmpty();
        assertThat(fx(() -> w.alloc.hint().getPseudoClassStates().toString())).doesNotContain("danger");
        assertThat(fx(() -> robot.lookup("#allocate").queryAs(Button.class).isDisabled())).isTrue();
        double x = fx(() -> robot.lookup("#allocate").query().localToScene(0, 0).getX());
        robot.clickOn("#size").write("12 parsecs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.alloc.hint().getText())).startsWith("Size: ");
        assertThat(fx(() -> robot.lookup("#allocate").query().localToScene(0, 0).getX())).isEqualTo(x);
        robot.eraseText(10).write("100");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#allocate").query().localToScene(0, 0).getX())).isEqualTo(x);
    }

    @Test
    void lettersInTheOrderFieldDisableAllocateWithoutAnException(FxRobot robot) throws Exception {
        robot.clickOn("#order").eraseText(1).write("abc").type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#allocate").queryAs(Button.class).isDisabled())).isTrue();
        assertThat(fx(() -> w.alloc.inputErrorProperty().get())).isEqualTo("Order: 'abc' is not a whole number 0..10");
        assertThat(w.kernel.history()).hasSize(1);
    }

    @Test
    void undoingAcrossAMachineChangeDropsASelectionThatNamesNothingAliveAndRetitlesTheWindow(FxRobot robot) throws Exception {
        robot.clickOn("#allocate");
        fx(() -> w.runner.execute(new Machine(Profiles.builtIn("i386-1g"), "machine i386-1g")));
        assertThat(fx(stage::getTitle)).isEqualTo("Kmemviz — " + Profiles.builtIn("i386-1g").description());
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.selection.selectedAllocId()).isNotZero();
        fx(() -> { w.kernel.undo(); w.kernel.undo(); return null; });     // back on classroom: ids were reused
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.profile().name()).isEqualTo("classroom");
        assertThat(w.selection.selectedAllocId()).isZero();
        assertThat(fx(stage::getTitle)).isEqualTo("Kmemviz — " + Profiles.builtIn("classroom").description());
    }
}
