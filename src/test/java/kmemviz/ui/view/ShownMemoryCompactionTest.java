package kmemviz.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

/**
 * A compaction's events, replayed on {@link ShownMemory} without settling, leave it where the core is: the free
 * blocks the free scanner took, each page moved, the old pages freed and the unused blocks given back. The machine
 * has per-CPU lists, so the old pages go through them.
 */
class ShownMemoryCompactionTest {
    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
    private final ShownMemory shown = new ShownMemory();

    private Outcome play(String script) {
        Outcome out = null;
        for (ScriptLine line : new ScriptParser("test.kmv").parse(script)) {
            out = kernel.execute(line.command());
            if (line.command() instanceof kmemviz.core.cmd.Machine) shown.resetFrom(kernel.memory());
            else for (MmEvent e : out.events()) shown.apply(e);
        }
        return out;
    }

    private void fragment() {
        StringBuilder sb = new StringBuilder("machine custom 16MiB dma=1MiB cpus=2\n");
        for (int i = 0; i < 116; i++) sb.append("a").append(i).append(" = user_process(\"a\", 64KiB)\nb").append(i)
                .append(" = page_cache(\"b").append(i).append("\", 64KiB)\n");
        for (int i = 0; i < 116; i++) sb.append("exit_process(a").append(i).append(")\n");
        play(sb.toString());
        shown.settle();
    }

    @Test
    void compactLeavesTheShownCopyEqualToTheCore() {
        fragment();

        Outcome out = play("compact");

        assertThat(out.events()).anyMatch(e -> e.kind() == EventKind.COMPACT_MIGRATED);
        assertThat(out.events()).anyMatch(e -> e.kind() == EventKind.COMPACT_FREE_ISOLATED);
        ShownMemoryPropertiesTest.assertSameAsCore(shown, kernel.memory(), "compact");
    }

    @Test
    void directCompactionInAnAllocationLeavesTheShownCopyEqualToTheCore() {
        fragment();

        Outcome out = play("h = alloc_pages(GFP_HIGHUSER_MOVABLE, 8)");

        assertThat(out.events()).anyMatch(e -> e.kind() == EventKind.COMPACT_MIGRATED);
        ShownMemoryPropertiesTest.assertSameAsCore(shown, kernel.memory(), "alloc_pages(GFP_HIGHUSER_MOVABLE, 8)");
    }
}
