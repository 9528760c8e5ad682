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
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
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

    /** x86_64-16g as it boots, per-CPU lists on; replayed without settling, as the other tests here. */
    private final Kernel pcpKernel = new Kernel(Profiles.builtIn("x86_64-16g"));
    private final ShownMemory pcpShown = new ShownMemory();

    private Outcome playWithPcp(String line) {
        if (pcpShown.memory() == null) pcpShown.resetFrom(pcpKernel.memory());
        Outcome out = pcpKernel.execute(new ScriptParser("test.kmv").parse(line).get(0).command());
        for (MmEvent e : out.events()) pcpShown.apply(e);
        ShownMemoryPropertiesTest.assertSameAsCore(pcpShown, pcpKernel.memory(), line);
        return out;
    }

    @Test
    void anOrder0AllocationRefillsTheListWithABatchAndTakesItsHead() {
        Outcome out = playWithPcp("p = alloc_pages(GFP_KERNEL, 0)");
        int pfn = out.allocation().pfn();

        MmEvent refill = only(out, EventKind.PCP_REFILLED);
        assertThat(refill.nrPages()).isEqualTo(pcpKernel.memory().zones().get(normal()).pcpBatch());
        assertThat(only(out, EventKind.PCP_TAKEN).pfn()).isEqualTo(pfn);
        assertThat(pcpKernel.memory().frames().onPcpList(pfn + 1)).isTrue();
        assertThat(pcpShown.freeOrders()[pfn + 1]).isEqualTo((byte) -1);
        assertThat(pcpShown.pcpPages(normal())).isEqualTo(refill.nrPages() - 1);
        assertThat(EventsReport.render(out.events())).contains(
                String.format("rmqueue_bulk: %d pages at pfns 0x%x-0x%x to CPU 0's per-CPU list (Normal, order 0)",
                        refill.nrPages(), refill.pfn(), refill.pfn() + refill.nrPages() - 1),
                String.format("rmqueue_pcplist: pfn 0x%x off CPU 0's per-CPU list (Normal, order 0)", pfn));
    }

    @Test
    void aFreedPageGoesOntoTheListAndStaysOffTheBuddyLists() {
        int pfn = playWithPcp("p = alloc_pages(GFP_KERNEL, 0)").allocation().pfn();
        Outcome out = playWithPcp("__free_pages(p, 0)");

        assertThat(out.events()).extracting(MmEvent::kind).containsExactly(EventKind.FREED, EventKind.PCP_FREED);
        assertThat(pcpShown.freeOrders()[pfn]).isEqualTo((byte) -1);
        assertThat(pcpShown.owners()[pfn]).isEqualTo(kmemviz.core.mm.Owner.FREE.code());
        assertThat(EventsReport.render(out.events()))
                .contains(String.format("free_unref_page: pfn 0x%x to CPU 0's per-CPU list (Normal, order 0)", pfn));
    }

    @Test
    void freeingPastHighDrainsTheListBackToTheBuddyListsInRuns() {
        playWithPcp("t = user_process(\"firefox\", 512MiB)");   // more than pcp->high_max, which high tunes up to
        Outcome out = playWithPcp("exit_process(t)");

        assertThat(pages(out, EventKind.PCP_FREED)).isEqualTo(131_072);
        assertThat(pages(out, EventKind.PCP_DRAINED)).isPositive();
        assertThat(out.events()).hasSizeLessThan(300);
        assertThat(EventsReport.render(out.events())).containsPattern(
                "free_pcppages_bulk: [0-9,]+ pages at pfns 0x[0-9a-f]+-0x[0-9a-f]+ from CPU 0's per-CPU list \\(Normal, order 0\\) back to the buddy lists");
    }

    private int normal() {
        List<Zone> zones = pcpKernel.memory().zones();
        for (int i = 0; i < zones.size(); i++) if (zones.get(i).type() == ZoneType.NORMAL) return i;
        throw new AssertionError("x86_64-16g has no Normal zone");
    }

    private static MmEvent only(Outcome out, EventKind kind) {
        List<MmEvent> of = out.events().stream().filter(e -> e.kind() == kind).toList();
        assertThat(of).as("%s events", kind).hasSize(1);
        return of.get(0);
    }

    private static int pages(Outcome out, EventKind kind) {
        return out.events().stream().filter(e -> e.kind() == kind).mapToInt(MmEvent::nrPages).sum();
    }

    private void assertSameAsCore() { ShownMemoryPropertiesTest.assertSameAsCore(shown, kernel.memory(), "the command"); }

    @Test
    void aCaptureMadeOnAnotherThreadShowsTheCoresStateAndLeavesTheShownCopyAloneUntilSwappedIn() throws Exception {
        for (String line : List.of("a = alloc_pages(GFP_KERNEL, 3)", "v = vmalloc(1MiB)", "t = user_process(\"cat\", 8MiB)")) {
            byte[] ownersBefore = shown.owners().clone();
            Outcome out = kernel.execute(new ScriptParser("test.kmv").parse(line).get(0).command());   // not played
            assertThat(out.ok()).isTrue();
            var worker = java.util.concurrent.Executors.newSingleThreadExecutor();
            ShownMemory.Capture c = worker.submit(() -> shown.capture(kernel.memory())).get();
            worker.shutdown();
            assertThat(shown.owners()).as("the views' copy while the capture waits, after %s", line).isEqualTo(ownersBefore);
            shown.resetFrom(c);
            ShownMemoryPropertiesTest.assertSameAsCore(shown, kernel.memory(), line);
        }
    }

    @Test
    void applyingAllOfACommandsEventsTellsTheListenersOnceAndEndsWhereApplyingEachDoes() {
        ShownMemory each = new ShownMemory();
        each.resetFrom(kernel.memory());
        int[] calls = new int[2];
        shown.addListener(new ShownMemory.Listener() {
            @Override public void framesChanged(int lo, int hi) { calls[0]++; }

            @Override public void countsChanged() { calls[1]++; }
        });
        Outcome out = kernel.execute(new ScriptParser("test.kmv").parse("v = vmalloc(16MiB)").get(0).command());
        assertThat(out.events()).hasSizeGreaterThan(2);
        for (MmEvent e : out.events()) each.apply(e);
        shown.applyAll(new java.util.ArrayDeque<>(out.events()));
        assertThat(calls).containsExactly(1, 1);
        assertThat(shown.owners()).isEqualTo(each.owners());
        assertThat(shown.allocIds()).isEqualTo(each.allocIds());
        assertThat(shown.freeOrders()).isEqualTo(each.freeOrders());
        for (int z = 0; z < kernel.memory().zones().size(); z++) assertThat(shown.freePages(z)).isEqualTo(each.freePages(z));
    }
}
