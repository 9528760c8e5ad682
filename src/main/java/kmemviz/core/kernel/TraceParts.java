package kmemviz.core.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import kmemviz.core.cmd.Replay;
import kmemviz.core.trace.TraceLineReader;

/**
 * A trace cut into the lesson player's steps: {@code replay FILE lines A-B}, each part {@link #linesPerStep} lines.
 *
 * <p><b>Why lines, and how many.</b> A step is a run of trace lines, not of events or of a timestamp bucket: a line
 * is what the status names ({@code file:line}), a part starts at a byte offset the part before it found, so a
 * step never reads what came before it, and a trace's lines are nearly all kmem events (other events, headers and
 * comments are few and cost nothing). Timestamps would give steps of very uneven cost (a burst of 100,000 frees in
 * one millisecond), and some captures have none. Steps are {@code 1}, {@code 2} or {@code 5} × 10^k lines, the
 * smallest such that the trace has at most {@link #MAX_STEPS} of them: a short trace (up to 500 lines) plays a line a
 * step, and a 1,000,000-line one in 200 steps of 5,000 lines, about 10 ms each at {@code bench replay}'s rate, so
 * that Next is instant, Play can run tens of steps a second and the timeline has a position a few pixels wide per
 * step. Round sizes keep the script readable ({@code lines 5001-10000}).
 */
public record TraceParts(Path file, long lines, long linesPerStep) {
    public static final int MAX_STEPS = 500;

    public TraceParts {
        if (lines < 0 || linesPerStep < 1) throw new IllegalArgumentException(file + ": " + lines + " lines in steps of " + linesPerStep);
    }

    /**
     * Counts the lines of {@code file} (as a replay reads them) and chooses the step; cancellable between lines.
     *
     * @throws IllegalArgumentException when the file has no line at all
     */
    public static TraceParts of(Path file, Progress progress) throws IOException {
        long total = Math.max(1, Files.size(file)), lines = 0;
        try (TraceLineReader in = new TraceLineReader(Files.newInputStream(file))) {
            while (in.readLine() != null) {
                if ((++lines & 0xffff) == 0) {
                    if (progress.cancelled()) throw new CancellationException("counting the lines of " + file.getFileName() + " cancelled");
                    progress.progress(in.position(), total);
                }
            }
        }
        // An empty file would open as a player of no steps, which reads as a hang: say what is wrong instead.
        if (lines == 0) throw new IllegalArgumentException(file + " is empty: no trace lines to replay");
        return new TraceParts(file, lines, stepFor(lines));
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, ... lines that cuts {@code lines} into at most {@link #MAX_STEPS} steps. */
    static long stepFor(long lines) {
        for (long decade = 1; ; decade *= 10)
            for (long m : new long[] {1, 2, 5})
                if ((lines + m * decade - 1) / (m * decade) <= MAX_STEPS) return m * decade;
    }

    public int steps() { return (int) ((lines + linesPerStep - 1) / linesPerStep); }

    /** The commands of the steps, in order. */
    public List<Replay> parts() {
        List<Replay> parts = new ArrayList<>(steps());
        for (long first = 1; first <= lines; first += linesPerStep) parts.add(new Replay(file, first, Math.min(lines, first + linesPerStep - 1)));
        return parts;
    }

    /**
     * The script the player opens: a comment that says what it is, then one part a line, naming the trace by its file
     * name so that the lines stay short in the script pane; open it as {@link #scriptPath()}, beside the trace, where
     * that name resolves.
     */
    public String script() {
        StringBuilder sb = new StringBuilder(String.format("# Replay of %s: %,d lines, %,d a step%n", file.getFileName(), lines, linesPerStep));
        Path name = file.getFileName();
        for (Replay r : parts()) sb.append(new Replay(name, r.firstLine(), r.lastLine()).text()).append('\n');
        return sb.toString();
    }

    /** Where {@link #script()} belongs: beside the trace, {@code NAME.replay.kmv}. */
    public Path scriptPath() { return file.resolveSibling(file.getFileName() + ".replay.kmv"); }
}
