package kmemviz.ui.view;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * A canvas view's hover tooltip, whose text follows the pointer. The Tooltip (a popup window with a scene of its own)
 * is built at the first text, not with the view on the way to the first frame, and it is installed only while it has
 * something to say: over blank canvas an installed tooltip showed an empty box.
 */
public final class HoverTip {
    private final Node view;
    private final Consumer<Tooltip> setUp;
    private Tooltip tooltip;

    private HoverTip(Node view, Consumer<Tooltip> setUp) {
        this.view = view;
        this.setUp = setUp;
    }

    /** The quick, long-lived monospace tooltip of the frame map and the slab view. */
    public static HoverTip monospace(Node view) {
        return new HoverTip(view, t -> {
            t.setShowDelay(Duration.millis(250));
            t.setShowDuration(Duration.seconds(30));
            t.getStyleClass().add("frame-tooltip");
        });
    }

    /** A tooltip of prose, wrapped at {@code maxWidth}, shown {@code delayMs} after the pointer stops. */
    public static HoverTip wrapped(Node view, double delayMs, double maxWidth) {
        return new HoverTip(view, t -> {
            t.setShowDelay(Duration.millis(delayMs));
            t.setWrapText(true);
            t.setMaxWidth(maxWidth);
        });
    }

    /** What the tooltip says from now on; empty or null: nothing, and it is uninstalled. FX thread. */
    public void setText(String text) {
        boolean has = text != null && !text.isEmpty();
        if (tooltip == null) {
            if (!has) return;
            tooltip = new Tooltip();
            setUp.accept(tooltip);
        }
        String was = tooltip.getText();
        boolean had = was != null && !was.isEmpty();
        tooltip.setText(text);
        if (has && !had) Tooltip.install(view, tooltip);
        else if (had && !has) Tooltip.uninstall(view, tooltip);
    }

    /** What it says now ("" before the first text and when it says nothing). */
    public String text() { return tooltip == null || tooltip.getText() == null ? "" : tooltip.getText(); }
}
