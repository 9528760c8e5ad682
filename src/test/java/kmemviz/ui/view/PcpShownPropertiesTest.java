package kmemviz.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random allocations and frees of every per-CPU order and migrate type, on CPUs chosen at random, with drains: after
 * each command, its recorded events replayed on {@link ShownMemory} without settling leave {@link PcpShown} with the
 * core's lists, block for block on every CPU's every list, and the core's pcp->count; settling then also gives the
 * core's pcp->high, which no event carries.
 */
class PcpShownPropertiesTest {
    @Provide
    Arbitrary<List<String>> scripts() {
        Arbitrary<String> v = Arbitraries.of("a", "b", "c", "d", "e", "f");
        Arbitrary<Integer> order = Arbitraries.of(0, 0, 0, 1, 2, 3, 9);
        Arbitrary<String> gfp = Arbitraries.of("GFP_KERNEL", "GFP_HIGHUSER_MOVABLE", "GFP_KERNEL | __GFP_RECLAIMABLE", "GFP_ATOMIC");
        return Arbitraries.oneOf(
                Combinators.combine(v, gfp, order).as((x, g, o) -> x + " = alloc_pages(" + g + ", " + o + ")"),
                Combinators.combine(v, order).as((x, o) -> "__free_pages(" + x + ", " + o + ")"),
                Arbitraries.integers().between(0, 3).map(c -> "cpu " + c),
                Arbitraries.just("drain")).list().ofMinSize(1).ofMaxSize(40);
    }

    /** Four CPUs on the classroom's 1024 frames: batches of a few pages, so refills and drains come often. */
    @Property(tries = 200)
    void replayedEventsLeaveTheShownListsWhereTheCoresAre(@ForAll("scripts") List<String> script) {
        Kernel kernel = new Kernel(Profiles.builtIn("classroom").withAllocator(true, true, 4));
        ShownMemory shown = new ShownMemory();
        shown.resetFrom(kernel.memory());
        for (String line : script) {
            Outcome out = kernel.execute(new ScriptParser("random.kmv").parse(line).get(0).command());
            for (MmEvent e : out.events()) shown.apply(e);
            assertSameLists(shown.pcp(), kernel.memory(), line, false);
            shown.settle();
            assertSameLists(shown.pcp(), kernel.memory(), line, true);
        }
    }

    private static void assertSameLists(PcpShown shown, PhysicalMemory mem, String after, boolean settled) {
        PcpShown core = new PcpShown();
        core.show(PcpShown.Snapshot.of(mem), true);
        assertThat(shown.nrZones()).isEqualTo(core.nrZones());
        for (int z = 0; z < core.nrZones(); z++) {
            PcpShown.ZoneLists want = core.zone(z), got = shown.zone(z);
            if (want == null) { assertThat(got).isNull(); continue; }
            for (int cpu = 0; cpu < core.nrCpus(); cpu++) {
                assertThat(got.count(cpu)).as("pcp->count of CPU %d in zone %d after %s", cpu, z, after).isEqualTo(want.count(cpu));
                if (settled) assertThat(got.high(cpu)).as("pcp->high of CPU %d after %s", cpu, after).isEqualTo(want.high(cpu));
                int pages = 0;
                for (int i = 0; i < want.nrLists; i++) {
                    assertThat(got.blocks(cpu, i)).as("blocks on CPU %d's list %d in zone %d after %s", cpu, i, z, after)
                            .isEqualTo(want.blocks(cpu, i));
                    pages += want.blocks(cpu, i) << want.order(i);
                }
                assertThat(pages).as("the lists hold pcp->count pages").isEqualTo(want.count(cpu));
            }
        }
    }
}
