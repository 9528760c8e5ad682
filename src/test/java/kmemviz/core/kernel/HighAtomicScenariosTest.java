package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.ExplainStep;
import kmemviz.core.mm.ExplainStep.Kind;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.StoryText;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
import kmemviz.core.report.PagetypeinfoReport;
import org.junit.jupiter.api.Test;

/**
 * A HighAtomic reserve and its release, each reached on purpose (mm/page_alloc.c of 6.12.118: gfp_to_alloc_flags()
 * sets ALLOC_HIGHATOMIC at 4108, get_page_from_freelist() reserves at 3565-3566, rmqueue_buddy() takes from the
 * HighAtomic lists at 2991-2992, __zone_watermark_unusable_free() holds their pages back at 3189-3190,
 * should_reclaim_retry() unreserves with force at 4248-4250), with the invariant checker after every command.
 *
 * <p>The machine: {@code machine custom 256MiB dma=1MiB reserved=1MiB pcp=off}. DMA is all reserved, so Normal
 * serves everything; it manages 65,280 pages (1% is 652, so the reserve may reach ALIGN(652, 512) = 1,024 pages), its
 * marks are min 510, low 637. A 252 MiB process and a 672 KiB one leave 600 pages free, all but 88 of them in the last
 * pageblock: below the low mark, above the min mark that GFP_ATOMIC lowers.
 */
class HighAtomicScenariosTest {
    private static final String PRESSED = "machine custom 256MiB dma=1MiB reserved=1MiB pcp=off\n"
            + "hog = user_process(\"hog\", 252MiB)\nt = user_process(\"t\", 672KiB)\n";

    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
    private final AllocStories stories = kernel.explainAllocations();

    private void runChecked(String script) {
        for (ScriptLine line : new ScriptParser("test.kmv").parse(script)) {
            kernel.execute(line.command());
            assertThat(kernel.checkInvariants()).as("after " + line.command().text()).isEmpty();
        }
    }

    private Zone normal() { return kernel.memory().zones().stream().filter(z -> z.type() == ZoneType.NORMAL).findFirst().orElseThrow(); }

    private int pfn(String variable) { return kernel.variables().get(variable).pfn(); }

    private AllocStory story(String variable) { return stories.story(kernel.variables().get(variable).allocId()); }

    private static List<Kind> kinds(AllocStory s) { return s.steps().stream().map(ExplainStep::kind).toList(); }

