package kmemviz.ui.view.lesson;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The stage with a lesson on it: the views in the middle with the caption, the quiz and the blank cover over them;
 * under them the player's controls, the score and the timeline; the script on the right. With no script open only
 * the views show. A banner over the views says when the student is off the lesson or the player stopped at an error.
 */
public final class LessonStageView extends BorderPane {
    private final StackPane stage = new StackPane();
    private final CaptionView caption = new CaptionView();
    private final QuizView quiz = new QuizView();
    private final BlankView blank = new BlankView();
    private final ScriptPane script = new ScriptPane();
    private final TimelineView timeline = new TimelineView();
    /** The player's buttons: they wrap onto a second row in a narrow window rather than push the window wider. */
    private final javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(6, 4);
    private final Label score = new Label();
    private final Label bannerText = new Label();
    private final HBox banner = new HBox(12, bannerText);
    private final VBox bottom;
    /**
     * The band at the foot of the stage a caption stands in, which a lesson's zoom keeps clear under its range: two
     * lines of the caption's 26 px text (30.3 px each) with its padding, border and gap (lesson.css, 34 + 16 px).
     * Captions nearly as wide as the stage put every built-in note on two lines at 1280x720.
     */
    public static final int CAPTION_BAND_PX = 114;
    /** The share of the stage's width a caption may take before it wraps. */
    static final double CAPTION_WIDTH_SHARE = 0.92;
    private final javafx.beans.property.ReadOnlyBooleanWrapper open = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "open");

    public LessonStageView(Node views) {
        getStyleClass().add("lesson-stage");
        getStylesheets().add(LessonStageView.class.getResource("lesson.css").toExternalForm());
        banner.getStyleClass().add("lesson-banner");
        banner.setId("lesson-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        bannerText.setWrapText(true);
        StackPane.setAlignment(banner, Pos.TOP_CENTER);
        banner.setVisible(false);
        StackPane.setAlignment(quiz, Pos.CENTER);
        stage.getChildren().addAll(views, new CaptionLayer(caption, () -> views.lookup("#legend")), quiz, banner, blank);
        if (views instanceof javafx.scene.control.TabPane tabs) {
            Runnable band = () -> keepBandOffTheMap(tabs);
            tabs.getSelectionModel().selectedItemProperty().addListener(o -> band.run());
            open.addListener(o -> band.run());
        }
        stage.setMinSize(0, 0);
        setCenter(stage);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("lesson-controls");
        score.getStyleClass().add("lesson-score");
        score.setId("lesson-score");
        score.setMinWidth(Region.USE_PREF_SIZE);
        // The score beside the timeline, not beside the buttons: a row of buttons and the score could not shrink, and
        // at 1024x700 it made the whole window 1174 px wide (issue 11's audit).
        HBox.setHgrow(timeline, Priority.ALWAYS);
        HBox timelineRow = new HBox(12, timeline, score);
        timelineRow.setAlignment(Pos.CENTER_LEFT);
        bottom = new VBox(4, controls, timelineRow);
        bottom.getStyleClass().add("lesson-bar");
        caption.setWrapWidth(700);
        // Nearly the stage's width: most notes then take one or two lines, which the band a lesson's zoom leaves under
        // the map holds (at 70% a 100-character note took three lines at 1280x720 and covered the map's last row).
        stage.widthProperty().addListener((o, a, w) -> caption.setWrapWidth(w.doubleValue() * CAPTION_WIDTH_SHARE));
        setOpen(false);
    }

    /**
     * With a script open, a tab other than the map's stops above the band at the foot of the stage where the caption
     * stands: the per-CPU lists' second CPU and the fragmentation tab's second chart were under it. The map keeps its
     * whole height, since a lesson's zoom already fits its range above the band (the rows after it go under the caption).
     */
    private void keepBandOffTheMap(javafx.scene.control.TabPane tabs) {
        var tab = tabs.getSelectionModel().getSelectedItem();
        Node legend = tabs.lookup("#legend");
        // (a tab's content may be attached only once it is first selected: no content is not the map's tab)
        boolean map = legend == null || tab != null && tab.getContent() != null && isInside(legend, tab.getContent());
        StackPane.setMargin(tabs, open.get() && !map ? new javafx.geometry.Insets(0, 0, CAPTION_BAND_PX, 0) : null);
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) if (p == ancestor) return true;
        return false;
    }

    /** Shows the player's parts (a script is open) or the views alone. */
    public void setOpen(boolean open) {
        this.open.set(open);
        setBottom(open ? bottom : null);
        setRight(open ? script : null);
    }

    /**
     * On a projector the script folds away (its button brings it back) and the map takes the width; on a desk it
     * stays open beside the map.
     */
    public void setPresentation(boolean presentation) {
        this.presentation = presentation;
        foldScript();
    }

    /**
     * Follows the window's width: a narrow window (below {@link #WIDE_WINDOW_PX}) folds the script as a projector
     * does (open, its 220 px and the side panel's left the map 4 px cells at 1024x700).
     */
    public void setWindowWidth(double px) {
        if (narrow == px < WIDE_WINDOW_PX) return;
        narrow = px < WIDE_WINDOW_PX;
        foldScript();
    }

    /** The window width from which the script stays open beside the map. */
    public static final double WIDE_WINDOW_PX = 1200;
    private boolean presentation, narrow = true;

    private void foldScript() {
        script.collapsedProperty().set(presentation || narrow);
        // Smaller buttons and score too: the bar's height is the map's (lesson.css).
        bottom.getStyleClass().remove("lesson-narrow");
        if (narrow && !presentation) bottom.getStyleClass().add("lesson-narrow");
    }

    /** Whether a script is open on the stage. */
    public javafx.beans.property.ReadOnlyBooleanProperty openProperty() { return open.getReadOnlyProperty(); }

    public void setControls(List<Node> nodes) { controls.getChildren().setAll(nodes); }

    /** The banner over the views: a message and its buttons, or hidden for null. */
    public void showBanner(String text, List<Node> buttons, boolean error) {
        banner.setVisible(text != null);
        banner.getStyleClass().remove("lesson-banner-error");
        if (text == null) return;
        if (error) banner.getStyleClass().add("lesson-banner-error");
        bannerText.setText(text);
        banner.getChildren().setAll(bannerText);
        banner.getChildren().addAll(buttons);
    }

    public String bannerText() { return banner.isVisible() ? bannerText.getText() : null; }

    public void setScore(String text) { score.setText(text); }

    public StackPane stage() { return stage; }

    public CaptionView caption() { return caption; }

    public QuizView quiz() { return quiz; }

    public BlankView blank() { return blank; }

    public ScriptPane script() { return script; }

    public TimelineView timeline() { return timeline; }
}
