package kmemviz.ui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import kmemviz.core.cmd.Replay;
import kmemviz.core.kernel.GeneratedTraces;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Progress;
import kmemviz.core.kernel.TraceParts;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lesson player over a trace replay (the script File > Replay trace… opens): at every step, forwards, backwards and
 * after a jump, the /proc reports equal those of a headless {@code replay} of the same prefix of the trace.
 */
class ReplayPlayerTest {
    @TempDir Path dir;

    @Test
    void everyStepForwardsBackwardsAndByJumpIsTheHeadlessReplayOfThePrefix() throws IOException {
        String text = GeneratedTraces.classroom(1_200, 21);
        Path file = Files.writeString(dir.resolve("t.trace"), text);
        // 48 steps of 25 lines rather than the 240 of 5 that TraceParts.of chooses: each reference is a fresh replay.
        TraceParts parts = new TraceParts(file, TraceParts.of(file, Progress.NONE).lines(), 25);
        String[] expected = new String[parts.steps() + 1];
        expected[0] = HeadlessRuns.proc(new Kernel(Profiles.builtIn("classroom")));
        for (int i = 0; i < parts.steps(); i++)
            expected[i + 1] = HeadlessRuns.proc(GeneratedTraces.wholeReplayOfPrefix(dir, "t.trace", text, parts.parts().get(i).lastLine()));

        LessonPlayer player = new LessonPlayer(new Kernel(Profiles.builtIn("classroom")), new LessonScript(parts.scriptPath().toString(), parts.script()));
        assertThat(player.size()).isEqualTo(parts.steps());
        while (!player.atEnd()) {
            player.next();
            assertThat(player.stoppedAt()).isNull();
            assertThat(HeadlessRuns.proc(player.kernel())).as("after step %d", player.cursor()).isEqualTo(expected[player.cursor()]);
            Replay part = (Replay) player.steps().get(player.cursor() - 1).command();
            assertThat(player.kernel().replayPartWhere()).startsWith("t.trace:" + part.lastLine() + ": ");
        }
        for (int i = 0; i < 30 && player.cursor() > 0; i++) {
            player.previous();
            assertThat(HeadlessRuns.proc(player.kernel())).as("back to step %d", player.cursor()).isEqualTo(expected[player.cursor()]);
        }
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 30; i++) {
            int step = r.nextInt(parts.steps() + 1);
            player.jumpTo(step, Progress.NONE);
            assertThat(HeadlessRuns.proc(player.kernel())).as("jump to step %d", step).isEqualTo(expected[step]);
        }
    }
}
