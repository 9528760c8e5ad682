package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import kmemviz.core.cmd.Replay;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace replayed in parts ({@code replay FILE lines A-B}, the player's steps) against the same trace replayed whole. */
class TracePartsTest {
    @TempDir Path dir;

    /** The /proc files and the allocation list: what "the same state" means here. */
    static String state(Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (Report r : List.of(Report.buddyinfo, Report.pagetypeinfo, Report.slabinfo, Report.allocations))
            sb.append(r.render(k, List.of()));
        return sb.toString();
    }

    private static Profile classroom() { return Profiles.builtIn("classroom"); }

    private Path write(String name, String text) throws IOException { return Files.writeString(dir.resolve(name), text); }

    @Test
    void everyPartLeavesTheStateAWholeReplayOfTheSamePrefixLeaves() throws IOException {
        String text = GeneratedTraces.classroom(700, 7);
        Path file = write("t.trace", text);
        assertThat(TraceParts.of(file, Progress.NONE).lines()).isEqualTo(700);
        TraceParts parts = new TraceParts(file, 700, 9);        // 78 steps: a whole replay checkpoints, which costs
        Kernel k = new Kernel(classroom()), whole = new Kernel(classroom());
        String[] lines = text.split("(?<=\n)");
        for (Replay part : parts.parts()) {
            Outcome out = k.execute(part);
            assertThat(out.status()).as(out.message()).isEqualTo(Outcome.Status.OK);
            assertThat(out.message()).startsWith("t.trace:" + part.lastLine() + ": ");
            Path prefix = write("prefix.trace", String.join("", List.of(lines).subList(0, (int) part.lastLine())));
            if (whole.canUndo()) whole.undo();          // the machine as booted, without booting it again
            assertThat(whole.execute(new Replay(prefix)).status()).isEqualTo(Outcome.Status.OK);
            assertThat(state(k)).as("after %s", part.text()).isEqualTo(state(whole));
            assertThat(k.lastReplay().counts()).as("after %s", part.text()).isEqualTo(whole.lastReplay().counts());
        }
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void seeksAndUndosInsideAReplayReachTheStateOfTheFirstRun() throws IOException {
        Path file = write("t.trace", GeneratedTraces.classroom(3_000, 11));
        TraceParts parts = TraceParts.of(file, Progress.NONE);
        Kernel k = new Kernel(classroom(), 7);          // a checkpoint every 7 steps: seeks restore mid-trace ones
        List<String> states = new ArrayList<>(List.of(state(k)));
        for (Replay part : parts.parts()) {
            k.execute(part);
            states.add(state(k));
        }
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 40; i++) {
            int step = r.nextInt(states.size());
            k.seek(step);
            assertThat(state(k)).as("seek to %d", step).isEqualTo(states.get(step));
        }
        k.seek(states.size() - 1);
        for (int step = states.size() - 2; step >= states.size() - 12; step--) {
            k.undo();
            assertThat(state(k)).as("undo to %d", step).isEqualTo(states.get(step));
        }
    }

    @Test
    void aPartThatDoesNotGoOnFromTheLastOneIsAnErrorThatChangesNothing() throws IOException {
        Path file = write("t.trace", GeneratedTraces.classroom(100, 5));
        Kernel k = new Kernel(classroom());
        String before = state(k);
        Outcome out = k.execute(new Replay(file, 11, 20));
        assertThat(out.status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(out.message()).contains("lines 11-20").contains("ends at line 10").contains("no such part ran");
        k.execute(new Replay(file, 1, 10));
        out = k.execute(new Replay(file, 21, 30));
        assertThat(out.message()).contains("the last part ended at line 10");
        assertThat(k.position()).isEqualTo(1);
        k.undo();
        assertThat(state(k)).isEqualTo(before);
    }

    @Test
    void aCancelledPartPutsTheStateBackAsItWas() throws IOException {
        Path file = write("t.trace", GeneratedTraces.classroom(40_000, 9));
        Kernel k = new Kernel(classroom());
        k.execute(new Replay(file, 1, 100));
        String before = state(k);
        int position = k.position();
        Progress cancel = new Progress() {
            @Override public void progress(long done, long total) {}

            @Override public boolean cancelled() { return true; }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> k.execute(new Replay(file, 101, 39_000), cancel))
                .isInstanceOf(CancellationException.class);
        assertThat(state(k)).isEqualTo(before);
        assertThat(k.position()).isEqualTo(position);
        assertThat(k.execute(new Replay(file, 101, 200)).status()).isEqualTo(Outcome.Status.OK);
    }

    @Test
    void theScriptOfAReplayParsesBackIntoItsParts() throws IOException {
        Path file = write("t t.trace", GeneratedTraces.classroom(1_234, 1));
        TraceParts parts = TraceParts.of(file, Progress.NONE);
        var parsed = new ScriptParser(parts.scriptPath().toString()).parse(parts.script()).stream().map(l -> l.command()).toList();
        assertThat(parsed).isEqualTo(parts.parts());
        assertThat(parts.parts().get(parts.steps() - 1).lastLine()).isEqualTo(1_234);
    }

    @Test
    void theStepIsTheSmallestRoundSizeThatKeepsATraceWithinTheStepLimit() {
        for (long lines : new long[] {0, 1, 499, 500, 501, 12_345, 1_000_000, 1_000_002, 123_456_789}) {
            long step = TraceParts.stepFor(lines);
            assertThat((lines + step - 1) / step).as("%d lines", lines).isLessThanOrEqualTo(TraceParts.MAX_STEPS);
            String digits = Long.toString(step);
            assertThat(digits.charAt(0)).isIn('1', '2', '5');
            assertThat(digits.substring(1)).matches("0*");
            long smaller = digits.charAt(0) == '1' ? step / 2 : digits.charAt(0) == '2' ? step / 2 : step * 2 / 5;
            if (step > 1) assertThat((lines + smaller - 1) / smaller).as("%d lines", lines).isGreaterThan(TraceParts.MAX_STEPS);
        }
    }
}
