package kmemviz.ui.view.lesson;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import kmemviz.ui.lesson.CaptionText;

/**
 * A note of the lesson as a large caption over the stage: plain text, {@code code} spans in monospace and
 * emphasis in italics (styled by lesson.css). It sits at the bottom of the stage, or next to the allocation it talks
 * about ({@link #placeNear}). It lets the mouse through to the map under it.
 */
public final class CaptionView extends StackPane {
    private final TextFlow flow = new TextFlow();
    private double wrapWidth = 900;

    public CaptionView() {
        getStyleClass().add("lesson-caption");
        flow.getStyleClass().add("lesson-caption-text");
        getChildren().add(flow);
        setMouseTransparent(true);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        StackPane.setAlignment(this, Pos.BOTTOM_CENTER);
        setVisible(false);
    }

    /** Shows {@code spans}, or hides the caption for null. */
    public void show(List<CaptionText.Span> spans) {
        flow.getChildren().clear();
        setVisible(spans != null);
        if (spans == null) return;
        for (CaptionText.Span s : spans) {
            Text t = new Text(s.text());
            t.getStyleClass().add(switch (s.style()) {
                case PLAIN -> "caption-plain";
                case CODE -> "caption-code";
                case EMPHASIS -> "caption-emphasis";
            });
            flow.getChildren().add(t);
        }
        fitWidth();
        placeAtBottom();
    }

    /** The widest the caption may grow before its text wraps (a share of the stage's width). */
    public void setWrapWidth(double w) {
        wrapWidth = Math.max(200, w);
        fitWidth();
    }

    // A TextFlow is as wide as its unwrapped text: short notes keep a tight box, long ones wrap at the limit.
    private void fitWidth() {
        flow.setPrefWidth(USE_COMPUTED_SIZE);
        flow.setPrefWidth(Math.min(flow.prefWidth(-1), wrapWidth));
    }

    /** The caption's text as shown, for tests and the accessible text. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        flow.getChildren().forEach(n -> sb.append(((Text) n).getText()));
        return sb.toString();
    }

    /** Bottom centre of the stage: where a caption about nothing in particular goes. */
    public void placeAtBottom() {
        StackPane.setAlignment(this, Pos.BOTTOM_CENTER);
        setTranslateX(0);
        setTranslateY(0);
    }

    /**
     * Next to a point of the stage (the allocation a {@code note p} names), below it when there is room, kept inside
     * the stage of size {@code w} x {@code h}.
     */
    public void placeNear(double x, double y, double w, double h) {
        StackPane.setAlignment(this, Pos.TOP_LEFT);
        double cw = prefWidth(-1), ch = prefHeight(cw);
        double gap = 24;
        double top = y + gap + ch <= h ? y + gap : Math.max(0, y - gap - ch);
        setTranslateX(Math.max(0, Math.min(x, w - cw)));
        setTranslateY(top);
    }
}
