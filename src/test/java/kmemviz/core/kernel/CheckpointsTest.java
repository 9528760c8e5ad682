package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

/**
 * Thinning keeps every checkpoint near the newest and fewer further back, the total stays within its bound, and a
 * seek reports its progress and can be cancelled.
 */
class CheckpointsTest {

    @Test
    void checkpointsWithinDenseIntervalsOfTheNewestAreAllKept() {
        for (int step = 1_000; step <= 2_000; step += 100)
            assertThat(Checkpoints.kept(step, 2_000, 100, 16)).as("step " + step).isTrue();
    }

    @Test
    void furtherBackOnlyEverySecondThenEveryFourthIntervalIsKept() {
        // interval 100, dense 4: distances [400, 800) keep multiples of 200, [800, 1600) multiples of 400
        int newest = 10_000;
        assertThat(Checkpoints.kept(9_500, newest, 100, 4)).isFalse();
        assertThat(Checkpoints.kept(9_400, newest, 100, 4)).isTrue();
        assertThat(Checkpoints.kept(9_600, newest, 100, 4)).isTrue();
        assertThat(Checkpoints.kept(9_000, newest, 100, 4)).isFalse();   // distance 1000: multiples of 400 only
        assertThat(Checkpoints.kept(8_800, newest, 100, 4)).isTrue();
        assertThat(Checkpoints.kept(0, newest, 100, 4)).isTrue();          // step 0 is a multiple of everything
    }

    @Test
    void aLongHistoryKeepsFewCheckpointsSpacedMoreWidelyFurtherBack() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"), 1);
        run(k, 600);
        List<Integer> steps = k.checkpointSteps();
        int newest = steps.get(steps.size() - 1);
        assertThat(newest).isEqualTo(k.position());
        assertThat(steps).hasSizeLessThan(120);
        assertThat(steps).containsSequence(IntStream.rangeClosed(newest - Checkpoints.DENSE + 1, newest).boxed().toList());
        for (int i = 1; i < steps.size(); i++) {
            int gap = steps.get(i) - steps.get(i - 1);
            int distance = newest - steps.get(i);
            // a seek to any step replays at most about its distance back divided by dense, plus one interval
            assertThat(gap).as("gap before step " + steps.get(i)).isLessThanOrEqualTo(Math.max(1, 2 * distance / Checkpoints.DENSE + 2));
        }
    }

    @Test
    void theCheckpointsStayWithinOneModelImagePlusAQuarterOfTheModel() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"), 1, 0);
        for (int i = 0; i < 3; i++) {
            run(k, 300);
            assertThat(k.checkpointBudgetBytes()).isEqualTo(k.modelBytes() + k.modelBytes() / 4);
            assertThat(k.checkpointBytes()).isPositive().isLessThanOrEqualTo(k.checkpointBudgetBytes());
        }
        assertThat(k.checkpointSteps()).hasSizeLessThan(20);
        assertThat(new Checkpoints(1, 0).budgetBytes(4_000)).isEqualTo(5_000);
        assertThat(new Checkpoints(1, 8_000).budgetBytes(4_000)).isEqualTo(8_000);
    }

    @Test
    void seekingAfterThinningIsExact() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"), 1);
        run(k, 300);
        List<Command> history = k.history();
        int target = k.checkpointSteps().get(1) + 1;                    // between two thinned-out checkpoints
        k.seek(target);
        Kernel fresh = new Kernel(Profiles.builtIn("classroom"));
        history.subList(1, target + 1).forEach(fresh::execute);
        HistoryPropertiesTest.assertSameState(k, fresh);
    }

    @Test
    void aSeekReportsItsReplayAndACancelledOneGoesBackToWhereItStarted() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"), 50);
        run(k, 120);
        List<Command> history = k.history();
        List<long[]> reported = new ArrayList<>();
        Progress watching = new Progress() {
            @Override public void progress(long done, long total) { reported.add(new long[] {done, total}); }
            @Override public boolean cancelled() { return false; }
        };
        k.seek(90, watching);                                           // from the checkpoint at step 50
        assertThat(reported).hasSize(40);
        assertThat(reported.get(39)).containsExactly(40, 40);

        Progress cancelling = new Progress() {
            int calls;
            @Override public void progress(long done, long total) {}
            @Override public boolean cancelled() { return ++calls > 5; }
        };
        assertThatThrownBy(() -> k.seek(40, cancelling))
                .isInstanceOf(CancellationException.class);
        assertThat(k.position()).isEqualTo(90);
        assertThat(k.historySize()).isEqualTo(history.size());
        Kernel fresh = new Kernel(Profiles.builtIn("classroom"));
        history.subList(1, 91).forEach(fresh::execute);
        HistoryPropertiesTest.assertSameState(k, fresh);
    }

    /** {@code n} kmalloc/kfree and alloc_pages/__free_pages commands over a few variables, all of them applied. */
    private static void run(Kernel k, int n) {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int slot = i % 7;
            String v = "v" + slot;
            boolean alloc = (i / 7) % 2 == 0;
            if (slot % 2 == 0) script.append(alloc ? v + " = kmalloc(" + (16 + 100 * slot) + ", GFP_KERNEL)" : "kfree(" + v + ")");
            else script.append(alloc ? v + " = alloc_pages(GFP_KERNEL, " + slot % 3 + ")" : "__free_pages(" + v + ", " + slot % 3 + ")");
            script.append('\n');
        }
        for (ScriptLine line : new ScriptParser("checkpoints.kmv").parse(script.toString())) k.execute(line.command());
    }
}
