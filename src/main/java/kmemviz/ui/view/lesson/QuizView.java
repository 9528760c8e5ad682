package kmemviz.ui.view.lesson;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * A quiz over the stage: the question and one large button per choice, big enough for a room to read and for a
 * presenter to click what the room calls out. After the step has run it shows the outcome: which choice held and
 * whether the prediction did. The choice is an intent ({@link #setOnAnswer}); the view decides nothing.
 */
public final class QuizView extends VBox {
    private final Label question = new Label();
    private final FlowPane choices = new FlowPane(16, 12);
    private final Label verdict = new Label();
    private Consumer<String> onAnswer = choice -> {};

    public QuizView() {
        super(18);
        getStyleClass().add("lesson-quiz");
        setId("lesson-quiz");
        setAlignment(Pos.CENTER);
        question.getStyleClass().add("quiz-question");
        question.setWrapText(true);
        choices.setAlignment(Pos.CENTER);
        verdict.getStyleClass().add("quiz-verdict");
        verdict.setWrapText(true);
        verdict.managedProperty().bind(verdict.textProperty().isNotEmpty());   // no blank line under the choices before the answer
        getChildren().addAll(question, choices, verdict);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setVisible(false);
    }

    public void setOnAnswer(Consumer<String> onAnswer) { this.onAnswer = onAnswer; }

    /** Asks {@code text} with one button per choice. */
    public void ask(String text, List<String> options) {
        question.setText(text);
        choices.getChildren().clear();
        for (String c : options) {
            Button b = new Button(c);
            b.getStyleClass().add("quiz-choice");
            b.setId("quiz-choice-" + c);
            b.setMnemonicParsing(false);
            b.setOnAction(e -> onAnswer.accept(c));
            choices.getChildren().add(b);
        }
        verdict.setText("");
        verdict.getStyleClass().removeAll("quiz-right", "quiz-wrong");
        setVisible(true);
    }

    /** After the step ran: the choice that held, the student's, and whether they match. */
    public void answered(String chosen, String correct) {
        boolean right = chosen.equals(correct);
        for (var n : choices.getChildren()) {
            Button b = (Button) n;
            b.setDisable(true);
            b.getStyleClass().removeAll("quiz-correct", "quiz-chosen");
            if (b.getText().equals(correct)) b.getStyleClass().add("quiz-correct");
            else if (b.getText().equals(chosen)) b.getStyleClass().add("quiz-chosen");
        }
        verdict.getStyleClass().add(right ? "quiz-right" : "quiz-wrong");
        verdict.setText(right ? "\u2713 Right: it was " + correct + "." : "\u2717 It was " + correct + ", not " + chosen + ".");
    }

    public void hide() { setVisible(false); }

    /** The verdict line as shown, for tests. */
    public String verdict() { return verdict.getText(); }
}
