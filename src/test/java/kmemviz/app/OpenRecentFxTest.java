package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import kmemviz.ui.control.RecentScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Open recent lists a script once it was opened, newest first, and opens it again into the player. */
@ExtendWith(ApplicationExtension.class)
class OpenRecentFxTest {
    private Wiring w;
    private Preferences node;

    @Start
    void start(Stage stage) throws Exception {
        w = AppFixture.start(stage);
        node = Preferences.userRoot().node("kmemviz-test/open-recent");
        node.clear();
        w.files.setRecentScripts(new RecentScripts(node));
    }

    @AfterEach
    void dropNode() throws Exception { node.removeNode(); }

    private Menu openRecent(FxRobot robot) {
        Menu file = robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().get(0);
        return (Menu) file.getItems().stream().filter(i -> "open-recent".equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void anOpenedScriptIsListedAndOpensAgainFromTheMenu(FxRobot robot, @TempDir Path dir) throws Exception {
        Menu recent = openRecent(robot);
        assertThat(recent.getItems()).extracting(MenuItem::getText).containsExactly("No scripts opened yet");
        Path first = Files.writeString(dir.resolve("first.kmv"), "p = alloc_pages(GFP_KERNEL, 0)\n");
        Path second = Files.writeString(dir.resolve("second.kmv"), "q = alloc_pages(GFP_KERNEL, 1)\n");
        AppFixture.fx(() -> { w.files.open(first.toFile()); w.files.open(second.toFile()); return null; });
        List<String> texts = AppFixture.fx(() -> recent.getItems().stream().map(MenuItem::getText).toList());
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0)).startsWith("second.kmv");
        assertThat(texts.get(1)).startsWith("first.kmv");

        AppFixture.fx(() -> { recent.getItems().get(1).fire(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AppFixture.fx(() -> w.lesson.controller.player().script().name())).isEqualTo("first.kmv");
        assertThat(AppFixture.fx(() -> recent.getItems().get(0).getText())).as("reopened: first again").startsWith("first.kmv");
    }
}
