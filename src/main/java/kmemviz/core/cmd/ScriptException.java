package kmemviz.core.cmd;

/** A script line that could not be read, with where: {@code file:line:column: message}. */
public final class ScriptException extends IllegalArgumentException {
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public ScriptException(String file, int line, int column, String reason) {
        super(file + ":" + line + ":" + column + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String file() { return file; }

    public int line() { return line; }

    public int column() { return column; }

    /** The message without the location, for a field that shows the location itself. */
    public String reason() { return reason; }
}
