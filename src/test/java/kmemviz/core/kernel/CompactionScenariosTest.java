package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.CompactResult;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.StoryText;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

/**
 * Compaction reached on purpose. The machine: {@code machine custom 64MiB dma=1MiB pcp=off}, whose Normal zone
 * (pfns 0x100-0x3fff, all Movable pageblocks) is filled with pairs of 16-page allocations, "a" then "b", until no
 * block of order 9 is left; then every "a" goes, so that half the zone is free in 16-page holes between the "b"s.
 */
class CompactionScenariosTest {
    private static final int PAIRS = 490;

    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"), 8);

    /** The pairs, the "b" made by {@code b}; the "a"s are user processes, exited at the end. */
    private void fragment(String b) {
        StringBuilder sb = new StringBuilder("machine custom 64MiB dma=1MiB pcp=off\n");
        for (int i = 0; i < PAIRS; i++) sb.append("a").append(i).append(" = user_process(\"a").append(i).append("\", 64KiB)\n")
                .append("b").append(i).append(" = ").append(b.replace("#", String.valueOf(i))).append('\n');
        for (int i = 0; i < PAIRS; i++) sb.append("exit_process(a").append(i).append(")\n");
        KernelFixture.run(kernel, sb.toString());
        assertThat(highOrderBlocks()).as("no free block of order 9 or 10 is left").isZero();
        assertThat(kernel.checkInvariants()).isEmpty();
    }

    private Zone normal() { return kernel.memory().zones().stream().filter(z -> z.type() == ZoneType.NORMAL).findFirst().orElseThrow(); }

    private long highOrderBlocks() { return normal().nrFree(9) + normal().nrFree(10); }

    private static long count(Outcome out, EventKind kind) { return out.events().stream().filter(e -> e.kind() == kind).count(); }

    /** Each user process's page list names exactly the frames it owns. */
    private void assertOwnersFollowedTheirPages() {
        for (Allocation a : kernel.memory().allocations().all()) {
            if (a.api() != Api.USER_PROCESS && a.api() != Api.PAGE_CACHE) continue;
            for (int pfn : a.pages().toArray()) assertThat(kernel.memory().frames().allocId(pfn)).as("pfn 0x%x of %s", pfn, a.call()).isEqualTo(a.id());
        }
    }

    @Test
    void compactMovesUserPagesToTheZonesEndAndAnOrder9AllocationThenSucceeds() {
        fragment("user_process(\"b#\", 64KiB)");

        Outcome compact = KernelFixture.last(kernel, "compact");

        assertThat(compact.ok()).isTrue();
        assertThat(highOrderBlocks()).isPositive();
        long moved = compact.events().stream().filter(e -> e.kind() == EventKind.COMPACT_MIGRATED).mapToLong(MmEvent::nrPages).sum();
        assertThat(kernel.memory().compaction().stats().pgmigrateSuccess()).isEqualTo(moved).isPositive();
        // pages moved one after the other into consecutive pages are recorded as runs
        assertThat(count(compact, EventKind.COMPACT_MIGRATED)).isLessThan(moved / 4);
        // The migration scanner starts at the zone's start, the free scanner at its last pageblock: pages move up.
        assertThat(compact.events()).filteredOn(e -> e.kind() == EventKind.COMPACT_MIGRATED).allSatisfy(e -> assertThat(e.pfn()).isGreaterThan((int) e.count()));
        assertThat(compact.events()).filteredOn(e -> e.kind() == EventKind.COMPACT_BEGIN && e.zone() == ZoneType.NORMAL)
                .singleElement().satisfies(e -> {
                    assertThat(e.pfn()).isEqualTo(normal().startPfn());
                    assertThat(e.count()).isEqualTo(normal().endPfn() - 512);
                });
        assertOwnersFollowedTheirPages();
        assertThat(kernel.checkInvariants()).isEmpty();
        assertThat(KernelFixture.last(kernel, "h = alloc_pages(GFP_KERNEL, 9)").allocation()).isNotNull();
    }

    @Test
    void aCostlyAllocationCompactsDirectlyInTheSlowPath() {
        fragment("user_process(\"b#\", 64KiB)");
        AllocStories stories = kernel.explainAllocations();
        long migratedBefore = kernel.memory().compaction().stats().pgmigrateSuccess();

        Outcome alloc = KernelFixture.last(kernel, "h = alloc_pages(GFP_HIGHUSER_MOVABLE, 9)");

        // the allocation's story tells the compaction where the kernel runs it: after the slow path's first try
        long migrated = kernel.memory().compaction().stats().pgmigrateSuccess() - migratedBefore;
        assertThat(migrated).isPositive();
        String story = StoryText.render(stories.story(kernel.variables().get("h").allocId()));
        assertThat(story).contains("__alloc_pages_direct_compact(): COMPACT_SUCCESS, " + migrated + " pages migrated");
        assertThat(story.indexOf("__alloc_pages_direct_compact()")).isGreaterThan(story.indexOf("__alloc_pages_slowpath()"))
                .isLessThan(story.indexOf("got the order-9 block"));

        assertThat(alloc.allocation()).isNotNull();
        // async first (INIT_COMPACT_PRIORITY), before any reclaim, and it was enough
        assertThat(alloc.events()).filteredOn(e -> e.kind() == EventKind.COMPACT_END).singleElement()
                .satisfies(e -> assertThat(e.compactResult()).isEqualTo(CompactResult.SUCCESS));
        assertThat(count(alloc, EventKind.DIRECT_RECLAIM)).isZero();
        var stats = kernel.memory().compaction().stats();
        assertThat(stats.stall()).isEqualTo(1);
        assertThat(stats.success()).isEqualTo(1);
        assertThat(stats.fail()).isZero();
        assertOwnersFollowedTheirPages();
        assertThat(kernel.checkInvariants()).isEmpty();
    }

