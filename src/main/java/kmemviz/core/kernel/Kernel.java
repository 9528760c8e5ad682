package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Compact;
import kmemviz.core.cmd.Drain;
import kmemviz.core.cmd.Expect;
import kmemviz.core.cmd.FreePages;
import kmemviz.core.cmd.LessonCommand;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.Note;
import kmemviz.core.cmd.Release;
import kmemviz.core.cmd.Replay;
import kmemviz.core.cmd.SetContext;
import kmemviz.core.cmd.SetCpu;
import kmemviz.core.cmd.SlabCommand;
import kmemviz.core.cmd.VmCommand;
import kmemviz.core.cmd.UserMemoryCommand;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.trace.ReplaySummary;

/**
 * The simulated kernel: the single source of truth that every view, the command line and the tests drive.
 * Commands go in through {@link #execute}; each returns an {@link Outcome} with its events, and subscribers
 * ({@link #addKernelListener}) hear the same events as they happen, on one path in a fixed order.
 *
 * <p>The state-changing commands form a timeline (step 0 is the first machine) and the kernel stands after one of its
 * steps, {@link #position()}; the steps after it are what redo runs again. Undo, redo and {@link #seek} move along it
 * by restoring the nearest {@link Checkpoints checkpoint} at or before the target and replaying the few commands
 * after it, which the deterministic model makes exact (free-list order included). A new command after an undo drops
 * the steps after the position. Background work takes a {@link #mark()} and can {@link #rollback} to it exactly.
 *
 * <p>Single-threaded: call it from one thread at a time (the FX thread, or a Task that owns it meanwhile).
 * A listener that issues a command from inside a command gets an IllegalStateException.
 */
public final class Kernel {
    private final List<Command> timeline = new ArrayList<>();  // state-changing commands since the first machine
    private int position;                                       // the step the state is after; later ones are for redo
    private final Checkpoints checkpoints;
    private final EventRecorder recorder = new EventRecorder();
    private final EventFanOut fanOut = new EventFanOut(recorder);
    // Insertion order, so that a restored copy iterates as the original does (variableFor() answers the first match).
    private final Map<String, Pointer> variables = new LinkedHashMap<>();
    private PhysicalMemory memory;
    private SlabState slab;
    private VmState vm;
    private ExecContext context = ExecContext.PROCESS;
    private boolean running;
    private boolean replaying;
    // The outcome of the last state-changing command run, applied or refused: what `expect report` reads. Null after
    // a checkpoint is restored, since checkpoints keep the state, not the reports that led to it.
    private Outcome lastCall;
    private AllocStories stories;                               // the explanation sink, once someone asked for it
    // Where a running replay reports its progress and learns to stop; Progress.NONE outside execute(c, progress).
    private Progress commandProgress = Progress.NONE;
    private ReplaySummary lastReplay;
    /** A replay part of fewer lines than this reports its events one by one; a longer one is muted. */
    static final int HEARD_PART_LINES = 64;
    // The replay that `replay FILE lines A-B` parts go on with, or null: part of the state, so checkpoints keep it.
    private TraceReplay replayParts;

    public Kernel(Profile profile) { this(profile, Checkpoints.INTERVAL); }

    /** A kernel that takes a checkpoint every {@code checkpointInterval} steps (tests use small ones). */
    Kernel(Profile profile, int checkpointInterval) { this(profile, checkpointInterval, Checkpoints.MIN_BUDGET_BYTES); }

