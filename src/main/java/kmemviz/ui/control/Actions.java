package kmemviz.ui.control;

import javafx.scene.input.KeyCombination;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** How an action is declared once: text, icon, shortcut and the one-line help its tooltip shows. */
final class Actions {
    private Actions() {}

    static Action of(String text, Feather icon, String keys, String help, Runnable r) {
        Action a = new Action(text, e -> r.run());
        a.setGraphic(new FontIcon(icon));
        a.setAccelerator(KeyCombination.keyCombination(keys));
        a.setLongText(help);
        return a;
    }
}
