package kmemviz.core.cmd;

import java.nio.file.Path;

/**
 * {@code replay FILE}: applies an ftrace kmem trace (the text of {@code trace}, {@code trace_pipe} or
 * {@code trace-cmd report}) to the model as one step, so that one undo takes the whole trace back. A relative
 * {@code FILE} is resolved against the script's folder when the script is parsed; {@link #file} is that result.
 */
public record Replay(Path file) implements Command {
    public Replay {
        if (file == null) throw new IllegalArgumentException("replay needs a trace file");
    }

    public String text() { return "replay " + Texts.quote(file.toString()); }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
