package kmemviz.core.cmd;

/** {@code pause}: the lesson player waits here for the presenter; a headless run goes on. */
public record Pause() implements LessonCommand {
    public String text() { return "pause"; }

    public <R> R accept(LessonCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
