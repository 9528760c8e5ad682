package kmemviz.ui.control;

import javafx.scene.control.Slider;
import javafx.scene.input.KeyCombination;
import kmemviz.ui.view.LazyTooltip;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Step, Play, Pause and the speed slider of the animation (slow for teaching, up to instant). */
public final class PlaybackController {
    private final Animator animator;
    private final Action step = new Action("Step", e -> step());
    private final Action play = new Action("Play", e -> play());
    private final Action pause = new Action("Pause", e -> pause());
    private final Action faster = new Action("Faster", e -> nudge(0.1));
    private final Action slower = new Action("Slower", e -> nudge(-0.1));
    private final Slider speed = new Slider(0, 1, Animator.DEFAULT_SPEED);

    public PlaybackController(Animator animator) {
        this.animator = animator;
        step.setGraphic(new FontIcon(Feather.SKIP_FORWARD));
        step.setAccelerator(KeyCombination.keyCombination("F10"));
        step.setLongText("Step mode: play the next event of the command (F10)");
        play.setGraphic(new FontIcon(Feather.PLAY));
        play.setAccelerator(KeyCombination.keyCombination("F5"));
        play.setLongText("Play the events at the chosen speed (F5)");
        pause.setGraphic(new FontIcon(Feather.PAUSE));
        pause.setAccelerator(KeyCombination.keyCombination("F6"));
        pause.setLongText("Pause: events wait for Step (F6)");
        faster.setAccelerator(KeyCombination.keyCombination("Shortcut+]"));
        slower.setAccelerator(KeyCombination.keyCombination("Shortcut+["));
        speed.setId("speed");
        speed.setPrefWidth(110);
        speed.valueProperty().bindBidirectional(animator.speedProperty());
        LazyTooltip.install(speed, "Animation speed: left is slow (for teaching), right end is instant (Ctrl+[ and Ctrl+])");
        animator.pausedProperty().addListener((o, a, p) -> refresh());
        refresh();
    }

    public Action stepAction() { return step; }

    public Action playAction() { return play; }

    public Action pauseAction() { return pause; }

    public Action fasterAction() { return faster; }

    public Action slowerAction() { return slower; }

    public Slider speedSlider() { return speed; }

    private void step() {
        animator.pausedProperty().set(true);
        animator.step();
    }

    private void play() { animator.pausedProperty().set(false); }

    private void pause() { animator.pausedProperty().set(true); }

    private void nudge(double d) { speed.setValue(Math.max(0, Math.min(1, speed.getValue() + d))); }

    private void refresh() {
        play.setDisabled(!animator.pausedProperty().get());
        pause.setDisabled(animator.pausedProperty().get());
    }
}
