package kmemviz.ui.view;

import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.List;
import kmemviz.core.klog.LogExplanation;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.StoryText;

/**
 * An allocation's story over the views, wide enough to read from the back of a room: the inspector's column is too
 * narrow for twenty numbered steps on a projector. It shows what {@link StoryText} says, one label per step (the
 * steps inside a zonelist pass indented, the failed conditions last and in red), and stays until closed: the story
 * is a finished record, so it needs no refresh. After File &gt; Explain kernel log… it also shows the explanation
 * ({@link ExplainedLogView}) around the steps.
 */
public final class StoryPanel extends VBox {
    private final Label title = new Label();
    private final Label failure = new Label();       // a failure's conditions, also above the steps: the room reads them first
    private final VBox steps = new VBox();
    private final VBox above = new VBox(), below = new VBox();    // an explained kernel log's parts, else empty

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
        VBox content = new VBox(8, above, steps, below);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("story-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // The steps wrap at the panel's width, so their height is known only after layout: the viewport follows it.
        scroll.prefViewportHeightProperty().bind(content.heightProperty());
        getChildren().addAll(top, failure, scroll);
        setMaxHeight(Region.USE_PREF_SIZE);            // as tall as the story, and no taller than the views (then it scrolls)
        setVisible(false);
        setManaged(false);
    }

    /** Shows {@code story} under the title {@code call} (the C call that asked, or null for the bare request). */
    public void show(AllocStory story, String call) { show(story, call, null); }

    /**
     * Shows an explained kernel log: the report's request and each zone's check against the report's own figures
     * above the story's steps, what the kernel did and what was used and skipped below them. {@code story} is null
     * when the report names no request that can run; {@code e} null shows the bare story.
     */
    public void show(AllocStory story, String call, LogExplanation.Explained e) {
        boolean failed = story != null && story.failed();
        title.setText(story != null ? StoryText.title(story, call) : e != null ? e.request() : "");
        failure.setText(failed ? "Failed because: " + StoryText.failure(story) : "");
        failure.setVisible(failed);
        failure.setManaged(failed);
        steps.getChildren().clear();
        // The steps without StoryText's closing "Failed because:" line: the red label above says it, and twice read as two failures.
        if (story != null) for (StoryText.Line line : StoryText.steps(story)) steps.getChildren().add(InspectorView.storyLabel(line, "story-panel"));
        above.getChildren().setAll(e == null ? List.of() : List.of(ExplainedLogView.above(e)));
        below.getChildren().setAll(e == null ? List.of() : List.of(ExplainedLogView.below(e)));
        setManaged(true);
        setVisible(true);
    }

    public void hide() {
        setVisible(false);
        setManaged(false);
    }

    /** The shown text of every line (the failed conditions, an explanation's folded notes too), for tests. */
    public String text() {
        StringBuilder b = new StringBuilder(title.getText()).append('\n');
        for (javafx.scene.Node n : List.of(failure, above, steps, below)) if (n.isVisible()) texts(n, b);
        return b.toString();
    }

    private static void texts(javafx.scene.Node n, StringBuilder b) {
        if (n instanceof Label l) b.append(l.getText()).append('\n');
        else if (n instanceof javafx.scene.text.TextFlow f) {
            f.getChildren().forEach(t -> b.append(((javafx.scene.text.Text) t).getText()));
            b.append('\n');
        } else if (n instanceof javafx.scene.control.TitledPane p) {
            b.append(p.getText()).append('\n');
            texts(p.getContent(), b);
        } else if (n instanceof javafx.scene.Parent p) p.getChildrenUnmodifiable().forEach(c -> texts(c, b));
    }
}
