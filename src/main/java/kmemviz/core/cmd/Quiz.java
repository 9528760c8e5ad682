package kmemviz.core.cmd;

import java.util.HashSet;
import java.util.List;

/**
 * {@code quiz "Which zone will it come from?" DMA|DMA32|Normal}: a question about the next state-changing command,
 * asked before it runs. The answer is never written in the script: it is computed from that command's outcome
 * ({@code kmemviz.core.lesson.QuizAnswer}).
 *
 * @param choices 2..5 distinct choices of one {@link Kind}, in the order the script gives them
 */
public record Quiz(String question, Kind kind, List<String> choices) implements LessonCommand {
    public static final int MIN_CHOICES = 2;
    public static final int MAX_CHOICES = 5;

    /** What a quiz asks about, which decides the fact of the outcome that answers it. */
    public enum Kind {
        /** {@code yes|no}: did the next command succeed (not NULL, no failure reported)? */
        YES_NO,
        /** Zone names: which zone the next command's allocation came from. */
        ZONE,
        /** Slab cache names: which cache the next command's object came from. */
        CACHE
    }

    public Quiz {
        choices = List.copyOf(choices);
        if (choices.size() < MIN_CHOICES || choices.size() > MAX_CHOICES)
            throw new IllegalArgumentException("a quiz has " + MIN_CHOICES + " to " + MAX_CHOICES + " choices, got " + choices);
        if (new HashSet<>(choices).size() != choices.size())
            throw new IllegalArgumentException("a quiz's choices are distinct, got " + choices);
    }

    public String text() { return "quiz " + Texts.quote(question) + " " + String.join("|", choices); }

    public <R> R accept(LessonCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
