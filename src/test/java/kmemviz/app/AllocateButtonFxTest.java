package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Button;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AllocateButtonFxTest {
    private Wiring w;

    @Start
    void start(Stage stage) {
        KmemvizApp app = new KmemvizApp();
        app.start(stage);
        w = app.wiring();
    }

    private static Paint face(Button b) {
        var fills = b.getBackground().getFills();
        return fills.stream().map(BackgroundFill::getFill).reduce((a, c) -> c).orElseThrow();
    }

    @Test
    void allocateIsEnabledAtStartupAndWearsTheAccentFaceNotTheToolbars(FxRobot robot) throws Exception {
        Button allocate = robot.lookup("#allocate").queryAs(Button.class);
        Button free = robot.lookup("#free").queryAs(Button.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(allocate.isDisabled()).isFalse();
        assertThat(w.alloc.inputErrorProperty().get()).isNull();
        assertThat(allocate.getStyleClass()).contains("accent");
        Paint[] faces = WaitForAsyncUtils.asyncFx(() -> new Paint[] {face(allocate), face(free)}).get();
        assertThat(faces[0]).as("the accent face, not the toolbar's pale one").isNotEqualTo(faces[1]);
    }
}