    /** ... and keeps them within at least {@code minBudgetBytes} (tests of the proportional bound pass 0). */
    Kernel(Profile profile, int checkpointInterval, long minBudgetBytes) {
        checkpoints = new Checkpoints(checkpointInterval, minBudgetBytes);
        Command boot = new Machine(profile, "machine " + profile.name());
        timeline.add(boot);
        boot(new PhysicalMemory(profile));
        checkpointIfDue();
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

    /**
     * The stories of the allocations made from now on: what the page allocator decided for each, step by step. The
     * first call attaches the recorder; until then allocations record nothing (the benchmarks never call it).
     */
    public AllocStories explainAllocations() {
        if (stories == null) {
            stories = new AllocStories();
            memory.setStories(stories);
        }
        return stories;
    }

    public Map<String, Pointer> variables() { return Collections.unmodifiableMap(variables); }

    /** The applied state-changing commands, the first machine included: the timeline up to the position. */
    public List<Command> history() { return List.copyOf(timeline.subList(0, position + 1)); }

    /** Steps in the timeline, the undone ones that redo would run again included. */
    public int historySize() { return timeline.size(); }

    /** The step the state is after: 0 right after the first machine, {@code historySize() - 1} with nothing to redo. */
    public int position() { return position; }

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
            timeline.subList(position + 1, timeline.size()).clear();
            checkpoints.dropAfter(position);
            timeline.add(command);
            position++;
            checkpointIfDue();
        }
        fanOut.commandExecuted(out);
        return out;
    }

    /**
     * {@link #execute(Command)} for a command that can run long (a {@code replay}, a large {@code touch}): it reports its progress to
     * {@code progress} and stops when that is cancelled, puts the state back as it was before it and throws
     * CancellationException. Other commands run as with {@link #execute(Command)}.
     */
    public Outcome execute(Command command, Progress progress) {
        commandProgress = progress;
        try {
            return execute(command);
        } catch (CancellationException e) {
            try {
                moveTo(position, Progress.NONE, false);          // the live state is half-applied: from a checkpoint
            } finally {
                fanOut.stateReset();
            }
            throw e;
        } finally {
            commandProgress = Progress.NONE;
        }
    }

    /**
     * Where a replay in parts stands, as {@code file:line: the last kmem event line read}, or null when no part is in
     * the state (after a seek too: a checkpoint keeps it). What the player's status shows at each step.
     */
    public String replayPartWhere() {
        if (replayParts == null) return null;
        String last = replayParts.lastEvent() == null ? "no kmem event yet" : replayParts.lastEvent().strip();
        return replayParts.where(replayParts.nextLine() - 1) + ": " + last;
    }

    /** What the last {@code replay} run did (undo does not take it back), or null if none ran. */
    public ReplaySummary lastReplay() { return lastReplay; }

    /**
     * Runs a script's commands one by one as {@link #execute} does, reporting commands done out of the total. When
     * {@code progress} is cancelled it stops between two commands, rolls back to the state before the first one
     * (history and redo steps included) and throws CancellationException.
     */
    public List<Outcome> runAll(List<Command> commands, Progress progress) {
        Mark before = mark();
        List<Outcome> outcomes = new ArrayList<>();
        for (Command c : commands) {
            if (progress.cancelled()) {
                rollback(before);
                throw new CancellationException("cancelled after " + outcomes.size() + " of " + commands.size() + " commands");
            }
            outcomes.add(execute(c));
            progress.progress(outcomes.size(), commands.size());
        }
        return outcomes;
    }

    /** Whether a command changed anything; refused and failed-to-run commands did not, so undo skips them. */
    private static boolean isApplied(Outcome out) {
        return out.status() == Outcome.Status.OK || out.status() == Outcome.Status.NULL_RESULT;
    }

    public boolean canUndo() { return position > 0; }

    public boolean canRedo() { return position < timeline.size() - 1; }

    /** The command the next undo takes back, or null. */
    public Command undoable() { return canUndo() ? timeline.get(position) : null; }

    public Command redoable() { return canRedo() ? timeline.get(position + 1) : null; }

    /** Takes back the last state-changing command: the state after the step before it, from a checkpoint. */
    public void undo() {
        if (!canUndo()) throw new IllegalStateException("nothing to undo");
        Command undone = timeline.get(position);
        fanOut.undone(undone);
        seek(position - 1);
    }

    /** Runs the last undone command again; its outcome is the same as the first time. */
    public Outcome redo() {
        if (!canRedo()) throw new IllegalStateException("nothing to redo");
        Outcome out = run(timeline.get(position + 1));
        position++;
        checkpointIfDue();
        fanOut.commandExecuted(out);
        return out;
    }

    /** {@link #seek(int, Progress)} with nobody to report to. */
    public void seek(int step) { seek(step, Progress.NONE); }

    /**
     * Puts the kernel in the state after {@code step} of the timeline, backwards or forwards, keeping every step for
     * redo; listeners hear {@link KernelListener#stateReset()}. Replays at most {@link Checkpoints#INTERVAL} commands,
     * reported to {@code progress}. Cancelled, it goes back to where it started and throws CancellationException.
     */
    public void seek(int step, Progress progress) {
        if (step < 0 || step >= timeline.size())
            throw new IndexOutOfBoundsException("step " + step + " is outside the history of " + timeline.size() + " steps");
        int from = position;
        try {
            moveTo(step, progress, true);
        } catch (CancellationException e) {
            moveTo(from, Progress.NONE, true);
            throw e;
        } finally {
            fanOut.stateReset();
        }
    }

    /** Where the kernel stands: its timeline and position, for {@link #rollback}. */
    public record Mark(List<Command> timeline, int position) {
        public Mark {
            timeline = List.copyOf(timeline);
        }
    }

    public Mark mark() { return new Mark(timeline, position); }

    /**
     * Puts back the state, the history and the redo steps exactly as they were at {@code mark}, whatever ran since
     * (a cancelled script, a trace that failed half-way). Listeners hear {@link KernelListener#stateReset()}.
     */
    public void rollback(Mark mark) {
        int common = 0;
        int shorter = Math.min(timeline.size(), mark.timeline().size());
        while (common < shorter && timeline.get(common).equals(mark.timeline().get(common))) common++;
        boolean liveOnTimeline = position < common;     // the live state is after a step both timelines share
        checkpoints.dropAfter(common - 1);
        timeline.clear();
        timeline.addAll(mark.timeline());
        try {
            moveTo(mark.position(), Progress.NONE, liveOnTimeline);
        } finally {
            fanOut.stateReset();
        }
    }

    /** The bytes the checkpoints hold, shared frame chunks counted once; at most {@link #checkpointBudgetBytes()}. */
    public long checkpointBytes() { return checkpoints.bytes(); }

    /** The checkpoints' memory bound for the current model (see {@link Checkpoints}). */
    public long checkpointBudgetBytes() { return checkpoints.budgetBytes(modelBytes()); }

    /** An estimate of the model's own heap: the frame table and what a copy of the small state around it allocates. */
    public long modelBytes() {
        return memory.frameTableBytes() + memory.otherBytes() + slab.heapBytes() + vm.heapBytes() + 64L * variables.size();
    }

    List<Integer> checkpointSteps() { return checkpoints.steps(); }

    /**
     * Replays from the best start to {@code step}: the live state when it is on the way, else the nearest checkpoint,
     * else the machine line at or before the step (its checkpoint was thinned away), which boots again.
     */
    private void moveTo(int step, Progress progress, boolean liveOnTimeline) {
        int machine = step;
        while (!(timeline.get(machine) instanceof Machine)) machine--;
        Checkpoints.Checkpoint c = checkpoints.atOrBefore(step);
        int start;
        if (liveOnTimeline && position <= step && position >= machine && (c == null || position >= c.step())) {
            start = position;
        } else if (c != null && c.step() >= machine) {
            restore(c);
            start = c.step();
        } else {
            start = machine;
            replay(machine);
        }
        position = start;
        for (int i = start + 1; i <= step; i++) {
            if (progress.cancelled()) throw new CancellationException("seek to step " + step + " cancelled at step " + position);
            replay(i);
            position = i;
            checkpointIfDue();
            progress.progress(i - start, step - start);
        }
    }

    private void replay(int step) {
        replaying = true;
        try {
            run(timeline.get(step));
        } finally {
            replaying = false;
        }
    }

    private void checkpointIfDue() {
        // After a replay too, so that undo and seeks past it restore its end instead of reading the trace again.
        Command last = timeline.get(position);
        if (!checkpoints.isDue(position, last instanceof Machine || last instanceof Replay r && Checkpoints.endsReplaySpan(r))) return;
        SlabState frozenSlab = new SlabState(slab, null);
        VmState frozenVm = new VmState(vm, null, null);
        PhysicalMemory.Snapshot frozenMemory = memory.snapshot();
        TraceReplay frozenReplay = replayParts == null ? null : new TraceReplay(replayParts);
        long otherBytes = frozenMemory.otherBytes() + frozenSlab.heapBytes() + frozenVm.heapBytes() + 64L * variables.size()
                + (frozenReplay == null ? 0 : frozenReplay.heapBytes());
        checkpoints.add(new Checkpoints.Checkpoint(position, frozenMemory, frozenSlab, frozenVm,
                Collections.unmodifiableMap(new LinkedHashMap<>(variables)), context, frozenReplay, otherBytes), checkpointBudgetBytes());
    }

    /** The state of a checkpoint, copied so that the checkpoint can be restored again; the frame arrays are reused. */
    private void restore(Checkpoints.Checkpoint c) {
        memory = PhysicalMemory.restore(c.memory(), memory);
        memory.setListener(fanOut);
        slab = new SlabState(c.slab(), memory);
        vm = new VmState(c.vm(), memory, fanOut);
        variables.clear();
        variables.putAll(c.variables());
        context = c.context();
        replayParts = c.replay() == null ? null : new TraceReplay(c.replay());
        lastCall = null;
        if (stories != null) {
            stories.dropAfter(memory.allocations().lastId());
            memory.setStories(stories);
        }
    }

    private Outcome run(Command command) {
        if (running) throw new ReentrantCommandException("a listener issued '" + command.text() + "' while a command was running");
        running = true;
        recorder.clear();
        try {
            Outcome out = dispatch(command);
            if (!(command instanceof Machine)) memory.runKswapd();
            Outcome done = new Outcome(command, out.status(), out.message(), recorder.events(), out.allocation(), out.walk(),
                    vm.tlb().stats(), recorder.tlbEvents());
            if (command.changesState()) lastCall = done;
            return done;
        } finally {
            running = false;
        }
    }

    /** How many accesses a touch would make now (0 if the kernel would refuse it), without changing anything. */
    public long accesses(kmemviz.core.cmd.Touch t) {
        return new VmCalls(new CallContext(memory, slab, vm, fanOut, variables, context), Progress.NONE).accesses(t);
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
            boot(m.booted() != null ? m.booted().take(m.profile(), m.imported()) : new PhysicalMemory(m.profile(), m.imported()));
            List<String> shortfalls = ImportedOwners.apply(memory, slab, vm, m.slabCaches(), m.vmapAreas());
            if (!replaying) {
                fanOut.stateReset();
                for (String note : m.notes()) fanOut.report(KernelReport.of(KernelReport.Kind.NOTE, note));
                for (String note : shortfalls) fanOut.report(KernelReport.of(KernelReport.Kind.NOTE, note));
            }
            return CallContext.result(m, Outcome.Status.OK, "booted " + m.profile().description(), null);
        }

        @Override public Outcome visit(SetContext s) {
            context = s.context();
            return CallContext.result(s, Outcome.Status.OK, "now in " + s.context().keyword() + " context", null);
        }

        @Override public Outcome visit(SetCpu c) {
            int nrCpus = memory.profile().nrCpus();
            if (c.cpu() >= nrCpus)
                return CallContext.result(c, Outcome.Status.ERROR, "cpu " + c.cpu() + ": this machine has CPUs 0 to " + (nrCpus - 1), null);
            memory.setCpu(c.cpu());
            return CallContext.result(c, Outcome.Status.OK, "now on CPU " + c.cpu(), null);
        }

        @Override public Outcome visit(Drain d) {
            memory.drainAllPages();
            return CallContext.result(d, Outcome.Status.OK, memory.profile().pcp() ? "drained every per-CPU list"
                    : "nothing to drain: this machine runs with pcp=off", null);
        }

        @Override public Outcome visit(Compact c) { return new PageCalls(ctx).compact(c); }

        @Override public Outcome visit(AllocPages a) { return new PageCalls(ctx).alloc(a); }

        @Override public Outcome visit(FreePages f) { return new PageCalls(ctx).free(f); }

        @Override public Outcome visit(UserMemoryCommand u) { return new PageCalls(ctx).userMemory(u); }

        @Override public Outcome visit(Release r) { return new PageCalls(ctx).release(r); }

        @Override public Outcome visit(Expect e) { return new Expectations(ctx, lastCall).check(e); }

        @Override public Outcome visit(Note n) {
            fanOut.report(KernelReport.of(KernelReport.Kind.NOTE, n.message()));
            return CallContext.result(n, Outcome.Status.OK, n.message(), null);
        }

        @Override public Outcome visit(SlabCommand c) { return c.accept(new SlabCalls(ctx)); }

        @Override public Outcome visit(VmCommand c) { return c.accept(new VmCalls(ctx, commandProgress)); }

        /**
         * The trace's events change the model with its events muted, since a million of them would be a million
         * log lines and view updates; the views redraw once at the end. A part of a few lines is heard event by event,
         * so that a short trace played a line a step animates as the toolbar's calls do. A trace that cannot be
         * opened changes nothing.
         */
        @Override public Outcome visit(Replay r) {
            TraceReplay parts = null;
            if (!r.whole()) {
                parts = r.firstLine() == 1 ? new TraceReplay(r.file()) : replayParts;
                if (parts == null || !parts.file().equals(r.file()) || parts.nextLine() != r.firstLine())
                    return CallContext.result(r, Outcome.Status.ERROR, "replay " + r.file().getFileName() + " lines " + r.firstLine()
                            + "-" + r.lastLine() + ": it goes on from a part that ends at line " + (r.firstLine() - 1) + " of the same trace, "
                            + (parts == null || !parts.file().equals(r.file()) ? "and no such part ran" : "but the last part ended at line " + (parts.nextLine() - 1)), null);
            }
            boolean heard = !r.whole() && r.lastLine() - r.firstLine() < HEARD_PART_LINES;
            MmListener listener = heard ? fanOut : new MmListener() {};
            memory.setListener(listener);
            try {
                CallContext ctx = new CallContext(memory, slab, vm, listener, variables, context);
                if (parts == null) {
                    lastReplay = new TraceReplay(r.file()).run(ctx, commandProgress);
                    return CallContext.result(r, Outcome.Status.OK, lastReplay.headline(), null);
                }
                replayParts = parts;
                lastReplay = parts.runTo(ctx, r.lastLine(), commandProgress);
                return CallContext.result(r, Outcome.Status.OK, replayPartWhere()
                        + (parts.atEnd() ? "  (end of trace: " + lastReplay.headline() + ")" : ""), null);
            } catch (java.io.IOException e) {
                return CallContext.result(r, Outcome.Status.ERROR, "replay: cannot read " + r.file() + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()), null);
            } finally {
                memory.setListener(fanOut);
                if (!replaying && !heard) fanOut.stateReset();
            }
        }

        /** Pause, select, zoom and quiz direct the lesson player; the model has nothing to do. */
        @Override public Outcome visit(LessonCommand c) { return CallContext.result(c, Outcome.Status.OK, c.text(), null); }
    }

    private void boot(PhysicalMemory booted) {
        memory = booted;
        memory.setListener(fanOut);
        slab = new SlabState(memory);
        vm = new VmState(memory, fanOut);
        variables.clear();
        context = ExecContext.PROCESS;
        replayParts = null;
        if (stories != null) {
            stories.clear();
            memory.setStories(stories);
        }
    }
}
