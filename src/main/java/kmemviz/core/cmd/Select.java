package kmemviz.core.cmd;

/** {@code select p}: every view selects the allocation that variable {@code p} holds. */
public record Select(String variable) implements LessonCommand {
    public Select {
        if (variable == null || variable.isEmpty()) throw new IllegalArgumentException("select needs a variable");
    }

    public String text() { return "select " + variable; }

    public <R> R accept(LessonCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
