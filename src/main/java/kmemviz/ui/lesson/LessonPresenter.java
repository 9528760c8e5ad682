package kmemviz.ui.lesson;

import java.util.Arrays;
import java.util.List;
import javafx.scene.control.Button;
import kmemviz.core.cmd.Expect;
import kmemviz.core.cmd.Note;
import kmemviz.core.cmd.Quiz;
import kmemviz.core.kernel.Outcome;
import kmemviz.ui.view.lesson.LessonStageView;
import kmemviz.ui.view.lesson.ScriptPane;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows the player's state on the stage: the script with its marks and current line, the timeline, the banner
 * (a detour, a stop), the caption, the quiz and the score. It reads the {@link LessonPlayer}; it changes nothing.
 */
final class LessonPresenter {
    private final LessonStageView view;
    private final LessonPointer pointer;
    private final Action back;
    private int askedAt = -1;          // the step whose quiz the view asks, so that a refresh does not ask again

    LessonPresenter(LessonStageView view, LessonPointer pointer, Action back) {
        this.view = view;
        this.pointer = pointer;
        this.back = back;
    }

    /** A new script: no quiz is being asked. */
    void opened() { askedAt = -1; }

    /** After a move of the lesson: the views select and zoom as its last select and zoom say. */
    void pointAfterMove(LessonPlayer player) { pointer.after(player); }

    /** Shows {@code player}; {@code answered}: the quiz view keeps the outcome of the quiz just answered. */
    void show(LessonPlayer player, boolean detour, boolean recording, boolean answered) {
        var stop = player.stoppedAt();
        view.script().show(player.script().name() + (recording ? "  \u25cf recording" : ""),
                player.script().lines(), marks(player), player.currentLine(), stop == null ? -1 : stop.line());
        view.timeline().show(player.cursor(), player.size());
        if (detour) view.showBanner("Trying it yourself: the lesson waits at step " + player.cursor() + ".", List.of(backButton()), false);
        else if (stop != null) view.showBanner("Stopped at " + stop.getMessage(), List.of(), true);
        else view.showBanner(null, List.of(), false);
        Note caption = detour ? null : player.caption();
        view.caption().show(caption == null ? null : CaptionText.spans(caption.message()));
        pointer.placeCaption(caption, player.kernel());
        Quiz q = detour || stop != null ? null : player.pendingQuiz();
        if (!answered && q == null) {
            view.quiz().hide();
            askedAt = -1;
        } else if (!answered && askedAt != player.cursor()) {
            view.quiz().ask(q.question(), q.choices());
            askedAt = player.cursor();
        }
        // On a 1280x720 projector the stage is too low for both boxes; the question carries its own context.
        if (view.quiz().isVisible()) view.caption().setVisible(false);
        view.setScore(score(player));
    }

    /** The score once a quiz is answered; before, how many questions the lesson asks ("0 of 0 right" read as failure). */
    static String score(LessonPlayer player) {
        int n = player.quizzes();
        if (n == 0) return "";
        if (player.quizzesAnswered() == 0) return n == 1 ? "1 quiz question" : n + " quiz questions";
        return String.format("Quiz: %d of %d right", player.quizzesRight(), player.quizzesAnswered());
    }

    /** A check or a cross beside each expect that has run before the cursor, by line. */
    private static ScriptPane.Mark[] marks(LessonPlayer player) {
        ScriptPane.Mark[] marks = new ScriptPane.Mark[player.script().lines().size()];
        Arrays.fill(marks, ScriptPane.Mark.NONE);
        for (int i = 0; i < player.cursor(); i++) {
            Outcome.Status s = player.statusOf(i);
            if (player.steps().get(i).command() instanceof Expect && s != null)
                marks[player.steps().get(i).line() - 1] = s == Outcome.Status.OK ? ScriptPane.Mark.HELD : ScriptPane.Mark.FAILED;
        }
        return marks;
    }

    private Button backButton() {
        Button b = new Button(back.getText(), new FontIcon(Feather.CORNER_UP_LEFT));
        b.setId("back-to-lesson");
        b.setOnAction(back);
        return b;
    }
}
