package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Every Help page opens as a dialog that fits the smallest window (1024x700) and shows its text wrapped or whole. */
@ExtendWith(ApplicationExtension.class)
class HelpDialogsFxTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        AppFixture.start(stage);
    }

    @AfterEach
    void close() throws Exception { AppFixture.hidePopups(stage); }

    @Test
    void everyHelpPageFitsASmallScreenAndItsProseWraps(FxRobot robot) throws Exception {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        List<MenuItem> pages = AppFixture.fx(() -> bar.getMenus().stream().filter(m -> m.getText().equals("Help"))
                .flatMap(m -> m.getItems().stream()).filter(i -> i.getText() != null && !(i instanceof Menu)).toList());
        assertThat(pages).extracting(MenuItem::getText).contains("Getting started", "What each part shows", "Script language",
                "Keyboard shortcuts", "About Kmemviz");
        for (MenuItem page : pages) {
            AppFixture.fx(() -> { page.fire(); return null; });
            WaitForAsyncUtils.waitForFxEvents();
            Window dialog = AppFixture.fx(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()
                    && w.getScene().getRoot() instanceof DialogPane).findFirst().orElseThrow());
            assertThat(dialog.getWidth()).as(page.getText()).isBetween(780.0, 1000.0);
            assertThat(dialog.getHeight()).as(page.getText()).isLessThanOrEqualTo(660.0);
            DialogPane pane = (DialogPane) dialog.getScene().getRoot();
            if (pane.getContent() instanceof TextArea text && !text.getStyleClass().contains("kernel-text"))
                assertThat(text.isWrapText()).as(page.getText()).isTrue();
            AppFixture.fx(() -> { dialog.hide(); return null; });
        }
    }
}
