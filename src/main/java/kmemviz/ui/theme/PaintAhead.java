package kmemviz.ui.theme;

import java.util.function.Consumer;
import javafx.scene.layout.Region;

/**
 * A view whose picture takes more than one pulse to paint (the frame map of millions of frames, in bands): before
 * the theme switches, {@link Themes} has it paint the picture for the coming colours, and switches when it is
 * ready, so that no frame shows the new theme around the old picture.
 */
public interface PaintAhead {
    /**
     * Starts painting for the colours the coming theme gives: {@code style} styles a node of the view's style class
     * (outside the window) as the theme will. Runs {@code ready} on the FX thread when the picture can be shown in
     * the pulse that brings those colours, at once if nothing needs painting; a later call replaces an earlier one.
     */
    void paintAhead(Consumer<Region> style, Runnable ready);
}
