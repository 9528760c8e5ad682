package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import kmemviz.core.cmd.Replay;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import kmemviz.core.trace.ReplayCount;
import kmemviz.core.trace.ReplaySummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench replay}'s generated trace is a consistent 6.12 pcp=on trace: every event applies, on the lists too. */
class BenchReplayCommandTest {
    @TempDir Path dir;

    @Test
    void theGeneratedTraceAppliesWholeWithThePerCpuListEvents() throws IOException {
        Path file = dir.resolve("bench.trace");
        BenchReplayCommand.write(file, 60_000, 42);
        Kernel k = new Kernel(Profiles.builtIn("x86_64-16g"));
        k.execute(new Replay(file));
        ReplaySummary s = k.lastReplay();

        assertThat(s.events()).isEqualTo(60_000);
        assertThat(s.problems()).as(s.render()).isZero();
        assertThat(s.applied()).as(s.render()).isEqualTo(60_000);
        for (ReplayCount c : new ReplayCount[] {ReplayCount.PCP_REFILL, ReplayCount.PAGE_ALLOC_PCP, ReplayCount.PAGE_FREE_PCP,
                ReplayCount.PCP_DRAIN, ReplayCount.SLAB_ALLOC, ReplayCount.SLAB_FREE})
            assertThat(s.count(c)).as(c.label()).isPositive();
        assertThat(k.checkInvariants()).isEmpty();
    }
}
