package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import kmemviz.ui.control.MachineDialog;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** File > New machine: profiles with what they are, and a custom machine whose sizes are checked as typed. */
class NewMachineFxTest extends AppFxTest {
    private static void type(FxRobot robot, String id, String text) {
        TextField f = robot.lookup("#" + id).queryAs(TextField.class);
        robot.interact(() -> f.setText(""));
        robot.clickOn(f).write(text);
    }

    @Test
    void aCustomMachineIsCheckedAsTypedAndBootsItsMachineCustomLine(FxRobot robot) throws Exception {
        // the dialog waits in a nested event loop: open it from a later pulse, not from interact(), which would wait too
        javafx.application.Platform.runLater(() -> w.files.actions().get(0).handle(new javafx.event.ActionEvent()));
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup("#machine-dialog").queryAs(DialogPane.class);
        @SuppressWarnings("unchecked")
        ListView<MachineDialog.Entry> list = robot.lookup("#machine-list").queryAs(ListView.class);
        assertThat(list.getSelectionModel().getSelectedItem().name()).as("the running machine is chosen").isEqualTo("classroom");
        assertThat(robot.lookup("#custom-size").query().getParent().isVisible()).as("no form for a built-in profile").isFalse();
        assertThat(pane.getScene().getWindow().getWidth()).as("wide enough for the descriptions").isGreaterThanOrEqualTo(720);

        robot.interact(() -> list.getSelectionModel().select(list.getItems().size() - 1));
        Button ok = (Button) pane.lookupButton(ButtonType.OK);
        type(robot, "custom-dma", "16 XB");
        Label error = robot.lookup("#custom-error").queryAs(Label.class);
        assertThat(error.getText()).startsWith("ZONE_DMA: unknown size unit 'XB'");
        assertThat(ok.isDisabled()).isTrue();

        type(robot, "custom-size", "32 MiB");
        type(robot, "custom-dma", "8 MiB");
        assertThat(error.getText()).isEmpty();
        assertThat(robot.lookup("#custom-line").queryAs(Label.class).getText()).isEqualTo("machine custom 32MiB dma=8MiB cpus=4");
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AppFixture.fx(() -> w.kernel.profile().endPfn())).isEqualTo(32 * 256);
        assertThat(AppFixture.fx(() -> w.kernel.history().get(w.kernel.history().size() - 1).text()))
                .isEqualTo("machine custom 32MiB dma=8MiB cpus=4");
    }
}
