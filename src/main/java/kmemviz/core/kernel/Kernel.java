package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Expect;
import kmemviz.core.cmd.FreePages;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.Note;
import kmemviz.core.cmd.Release;
import kmemviz.core.cmd.SetContext;
import kmemviz.core.cmd.SlabCommand;
import kmemviz.core.cmd.VmCommand;
import kmemviz.core.cmd.UserMemoryCommand;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;

/**
 * The simulated kernel: the single source of truth that every view, the command line and the tests drive.
 * Commands go in through {@link #execute}; each returns an {@link Outcome} with its events, and subscribers
 * ({@link #addKernelListener}) hear the same events as they happen, on one path in a fixed order. Undo and redo work on whole commands by rebooting and replaying the history,
 * which the deterministic model makes exact (free-list order included).
 *
 * <p>Single-threaded: call it from one thread at a time (the FX thread, or a Task that owns it meanwhile).
 * A listener that issues a command from inside a command gets an IllegalStateException.
 */
public final class Kernel {
    private final List<Command> history = new ArrayList<>();   // state-changing commands since the first machine
    private final List<Command> redo = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder();
    private final EventFanOut fanOut = new EventFanOut(recorder);
    private final Map<String, Pointer> variables = new HashMap<>();
    private PhysicalMemory memory;
    private SlabState slab;
    private VmState vm;
    private ExecContext context = ExecContext.PROCESS;
    private boolean running;
    private boolean replaying;

    public Kernel(Profile profile) {
        Command boot = new Machine(profile, "machine " + profile.name());
        history.add(boot);
        boot(profile);
    }

    public PhysicalMemory memory() { return memory; }

    public Profile profile() { return memory.profile(); }

    /** The slab layer of this boot: caches, slabs and the object records. */
    public SlabState slab() { return slab; }

    /** The virtual side of this boot: layout, page tables, vmalloc area, TLB. */
    public VmState vm() { return vm; }

    /** The model's own consistency checks (frames, free lists, slabs, object records): empty when all is well. */
    public List<String> checkInvariants() {
        List<String> bad = new ArrayList<>(memory.invariants().check());
        bad.addAll(slab.checkInvariants());
        bad.addAll(vm.checkInvariants(memory));
        return bad;
    }

    public ExecContext context() { return context; }

    public Map<String, Pointer> variables() { return Collections.unmodifiableMap(variables); }

    public List<Command> history() { return List.copyOf(history); }

    /** The variable that holds the allocation, or null (the toolbar names its allocations p1, p2, ...). */
    public String variableFor(int allocId) {
        for (Map.Entry<String, Pointer> e : variables.entrySet())
            if (e.getValue().allocId() == allocId && e.getValue().kind() != Pointer.Kind.CACHE) return e.getKey();
        return null;
    }

    /** The variable that holds the kmem_cache of this name, or null. */
    public String cacheVariableFor(String cacheName) {
        for (Map.Entry<String, Pointer> e : variables.entrySet()) {
            Pointer p = e.getValue();
            if (p.kind() == Pointer.Kind.CACHE) {
                var c = slab.cacheByRef(p.allocId());
                if (c != null && c.name().equals(cacheName)) return e.getKey();
            }
        }
        return null;
    }

    /** A variable name with this prefix that is not in use yet: p1, p2, ... */
    public String freshVariable(String prefix) {
        int n = 1;
        while (variables.containsKey(prefix + n)) n++;
        return prefix + n;
    }

    /**
     * The call that frees a live allocation the way its API requires (__free_pages for alloc_pages, free_pages
     * for __get_free_pages, exit_process or drop_cache for user memory), or null if no variable holds it.
     */
    public Command freeCommandFor(int allocId) {
        Allocation a = memory.allocations().get(allocId);
        String v = variableFor(allocId);
        if (a == null || v == null) return null;
        return switch (a.api()) {
            case ALLOC_PAGES -> new FreePages(kmemviz.core.cmd.Target.variable(v), a.order(), false);
            case GET_FREE_PAGES -> new FreePages(kmemviz.core.cmd.Target.variable(v), a.order(), true);
            case USER_PROCESS -> new Release("exit_process", v);
            case PAGE_CACHE -> new Release("drop_cache", v);
            case KMALLOC, KMALLOC_LARGE -> new kmemviz.core.cmd.Kfree(kmemviz.core.cmd.Target.variable(v));
            case KMEM_CACHE_ALLOC -> cacheVariableFor(a.cacheName()) == null ? null
                    : new kmemviz.core.cmd.KmemCacheFree(cacheVariableFor(a.cacheName()), kmemviz.core.cmd.Target.variable(v));
            case TASK_STACK -> new kmemviz.core.cmd.ExitTask(v);
            case VMALLOC -> new kmemviz.core.cmd.Vfree(kmemviz.core.cmd.Target.variable(v), false);
            default -> null;
        };
    }

    /**
     * Subscribes to the core's one event path: every event as it happens, then the command-level notices, after
     * the kernel's own recorder and after the subscribers before this one (see {@link KernelListener}).
     */
    public void addKernelListener(KernelListener l) { fanOut.subscribe(l); }

    public void removeKernelListener(KernelListener l) { fanOut.unsubscribe(l); }

