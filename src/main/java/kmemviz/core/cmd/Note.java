package kmemviz.core.cmd;

/** {@code note "text"}: a line for the audience, shown in the log. */
public record Note(String message) implements Command {
    public String text() { return "note " + Texts.quote(message); }

    public boolean changesState() { return false; }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
