package kmemviz.ui.control;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** How an action is declared once (text, icon, shortcut, one-line help), and how its button tells why it is off. */
public final class Actions {
    private Actions() {}

    static Action of(String text, Feather icon, String keys, String help, Runnable r) {
        Action a = new Action(text, e -> r.run());
        a.setGraphic(new FontIcon(icon));
        a.setAccelerator(KeyCombination.keyCombination(keys));
        a.setLongText(help);
        return a;
    }

    /**
     * {@code b} in a holder that shows {@code why} while {@code b} is disabled. A disabled control gets no mouse
     * events, so its own tooltip never shows; the holder's does, and says why ("Nothing to undo", "Answer the quiz
     * first"). Put the holder where the button would go.
     */
    public static Node tooltipWhenDisabled(ButtonBase b, ObservableStringValue why) {
        StackPane holder = new StackPane(b);
        // Built when the pointer first enters the holder: a Tooltip is a popup window with a scene of its own, and
        // the toolbar's and the lesson player's holders were a dozen of them on the way to the first frame. It
        // shows as an installed one does: Tooltip.install starts its timer on the mouse moves that follow.
        Tooltip[] tip = {null};
        holder.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            if (tip[0] != null) return;
            tip[0] = new Tooltip();
            tip[0].textProperty().bind(why);
            if (b.isDisabled()) Tooltip.install(holder, tip[0]);
        });
        b.disabledProperty().addListener((o, was, off) -> {
            if (tip[0] == null) return;
            if (off) Tooltip.install(holder, tip[0]); else Tooltip.uninstall(holder, tip[0]);
        });
        holder.getStyleClass().add("disabled-tooltip-holder");
        return holder;
    }

    /** The same with the button's own tooltip's text (a button without one gets none). */
    public static Node tooltipWhenDisabled(ButtonBase b) {
        return b.getTooltip() == null ? b : tooltipWhenDisabled(b, b.getTooltip().textProperty());
    }
}
