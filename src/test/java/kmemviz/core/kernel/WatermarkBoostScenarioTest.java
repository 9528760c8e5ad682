package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.ExplainStep;
import kmemviz.core.mm.ExplainStep.Kind;
import kmemviz.core.mm.StoryText;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
import kmemviz.core.report.ZoneinfoReport;
import org.junit.jupiter.api.Test;

/**
 * The watermark boost as Linux 6.12.118 keeps it: boost_watermark() when a fallback below a pageblock goes through
 * try_to_steal_block() (mm/page_alloc.c:1903-1989), ZONE_BOOSTED_WATERMARK waking kswapd at the end of rmqueue()
 * (:3169-3174), wmark_pages() with the boost on top (include/linux/mmzone.h:1017), and balance_pgdat() taking it off
 * (mm/vmscan.c:7052-7064). zoneinfo prints it as mm/vmstat.c:1747 does.
 */
class WatermarkBoostScenarioTest {
    /**
     * A process fills DMA (4,096 managed pages, so four pageblocks: boosting is allowed) and Normal; Normal is below its
     * low mark, so an unmovable request falls to DMA, where only Movable blocks below a pageblock are free.
     */
    private static final String FILLED = "machine custom 64MiB dma=16MiB reserved=0\nhog = user_process(\"hog\", 62MiB)\n";
    private static final long PAGEBLOCK_NR_PAGES = 512;

    private final Kernel kernel = new Kernel(kmemviz.core.mm.Profiles.builtIn("classroom"));
    private final AllocStories stories = kernel.explainAllocations();

    private AllocStory storyOf(String variable) { return stories.story(kernel.variables().get(variable).allocId()); }

    private static List<ExplainStep> steps(AllocStory s, Kind kind) { return s.steps().stream().filter(x -> x.kind() == kind).toList(); }

    private Zone zone(ZoneType type) {
        return kernel.memory().zones().stream().filter(z -> z.type() == type).findFirst().orElseThrow();
    }

