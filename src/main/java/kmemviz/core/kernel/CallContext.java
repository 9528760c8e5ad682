package kmemviz.core.kernel;

import java.util.List;
import java.util.Map;
import kmemviz.core.cmd.Command;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Taint;

/**
 * What a call of the kernel API sees while it runs: the machine's state, the context it runs in, the script's
 * variables, the event stream, and the checks every call can make (might_sleep(), might_alloc(), a refusal).
 * {@link Kernel} makes one per command, so the calls never reach the kernel's history or listeners.
 */
final class CallContext {
    private final PhysicalMemory memory;
    private final SlabState slab;
    private final VmState vm;
    private final MmListener events;
    private final Map<String, Pointer> variables;
    private final ExecContext context;
    private boolean sleepReported;

    CallContext(PhysicalMemory memory, SlabState slab, VmState vm, MmListener events, Map<String, Pointer> variables,
                ExecContext context) {
        this.memory = memory;
        this.slab = slab;
        this.vm = vm;
        this.events = events;
        this.variables = variables;
        this.context = context;
    }

    PhysicalMemory memory() { return memory; }

    SlabState slab() { return slab; }

    VmState vm() { return vm; }

    /** Where the call reports what it did, in order. */
    MmListener events() { return events; }

    /** Where the call runs; a {@code context} line changes it between commands, never during one. */
    ExecContext context() { return context; }

    /**
     * The pointer a script variable holds. An unknown name ends the command with {@link Outcome.Status#ERROR}
     * ({@link CallError}), so every call resolves its variables before it changes anything.
     */
    Pointer pointer(String variable) {
        Pointer p = variables.get(variable);
        if (p == null) throw new CallError("unknown variable '" + variable + "'");
        return p;
    }

    /** Binds the call's result to a variable; a call without one (no {@code v =}) binds nothing. */
    void bind(String variable, Pointer value) {
        if (variable != null) variables.put(variable, value);
    }

    /** Reports what the kernel would print and answers that the call was refused; nothing changed. */
    Outcome refuse(Command c, KernelReport report) {
        events.report(report);
        return result(c, Outcome.Status.REFUSED, report.headline(), null);
    }

    /** This boot's taint mask, for the CPU line of every report. */
    Taint taint() { return memory.taint(); }

    /**
     * might_sleep() at {@code where}: a BUG report when the current context may not sleep. __might_resched()
     * prints at most one report a second (kernel/sched/core.c:8701-8703); the model has no clock and takes each
     * command to come at least a second after the one before, so it prints at most one per command.
     */
    void mightSleep(String where) {
        if (context.maySleep() || sleepReported) return;
        sleepReported = true;
        events.report(KernelReport.of(KernelReport.Kind.BUG, context.sleepingBugReport(where, taint())));
    }

    /** might_alloc(): a mask that allows direct reclaim may sleep (include/linux/sched/mm.h). */
    void mightAlloc(int gfp) {
        if (Gfp.allowBlocking(gfp)) mightSleep("include/linux/sched/mm.h:321");
    }

    /** An outcome without events: {@link Kernel} adds the ones the command recorded. */
    static Outcome result(Command c, Outcome.Status status, String message, Allocation a) {
        return new Outcome(c, status, message, List.of(), a);
    }
}
