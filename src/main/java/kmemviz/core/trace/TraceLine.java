package kmemviz.core.trace;

/**
 * What one line of a trace is: a kmem event (with the CPU that recorded it, or -1 when the line has no context
 * prefix), a line to skip, or a kmem line that could not be read.
 */
public sealed interface TraceLine {
    int lineNo();

    record Event(int lineNo, int cpu, KmemEvent event) implements TraceLine {}

    record Skipped(int lineNo, SkipReason reason) implements TraceLine {}

    /** A kmem event's line that does not read: the column (1-based) and what is wrong there. */
    record Malformed(int lineNo, int column, String event, String message) implements TraceLine {
        public String describe(String file) { return file + ":" + lineNo + ":" + column + ": " + event + ": " + message; }
    }

    enum SkipReason {
        /** Blank lines. */
        BLANK,
        /** The trace file's header, lost-event marks, trace-cmd's cpus=N and "CPU N is empty". */
        HEADER,
        /** An event of another subsystem, or a kmem event a replay does not use. */
        OTHER_EVENT
    }
}
