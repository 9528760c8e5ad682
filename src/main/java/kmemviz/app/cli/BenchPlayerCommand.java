package kmemviz.app.cli;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.kernel.Progress;
import kmemviz.core.mm.Profiles;
import kmemviz.ui.lesson.LessonPlayer;
import kmemviz.ui.lesson.LessonScript;
import kmemviz.ui.view.ShownMemory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The lesson player's moves on x86_64-16g in a script of 10,000 steps (the command mix of {@code bench history}),
 * after the script has been played once: the next step, the previous step and a jump between two random steps. Each
 * move includes what the views' model then does on the FX thread: the events applied to the shown frames after a
 * step, the full reset of the shown frames after a seek (the painting of the changed rows is not included). Figures
 * are medians of {@value #MEASURED} moves at seeded random steps, after {@value #WARMUP} moves of warm-up.
 */
@CommandLine.Command(name = "player", mixinStandardHelpOptions = true,
        description = "Next step, previous step and a jump in a 10,000-step script on x86_64-16g.")
public final class BenchPlayerCommand implements Callable<Integer> {
    static final int STEPS = 10_000;
    private static final int WARMUP = 30, MEASURED = 101;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the command mix and the steps (default ${DEFAULT-VALUE})")
    long seed;

    private Kernel kernel;
    private LessonPlayer player;
    private final ShownMemory shown = new ShownMemory();

    @Override
    public Integer call() {
        kernel = new Kernel(Profiles.builtIn("x86_64-16g"));
        String text = BenchHistoryCommand.mix(STEPS, seed).stream().map(c -> c.text()).collect(Collectors.joining("\n", "", "\n"));
        player = new LessonPlayer(kernel, new LessonScript("bench-player.kmv", text));
        shown.resetFrom(kernel.memory());
        long t0 = System.nanoTime();
        player.jumpTo(player.size(), Progress.NONE);
        double playMs = (System.nanoTime() - t0) / 1e6;
        if (player.stoppedAt() != null) throw new IllegalStateException("the bench script stopped: " + player.stoppedAt().getMessage());
        SplittableRandom rnd = new SplittableRandom(seed);
        System.out.printf("next_step_ms %.2f ms%n", median(rnd, true, () -> {
            Outcome out = player.next();
            for (MmEvent e : out.events()) shown.apply(e);
        }));
        System.out.printf("previous_step_ms %.2f ms%n", median(rnd, false, () -> {
            player.previous();
            shown.resetFrom(kernel.memory());
        }));
        System.out.printf("jump_ms_in_10000_steps %.2f ms%n", median(rnd, false, () -> {
            player.jumpTo(rnd.nextInt(player.size() + 1), Progress.NONE);
            shown.resetFrom(kernel.memory());
        }));
        System.out.printf("first_play_to_end_ms %.0f ms%n", playMs);
        return 0;
    }

    /** The median of timed moves, each from a random step (one with a step after it when {@code forward}). */
    private double median(SplittableRandom rnd, boolean forward, Runnable move) {
        double[] ms = new double[MEASURED];
        for (int i = -WARMUP; i < MEASURED; i++) {
            int from = forward ? rnd.nextInt(player.size()) : 1 + rnd.nextInt(player.size());
            player.jumpTo(from, Progress.NONE);
            shown.resetFrom(kernel.memory());
            long t0 = System.nanoTime();
            move.run();
            if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[MEASURED / 2];
    }
}
