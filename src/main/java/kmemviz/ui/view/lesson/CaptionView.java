package kmemviz.ui.view.lesson;

import java.util.List;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import kmemviz.ui.lesson.CaptionText;

/**
 * A note of the lesson as a large caption over the stage: plain text, {@code code} spans in monospace and
 * emphasis in italics (styled by lesson.css). It sits at the bottom of the stage (above the legend), or next to the allocation it talks
 * about ({@link #placeNear}); the {@link CaptionLayer} it lives in places it. It lets the mouse through to the map.
 */
public final class CaptionView extends StackPane {
    private final TextFlow flow = new TextFlow();
    private double wrapWidth = 900;
    private java.util.function.Supplier<javafx.geometry.Bounds> anchor;   // in scene coordinates; null: bottom centre

    public CaptionView() {
        getStyleClass().add("lesson-caption");
        flow.getStyleClass().add("lesson-caption-text");
        getChildren().add(flow);
        setMouseTransparent(true);
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

    /** The widest the caption's box may grow before its text wraps (a share of the stage's width). */
    public void setWrapWidth(double w) {
        wrapWidth = Math.max(200, w);
        fitWidth();
    }

    // A TextFlow is as wide as its unwrapped text: short notes keep a tight box, long ones wrap at the limit.
    private void fitWidth() {
        flow.setPrefWidth(USE_COMPUTED_SIZE);
        flow.setPrefWidth(Math.min(flow.prefWidth(-1), wrapWidth - snappedLeftInset() - snappedRightInset()));
    }

    /** The caption's text as shown, for tests and the accessible text. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        flow.getChildren().forEach(n -> sb.append(((Text) n).getText()));
        return sb.toString();
    }

    /**
     * Whether {@code node} is on screen: in a scene, it and every parent visible. A tab that is not selected hides
     * its content, not the nodes inside it, so a node's own flag is not enough.
     */
    public static boolean showing(javafx.scene.Node node) {
        if (node.getScene() == null) return false;
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
    }

    /** Bottom centre of the stage: where a caption about nothing in particular goes. */
    public void placeAtBottom() { placeNear(null); }

    /** Places the caption again at the next layout (its anchor moved). */
    public void relayout() { if (getParent() != null) getParent().requestLayout(); }

    /**
     * Next to a box (the frames of the allocation a {@code note p} names), asked for in scene coordinates at each
     * layout, since the map may zoom in the same pulse: below it at the foot of the stage when there is room, else
     * above it, else at the bottom; never over it. At the bottom centre when it answers null.
     */
    public void placeNear(java.util.function.Supplier<javafx.geometry.Bounds> sceneBox) {
        anchor = sceneBox;
        relayout();
    }

    /**
     * Where the caption goes in a layer of size {@code w} x {@code h}, once its size is known (at layout): at the
     * bottom centre, its foot at {@code bottom} (above the legend), or beside its anchor box, kept inside the layer.
     */
    void layoutIn(double w, double h, double bottom) {
        fitWidth();          // measured again under the CSS of now: a caption shown before its 26 px font applied wrapped short
        autosize();
        double cw = getWidth(), ch = getHeight(), gap = 16;
        javafx.geometry.Bounds scene = anchor == null ? null : anchor.get();
        javafx.geometry.Bounds box = scene == null || getParent() == null ? null : getParent().sceneToLocal(scene);
        double x = box == null ? 0 : Math.max(0, Math.min(box.getMinX(), w - cw));
        // Below the box, at the foot of the stage: the band a lesson's zoom keeps clear under the map. Right under the
        // box it covered the rows after it, which the zoom showed because the lesson talks about them too.
        double foot = Math.max(0, bottom - ch - gap);
        if (box != null && box.getMaxY() + gap <= foot) relocate(x, foot);
        else if (box != null && box.getMinY() - gap - ch >= 0) relocate(x, box.getMinY() - gap - ch);
        else relocate(Math.max(0, (w - cw) / 2), foot);
    }
}
