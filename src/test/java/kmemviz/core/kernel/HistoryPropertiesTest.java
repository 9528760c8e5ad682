package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Machine;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Undo, seek and rollback through checkpoints are exact: after each, every /proc print, the free lists in order, the
 * variables and the context equal those of a fresh kernel that replays the same steps from boot, and both go on to
 * the same state when given the same further commands. The kernels under test take a checkpoint every
 * {@value #INTERVAL} steps, so that restores, replays from a checkpoint and thinning all happen in short chains.
 */
class HistoryPropertiesTest {
    private static final int INTERVAL = 3;

    @Provide
    Arbitrary<Command> steps() {
        Arbitrary<Command> machine = Arbitraries.of(new Machine(Profiles.builtIn("classroom"), "machine classroom"),
                new Machine(Profiles.builtIn("i386-1g"), "machine i386-1g"));
        return Arbitraries.frequencyOf(Tuple.of(30, new KernelPropertiesTest().commands()), Tuple.of(1, machine));
    }

    @Property(tries = 100)
    void undoingOneStepAtARandomPointEqualsAReplayFromBoot(@ForAll @Size(max = 50) List<@From("steps") Command> commands,
                                                         @ForAll @IntRange(min = 0, max = 49) int at) {
        int split = Math.min(at, commands.size());
        Kernel k = underTest();
        commands.subList(0, split).forEach(k::execute);
        if (!k.canUndo()) return;
        k.undo();
        Kernel fresh = replayFromBoot(k.history());
        assertSameState(k, fresh);
        for (Command c : commands.subList(split, commands.size())) {
            k.execute(c);
            fresh.execute(c);
        }
        assertSameState(k, fresh);
    }

    @Property(tries = 60)
    void seekingBackAndForthEqualsAReplayFromBoot(@ForAll @Size(min = 1, max = 50) List<@From("steps") Command> commands,
                                                @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 50) Integer> targets) {
        Kernel k = underTest();
        commands.forEach(k::execute);
        List<Command> timeline = k.history();
        for (int target : targets) {
            int step = Math.min(target, timeline.size() - 1);
            k.seek(step);
            assertThat(k.position()).isEqualTo(step);
            assertThat(k.historySize()).isEqualTo(timeline.size());
            assertSameState(k, replayFromBoot(timeline.subList(0, step + 1)));
        }
        k.seek(timeline.size() - 1);
        assertThat(k.history()).isEqualTo(timeline);
    }

    @Property(tries = 60)
    void rollingBackToAMarkRestoresStateHistoryAndRedo(@ForAll @Size(max = 40) List<@From("steps") Command> before,
                                                      @ForAll @Size(max = 20) List<@From("steps") Command> after,
                                                      @ForAll @IntRange(min = 0, max = 5) int undos) {
        Kernel k = underTest();
        before.forEach(k::execute);
        for (int i = 0; i < undos && k.canUndo(); i++) k.undo();     // redo steps are part of what a mark keeps
        Kernel.Mark mark = k.mark();
        List<Command> history = k.history();
        Command redoable = k.redoable();
        int size = k.historySize();
        k.runAll(after, Progress.NONE);
        k.rollback(mark);
        assertThat(k.history()).isEqualTo(history);
        assertThat(k.historySize()).isEqualTo(size);
        assertThat(k.redoable()).isEqualTo(redoable);
        assertSameState(k, replayFromBoot(history));
    }

    @Property(tries = 40)
    void aCancelledRunLeavesTheKernelAsItWas(@ForAll @Size(max = 30) List<@From("steps") Command> before,
                                            @ForAll @Size(min = 2, max = 30) List<@From("steps") Command> script,
                                            @ForAll @IntRange(min = 0, max = 29) int cancelAfter) {
        Kernel k = underTest();
        before.forEach(k::execute);
        List<Command> history = k.history();
        int lastRun = Math.min(cancelAfter, script.size() - 2);     // cancelled before the one after it
        List<Long> reported = new ArrayList<>();
        Progress cancelling = new Progress() {
            @Override public void progress(long done, long total) { reported.add(done); }
            @Override public boolean cancelled() { return reported.size() > lastRun; }
        };
        assertThatThrownBy(() -> k.runAll(script, cancelling)).isInstanceOf(CancellationException.class);
        assertThat(reported).hasSize(lastRun + 1);
        assertThat(k.history()).isEqualTo(history);
        assertSameState(k, replayFromBoot(history));
    }

    private static Kernel underTest() { return new Kernel(Profiles.builtIn("classroom"), INTERVAL); }

    /** A kernel with no checkpoint but its first, running {@code history} (whose step 0 is the first machine). */
    private static Kernel replayFromBoot(List<Command> history) {
        Kernel fresh = new Kernel(Profiles.builtIn("classroom"), Integer.MAX_VALUE);
        history.subList(1, history.size()).forEach(fresh::execute);
        return fresh;
    }

    static void assertSameState(Kernel actual, Kernel expected) {
        assertThat(actual.profile().name()).isEqualTo(expected.profile().name());
        for (Report r : Report.values()) {
            if (r == Report.events) continue;     // the last command's events: a replay has run other commands last
            assertThat(r.render(actual, List.of())).as(r.name()).isEqualTo(r.render(expected, List.of()));
        }
        assertThat(KernelFixture.digest(actual.memory())).as("free lists and frames").isEqualTo(KernelFixture.digest(expected.memory()));
        assertThat(List.copyOf(actual.variables().entrySet())).as("variables")
                .isEqualTo(List.copyOf(expected.variables().entrySet()));
        assertThat(actual.context()).isEqualTo(expected.context());
        assertThat(actual.checkInvariants()).isEmpty();
    }
}
