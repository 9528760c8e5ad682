package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Compact;
import kmemviz.core.cmd.Drain;
import kmemviz.core.cmd.FreePages;
import kmemviz.core.cmd.Release;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.cmd.SetCpu;
import kmemviz.core.cmd.Target;
import kmemviz.core.cmd.UserMemoryCommand;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.ZoneType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Random user memory, page cache, page allocations up to order 10 and compactions on a machine with per-CPU lists and
 * migrate types ({@code machine custom 16MiB dma=1MiB cpus=2}): the invariant checker and the owners' page lists after
 * every step, and undo back to every earlier step exact.
 */
class CompactionPropertiesTest {
    private static final String MACHINE = "machine custom 16MiB dma=1MiB cpus=2";
    private static final List<Integer> MASKS = List.of(Gfp.KERNEL, Gfp.HIGHUSER_MOVABLE, Gfp.KERNEL | Gfp.RETRY_MAYFAIL,
            Gfp.KERNEL | Gfp.NORETRY, Gfp.ATOMIC, Gfp.HIGHUSER_MOVABLE | Gfp.NOWARN);
    private static final String[] VARS = {"a", "b", "c", "d", "e", "f", "g", "h"};

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<String> var = Arbitraries.of(VARS);
        Arbitrary<Command> alloc = Combinators.combine(var, Arbitraries.of(MASKS), Arbitraries.integers().between(0, 10))
                .as((v, g, o) -> new AllocPages(v, AllocPages.Flavor.ALLOC_PAGES, g, o, ""));
        Arbitrary<Command> free = Combinators.combine(var, Arbitraries.integers().between(0, 10))
                .as((v, o) -> new FreePages(Target.variable(v), o, false));
        Arbitrary<Command> user = Combinators.combine(var, Arbitraries.of(UserMemoryCommand.Kind.values()), Arbitraries.longs().between(1, 900))
                .as((v, k, pages) -> new UserMemoryCommand(v, k, "task-" + v, pages * 4096));
        Arbitrary<Command> release = Combinators.combine(Arbitraries.of(Release.Flavor.values()), var).as(Release::new);
        Arbitrary<Command> compact = Arbitraries.of(new Compact(null), new Compact(ZoneType.NORMAL), new Compact(ZoneType.DMA));
        Arbitrary<Command> cpu = Arbitraries.of(new SetCpu(0), new SetCpu(1), new Drain());
        return Arbitraries.frequencyOf(Tuple.of(5, alloc), Tuple.of(4, free), Tuple.of(5, user), Tuple.of(3, release),
                Tuple.of(3, compact), Tuple.of(1, cpu));
    }

    private static Kernel boot() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"), 4);
        k.execute(new ScriptParser("t.kmv").parse(MACHINE).get(0).command());
        return k;
    }

    @Property(tries = 60)
    void invariantsHoldAndUndoIsExactAcrossCompactions(@ForAll @Size(max = 40) List<@net.jqwik.api.From("commands") Command> commands) {
        Kernel k = boot();
        List<String> digests = new ArrayList<>();
        digests.add(KernelFixture.digest(k.memory()));
        for (Command c : commands) {
            Outcome out = k.execute(c);
            assertThat(k.checkInvariants()).as("after " + c.text()).isEmpty();
            assertOwnersFollowTheirPages(k, c);
            // step 1 is the machine, so digests.get(step - 1) is the state after the step
            if (out.status() == Outcome.Status.OK || out.status() == Outcome.Status.NULL_RESULT) digests.add(KernelFixture.digest(k.memory()));
        }
        net.jqwik.api.statistics.Statistics.label("pages moved").collect(k.memory().compaction().stats().pgmigrateSuccess() > 0);
        for (int step = k.position(); step >= 1; step--) {
            k.seek(step);
            assertThat(KernelFixture.digest(k.memory())).as("back at step " + step).isEqualTo(digests.get(step - 1));
        }
    }

    private static void assertOwnersFollowTheirPages(Kernel k, Command c) {
        for (Allocation a : k.memory().allocations().all()) {
            if (a.api() != Api.USER_PROCESS && a.api() != Api.PAGE_CACHE) continue;
            for (int pfn : a.pages().toArray())
                assertThat(k.memory().frames().allocId(pfn)).as("after %s: pfn 0x%x of %s", c.text(), pfn, a.call()).isEqualTo(a.id());
        }
    }
}