    @Test
    void pagesFromAllocPagesAreNotMovableAndNothingMoves() {
        fragment("alloc_pages(GFP_HIGHUSER_MOVABLE, 4)");
        byte[] before = kernel.memory().frames().owners().clone();

        Outcome compact = KernelFixture.last(kernel, "compact");

        assertThat(count(compact, EventKind.COMPACT_MIGRATED)).isZero();
        assertThat(kernel.memory().frames().owners()).isEqualTo(before);
        assertThat(highOrderBlocks()).isZero();
    }

    @Test
    void oneKernelPageKeepsItsPageblockFromBecomingFree() {
        fragment("user_process(\"b#\", 64KiB)");
        // the lowest free page of the zone goes to a kernel page that compaction cannot move
        Outcome pin = KernelFixture.last(kernel, "k = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)");
        int pinned = pin.allocation().pfn();

        KernelFixture.last(kernel, "compact");

        int blockStart = pinned & ~511;
        assertThat(kernel.memory().frames().owner(pinned)).isEqualTo(Owner.PAGES);
        assertThat(kernel.memory().frames().buddyOrder(blockStart)).as("the pinned page's pageblock").isLessThan(9);
        assertThat(highOrderBlocks()).isPositive();
        assertThat(kernel.checkInvariants()).isEmpty();
    }

    @Test
    void aScanThatIsolatesNothingSetsTheSkipBitAndCompactMemoryIgnoresIt() {
        fragment("alloc_pages(GFP_HIGHUSER_MOVABLE, 4)");
        KernelFixture.last(kernel, "h = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 9)");
        int firstFullBlock = (normal().startPfn() + 511) & ~511;
        assertThat(kernel.memory().compaction().pageblockSkip(firstFullBlock)).isTrue();

        // compact_memory scans the block anyway: its migration scanner stops at the block's end
        Outcome compact = KernelFixture.last(kernel, "compact zone Normal");

        assertThat(compact.events()).filteredOn(e -> e.kind() == EventKind.COMPACT_SCANNERS)
                .anySatisfy(e -> assertThat(e.pfn()).isEqualTo(firstFullBlock + 512));
    }

    @Test
    void aFailedSyncCompactionDefersTheNextAttemptsAtThatOrder() {
        fragment("alloc_pages(GFP_HIGHUSER_MOVABLE, 4)");

        Outcome first = KernelFixture.last(kernel, "h = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 9)");
        Outcome second = KernelFixture.last(kernel, "h = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 9)");

        assertThat(first.allocation()).isNull();
        // first: async (never deferred, does not defer), then sync light, which ends with the scanners met: defer
        assertThat(count(first, EventKind.COMPACT_BEGIN)).isEqualTo(2);
        // second: the async attempt is skipped as deferred, the sync one runs (the deferral allowed one in two)
        assertThat(count(second, EventKind.COMPACT_BEGIN)).isEqualTo(1);
        assertThat(kernel.memory().compaction().deferredAttempts(normal(), 9)).isPositive();
        // compact_order_failed starts at 0 (struct zone is zeroed and only a success raises it), so the deferral
        // holds for smaller orders too; DMA, never compacted, defers nothing
        assertThat(kernel.memory().compaction().deferredAttempts(normal(), 1)).isPositive();
        Zone dma = kernel.memory().zones().get(0);
        assertThat(kernel.memory().compaction().deferredAttempts(dma, 9)).isZero();
    }

    @Test
    void undoAndRedoAcrossACompactionAreExact() {
        fragment("user_process(\"b#\", 64KiB)");
        String before = KernelFixture.digest(kernel.memory());
        KernelFixture.run(kernel, "compact\nh = alloc_pages(GFP_HIGHUSER_MOVABLE, 9)\nf = page_cache(\"libc.so.6\", 2MiB)\ncompact");
        String after = KernelFixture.digest(kernel.memory());
        String vmstat = kernel.memory().compaction().stats().vmstatLines();

        for (int i = 0; i < 4; i++) kernel.undo();
        assertThat(KernelFixture.digest(kernel.memory())).isEqualTo(before);
        for (int i = 0; i < 4; i++) kernel.redo();

        assertThat(KernelFixture.digest(kernel.memory())).isEqualTo(after);
        assertThat(kernel.memory().compaction().stats().vmstatLines()).isEqualTo(vmstat);
        assertOwnersFollowedTheirPages();
        assertThat(kernel.checkInvariants()).isEmpty();
    }

    @Test
    void compactZoneNamesItsZoneAndRefusesAZoneTheMachineLacks() {
        fragment("user_process(\"b#\", 64KiB)");
        assertThat(KernelFixture.last(kernel, "compact zone DMA").events()).filteredOn(e -> e.kind() == EventKind.COMPACT_BEGIN)
                .allSatisfy(e -> assertThat(e.zone()).isEqualTo(ZoneType.DMA));
        Outcome none = kernel.execute(new kmemviz.core.cmd.Compact(ZoneType.HIGHMEM));
        assertThat(none.status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(none.message()).contains("no populated zone HighMem");
    }
}
