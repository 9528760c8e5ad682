package kmemviz.ui.view.tlb;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.kernel.TlbEvents;
import kmemviz.core.mm.Profiles;
import kmemviz.core.vm.Tlb;
import kmemviz.core.vm.TlbStats;
import org.junit.jupiter.api.Test;

/**
 * The TLB events the kernel's recorder keeps for a command, played on {@link TlbShown} from the state before it,
 * leave the panel's copy exactly where the core's TLB is: every slot, its page size and LRU rank, and the counters.
 */
class TlbShownTest {
    private final Kernel kernel = new Kernel(Profiles.builtIn("x86_64-16g"));
    private final TlbShown shown = new TlbShown();

    private Outcome run(String line) {
        return kernel.execute(new ScriptParser("test.kmv").parse(line).get(0).command());
    }

    private Outcome play(String line) {
        shown.syncFrom(kernel.vm().tlb());
        Outcome out = run(line);
        for (int i = 0; i < out.tlbEvents().size(); i++) shown.apply(out.tlbEvents(), i);
        return out;
    }

    private void assertSameAsCore() {
        Tlb tlb = kernel.vm().tlb();
        for (int t = 0; t < shown.nrStructures(); t++)
            for (int set = 0; set < shown.geometry(t).sets(); set++)
                for (int way = 0; way < shown.geometry(t).ways(); way++) {
                    assertThat(shown.slotVpn(t, set, way)).as("tlb %d set %d way %d", t, set, way).isEqualTo(tlb.slotVpn(t, set, way));
                    assertThat(shown.slotSize(t, set, way)).isEqualTo(tlb.slotPageSize(t, set, way));
                    assertThat(shown.lruRank(t, set, way)).isEqualTo(tlb.lruRank(t, set, way));
                }
        TlbStats s = tlb.stats();
        assertThat(new long[] {shown.accesses(), shown.l1Hits(), shown.stlbHits(), shown.walks(), shown.cycles()})
                .containsExactly(s.accesses(), s.l1Hits(), s.stlbHits(), s.walks(), s.cycles());
    }

    @Test
    void aSequentialTouchOfAVmallocBufferPlaysToTheCoresTlb() {
        run("v = vmalloc(4MiB)");
        Outcome out = play("touch v");

        assertThat(out.tlbEvents().nrAccesses()).isEqualTo(1024);
        assertThat(out.tlbEvents().overflowed()).isFalse();
        assertSameAsCore();
    }

    @Test
    void aRandomTouchThatEvictsThenAFlushPlayToTheCoresTlb() {
        run("v = vmalloc(64MiB)");
        play("touch v random count=5000");
        assertSameAsCore();

        Outcome flush = play("tlb flush");
        assertThat(flush.tlbEvents().kind(flush.tlbEvents().size() - 1)).isEqualTo(TlbEvents.Kind.FLUSH_ALL);
        assertSameAsCore();
    }

    @Test
    void theChartGetsOnePointPerBatchOfAccessesTaggedWithTheEventsPlayedByThen() {
        run("v = vmalloc(4MiB)");
        Outcome out = run("touch v");

        shown.addAccesses(out.tlbEvents());
        shown.closeBatch(out.tlbEvents().size());

        assertThat(shown.nrPoints()).isEqualTo(1024 / TlbShown.BATCH);
        assertThat(shown.pointsUpTo(0)).isZero();
        assertThat(shown.pointsUpTo(out.tlbEvents().accessEnd(TlbShown.BATCH - 1))).isEqualTo(1);
        assertThat(shown.pointsUpTo(Integer.MAX_VALUE)).isEqualTo(1024 / TlbShown.BATCH);
        assertThat(shown.pointAccesses(shown.nrPoints() - 1)).isEqualTo(1024);
    }

    @Test
    void aCommandWithoutTheTlbRecordsNoTlbEvents() {
        assertThat(run("p = alloc_pages(GFP_KERNEL, 3)").tlbEvents()).isSameAs(TlbEvents.NONE);
    }
}
