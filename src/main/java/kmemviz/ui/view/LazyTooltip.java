package kmemviz.ui.view;

import java.util.function.Supplier;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A tooltip built when the pointer first enters its node, its text read at each entry. A {@link Tooltip} is a popup
 * window with a scene of its own (about 0.8 ms of the FX thread to build at start-up, and the first one 80 ms of
 * classes): the free-area panes alone carry fifteen per zone, and the toolbar's controls a dozen more, which the
 * first frame need not pay for. The tooltip shows as an installed one does, since {@link Tooltip#install} starts its
 * timer on the mouse moves that follow.
 */
public final class LazyTooltip {
    private LazyTooltip() {}

    /** FX thread. */
    public static void install(Node node, Supplier<String> text) {
        Tooltip[] tooltip = {null};
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            if (tooltip[0] == null) {
                tooltip[0] = new Tooltip();
                Tooltip.install(node, tooltip[0]);
            }
            tooltip[0].setText(text.get());
        });
    }

    /** A control's own tooltip ({@link Control#getTooltip}, null until then) of fixed text, set on the first entry. FX thread. */
    public static void install(Control control, String text) {
        control.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override public void handle(MouseEvent e) {
                control.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                if (control.getTooltip() == null) control.setTooltip(new Tooltip(text));
            }
        });
    }
}
