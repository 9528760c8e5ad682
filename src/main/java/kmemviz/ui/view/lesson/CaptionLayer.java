package kmemviz.ui.view.lesson;

import java.util.function.Supplier;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * The layer over the stage that holds the caption and places it at layout time, when the caption's size under the
 * current font and wrap width is known. It takes no clicks: the map under it stays usable. A caption at the bottom
 * stays above the node it must keep clear of (the map's legend, which the room reads the colours from) while that
 * node shows.
 */
final class CaptionLayer extends Pane {
    private final CaptionView caption;
    private final Supplier<Node> keepClear;

    CaptionLayer(CaptionView caption, Supplier<Node> keepClear) {
        this.caption = caption;
        this.keepClear = keepClear;
        getChildren().add(caption);
        setPickOnBounds(false);
        setMouseTransparent(true);
        setMinSize(0, 0);
    }

    @Override protected void layoutChildren() { caption.layoutIn(getWidth(), getHeight(), bottom()); }

    /** The lowest y the caption may reach: the top of the node to keep clear when it shows, else the layer's foot. */
    private double bottom() {
        Node clear = keepClear.get();
        if (clear == null || !CaptionView.showing(clear)) return getHeight();
        Bounds b = sceneToLocal(clear.localToScene(clear.getLayoutBounds()));
        return b == null || b.getMinY() <= 0 ? getHeight() : Math.min(getHeight(), b.getMinY());
    }

}
