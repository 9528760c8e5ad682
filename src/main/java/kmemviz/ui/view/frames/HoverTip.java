package kmemviz.ui.view.frames;

import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The quick, long-lived monospace tooltip the canvas views share; its text follows the pointer. The Tooltip (a popup
 * window with a scene of its own) is built at the first text, not with the view on the way to the first frame.
 */
public final class HoverTip {
    private final Node view;
    private Tooltip tooltip;

    public HoverTip(Node view) { this.view = view; }

    /** What the tooltip says from now on; empty or null: nothing, and it is uninstalled. FX thread. */
    public void setText(String text) {
        boolean has = text != null && !text.isEmpty();
        if (tooltip == null) {
            if (!has) return;
            tooltip = new Tooltip();
            tooltip.setShowDelay(Duration.millis(250));
            tooltip.setShowDuration(Duration.seconds(30));
            tooltip.getStyleClass().add("frame-tooltip");
        }
        // Installed only while it has something to say: over blank canvas an installed tooltip showed an empty box.
        String was = tooltip.getText();
        boolean had = was != null && !was.isEmpty();
        tooltip.setText(text);
        if (has && !had) Tooltip.install(view, tooltip);
        else if (had && !has) Tooltip.uninstall(view, tooltip);
    }

    /** What it says now ("" before the first text). */
    public String text() { return tooltip == null || tooltip.getText() == null ? "" : tooltip.getText(); }
}
