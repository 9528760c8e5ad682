package kmemviz.app;

import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;

/**
 * A test-only way to look at a menu's dialog in a real window (for screenshots): the window as {@code kmemviz} opens
 * it, then the item of the given menu fires.
 * {@code java -cp target/kmemviz.jar:target/test-classes kmemviz.app.HelpWindow Help "Keyboard shortcuts"}
 */
public final class HelpWindow {
    private HelpWindow() {}

    public static void main(String[] args) {
        Application.launch(Opened.class, args);
    }

    public static final class Opened extends Application {
        @Override public void start(Stage stage) {
            List<String> raw = getParameters().getRaw();
            KmemvizApp app = new KmemvizApp();      // the classroom machine, as with no options
            app.start(stage);
            String menu = raw.get(0), item = raw.get(1);
            Platform.runLater(() -> {
                MenuBar bar = (MenuBar) stage.getScene().lookup("#menu-bar");
                for (Menu m : bar.getMenus())
                    if (m.getText().equals(menu))
                        for (MenuItem i : m.getItems()) if (item.equals(i.getText())) i.fire();
            });
        }
    }
}
