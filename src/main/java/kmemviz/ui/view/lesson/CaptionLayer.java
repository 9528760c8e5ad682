package kmemviz.ui.view.lesson;

import javafx.scene.layout.Pane;

/**
 * The layer over the stage that holds the caption and places it at layout time, when the caption's size under the
 * current font and wrap width is known. It takes no clicks: the map under it stays usable.
 */
final class CaptionLayer extends Pane {
    private final CaptionView caption;

    CaptionLayer(CaptionView caption) {
        this.caption = caption;
        getChildren().add(caption);
        setPickOnBounds(false);
        setMouseTransparent(true);
        setMinSize(0, 0);
    }

    @Override protected void layoutChildren() { caption.layoutIn(getWidth(), getHeight()); }
}
