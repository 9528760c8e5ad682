package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.report.BuddyinfoReport;
import kmemviz.core.report.PagetypeinfoReport;
import org.junit.jupiter.api.Test;

/**
 * The replay's block at a given pfn ({@link PhysicalMemory#allocBlockAt}, {@link PhysicalMemory#freeBlockAt}): the
 * free block around it is split so that exactly the traced block leaves the lists, and giving it back merges to
 * the lists as they were.
 */
class BlockAtPfnTest {
    private static PhysicalMemory machine() { return new PhysicalMemory(Profiles.builtIn("x86_64-8g")); }

    /** A pfn in the middle of a free order-10 block of Normal, found from the lists rather than assumed. */
    private static int freeMaxOrderBlock(PhysicalMemory m) {
        Zone normal = m.zones().stream().filter(z -> z.type() == ZoneType.NORMAL).findFirst().orElseThrow();
        for (int pfn = normal.startPfn(); pfn < normal.endPfn(); pfn += 1024)
            if (m.frames().buddyOrder(pfn) == BuddyAllocator.MAX_PAGE_ORDER) return pfn;
        throw new AssertionError("no free order-10 block in Normal");
    }

    @Test
    void takesExactlyTheTracedBlockAndSplitsTheRestOntoTheLists() {
        PhysicalMemory m = machine();
        int head = freeMaxOrderBlock(m), pfn = head + 3 * 8;        // order 3, the fourth block of the order-10 one
        long free = m.zones().stream().mapToLong(z -> z.freePages).sum();
        Allocation a = m.allocBlockAt(pfn, 3, MigrateType.MOVABLE.ordinal(), Gfp.HIGHUSER_MOVABLE, "mm_page_alloc", "trace");

        assertThat(a).isNotNull();
        assertThat(a.pfn()).isEqualTo(pfn);
        for (int p = pfn; p < pfn + 8; p++) assertThat(m.frames().owner(p)).isEqualTo(Owner.PAGES);
        assertThat(m.frames().owner(pfn - 1)).isEqualTo(Owner.FREE);
        assertThat(m.frames().owner(pfn + 8)).isEqualTo(Owner.FREE);
        // order 10 - 3 = 7 halves went back: orders 9, 8, 7, 6, 5, 4 above or below it, and the order-3 block at head + 16
        assertThat(m.frames().buddyOrder(head + 16)).isEqualTo(3);
        assertThat(m.frames().buddyOrder(head)).isEqualTo(4);
        assertThat(m.zones().stream().mapToLong(z -> z.freePages).sum()).isEqualTo(free - 8);
        assertThat(m.invariants().check()).isEmpty();
    }

    @Test
    void givingTheBlockBackLeavesTheListsAsTheyWere() {
        PhysicalMemory m = machine();
        String buddyinfo = BuddyinfoReport.render(m), pagetypeinfo = PagetypeinfoReport.render(m);
        int head = freeMaxOrderBlock(m);
        Allocation a = m.allocBlockAt(head + 512 + 2, 1, MigrateType.MOVABLE.ordinal(), Gfp.KERNEL, "mm_page_alloc", null);
        Allocation b = m.allocBlockAt(head + 64, 6, MigrateType.MOVABLE.ordinal(), Gfp.KERNEL, "mm_page_alloc", null);
        assertThat(BuddyinfoReport.render(m)).isNotEqualTo(buddyinfo);
        m.freeBlockAt(a);
        m.freeBlockAt(b);

        assertThat(BuddyinfoReport.render(m)).isEqualTo(buddyinfo);
        assertThat(PagetypeinfoReport.render(m)).isEqualTo(pagetypeinfo);
        assertThat(m.allocations().size()).isZero();
        assertThat(m.invariants().check()).isEmpty();
    }

    @Test
    void refusesABlockThatIsTakenMisalignedOrOutsideTheMachine() {
        PhysicalMemory m = machine();
        int head = freeMaxOrderBlock(m);
        assertThat(m.allocBlockAt(head, 2, 0, Gfp.KERNEL, "mm_page_alloc", null)).isNotNull();
        String before = BuddyinfoReport.render(m);

        assertThat(m.allocBlockAt(head + 1, 0, 0, Gfp.KERNEL, "mm_page_alloc", null)).as("inside a taken block").isNull();
        assertThat(m.allocBlockAt(head, 3, 0, Gfp.KERNEL, "mm_page_alloc", null)).as("overlapping a taken block").isNull();
        assertThat(m.allocBlockAt(head + 6, 2, 0, Gfp.KERNEL, "mm_page_alloc", null)).as("misaligned").isNull();
        assertThat(m.allocBlockAt(m.frames().nrFrames() + 8, 0, 0, Gfp.KERNEL, "mm_page_alloc", null)).as("beyond RAM").isNull();
        assertThat(m.allocBlockAt(head, 11, 0, Gfp.KERNEL, "mm_page_alloc", null)).as("above MAX_PAGE_ORDER").isNull();
        assertThat(BuddyinfoReport.render(m)).isEqualTo(before);
        assertThat(m.invariants().check()).isEmpty();
    }

    @Test
    void aWholePageblockTakesTheTracedTypeAndAClaimMovesTheFreeBlocks() {
        PhysicalMemory m = machine();
        int head = freeMaxOrderBlock(m), order = m.buddy().pageblockOrder();
        assertThat(m.buddy().pageblockType(head)).isEqualTo(MigrateType.MOVABLE);
        Allocation a = m.allocBlockAt(head, order, MigrateType.UNMOVABLE.ordinal(), Gfp.KERNEL, "mm_page_alloc", null);
        assertThat(m.buddy().pageblockType(head)).isEqualTo(MigrateType.UNMOVABLE);
        m.freeBlockAt(a);

        int other = head + (1 << order);
        assertThat(m.claimPageblockAt(other + 5, MigrateType.RECLAIMABLE.ordinal())).isTrue();
        assertThat(m.buddy().pageblockType(other)).isEqualTo(MigrateType.RECLAIMABLE);
        assertThat(m.claimPageblockAt(other, MigrateType.HIGHATOMIC.ordinal())).as("not a type a fallback claims for").isFalse();
        assertThat(m.invariants().check()).isEmpty();
    }
}
