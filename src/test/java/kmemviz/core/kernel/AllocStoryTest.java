package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.ExplainStep;
import kmemviz.core.mm.ExplainStep.Kind;
import kmemviz.core.mm.StoryText;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

/** The stories the page allocator records for its requests: their steps, their order and their numbers. */
class AllocStoryTest {
    /** A machine whose Normal zone a process has filled to its low mark, with DMA32 below it still roomy. */
    private static final String NORMAL_FULL = "machine custom 64MiB dma=1MiB dma32=31MiB reserved=0\nhog = user_process(\"hog\", 33MiB)\n";
    /** A machine a process has filled in both zones, so that an order-4 GFP_KERNEL request fails. */
    private static final String ALL_FULL = "machine custom 64MiB dma=16MiB reserved=0\nhog = user_process(\"hog\", 62MiB)\n"
            + "a = alloc_pages(GFP_KERNEL, 4)\nb = alloc_pages(GFP_KERNEL, 4)\nc = alloc_pages(GFP_KERNEL, 4)\n"
            + "d = alloc_pages(GFP_KERNEL, 4)\ne = alloc_pages(GFP_KERNEL, 4)\n";

    private final Kernel kernel = new Kernel(kmemviz.core.mm.Profiles.builtIn("classroom"));
    private final AllocStories stories = kernel.explainAllocations();

    private AllocStory storyOf(String variable) { return stories.story(kernel.variables().get(variable).allocId()); }

    private static List<Kind> kinds(AllocStory s) { return s.steps().stream().map(ExplainStep::kind).toList(); }

