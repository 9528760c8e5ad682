package kmemviz.ui.lesson;

import java.util.function.BooleanSupplier;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ChangeListener;
import javafx.util.Duration;
import kmemviz.ui.control.Animator;

/**
 * Play: one step, then wait until the animation of its events is over and the room has had a moment to look
 * (longer at slow speeds, longer for a note with more words), then the next. The timer runs only while playing.
 * {@code step} runs one step and answers whether play may go on (false at the end, a pause, a quiz, an error).
 */
final class LessonPlayback {
    private final Animator animator;
    private final BooleanSupplier step;
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final PauseTransition dwell = new PauseTransition();
    private final ChangeListener<Boolean> whenAnimated = (o, was, now) -> { if (!now) animated(); };
    private int readingChars;
    private int stepsPerSecond;                                // 0: a lesson's pace, set by the animation and the reading

    LessonPlayback(Animator animator, BooleanSupplier step) {
        this.animator = animator;
        this.step = step;
        dwell.setOnFinished(e -> tick());
    }

    ReadOnlyBooleanProperty playingProperty() { return playing.getReadOnlyProperty(); }

    boolean isPlaying() { return playing.get(); }

    void play() {
        if (playing.get()) return;
        playing.set(true);
        tick();
    }

    void pause() {
        playing.set(false);
        dwell.stop();
        animator.playingProperty().removeListener(whenAnimated);
    }

    /** A fixed pace, as a trace replay plays: {@code n} steps a second; 0 goes back to a lesson's pace. */
    void setStepsPerSecond(int n) {
        if (n < 0) throw new IllegalArgumentException("steps per second must be >= 0, was " + n);
        stepsPerSecond = n;
    }

    /** How many characters of caption the room has to read after the step that just ran. */
    void reading(int chars) { readingChars = chars; }

    private void tick() {
        if (!playing.get()) return;
        readingChars = 0;
        if (!step.getAsBoolean()) {
            pause();
            return;
        }
        if (animator.playingProperty().get()) animator.playingProperty().addListener(whenAnimated);
        else animated();
    }

    private void animated() {
        animator.playingProperty().removeListener(whenAnimated);
        if (!playing.get()) return;
        double slow = 1 - animator.speedProperty().get();       // 1 at the slowest speed, 0 at instant
        double seconds = stepsPerSecond > 0 ? 1.0 / stepsPerSecond : 0.05 + slow * (1.2 + readingChars * 0.04);
        dwell.setDuration(Duration.seconds(seconds));
        dwell.playFromStart();
    }
}
