package kmemviz.ui.view.lesson;

import javafx.scene.layout.Region;

/** What B puts over the stage: an empty surface, so that the room looks at the presenter. */
public final class BlankView extends Region {
    public BlankView() {
        getStyleClass().add("lesson-blank");
        setVisible(false);
    }

    public void toggle() { setVisible(!isVisible()); }
}
