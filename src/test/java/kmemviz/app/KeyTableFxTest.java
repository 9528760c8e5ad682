package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Help against the window: Keyboard shortcuts against the accelerators the window really registers, both ways, and
 * What each part shows against the tabs the window really has.
 */
class KeyTableFxTest extends AppFxTest {
    @Test
    void whatEachPartShowsHasAParagraphForEveryTabOfTheWindow() throws Exception {
        List<String> tabs = AppFixture.fx(() -> ((javafx.scene.control.TabPane) w.root.lookup("#views")).getTabs().stream()
                .map(javafx.scene.control.Tab::getText).toList());
        assertThat(tabs).hasSizeGreaterThanOrEqualTo(6);
        for (String tab : tabs) assertThat(HelpTexts.PARTS).as(tab).containsPattern("(?m)^\\s*" + java.util.regex.Pattern.quote(tab) + " \\(");
    }

    @Test
    void ctrlShiftKCompactsTheZoneTheFragmentationTabShows(FxRobot robot) throws Exception {
        robot.clickOn("#frame-map");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K).release(KeyCode.K, KeyCode.SHIFT, KeyCode.CONTROL);
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
        var history = AppFixture.fx(() -> w.kernel.history());
        assertThat(history.get(history.size() - 1).text()).startsWith("compact zone ");
    }

    @Test
    void everyMenuAcceleratorIsInTheKeyTableAndEveryCtrlOrFunctionKeyThereIsRegistered(FxRobot robot) throws Exception {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Set<String> registered = AppFixture.fx(() -> {
            Set<String> keys = new TreeSet<>();
            for (Menu m : bar.getMenus()) collect(m, keys);
            return keys;
        });
        registered.add("Ctrl+Y");          // redo's second key, a handler on the window (a menu item has one accelerator)
        Set<String> tabled = new TreeSet<>();
        for (String[] row : HelpTexts.KEYS)
            for (String k : row[0].split(" / |, ")) tabled.add(k.strip());
        assertThat(registered).as("menu accelerators").hasSizeGreaterThan(25);
        assertThat(tabled).as("Help > Keyboard shortcuts").containsAll(registered);
        List<String> claimed = new ArrayList<>(tabled.stream().filter(k -> k.startsWith("Ctrl+") || k.matches("F\\d+") || k.equals("Delete")).toList());
        assertThat(registered).as("keys the table names").containsAll(claimed);
    }

    @Test
    void theMenusShowKeysAsTheyArePrintedNotAsKeyCodeNames(FxRobot robot) throws Exception {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Set<String> shown = AppFixture.fx(() -> {
            Set<String> keys = new TreeSet<>();
            for (Menu m : bar.getMenus()) collect(m, keys);
            return keys;
        });
        for (String k : shown)
            assertThat(Arrays.stream(k.split("\\+")).skip(1)).as(k).noneMatch(part -> part.matches("[A-Z_]{2,}\\d*|DIGIT\\d"));
    }

    private static void collect(Menu menu, Set<String> keys) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof Menu sub) collect(sub, keys);
            else if (i.getAccelerator() != null) keys.add(i.getAccelerator().getDisplayText().replace("↵", "Enter"));   // JavaFX's Enter glyph
        }
    }
}
