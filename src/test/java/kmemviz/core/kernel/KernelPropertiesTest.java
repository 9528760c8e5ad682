package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.CreateTask;
import kmemviz.core.cmd.ExitTask;
import kmemviz.core.cmd.Kfree;
import kmemviz.core.cmd.Kmalloc;
import kmemviz.core.cmd.KmemCacheAlloc;
import kmemviz.core.cmd.KmemCacheCreate;
import kmemviz.core.cmd.KmemCacheDestroy;
import kmemviz.core.cmd.KmemCacheFree;
import kmemviz.core.cmd.Krealloc;
import kmemviz.core.cmd.Touch;
import kmemviz.core.cmd.Vfree;
import kmemviz.core.cmd.Vmalloc;
import kmemviz.core.cmd.FreePages;
import kmemviz.core.cmd.Release;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.cmd.SetContext;
import kmemviz.core.cmd.Target;
import kmemviz.core.cmd.UserMemoryCommand;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Profiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random page, user-memory, slab and vmalloc command sequences on the classroom machine: the invariant
 * checkers (frames, free lists, slabs, object records, vmalloc mappings) after every step, and a saved session
 * (the command texts) replaying to the same events. Undo is checked step by step in {@link HistoryPropertiesTest}.
 */
class KernelPropertiesTest {
    private static final List<Integer> MASKS = List.of(Gfp.KERNEL, Gfp.ATOMIC, Gfp.NOWAIT, Gfp.KERNEL | Gfp.DMA, Gfp.USER,
            Gfp.KERNEL | Gfp.NORETRY, Gfp.KERNEL | Gfp.RETRY_MAYFAIL, Gfp.NOFS, Gfp.ATOMIC | Gfp.NOWARN);
    private static final String[] VARS = {"a", "b", "c", "d", "e", "f"};

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<String> var = Arbitraries.of(VARS);
        Arbitrary<Command> alloc = Combinators.combine(var, Arbitraries.of(AllocPages.Flavor.values()),
                Arbitraries.of(MASKS), Arbitraries.integers().between(0, 6))
                .as((v, f, g, o) -> new AllocPages(v, f, g, f == AllocPages.Flavor.GET_ZEROED_PAGE ? 0 : o, ""));
        Arbitrary<Command> free = Combinators.combine(var, Arbitraries.integers().between(0, 6), Arbitraries.of(true, false))
                .as((v, o, byAddress) -> new FreePages(Target.variable(v), o, byAddress));
        Arbitrary<Command> user = Combinators.combine(var, Arbitraries.of(UserMemoryCommand.Kind.values()),
                Arbitraries.longs().between(1, 300))
                .as((v, k, pages) -> new UserMemoryCommand(v, k, "task-" + v, pages * 4096));
        Arbitrary<Command> release = Combinators.combine(Arbitraries.of(Release.Flavor.values()), var).as(Release::new);
        Arbitrary<Command> context = Arbitraries.of(ExecContext.values()).map(SetContext::new);
        Arbitrary<Command> kmalloc = Combinators.combine(var, Arbitraries.of(Kmalloc.Flavor.KMALLOC, Kmalloc.Flavor.KZALLOC),
                Arbitraries.longs().between(0, 20000), Arbitraries.of(MASKS))
                .as((v, f, size, g) -> new Kmalloc(v, f, 1, size, g, ""));
        Arbitrary<Command> kfree = var.map(v -> new Kfree(Target.variable(v)));
        Arbitrary<Command> krealloc = Combinators.combine(var, var, Arbitraries.longs().between(0, 3000))
                .as((v, from, size) -> new Krealloc(v, Target.variable(from), size, Gfp.KERNEL, ""));
        Arbitrary<Command> cache = Arbitraries.of(new KmemCacheCreate("c", "demo", 200), new KmemCacheAlloc("a", "c", Gfp.KERNEL, ""),
                new KmemCacheAlloc("b", "c", Gfp.KERNEL, ""), new KmemCacheFree("c", Target.variable("a")),
                new KmemCacheDestroy("c"), new CreateTask("t", "worker"), new ExitTask("t"));
        Arbitrary<Command> vmalloc = Combinators.combine(var, Arbitraries.longs().between(1, 40000))
                .as((v, size) -> new Vmalloc(v, Vmalloc.Flavor.VMALLOC, size, 0, ""));
        Arbitrary<Command> vfree = Combinators.combine(var, Arbitraries.of(true, false)).as((v, kv) -> new Vfree(Target.variable(v), kv));
        Arbitrary<Command> touch = var.map(Touch::sequential);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, vmalloc), net.jqwik.api.Tuple.of(3, vfree), net.jqwik.api.Tuple.of(1, touch),
                net.jqwik.api.Tuple.of(5, alloc), net.jqwik.api.Tuple.of(5, free), net.jqwik.api.Tuple.of(1, user),
                net.jqwik.api.Tuple.of(1, release), net.jqwik.api.Tuple.of(1, context), net.jqwik.api.Tuple.of(5, kmalloc),
                net.jqwik.api.Tuple.of(5, kfree), net.jqwik.api.Tuple.of(2, krealloc), net.jqwik.api.Tuple.of(2, cache));
    }

    @Property(tries = 300)
    void invariantsHoldAfterEveryCommand(@ForAll @Size(max = 60) List<@net.jqwik.api.From("commands") Command> commands) {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        for (Command c : commands) {
            k.execute(c);
            assertThat(k.checkInvariants()).as("after " + c.text()).isEmpty();
        }
    }

    @Property(tries = 100)
    void aSavedSessionReplaysToTheSameEvents(@ForAll @Size(max = 40) List<@net.jqwik.api.From("commands") Command> commands) {
        Kernel first = new Kernel(Profiles.builtIn("classroom"));
        List<String> events = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        for (Command c : commands) {
            first.execute(c).events().forEach(e -> events.add(e.toString()));
            script.append(c.text()).append('\n');
        }
        Kernel second = new Kernel(Profiles.builtIn("classroom"));
        List<String> replayed = new ArrayList<>();
        new ScriptParser("saved.kmv").parse(script.toString())
                .forEach(line -> second.execute(line.command()).events().forEach(e -> replayed.add(e.toString())));
        assertThat(replayed).isEqualTo(events);
        assertThat(KernelFixture.digest(second.memory())).isEqualTo(KernelFixture.digest(first.memory()));
    }
}
