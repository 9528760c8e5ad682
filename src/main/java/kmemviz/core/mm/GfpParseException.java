package kmemviz.core.mm;

/** A GFP expression that {@link GfpParser} cannot read; the message names the token and what was expected. */
public final class GfpParseException extends IllegalArgumentException {

    private final int column;

    public GfpParseException(String message, int column) {
        super(message);
        if (column < 1) {
            throw new IllegalArgumentException("column is 1-based, was " + column);
        }
        this.column = column;
    }

    /** The 1-based column of the offending token in the parsed text. */
    public int column() { return column; }
}
