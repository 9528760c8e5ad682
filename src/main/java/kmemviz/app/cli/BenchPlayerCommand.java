package kmemviz.app.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * are medians of {@value #MEASURED} moves at seeded random steps, after {@value #WARMUP} moves of warm-up, each printed
 * twice: wall-clock time, and the thread's CPU time ({@code _cpu_ms}), which on a shared machine leaves out the time
 * spent waiting for a core and so is the figure to hold against the targets (50 ms a step, 150 ms a jump).
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
        print("next_step", median(rnd, true, () -> {
            Outcome out = player.next();
            for (MmEvent e : out.events()) shown.apply(e);
        }));
        print("previous_step", median(rnd, false, () -> {
            player.previous();
            shown.resetFrom(kernel.memory());
        }));
        print("jump", median(rnd, false, () -> {
            player.jumpTo(rnd.nextInt(player.size() + 1), Progress.NONE);
            shown.resetFrom(kernel.memory());
        }));
        System.out.printf("first_play_to_end_ms %.0f ms%n", playMs);
        return 0;
    }

    /** Prints a move's two medians; the jump's names keep the script's length, as the target names it. */
    private static void print(String move, double[] wallAndCpu) {
        String name = move.equals("jump") ? "jump_%s_in_10000_steps" : move + "_%s";
        System.out.printf(name.formatted("ms") + " %.2f ms%n", wallAndCpu[0]);
        System.out.printf(name.formatted("cpu_ms") + " %.2f ms%n", wallAndCpu[1]);
    }

    /**
     * The medians of the wall-clock and CPU times of timed moves, each from a random step (one with a step after it
     * when {@code forward}).
     */
    private double[] median(SplittableRandom rnd, boolean forward, Runnable move) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[MEASURED], cpu = new double[MEASURED];
        for (int i = -WARMUP; i < MEASURED; i++) {
            int from = forward ? rnd.nextInt(player.size()) : 1 + rnd.nextInt(player.size());
            player.jumpTo(from, Progress.NONE);
            shown.resetFrom(kernel.memory());
            long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            move.run();
            if (i >= 0) {
                wall[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[MEASURED / 2], cpu[MEASURED / 2]};
    }
}