    /** Runs one command and returns what it did. Redo history is dropped by any new state-changing command. */
    public Outcome execute(Command command) {
        Outcome out = run(command);
        if (command.changesState() && isApplied(out)) {
            history.add(command);
            redo.clear();
        }
        fanOut.commandExecuted(out);
        return out;
    }

    /** Whether a command changed anything; refused and failed-to-run commands did not, so undo skips them. */
    private static boolean isApplied(Outcome out) {
        return out.status() == Outcome.Status.OK || out.status() == Outcome.Status.NULL_RESULT;
    }

    public boolean canUndo() { return history.size() > 1; }

    public boolean canRedo() { return !redo.isEmpty(); }

    /** The command the next undo takes back, or null. */
    public Command undoable() { return canUndo() ? history.get(history.size() - 1) : null; }

    public Command redoable() { return canRedo() ? redo.get(redo.size() - 1) : null; }

    /** Takes back the last state-changing command by replaying everything before it. */
    public void undo() {
        if (!canUndo()) throw new IllegalStateException("nothing to undo");
        Command undone = history.remove(history.size() - 1);
        redo.add(undone);
        fanOut.undone(undone);
        replay();
    }

    /** Runs the last undone command again; its outcome is the same as the first time. */
    public Outcome redo() {
        if (!canRedo()) throw new IllegalStateException("nothing to redo");
        Command c = redo.remove(redo.size() - 1);
        Outcome out = run(c);
        history.add(c);
        fanOut.commandExecuted(out);
        return out;
    }

    private void replay() {
        replaying = true;
        try {
            List<Command> commands = List.copyOf(history);
            int lastMachine = 0;
            for (int i = 0; i < commands.size(); i++) if (commands.get(i) instanceof Machine) lastMachine = i;
            for (int i = 0; i < lastMachine; i++) if (commands.get(i) instanceof SetContext s) context = s.context();
            context = ExecContext.PROCESS;
            for (int i = 0; i < commands.size(); i++) {
                if (i < lastMachine && !(commands.get(i) instanceof SetContext)) continue;
                run(commands.get(i));
            }
        } finally {
            replaying = false;
        }
        fanOut.stateReset();
    }

    private Outcome run(Command command) {
        if (running) throw new ReentrantCommandException("a listener issued '" + command.text() + "' while a command was running");
        running = true;
        recorder.clear();
        try {
            Outcome out = dispatch(command);
            if (!(command instanceof Machine)) memory.runKswapd();
            return new Outcome(command, out.status(), out.message(), recorder.events(), out.allocation(), out.walk(),
                    vm.tlb().stats());
        } finally {
            running = false;
        }
    }

    private Outcome dispatch(Command command) {
        PageCalls pages = new PageCalls(this, memory);
        if (command instanceof Machine m) {
            boot(m.profile());
            if (!replaying) fanOut.stateReset();
            return result(command, Outcome.Status.OK, "booted " + m.profile().description(), null);
        }
        if (command instanceof SetContext s) {
            context = s.context();
            return result(command, Outcome.Status.OK, "now in " + s.context().keyword() + " context", null);
        }
        if (command instanceof AllocPages a) return pages.alloc(a);
        if (command instanceof FreePages f) return pages.free(f);
        if (command instanceof UserMemoryCommand u) return pages.userMemory(u);
        if (command instanceof Release r) return pages.release(r);
        if (command instanceof Expect e) return new Expectations(this).check(e);
        if (command instanceof SlabCommand sc) return new SlabCalls(this, memory, slab).execute(sc);
        if (command instanceof VmCommand vc) return new VmCalls(this, memory, vm).execute(vc);
        Note n = (Note) command;
        fanOut.report(KernelReport.of(KernelReport.Kind.NOTE, n.message()));
        return result(command, Outcome.Status.OK, n.message(), null);
    }

    private void boot(Profile profile) {
        memory = new PhysicalMemory(profile);
        memory.setListener(fanOut);
        slab = new SlabState(memory);
        vm = new VmState(memory, fanOut);
        variables.clear();
        context = ExecContext.PROCESS;
    }

    void bind(String variable, Pointer value) {
        if (variable != null) variables.put(variable, value);
    }

    MmListener events() { return fanOut; }

    /** Reports what the kernel would print and answers that the call was refused; nothing changed. */
    Outcome refuse(Command c, KernelReport report) {
        fanOut.report(report);
        return result(c, Outcome.Status.REFUSED, report.headline(), null);
    }

    /** might_sleep() at {@code where}: a BUG report when the current context may not sleep. */
    void mightSleep(String where) {
        if (!context.maySleep()) fanOut.report(KernelReport.of(KernelReport.Kind.BUG, context.sleepingBugReport(where)));
    }

    /** might_alloc(): a mask that allows direct reclaim may sleep (include/linux/sched/mm.h). */
    void mightAlloc(int gfp) {
        if (kmemviz.core.mm.Gfp.allowBlocking(gfp)) mightSleep("include/linux/sched/mm.h:321");
    }

    static Outcome result(Command c, Outcome.Status status, String message, Allocation a) {
        return new Outcome(c, status, message, List.of(), a);
    }
}
