package kmemviz.core.cmd;

/**
 * {@code note "text"} or {@code note p "text"}: a line for the audience, shown in the log and, by the lesson player,
 * as a caption; with a variable, the caption stands next to the allocation that variable holds. The text may hold
 * {@code `code`} spans and {@code *emphasis*}.
 *
 * @param variable the variable whose allocation the caption belongs to, or null for a caption over the stage
 */
public record Note(String variable, String message) implements Command {
    public Note(String message) { this(null, message); }

    public String text() { return "note " + (variable == null ? "" : variable + " ") + Texts.quote(message); }

    public boolean changesState() { return false; }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
