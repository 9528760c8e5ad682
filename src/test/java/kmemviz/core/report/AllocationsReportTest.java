package kmemviz.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

/** {@code --print allocations}: one line an allocation, its caller said once. */
class AllocationsReportTest {
    @Test
    void aScriptLinesCallerCommentIsPrintedOnceAndTheKernelsOwnAllocationsNameTheirCaller() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        for (ScriptLine line : new ScriptParser("test.kmv").parse(
                "p = alloc_pages(GFP_KERNEL, 3)   # my_driver_probe\nk = kmalloc(100, GFP_KERNEL)\n"))
            k.execute(line.command());
        String[] lines = AllocationsReport.render(k).split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).endsWith("p = alloc_pages(GFP_KERNEL, 3)  # my_driver_probe").containsOnlyOnce("my_driver_probe");
        assertThat(lines[2]).contains("allocate_slab(kmalloc-128)").endsWith("  # kmalloc-128");
        assertThat(lines[3]).endsWith("k = kmalloc(100, GFP_KERNEL)");
    }
}
