package kmemviz.core.kernel;

import java.util.Collections;
import java.util.List;
import kmemviz.core.cmd.Command;
import kmemviz.core.mm.Allocation;

/**
 * What a command did: its status, a one-line message for the status bar, the events in order, and the
 * allocation it made (null if none). The events are the recorder's unmodifiable list, O(blocks) long (runs of
 * pages are one event each), kept as given rather than copied.
 */
public record Outcome(Command command, Status status, String message, List<MmEvent> events, Allocation allocation) {
    public enum Status {
        /** Done as asked. */
        OK,
        /** The allocator returned NULL, as the kernel would. */
        NULL_RESULT,
        /** The kernel would have reported a bug here; the model reported it and changed nothing. */
        REFUSED,
        /** The command could not run (an unknown variable, an invalid flag combination): nothing changed. */
        ERROR,
        /** An {@code expect} that did not hold. */
        EXPECT_FAILED
    }

    public Outcome { events = Collections.unmodifiableList(events); }

    public boolean ok() { return status == Status.OK; }
}