    private static ExplainStep first(AllocStory s, Kind kind) {
        return s.steps().stream().filter(x -> x.kind() == kind).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + kinds(s)));
    }

    @Test
    void aHighOrderAtomicAllocationInTheSlowPathReservesItsPageblock() {
        runChecked(PRESSED);
        long free = normal().freePages();
        assertThat(free).isLessThan(normal().watermark(kmemviz.core.mm.Watermark.LOW));
        runChecked("a = alloc_pages(GFP_ATOMIC, 2)\n");
        int a = pfn("a");
        assertThat(kernel.memory().buddy().pageblockType(a)).isEqualTo(MigrateType.HIGHATOMIC);
        assertThat(normal().nrReservedHighatomic()).isEqualTo(512);
        // The pageblock's other free pages went to the HighAtomic lists with it.
        assertThat(normal().nrFreeHighatomic()).isPositive().isLessThan(normal().freePages());
        AllocStory s = story("a");
        List<Kind> k = kinds(s);
        assertThat(first(s, Kind.SLOWPATH).allocFlags() & 0x200).as("ALLOC_HIGHATOMIC").isNotZero();
        assertThat(k.indexOf(Kind.RESERVE_HIGHATOMIC)).isGreaterThan(k.lastIndexOf(Kind.WATERMARK_OK)).isLessThan(k.indexOf(Kind.GOT_PAGE));
        assertThat(first(s, Kind.RESERVE_HIGHATOMIC).a()).isEqualTo(a & ~511);
        assertThat(StoryText.render(s)).contains("reserve_highatomic_pageblock(): a high-order atomic allocation, so the pageblock at pfn 0x"
                + Integer.toHexString(a & ~511) + " becomes HighAtomic (512 pages; Normal's reserve is now 512 pages)");
        // pagetypeinfo's blocks line: Unmovable Movable Reclaimable HighAtomic Isolate (mm/vmstat.c:1631-1644).
        String pagetypeinfo = PagetypeinfoReport.render(kernel.memory());
        assertThat(pagetypeinfo).containsPattern("Node 0, zone   Normal +0 +127 +0 +1 +0 \n");
        assertThat(pagetypeinfo).containsPattern("Node    0, zone   Normal, type   HighAtomic( +\\d+){11} \n")
                .doesNotContain("Node    0, zone   Normal, type   HighAtomic      0      0      0      0      0      0      0      0      0      0      0");
    }

    /**
     * warn_alloc()'s Mem-Info after the reserve, against show_free_areas()'s format (mm/show_mem.c:305-335: " free_pcp:%lukB"
     * at 323 and " reserved_highatomic:%luKB" at 312, K(zone->nr_reserved_highatomic) at 333) and the per-order
     * letters of show_migration_types() (mm/show_mem.c:141-152: U M E H I, collected at 373-377, printed at 380-384).
     */
    @Test
    void memInfoShowsTheReserveAndTheHighAtomicLetter() {
        runChecked(PRESSED + "a = alloc_pages(GFP_ATOMIC, 2)\n");
        List<Outcome> out = run(kernel, "x = alloc_pages(GFP_ATOMIC, 10)\n");
        String report = KernelFixture.reports(out.get(0)).stream().map(r -> r.text()).filter(t -> t.contains("page allocation failure"))
                .findFirst().orElseThrow();
        assertThat(report).contains("Node 0 Normal free:" + normal().freePages() * 4 + "kB boost:0kB")
                .contains(" reserved_highatomic:2048KB active_anon:")
                .contains(" free_pcp:0kB local_pcp:0kB free_cma:0kB\n")
                .containsPattern("\nNode 0 Normal: .*\\((U?M?E?)H\\) ");
    }

    @Test
    void theNextHighOrderAtomicRequestTakesFromTheHighAtomicListsFirst() {
        runChecked(PRESSED + "a = alloc_pages(GFP_ATOMIC, 2)\nb = alloc_pages(GFP_ATOMIC, 1)\n");
        AllocStory s = story("b");
        ExplainStep smallest = first(s, Kind.RMQUEUE_SMALLEST);
        assertThat(smallest.a()).isEqualTo(MigrateType.HIGHATOMIC.ordinal());
        assertThat(pfn("b") >> 9).isEqualTo(pfn("a") >> 9);
        assertThat(kinds(s)).doesNotContain(Kind.RESERVE_HIGHATOMIC);      // the pageblock is HighAtomic already
        assertThat(normal().nrReservedHighatomic()).isEqualTo(512);
    }

    @Test
    void pagesFreedInAHighAtomicPageblockGoBackToItsList() {
        runChecked(PRESSED + "a = alloc_pages(GFP_ATOMIC, 2)\n");
        long before = normal().nrFreeHighatomic();
        runChecked("__free_pages(a, 2)\n");
        assertThat(normal().nrFreeHighatomic()).isEqualTo(before + 4);
    }

    @Test
    void anOrdinaryRequestDoesNotCountTheReserveAndReleasesItBeforeTheOomKiller() {
        runChecked(PRESSED + "a = alloc_pages(GFP_ATOMIC, 2)\n");
        long freeBefore = normal().freePages(), held = normal().nrFreeHighatomic();
        runChecked("k = alloc_pages(GFP_KERNEL, 0)\n");
        AllocStory s = story("k");
        // Without a reserve flag the HighAtomic pages are held back, so the min mark fails on the rest ...
        ExplainStep unusable = first(s, Kind.HIGHATOMIC_UNUSABLE);
        assertThat(unusable.a()).isEqualTo(held);
        ExplainStep below = s.steps().stream().filter(x -> x.kind() == Kind.WATERMARK_BELOW && x.zone() == ZoneType.NORMAL)
                .reduce((x, y) -> y).orElseThrow();
        assertThat(below.a()).isEqualTo(freeBefore - held);
        // ... no page cache to reclaim, so should_reclaim_retry() says no, gives the pageblock back and retries.
        ExplainStep unreserve = first(s, Kind.UNRESERVE_HIGHATOMIC);
        assertThat(unreserve.d()).as("forced").isEqualTo(1);
        assertThat(unreserve.b()).isEqualTo(MigrateType.UNMOVABLE.ordinal());
        assertThat(kinds(s)).doesNotContain(Kind.OOM_KILL).endsWith(Kind.GOT_PAGE);
        assertThat(pfn("k") >> 9).isEqualTo(pfn("a") >> 9);
        assertThat(kernel.memory().buddy().pageblockType(pfn("a"))).isEqualTo(MigrateType.UNMOVABLE);
        assertThat(normal().nrReservedHighatomic()).isZero();
        assertThat(normal().nrFreeHighatomic()).isZero();
        assertThat(StoryText.render(s)).contains("should_reclaim_retry(), before the OOM killer: unreserve_highatomic_pageblock(ac, true)");
    }

    /**
     * Two pageblocks reserved (the limit, 1,024 pages), then page cache reclaimed by a GFP_KERNEL request that still
     * fails: __alloc_pages_direct_reclaim() unreserves one pageblock, unforced, before drain_all_pages()
     * (mm/page_alloc.c:4038-4051). The pressure comes from __GFP_HIGH requests, which wake no kswapd, so the page cache
     * is still there when the GFP_KERNEL request reclaims.
     */
    @Test
    void directReclaimThatMadeProgressReleasesAPageblockWhileTheZoneHoldsTwo() {
        runChecked("machine custom 256MiB dma=1MiB reserved=1MiB pcp=off\nhog = user_process(\"hog\", 249MiB)\n"
                + "f = page_cache(\"log\", 512KiB)\np1 = alloc_pages(__GFP_HIGH, 9)\np2 = alloc_pages(__GFP_HIGH, 8)\n"
                + "a = alloc_pages(__GFP_HIGH, 2)\nb = alloc_pages(__GFP_HIGH, 8)\n");
        assertThat(kinds(story("a"))).contains(Kind.RESERVE_HIGHATOMIC);
        assertThat(kinds(story("b"))).contains(Kind.RESERVE_HIGHATOMIC);
        assertThat(normal().nrReservedHighatomic()).isEqualTo(1024);
        runChecked("k = alloc_pages(GFP_KERNEL, 0)\n");
        AllocStory s = story("k");
        List<Kind> k = kinds(s);
        int unreserve = k.indexOf(Kind.UNRESERVE_HIGHATOMIC);
        assertThat(unreserve).as(StoryText.render(s)).isPositive();
        assertThat(s.steps().get(unreserve).d()).as("not forced").isZero();
        assertThat(s.steps().get(k.indexOf(Kind.DIRECT_RECLAIM)).a()).isPositive();
        assertThat(k.indexOf(Kind.DIRECT_RECLAIM)).isLessThan(unreserve);
        assertThat(k.indexOf(Kind.DRAIN_ALL_PAGES)).isEqualTo(unreserve + 1);
        assertThat(StoryText.render(s)).contains("__alloc_pages_direct_reclaim(): unreserve_highatomic_pageblock(ac, false) gives the HighAtomic pageblock");
    }

    @Test
    void aZoneOfWhichOnePercentIsLessThanAPageblockReservesNothing() {
        // 128 MiB: Normal manages 32,512 pages, 1% is below 512; the processes leave 432 free, below
        // the low mark, 450.
        run(kernel, "machine custom 128MiB dma=1MiB reserved=1MiB pcp=off\nhog = user_process(\"hog\", 125MiB)\n"
                + "t = user_process(\"t\", 320KiB)\n");
        long free = normal().freePages();
        assertThat(normal().managedPages() / 100).isLessThan(512);
        run(kernel, "a = alloc_pages(GFP_ATOMIC, 2)\n");
        assertThat(kernel.variables().get("a").pfn()).isNotNegative();
        assertThat(kinds(story("a"))).contains(Kind.SLOWPATH).doesNotContain(Kind.RESERVE_HIGHATOMIC);
        assertThat(normal().nrReservedHighatomic()).isZero();
        assertThat(free).isLessThan(normal().watermark(kmemviz.core.mm.Watermark.LOW));
    }
}
