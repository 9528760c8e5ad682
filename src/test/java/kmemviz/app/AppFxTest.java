package kmemviz.app;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A TestFX test of the whole window: each test gets a fresh window ({@link AppFixture#start(Stage)}) on the stage
 * TestFX registers, and the pop-ups it leaves (dialogs, tooltips) are hidden after it, so that the next test clicks
 * on the window. The extension stays for its FxRobot parameters; the window is built here rather than in a
 * {@code @Start} method because TestFX looks for those only in the test class itself, not in its superclasses.
 */
@ExtendWith(ApplicationExtension.class)
abstract class AppFxTest {
    Wiring w;
    Stage stage;

    @BeforeEach
    void startWindow() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        AppFixture.fx(() -> {                 // on the FX thread, as a @Start method runs
            w = AppFixture.start(stage);
            started();
            return null;
        });
    }

    /** What a test class does to the fresh window before each test (a size, a panel, a machine); nothing here. */
    void started() {}

    @AfterEach
    void hidePopups() throws Exception {
        AppFixture.hidePopups(stage);
    }
}