    /** A field of one zone's block in --print zoneinfo, e.g. {@code boost} or {@code min}. */
    private long zoneinfo(String zoneName, String field) {
        String report = ZoneinfoReport.render(kernel.memory());
        String block = report.substring(report.indexOf("zone " + String.format("%8s", zoneName)));
        Matcher m = Pattern.compile("\n\\s+" + field + "\\s+(\\d+)").matcher(block);
        assertThat(m.find()).as(field + " in " + zoneName).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static boolean kswapdWoken(List<Outcome> outcomes) {
        return outcomes.get(outcomes.size() - 1).events().stream().anyMatch(e -> e.kind() == EventKind.KSWAPD_WOKEN);
    }

    @Test
    void aStealBelowAPageblockBoostsTheZoneWakesKswapdFromRmqueueAndKswapdTakesTheBoostOff() {
        KernelFixture.run(kernel, FILLED);
        long min = zoneinfo("DMA", "min");
        List<Outcome> out = KernelFixture.run(kernel, "a = alloc_pages(GFP_KERNEL, 4)\n");
        AllocStory a = storyOf("a");

        ExplainStep boost = steps(a, Kind.BOOST_WATERMARK).get(0);
        assertThat(boost.zone()).isEqualTo(ZoneType.DMA);
        // max_boost = max(pageblock_nr_pages, high * 15000 / 10000): DMA's high mark is small, so one pageblock.
        assertThat(zone(ZoneType.DMA).watermark(Watermark.HIGH) * 3 / 2).isLessThan(PAGEBLOCK_NR_PAGES);
        assertThat(boost.a()).isZero();
        assertThat(boost.b()).isEqualTo(PAGEBLOCK_NR_PAGES);
        assertThat(boost.c()).as("GFP_KERNEL has ALLOC_KSWAPD: ZONE_BOOSTED_WATERMARK set").isEqualTo(1);
        // The steal that boosted, then rmqueue()'s epilogue waking kswapd for the boosted zone, then the page.
        List<Kind> kinds = a.steps().stream().map(ExplainStep::kind).toList();
        assertThat(kinds).containsSubsequence(Kind.BOOST_WATERMARK, Kind.RMQUEUE_STEAL, Kind.BOOST_WAKE_KSWAPD, Kind.GOT_PAGE);
        assertThat(steps(a, Kind.BOOST_WAKE_KSWAPD).get(0).a()).as("kswapd woken, not already awake").isEqualTo(1);
        assertThat(kswapdWoken(out)).isTrue();
        assertThat(StoryText.render(a)).contains("boost_watermark(): a fallback below a pageblock: DMA's watermark_boost 0 → 512 pages;"
                + " ZONE_BOOSTED_WATERMARK set, so rmqueue() wakes kswapd")
                .contains("rmqueue(): ZONE_BOOSTED_WATERMARK cleared, wakeup_kswapd() for DMA: kswapd woken");

        // kswapd ran after the command: it found no page cache to reclaim, and still took off the boost it found.
        assertThat(zone(ZoneType.DMA).watermarkBoost()).isZero();
        assertThat(zoneinfo("DMA", "boost")).isZero();
        assertThat(zoneinfo("DMA", "min")).isEqualTo(min);
    }

    @Test
    void aBoostWithoutAllocKswapdStaysRaisesEveryMarkUntilAWokenKswapdTakesItOff() {
        KernelFixture.run(kernel, FILLED);
        long min = zoneinfo("DMA", "min"), low = zoneinfo("DMA", "low"), high = zoneinfo("DMA", "high");
        // No __GFP_KSWAPD_RECLAIM: the steal boosts, but nothing marks the zone, and no timer resets the boost.
        List<Outcome> out = KernelFixture.run(kernel, "b = alloc_pages(__GFP_NOWARN, 4)\n");
        assertThat(steps(storyOf("b"), Kind.BOOST_WATERMARK).get(0).c()).isZero();
        assertThat(steps(storyOf("b"), Kind.BOOST_WAKE_KSWAPD)).isEmpty();
        assertThat(kswapdWoken(out)).isFalse();
        assertThat(zoneinfo("DMA", "boost")).isEqualTo(PAGEBLOCK_NR_PAGES);
        assertThat(zoneinfo("DMA", "min")).isEqualTo(min + PAGEBLOCK_NR_PAGES);
        assertThat(zoneinfo("DMA", "low")).isEqualTo(low + PAGEBLOCK_NR_PAGES);
        assertThat(zoneinfo("DMA", "high")).isEqualTo(high + PAGEBLOCK_NR_PAGES);
        // A failure without a reclaim bit prints Mem-Info (show_free_areas(), mm/show_mem.c:330) and wakes nobody.
        out = KernelFixture.run(kernel, "f = alloc_pages(__GFP_HIGH, 10)\n");
        assertThat(KernelFixture.reports(out.get(0)).get(0).text()).contains("Node 0 DMA free:" + zone(ZoneType.DMA).freePages() * 4
                + "kB boost:" + PAGEBLOCK_NR_PAGES * 4 + "kB min:" + (min + PAGEBLOCK_NR_PAGES) * 4 + "kB");
        assertThat(zoneinfo("DMA", "boost")).isEqualTo(PAGEBLOCK_NR_PAGES);

        // The next request sees DMA's boosted low mark in its watermark check; its slow path wakes kswapd.
        out = KernelFixture.run(kernel, "c = alloc_pages(GFP_KERNEL, 0)\n");
        ExplainStep dmaCheck = storyOf("c").steps().stream()
                .filter(s -> s.zone() == ZoneType.DMA && s.kind().name().startsWith("WATERMARK")).findFirst().orElseThrow();
        assertThat(dmaCheck.b()).isEqualTo(low + PAGEBLOCK_NR_PAGES);
        assertThat(kswapdWoken(out)).isTrue();
        assertThat(zoneinfo("DMA", "boost")).isZero();
        assertThat(zoneinfo("DMA", "min")).isEqualTo(min);
    }

    /**
     * balance_pgdat() reports taking the boost off (mm/vmscan.c:7052-7064): one WATERMARK_BOOST_REMOVED for the boosted
     * zone, after kswapd was woken and after its reclaim, before the kcompactd it wakes for pageblock_order, naming
     * the pages taken off and the boost left; the log line says so and zoneinfo agrees.
     */
    @Test
    void kswapdTakingTheBoostOffIsAnEventAfterItsReclaimAndBeforeKcompactd() {
        KernelFixture.run(kernel, FILLED);
        List<MmEvent> events = KernelFixture.run(kernel, "a = alloc_pages(GFP_KERNEL, 4)\n").get(0).events();
        List<MmEvent> removed = events.stream().filter(e -> e.kind() == EventKind.WATERMARK_BOOST_REMOVED).toList();
        assertThat(removed).hasSize(1);
        MmEvent e = removed.get(0);
        assertThat(e.zone()).isEqualTo(ZoneType.DMA);
        assertThat(e.count()).as("pages of boost taken off").isEqualTo(PAGEBLOCK_NR_PAGES);
        assertThat(e.gfp()).as("boost left").isZero();
        assertThat(e.describe()).isEqualTo("kswapd0: balance_pgdat() took 512 pages of watermark boost off DMA (watermark_boost now 0)");
        List<EventKind> kinds = events.stream().map(MmEvent::kind).toList();
        int at = kinds.indexOf(EventKind.WATERMARK_BOOST_REMOVED);
        assertThat(kinds.subList(0, at)).contains(EventKind.KSWAPD_WOKEN).doesNotContain(EventKind.KCOMPACTD_WOKEN);
        assertThat(kinds.lastIndexOf(EventKind.KSWAPD_RECLAIM)).isLessThan(at);
        assertThat(zoneinfo("DMA", "boost")).isZero();
    }

    @Test
    void aBoostNobodyTakesOffMakesNoEvent() {
        KernelFixture.run(kernel, FILLED);
        List<MmEvent> events = KernelFixture.run(kernel, "b = alloc_pages(__GFP_NOWARN, 4)\n").get(0).events();
        assertThat(events).noneMatch(e -> e.kind() == EventKind.WATERMARK_BOOST_REMOVED);
        assertThat(zoneinfo("DMA", "boost")).isEqualTo(PAGEBLOCK_NR_PAGES);
    }

    @Test
    void aZoneOfFewerThanFourPageblocksIsNeverBoosted() {
        // DMA has 256 managed pages: boost_watermark() skips it (pageblock_nr_pages * 4 > managed), the steal goes on.
        KernelFixture.run(kernel, "machine custom 8MiB dma=1MiB reserved=0\nhog = user_process(\"hog\", 7MiB)\na = alloc_pages(GFP_KERNEL, 2)\n");
        AllocStory a = storyOf("a");
        assertThat(steps(a, Kind.RMQUEUE_STEAL)).isNotEmpty();
        assertThat(steps(a, Kind.BOOST_WATERMARK)).isEmpty();
        assertThat(zoneinfo("DMA", "boost")).isZero();
    }
}
