package kmemviz.ui.lesson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;

/**
 * The text of an open script and its statements. Lines are read one by one up to the first that cannot be read:
 * the statements before it can be played, and the player stops at it with its {@link ScriptException} (file, line,
 * column), so a lesson with a typo near the end still plays up to the typo. Recording inserts lines, after which
 * the statements are read again. Plain Java, no JavaFX.
 */
public final class LessonScript {
    private final String name;
    private final List<String> lines = new ArrayList<>();
    private final List<ScriptLine> steps = new ArrayList<>();
    private ScriptException error;

    public LessonScript(String name, String text) {
        this.name = name;
        String[] split = text.split("\r?\n", -1);
        int n = split.length;
        if (n > 0 && split[n - 1].isEmpty()) n--;          // the newline that ends the last line is not a line
        for (int i = 0; i < n; i++) lines.add(split[i]);
        parse();
    }

    private void parse() {
        steps.clear();
        error = null;
        ScriptParser parser = new ScriptParser(name);
        for (int i = 0; i < lines.size(); i++) {
            try {
                var c = parser.parseLine(lines.get(i), i + 1);
                if (c != null) steps.add(ScriptLine.of(i + 1, lines.get(i), c));
            } catch (ScriptException e) {
                error = e;
                return;
            }
        }
    }

    /** The file name, as errors name it. */
    public String name() { return name; }

    /** The text lines, numbered from 1 in {@link ScriptLine#line()}. */
    public List<String> lines() { return Collections.unmodifiableList(lines); }

    /** The statements that can be played, in order; they end before {@link #error()}'s line. */
    public List<ScriptLine> steps() { return Collections.unmodifiableList(steps); }

    /** The first line that could not be read, or null. */
    public ScriptException error() { return error; }

    /** How many steps stand on lines up to {@code line} (1-based): the cursor that has run that line. */
    public int stepsThrough(int line) {
        int n = 0;
        while (n < steps.size() && steps.get(n).line() <= line) n++;
        return n;
    }

    /**
     * Inserts {@code text} as a line in front of step {@code step} (after the step before it, so that comments above
     * the next step stay with it), or at the end, and reads the statements again.
     */
    void insertBefore(int step, String text) {
        int at = step == 0 ? (steps.isEmpty() ? lines.size() : steps.get(0).line() - 1)
                : steps.get(step - 1).line();
        lines.add(at, text);
        parse();
    }

    /** Takes out the line of {@code step} (an undo while recording); the steps after it move up by one. */
    void remove(int step) {
        lines.remove(steps.get(step).line() - 1);
        parse();
    }

    /** The script as a file: its lines, each ending with a newline. */
    public String text() { return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"); }
}