    private static ExplainStep first(AllocStory s, Kind kind) {
        return s.steps().stream().filter(x -> x.kind() == kind).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + kinds(s)));
    }

    private Zone zone(ZoneType type) {
        return kernel.memory().zones().stream().filter(z -> z.type() == type).findFirst().orElseThrow();
    }

    @Test
    void aSecondOrderZeroPageIsAPerCpuListHitOnTheFastPath() {
        KernelFixture.run(kernel, "machine custom 64MiB dma=16MiB reserved=0\np = alloc_pages(GFP_KERNEL, 0)\nq = alloc_pages(GFP_KERNEL, 0)\n");
        AllocStory q = storyOf("q");
        assertThat(kinds(q)).containsExactly(Kind.ALLOC_PAGES, Kind.FREELIST_PASS, Kind.WATERMARK_OK, Kind.PCP_HIT, Kind.GOT_PAGE);
        int pfn = kernel.variables().get("q").pfn();
        assertThat(first(q, Kind.PCP_HIT).d()).isEqualTo(pfn);
        assertThat(q.pfn()).isEqualTo(pfn);
        // The hit leaves pcp->count one page lower than it found it, and that is what the zone now holds.
        assertThat(first(q, Kind.PCP_HIT).c() - 1).isEqualTo(zone(ZoneType.NORMAL).pcpCount(0));
        assertThat(StoryText.render(q)).contains("rmqueue_pcplist(): pfn 0x" + Integer.toHexString(pfn) + " from the head of CPU 0's Unmovable order-0 list");
    }

    @Test
    void theFirstOrderZeroPageRefillsTheEmptyListWithABatchBeforeTakingItsHead() {
        KernelFixture.run(kernel, "machine custom 64MiB dma=16MiB reserved=0\np = alloc_pages(GFP_KERNEL, 0)\n");
        AllocStory p = storyOf("p");
        List<Kind> k = kinds(p);
        assertThat(k.indexOf(Kind.PCP_REFILL)).isGreaterThan(k.indexOf(Kind.WATERMARK_OK)).isLessThan(k.indexOf(Kind.PCP_HIT));
        ExplainStep refill = first(p, Kind.PCP_REFILL);
        assertThat(refill.d()).isEqualTo(refill.c()).isPositive();                   // the whole batch came
        assertThat(refill.d() - 1).isEqualTo(zone(ZoneType.NORMAL).pcpCount(0));     // one of it went to p
        // The fallback that fed the batch happened inside rmqueue_bulk(), so it is told after it.
        assertThat(k.indexOf(Kind.RMQUEUE_CLAIM)).isGreaterThan(k.indexOf(Kind.PCP_REFILL));
    }

    @Test
    void aWatermarkFailureInNormalFallsToDma32() {
        KernelFixture.run(kernel, NORMAL_FULL + "p = alloc_pages(GFP_KERNEL, 0)\n");
        AllocStory p = storyOf("p");
        List<ExplainStep> checks = p.steps().stream().filter(s -> s.kind().name().startsWith("WATERMARK")).toList();
        assertThat(checks.get(0).kind()).isEqualTo(Kind.WATERMARK_BELOW);
        assertThat(checks.get(0).zone()).isEqualTo(ZoneType.NORMAL);
        assertThat(checks.get(0).a()).isLessThanOrEqualTo(checks.get(0).c() + checks.get(0).d());
        assertThat(checks.get(1).kind()).isEqualTo(Kind.WATERMARK_OK);
        assertThat(checks.get(1).zone()).isEqualTo(ZoneType.DMA32);
        // The marks are the zones' own, and DMA32's lowmem_reserve is the one it keeps against Normal requests.
        assertThat(checks.get(0).b()).isEqualTo(zone(ZoneType.NORMAL).watermark(Watermark.LOW));
        assertThat(checks.get(1).d()).isEqualTo(zone(ZoneType.DMA32).lowmemReserve(zone(ZoneType.NORMAL).index())).isPositive();
        assertThat(first(p, Kind.GOT_PAGE).zone()).isEqualTo(ZoneType.DMA32);
        assertThat(StoryText.render(p)).contains("Normal: zone_watermark_ok() false: free " + checks.get(0).a() + " ≤ low "
                + zone(ZoneType.NORMAL).watermark(Watermark.LOW) + " + lowmem_reserve 0, next zone");
    }

    @Test
    void aStealTakesTheSmallestFallbackBlockAndLeavesItsPageblockAlone() {
        KernelFixture.run(kernel, ALL_FULL.lines().limit(3).map(l -> l + "\n").reduce("", String::concat));
        AllocStory a = storyOf("a");
        ExplainStep steal = first(a, Kind.RMQUEUE_STEAL);
        assertThat(steal.zone()).isEqualTo(ZoneType.DMA);
        assertThat(steal.order()).isGreaterThanOrEqualTo(4);
        assertThat(kernel.memory().buddy().pageblockType((int) steal.c()).kernelName()).isEqualTo("Movable");
        assertThat(steal.c()).isEqualTo(kernel.variables().get("a").pfn());
        assertThat(StoryText.render(a)).contains("__rmqueue_steal()").contains("its pageblock stays Movable");
    }

    @Test
    void aFailedCostlyOrderEndsWithTheExactConditionsThatFailed() {
        KernelFixture.run(kernel, ALL_FULL + "f = alloc_pages(GFP_KERNEL, 4)\ng = alloc_pages(GFP_KERNEL, 4)\n");
        AllocStory failed = stories.lastFailure();
        assertThat(failed).isNotNull();
        assertThat(failed.failed()).isTrue();
        assertThat(kernel.variables().get("g").isNull()).isTrue();
        Zone normal = zone(ZoneType.NORMAL), dma = zone(ZoneType.DMA);
        int normalIdx = normal.index();
        // A failed request leaves the zones as it found them, so the story's numbers are the model's now.
        String expected = String.format("Normal: free %d - 15 = %d ≤ min %d + lowmem_reserve %d with ALLOC_WMARK_MIN|ALLOC_KSWAPD; "
                        + "DMA: free %d - 15 = %d ≤ min %d + lowmem_reserve %d with ALLOC_WMARK_MIN|ALLOC_KSWAPD; "
                        + "no reclaimable pages; order 4 is costly: no OOM killer",
                normal.freePages(), normal.freePages() - 15, normal.watermark(Watermark.MIN), normal.lowmemReserve(normalIdx),
                dma.freePages(), dma.freePages() - 15, dma.watermark(Watermark.MIN), dma.lowmemReserve(normalIdx));
        assertThat(StoryText.failure(failed)).isEqualTo(expected);
        assertThat(kinds(failed)).containsSubsequence(Kind.SLOWPATH, Kind.KSWAPD_WOKEN, Kind.DIRECT_RECLAIM, Kind.COSTLY, Kind.NOPAGE)
                .doesNotContain(Kind.OOM_KILL, Kind.OOM_SKIPPED);
        assertThat(StoryText.render(failed)).endsWith("Failed because: " + expected + "\n");
    }

    @Test
    void undoForgetsTheStoriesOfUndoneAllocationsAndRedoTellsThemAgain() {
        KernelFixture.run(kernel, "machine custom 64MiB dma=16MiB reserved=0\np = alloc_pages(GFP_KERNEL, 0)\nq = alloc_pages(GFP_KERNEL, 2)\n");
        int q = kernel.variables().get("q").allocId();
        String told = StoryText.render(stories.story(q));
        kernel.undo();
        assertThat(stories.story(q)).isNull();
        kernel.redo();
        assertThat(StoryText.render(stories.story(q))).isEqualTo(told);
    }

    @Test
    void aKernelNobodyAskedForStoriesRecordsNone() {
        Kernel plain = new Kernel(kmemviz.core.mm.Profiles.builtIn("classroom"));
        KernelFixture.run(plain, "p = alloc_pages(GFP_KERNEL, 0)\n");
        AllocStories late = plain.explainAllocations();
        assertThat(late.story(plain.variables().get("p").allocId())).isNull();
        KernelFixture.run(plain, "q = alloc_pages(GFP_KERNEL, 0)\n");
        assertThat(late.story(plain.variables().get("q").allocId())).isNotNull();
    }
}
