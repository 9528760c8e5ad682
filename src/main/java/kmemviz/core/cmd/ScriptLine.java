package kmemviz.core.cmd;

/**
 * A command and where in the script it came from: its line and the column of its first character (1-based), so
 * that an error found when it runs names file:line:column as a parse error does.
 */
public record ScriptLine(int line, int column, Command command) {

    /** The command read from {@code text}, line {@code line} of a script. */
    public static ScriptLine of(int line, String text, Command command) {
        int col = 0;
        while (col < text.length() && Character.isWhitespace(text.charAt(col))) col++;
        return new ScriptLine(line, col + 1, command);
    }

    /** "name:line:column", the prefix of every message about this line. */
    public String where(String name) { return name + ":" + line + ":" + column; }
}
