package kmemviz.ui.view;

import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.StoryText;

/**
 * An allocation's story over the views, wide enough to read from the back of a room: the inspector's column is too
 * narrow for twenty numbered steps on a projector. It shows what {@link StoryText} says, one label per step (the
 * steps inside a zonelist pass indented, the failed conditions last and in red), and stays until closed: the story
 * is a finished record, so it needs no refresh.
 */
public final class StoryPanel extends VBox {
    private final Label title = new Label();
    private final Label failure = new Label();       // a failure's conditions, also above the steps: the room reads them first
    private final VBox steps = new VBox();

    public StoryPanel() {
        getStyleClass().add("story-panel");
        setId("story-panel");
        title.getStyleClass().add("story-title");
        title.setWrapText(true);
        HBox top = PanelHeader.of(title, "story-close", this::hide);
        failure.getStyleClass().add("story-failure");
        failure.setWrapText(true);
        failure.setMinHeight(Region.USE_PREF_SIZE);
        failure.setId("story-panel-failure");
        steps.getStyleClass().add("story-steps");
        ScrollPane scroll = new ScrollPane(steps);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("story-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // The steps wrap at the panel's width, so their height is known only after layout: the viewport follows it.
        scroll.prefViewportHeightProperty().bind(steps.heightProperty());
        getChildren().addAll(top, failure, scroll);
        setMaxHeight(Region.USE_PREF_SIZE);            // as tall as the story, and no taller than the views (then it scrolls)
        setVisible(false);
        setManaged(false);
    }

    /** Shows {@code story} under the title {@code call} (the C call that asked, or null for the bare request). */
    public void show(AllocStory story, String call) {
        title.setText(StoryText.title(story, call));
        failure.setText(story.failed() ? "Failed because: " + StoryText.failure(story) : "");
        failure.setVisible(story.failed());
        failure.setManaged(story.failed());
        steps.getChildren().clear();
        for (StoryText.Line line : StoryText.lines(story)) steps.getChildren().add(InspectorView.storyLabel(line, "story-panel"));
        setManaged(true);
        setVisible(true);
    }

    public void hide() {
        setVisible(false);
        setManaged(false);
    }

    /** The shown text of every line, for tests. */
    public String text() {
        StringBuilder b = new StringBuilder(title.getText()).append('\n');
        steps.getChildren().forEach(n -> b.append(((Label) n).getText()).append('\n'));
        return b.toString();
    }
}
