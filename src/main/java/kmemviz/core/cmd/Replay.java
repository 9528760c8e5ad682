package kmemviz.core.cmd;

import java.nio.file.Path;

/**
 * {@code replay FILE}: applies an ftrace kmem trace (the text of {@code trace}, {@code trace_pipe} or
 * {@code trace-cmd report}) to the model as one step, so that one undo takes the whole trace back. A relative
 * {@code FILE} is resolved against the script's folder when the script is parsed; {@link #file} is that result.
 *
 * <p>{@code replay FILE lines A-B} applies lines {@code A} to {@code B} (1-based, inclusive) as one step: the player
 * cuts a trace into such parts, so that its timeline steps through the trace. A part continues the replay that the
 * part before it (lines ending at {@code A - 1}) left, its traced pointers included; {@code lines 1-B} starts one.
 * The whole file is {@code firstLine == 0}.
 */
public record Replay(Path file, long firstLine, long lastLine) implements Command {
    public Replay {
        if (file == null) throw new IllegalArgumentException("replay needs a trace file");
        if (firstLine != 0 && (firstLine < 1 || lastLine < firstLine))
            throw new IllegalArgumentException("replay " + file + ": lines " + firstLine + "-" + lastLine + " is not a range of lines from 1");
    }

    /** The whole trace as one step. */
    public Replay(Path file) { this(file, 0, 0); }

    /** Whether this replays the whole file rather than a part. */
    public boolean whole() { return firstLine == 0; }

    public String text() { return "replay " + Texts.quote(file.toString()) + (whole() ? "" : " lines " + firstLine + "-" + lastLine); }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
