package kmemviz.core.kernel;

import java.util.Collections;
import java.util.List;
import kmemviz.core.cmd.Command;
import kmemviz.core.mm.Allocation;
import kmemviz.core.vm.TlbStats;
import kmemviz.core.vm.Walk;

/**
 * What a command did: its status, a one-line message for the status bar, the events in order, the allocation it
 * made (null if none), and what the views need after it so that nobody asks the core again: the page walk of
 * {@code translate} (null for other commands) and the TLB's counters after the command (null only on outcomes
 * built inside the core, before the kernel completes them). The events are the recorder's unmodifiable list,
 * O(blocks) long (runs of pages are one event each), kept as given rather than copied; the TLB's events, which a
 * touch makes per page, come apart as {@code tlbEvents} (never null).
 */
public record Outcome(Command command, Status status, String message, List<MmEvent> events, Allocation allocation,
                      Walk walk, TlbStats tlb, TlbEvents tlbEvents) {
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

    public Outcome {
        events = Collections.unmodifiableList(events);
        if (tlbEvents == null) throw new IllegalArgumentException(command.text() + ": tlbEvents must not be null, use TlbEvents.NONE");
    }

    /** An outcome with no walk and no TLB figures yet: the kernel adds the figures when the command is over. */
    public Outcome(Command command, Status status, String message, List<MmEvent> events, Allocation allocation) {
        this(command, status, message, events, allocation, null, null, TlbEvents.NONE);
    }

    /** The same outcome carrying the page walk it made. */
    public Outcome withWalk(Walk w) { return new Outcome(command, status, message, events, allocation, w, tlb, tlbEvents); }

    public boolean ok() { return status == Status.OK; }
}
