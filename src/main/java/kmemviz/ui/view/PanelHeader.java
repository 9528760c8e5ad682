package kmemviz.ui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The top row of a panel over the views: its title, wrapping, and a flat close button at the right. */
final class PanelHeader {
    private PanelHeader() {}

    static HBox of(Label title, String closeId, Runnable close) {
        Button button = new Button(null, new FontIcon(Feather.X));
        button.getStyleClass().addAll(atlantafx.base.theme.Styles.BUTTON_ICON, atlantafx.base.theme.Styles.FLAT);
        button.setId(closeId);
        button.setOnAction(e -> close.run());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox top = new HBox(8, title, spring, button);
        top.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(title, Priority.SOMETIMES);
        return top;
    }
}
