package kmemviz.ui.view.lesson;

import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The timeline under the views: one position per step of the script, the player's step marked by the thumb, and
 * "step 12 of 40" beside it. A click on the track or a drag released on a step is an intent to jump there
 * ({@link #setOnJump}); moving the thumb while dragging jumps nowhere until the release, so a long script is not
 * replayed at every pixel.
 */
public final class TimelineView extends HBox {
    private final Slider slider = new Slider(0, 1, 0);
    private final Label where = new Label();
    private IntConsumer onJump = step -> {};
    private boolean showing;

    public TimelineView() {
        super(12);
        getStyleClass().add("lesson-timeline");
        setAlignment(Pos.CENTER_LEFT);
        slider.setId("lesson-timeline");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setFocusTraversable(false);          // the presenter's keys step the lesson, not the thumb
        where.getStyleClass().add("lesson-step-label");
        where.setMinWidth(USE_PREF_SIZE);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(slider, where);
        slider.valueProperty().addListener((o, a, v) -> { if (!showing && !slider.isValueChanging()) jump(); });
        slider.valueChangingProperty().addListener((o, a, changing) -> { if (!showing && !changing) jump(); });
    }

    public void setOnJump(IntConsumer onJump) { this.onJump = onJump; }

    /** Shows the player at {@code cursor} of {@code steps}. */
    public void show(int cursor, int steps) {
        showing = true;
        try {
            slider.setMax(Math.max(1, steps));
            slider.setValue(cursor);
            // Tick marks for a lesson's few dozen steps; a long script's would be a grey bar.
            slider.setShowTickMarks(steps <= 120);
        } finally {
            showing = false;
        }
        where.setText(String.format("step %,d of %,d", cursor, steps));
    }

    public Slider slider() { return slider; }

    private void jump() { onJump.accept((int) Math.round(slider.getValue())); }
}
