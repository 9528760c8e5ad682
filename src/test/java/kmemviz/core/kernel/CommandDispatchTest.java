package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

/**
 * The compiler already refuses a command record that no visitor handles; these tests keep the families, their
 * visitors and the sample script below in step, and run one command of every type through the kernel.
 */
class CommandDispatchTest {
    /** One line of every command type, in an order in which each of them succeeds on i386-1g. */
    private static final String ONE_OF_EACH = """
            machine i386-1g
            context process
            cpu 1
            drain
            compact zone Normal
            p = alloc_pages(GFP_HIGHUSER, 0)
            a = __get_free_pages(GFP_KERNEL, 0)
            free_pages(a, 0)
            t = user_process("firefox", 1MiB)
            exit_process(t)
            expect p != NULL
            note "one of each"
            pause
            select p
            zoom zone HighMem
            quiz "Which cache will it use?" kmalloc-96|kmalloc-128
            k = kmalloc(100, GFP_KERNEL)
            q = krealloc(k, 200, GFP_KERNEL)
            kfree(q)
            c = kmem_cache_create("foo", 64)
            o = kmem_cache_alloc(c, GFP_KERNEL)
            kmem_cache_free(c, o)
            kmem_cache_destroy(c)
            v = vmalloc(16KiB)
            translate(v)
            touch v
            vfree(v)
            s = create_task("worker")
            exit_task(s)
            m = kmap(p)
            kunmap(p)
            tlb flush
            __free_pages(p, 0)
            replay src/test/resources/kmemviz/trace/sample.trace
            """;

    @Test
    void eachFamilysVisitorHasOneVisitMethodPerPermittedType() {
        for (Class<?> family : families(Command.class)) {
            Set<Class<?>> handled = new HashSet<>();
            for (Method m : visitorOf(family).getDeclaredMethods())
                if (m.getName().equals("visit") && m.getParameterCount() == 1) handled.add(m.getParameterTypes()[0]);
            assertThat(handled).as(family.getSimpleName() + ".Visitor").containsExactlyInAnyOrder(family.getPermittedSubclasses());
        }
    }

    @Test
    void everyCommandTypeReachesTheVisitMethodForItsOwnTypeInEveryFamilyAboveIt() throws Exception {
        List<Command> commands = parse(ONE_OF_EACH);
        assertThat(commands.stream().map(Object::getClass).distinct())
                .as("the sample script has one line of every command type")
                .containsExactlyInAnyOrderElementsOf(leaves(Command.class));
        for (Command c : commands) {
            for (Class<?> family : families(Command.class)) {
                if (!family.isInstance(c)) continue;
                Class<?> expected = Arrays.stream(family.getPermittedSubclasses()).filter(t -> t.isInstance(c)).findFirst().orElseThrow();
                List<Class<?>> visited = new ArrayList<>();
                Object visitor = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {visitorOf(family)},
                        (proxy, method, args) -> visited.add(method.getParameterTypes()[0]));
                family.getMethod("accept", visitorOf(family)).invoke(c, visitor);
                assertThat(visited).as(c.text() + " through " + family.getSimpleName() + ".Visitor").containsExactly(expected);
            }
        }
    }

    @Test
    void oneCommandOfEveryTypeRunsInTheKernelAsItsOwnCall() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        for (Command c : parse(ONE_OF_EACH))
            assertThat(k.execute(c).status()).as(c.text()).isEqualTo(Outcome.Status.OK);
        assertThat(k.checkInvariants()).isEmpty();
    }

    private static List<Command> parse(String script) {
        return new ScriptParser("one-of-each.kmv").parse(script).stream().map(ScriptLine::command).toList();
    }

    /** {@code root} and every sealed interface below it: each is a family with its own Visitor. */
    private static List<Class<?>> families(Class<?> root) {
        List<Class<?>> out = new ArrayList<>(List.of(root));
        for (Class<?> sub : root.getPermittedSubclasses()) if (sub.isInterface()) out.addAll(families(sub));
        return out;
    }

    /** The records below {@code root}, through every level of sealed interfaces. */
    private static List<Class<?>> leaves(Class<?> root) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> sub : root.getPermittedSubclasses()) {
            if (sub.isInterface()) out.addAll(leaves(sub));
            else out.add(sub);
        }
        return out;
    }

    private static Class<?> visitorOf(Class<?> family) {
        return Arrays.stream(family.getDeclaredClasses()).filter(c -> c.getSimpleName().equals("Visitor")).findFirst()
                .orElseThrow(() -> new AssertionError(family.getSimpleName() + " has no Visitor"));
    }
}
