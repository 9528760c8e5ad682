package kmemviz.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.EventsReport;
import org.junit.jupiter.api.Test;

/**
 * The recorded events of a command, replayed on {@link ShownMemory} without {@link ShownMemory#settle()}, leave it
 * exactly where the core is: runs of pages and dropped intermediate blocks lose nothing the views show.
 */
class ShownMemoryTest {
    private final Kernel kernel = new Kernel(Profiles.builtIn("x86_64-16g").textbookBuddy());
    private final ShownMemory shown = new ShownMemory();

    ShownMemoryTest() { shown.resetFrom(kernel.memory()); }

    private Outcome play(String line) {
        List<ScriptLine> lines = new ScriptParser("test.kmv").parse(line);
        Outcome out = kernel.execute(lines.get(0).command());
        for (MmEvent e : out.events()) shown.apply(e);
        return out;
    }

    @Test
    void aProcessOf512MiBRecordsItsPagesAsRunsAndTheViewsEndInTheCoresState() {
        Outcome out = play("t = user_process(\"firefox\", 512MiB)");

        assertThat(out.ok()).isTrue();
        assertThat(out.events()).hasSizeLessThan(300);
        assertThat(pages(out, EventKind.ALLOCATED)).isEqualTo(131_072);
        assertThat(EventsReport.render(out.events()).lines()).hasSizeLessThan(300);
        assertSameAsCore();
    }

    @Test
    void exitingTheProcessFreesItsPagesAsRunsAndMergesThemBack() {
        play("t = user_process(\"firefox\", 512MiB)");
        Outcome out = play("exit_process(t)");

        assertThat(out.events()).hasSizeLessThan(300);
        assertThat(pages(out, EventKind.FREED)).isEqualTo(131_072);
        assertSameAsCore();
    }

    @Test
    void vmallocMapsItsPagesAsOneRunAndVfreeUnmapsThem() {
        Outcome map = play("v = vmalloc(4MiB)");
        assertThat(map.events()).filteredOn(e -> e.kind() == EventKind.MAPPED).hasSizeLessThanOrEqualTo(2)
                .anySatisfy(e -> assertThat(e.nrPages()).isEqualTo(1024));
        assertSameAsCore();

        Outcome unmap = play("vfree(v)");
        assertThat(pages(unmap, EventKind.UNMAPPED)).isEqualTo(pages(map, EventKind.MAPPED));
        assertThat(unmap.events()).hasSizeLessThan(100);
        assertSameAsCore();
    }

    @Test
    void aSingleAllocationStillRecordsEverySplit() {
        Outcome out = play("p = alloc_pages(GFP_KERNEL, 0)");

        assertThat(out.events()).extracting(MmEvent::kind).contains(EventKind.TAKEN, EventKind.SPLIT, EventKind.QUEUED);
        assertThat(out.events()).filteredOn(e -> e.kind() == EventKind.SPLIT).hasSameSizeAs(
                out.events().stream().filter(e -> e.kind() == EventKind.QUEUED).toList());
        assertSameAsCore();
    }

    @Test
    void interleavedAllocationsAndFreesReplayToTheCoresState() {
        for (String line : List.of("a = user_process(\"a\", 3MiB)", "p = alloc_pages(GFP_KERNEL, 3)",
                "f = page_cache(\"libc.so.6\", 2MiB)", "v = vmalloc(1MiB)", "exit_process(a)", "q = alloc_pages(GFP_KERNEL, 2)",
                "__free_pages(p, 3)", "b = user_process(\"b\", 5MiB)", "drop_cache(f)", "vfree(v)", "exit_process(b)"))
            play(line);
        assertSameAsCore();
    }

    /**
     * With per-CPU lists on (the default outside classroom) the events do not follow pages onto the per-CPU lists;
     * settling copies the core: the batch's spare pages are free but no buddy blocks.
     */
    @Test
    void withPerCpuListsTheSettledViewIsTheCoresAndItsPerCpuPagesAreNoBuddyBlocks() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-16g"));
        ShownMemory s = new ShownMemory();
        s.resetFrom(k.memory());
        Outcome out = k.execute(new ScriptParser("test.kmv").parse("p = alloc_pages(GFP_KERNEL, 0)").get(0).command());
        for (MmEvent e : out.events()) s.apply(e);
        s.settle();
        ShownMemoryPropertiesTest.assertSameAsCore(s, k.memory(), "an order-0 page with a per-CPU batch");
        int spare = out.allocation().pfn() + 1;                    // rmqueue_bulk() put the rest of the batch on the list
        assertThat(k.memory().frames().onPcpList(spare)).isTrue();
        assertThat(s.freeOrders()[spare]).isEqualTo((byte) -1);
    }

    private static int pages(Outcome out, EventKind kind) {
        return out.events().stream().filter(e -> e.kind() == kind).mapToInt(MmEvent::nrPages).sum();
    }

    private void assertSameAsCore() { ShownMemoryPropertiesTest.assertSameAsCore(shown, kernel.memory(), "the command"); }
}
