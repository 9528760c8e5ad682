package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Commands go in through {@link #execute}; each returns an {@link Outcome} with its events, and listeners hear
 * the same events as they happen. Undo and redo work on whole commands by rebooting and replaying the history,
 * which the deterministic model makes exact (free-list order included).
 *
 * <p>Single-threaded: call it from one thread at a time (the FX thread, or a Task that owns it meanwhile).
 * A listener that issues a command from inside a command gets an IllegalStateException.
 */
public final class Kernel {
    private final List<Command> history = new ArrayList<>();   // state-changing commands since the first machine
    private final List<Command> redo = new ArrayList<>();
    private final List<MmListener> mmListeners = new CopyOnWriteArrayList<>();
    private final List<KernelListener> kernelListeners = new CopyOnWriteArrayList<>();
    private final EventRecorder recorder = new EventRecorder();
    private final MmListener fanOut = new EventFanOut(mmListeners);
    private final Map<String, Pointer> variables = new HashMap<>();
    private PhysicalMemory memory;
    private SlabState slab;
    private VmState vm;
    private ExecContext context = ExecContext.PROCESS;
    private boolean running;
    private boolean replaying;

    public Kernel(Profile profile) {
        mmListeners.add(recorder);
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
            case USER_PROCESS -> new Release(Release.Flavor.EXIT_PROCESS, v);
            case PAGE_CACHE -> new Release(Release.Flavor.DROP_CACHE, v);
            case KMALLOC, KMALLOC_LARGE -> new kmemviz.core.cmd.Kfree(kmemviz.core.cmd.Target.variable(v));
            case KMEM_CACHE_ALLOC -> cacheVariableFor(a.cacheName()) == null ? null
                    : new kmemviz.core.cmd.KmemCacheFree(cacheVariableFor(a.cacheName()), kmemviz.core.cmd.Target.variable(v));
            case TASK_STACK -> new kmemviz.core.cmd.ExitTask(v);
            case VMALLOC -> new kmemviz.core.cmd.Vfree(kmemviz.core.cmd.Target.variable(v), false);
            default -> null;
        };
    }

    public void addMmListener(MmListener l) { mmListeners.add(l); }

    public void removeMmListener(MmListener l) {
        if (l != recorder) mmListeners.remove(l);
    }

    public void addKernelListener(KernelListener l) { kernelListeners.add(l); }

    public void removeKernelListener(KernelListener l) { kernelListeners.remove(l); }

    /** Runs one command and returns what it did. Redo history is dropped by any new state-changing command. */
    public Outcome execute(Command command) {
        Outcome out = run(command);
        if (command.changesState() && isApplied(out)) {
            history.add(command);
            redo.clear();
        }
        for (KernelListener l : kernelListeners) l.commandExecuted(out);
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
        for (KernelListener l : kernelListeners) l.undone(undone);
        replay();
    }

    /** Runs the last undone command again; its outcome is the same as the first time. */
    public Outcome redo() {
        if (!canRedo()) throw new IllegalStateException("nothing to redo");
        Command c = redo.remove(redo.size() - 1);
        Outcome out = run(c);
        history.add(c);
        for (KernelListener l : kernelListeners) l.commandExecuted(out);
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
        for (KernelListener l : kernelListeners) l.stateReset();
    }

    private Outcome run(Command command) {
        if (running) throw new IllegalStateException("a listener issued '" + command.text() + "' while a command was running");
        running = true;
        recorder.clear();
        try {
            Outcome out = dispatch(command);
            if (!(command instanceof Machine)) memory.runKswapd();
            return new Outcome(command, out.status(), out.message(), recorder.events(), out.allocation());
        } finally {
            running = false;
        }
    }

    private Outcome dispatch(Command command) {
        try {
            return command.accept(new Calls(new CallContext(memory, slab, vm, fanOut, variables, context)));
        } catch (CallError e) {
            return CallContext.result(command, Outcome.Status.ERROR, e.getMessage(), null);
        }
    }

    /** Runs each kind of command where it belongs; only machine and context change the kernel itself. */
    private final class Calls implements Command.Visitor<Outcome> {
        private final CallContext ctx;

        Calls(CallContext ctx) { this.ctx = ctx; }

        @Override public Outcome visit(Machine m) {
            boot(m.profile());
            if (!replaying) for (KernelListener l : kernelListeners) l.stateReset();
            return CallContext.result(m, Outcome.Status.OK, "booted " + m.profile().description(), null);
        }

        @Override public Outcome visit(SetContext s) {
            context = s.context();
            return CallContext.result(s, Outcome.Status.OK, "now in " + s.context().keyword() + " context", null);
        }

        @Override public Outcome visit(AllocPages a) { return new PageCalls(ctx).alloc(a); }

        @Override public Outcome visit(FreePages f) { return new PageCalls(ctx).free(f); }

        @Override public Outcome visit(UserMemoryCommand u) { return new PageCalls(ctx).userMemory(u); }

        @Override public Outcome visit(Release r) { return new PageCalls(ctx).release(r); }

        @Override public Outcome visit(Expect e) { return new Expectations(ctx).check(e); }

        @Override public Outcome visit(Note n) {
            fanOut.report(KernelReport.of(KernelReport.Kind.NOTE, n.message()));
            return CallContext.result(n, Outcome.Status.OK, n.message(), null);
        }

        @Override public Outcome visit(SlabCommand c) { return c.accept(new SlabCalls(ctx)); }

        @Override public Outcome visit(VmCommand c) { return c.accept(new VmCalls(ctx)); }
    }

    private void boot(Profile profile) {
        memory = new PhysicalMemory(profile);
        memory.setListener(fanOut);
        slab = new SlabState(memory);
        vm = new VmState(memory, fanOut);
        variables.clear();
        context = ExecContext.PROCESS;
    }
}
