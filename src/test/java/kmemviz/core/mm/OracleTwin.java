package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kmemviz.oracle.PageAlloc612;

/**
 * One machine built twice, in the model and in the test oracle {@link PageAlloc612}, from the model's own zones
 * (start, end, boot free ranges, managed pages, low watermark), CPUs, per-CPU lists and pageblock order, so that
 * a test drives both with the same calls and compares everything the kernel would show after each.
 */
final class OracleTwin {
    final PhysicalMemory mem;
    final PageAlloc612 oracle;
    /** The model's populated zones, in the oracle's order (its zone i is populated.get(i)). */
    final List<Zone> populated;
    private int cpu;

    OracleTwin(Profile profile) {
        mem = new PhysicalMemory(profile);
        populated = mem.zones().stream().filter(Zone::isPopulated).toList();
        List<PfnRange> boot = PhysicalMemory.bootFreeRanges(profile);
        List<PageAlloc612.ZoneSpec> specs = new ArrayList<>();
        for (Zone z : populated) {
            List<long[]> ranges = boot.stream().filter(r -> z.contains(r.startPfn()))
                    .map(r -> new long[] {r.startPfn(), r.endPfn()}).toList();
            specs.add(new PageAlloc612.ZoneSpec(z.name(), z.startPfn(), z.endPfn(), z.presentPages(), ranges, z.managedPages(),
                    z.watermark(Watermark.LOW), z.watermark(Watermark.HIGH)));
        }
        oracle = new PageAlloc612(new PageAlloc612.Config(specs, profile.pageblockOrder(), profile.nrCpus(),
                profile.pcp(), profile.bits() == 64, profile.thpOrder(), profile.migratetypes()));
    }

    /** The oracle's index of a populated zone of the model. */
    int oracleIndex(Zone zone) { return populated.indexOf(zone); }

    /** Both agree on grouping by mobility (both count present pages, as build_all_zonelists() does). */
    boolean sameGrouping() { return oracle.mobilityGroupingDisabled() == mem.buddy().mobilityGroupingDisabled(); }

    /** The oracle's index of the zone gfp_zone() picks: the highest populated zone at or below it. */
    int oracleHighest(int gfp) {
        int highest = mem.pageAllocator().highestZoneIdx(gfp);
        int i = -1;
        for (Zone z : populated) if (z.index() <= highest) i++;
        return i;
    }

    /** No watermark decides: every zone the request may use is above high + lowmem_reserve after it. */
    boolean noWatermarkDecides(int gfp, int order) {
        int highest = mem.pageAllocator().highestZoneIdx(gfp);
        for (Zone z : populated) {
            if (z.index() > highest) continue;
            if (z.freePages() - ((1L << order) - 1) - (1L << order) <= z.watermark(Watermark.HIGH) + z.lowmemReserve(highest)) return false;
        }
        return true;
    }

    static int oracleMigratetype(int gfp) {
        if ((gfp & Gfp.MOVABLE) != 0) return PageAlloc612.MOVABLE;
        return (gfp & Gfp.RECLAIMABLE) != 0 ? PageAlloc612.RECLAIMABLE : PageAlloc612.UNMOVABLE;
    }

    /** alloc_pages() on both; asserts they return the same pfn, and returns it (or -1). */
    int alloc(int gfp, int order, String step) { return alloc(gfp, order, Owner.PAGES, step); }

    /**
     * alloc_pages() on both for {@code owner}: user memory and page cache are on the LRU, so a later fallback counts
     * them as movable in their pageblock (the model reads the owner, the oracle what {@link PageAlloc612#setLru} said).
     */
    int alloc(int gfp, int order, Owner owner, String step) {
        int pfn = mem.allocPages(gfp, order, owner, ExecContext.PROCESS);
        long expected = oracle.alloc(order, oracleMigratetype(gfp), oracleHighest(gfp), cpu);
        assertThat((long) pfn).as("%s: the pfn", step).isEqualTo(expected);
        if (pfn != FrameTable.NO_PFN && (owner == Owner.USER || owner == Owner.PAGE_CACHE)) oracle.setLru(pfn, order);
        return pfn;
    }

    void free(int pfn, int order) {
        mem.freePages(pfn, order);
        oracle.free(pfn, order, cpu);
    }

    /** Everything /proc/buddyinfo and /proc/pagetypeinfo show, and the model's own invariants. */
    void compare(String step) {
        for (int i = 0; i < populated.size(); i++) {
            Zone z = populated.get(i);
            long[] buddyinfo = new long[BuddyAllocator.NR_PAGE_ORDERS];
            for (int o = 0; o < buddyinfo.length; o++) buddyinfo[o] = z.nrFree(o);
            assertThat(buddyinfo).as("%s: buddyinfo of %s", step, z.name())
                    .containsExactly(java.util.Arrays.stream(oracle.buddyinfo(i)).asLongStream().toArray());
            int[][] byType = oracle.freeByType(i);
            for (MigrateType t : MigrateType.values()) {
                long[] model = new long[BuddyAllocator.NR_PAGE_ORDERS];
                for (int o = 0; o < model.length; o++) model[o] = mem.buddy().nrFree(z, o, t);
                assertThat(model).as("%s: %s free blocks of %s", step, z.name(), t.kernelName())
                        .containsExactly(java.util.Arrays.stream(byType[t.ordinal()]).asLongStream().toArray());
            }
            for (int c = 0; c < mem.profile().nrCpus() && z.hasPcp(); c++)
                assertThat(new int[] {z.pcpCount(c), z.pcpHigh(c), z.pcpBatch()}).as("%s: %s pageset of cpu %d", step, z.name(), c)
                        .containsExactly(oracle.pageset(i, c));
            assertThat(z.hasPcp()).as("%s: %s has per-CPU lists", step, z.name()).isEqualTo(mem.profile().pcp());
            assertThat(mem.buddy().pageblockCounts(z)).as("%s: %s pageblocks per type", step, z.name())
                    .containsExactly(oracle.blockCounts(i));
            assertThat(z.nrReservedHighatomic()).as("%s: %s nr_reserved_highatomic", step, z.name())
                    .isEqualTo(oracle.nrReservedHighatomic(i));
            assertThat(z.watermarkBoost()).as("%s: %s watermark_boost", step, z.name()).isEqualTo(oracle.watermarkBoost(i));
        }
        assertThat(mem.invariants().check()).as("%s: invariants", step).isEmpty();
    }

    /** Each free list, head to tail, in both. */
    void compareLists(String step) {
        for (int i = 0; i < populated.size(); i++) {
            Zone z = populated.get(i);
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                for (MigrateType t : MigrateType.values()) {
                    List<Long> model = new ArrayList<>();
                    for (int p = z.freeListHead(o, t); p != FrameTable.NO_PFN; p = mem.buddy().nextFree(p)) model.add((long) p);
                    assertThat(model).as("%s: %s order %d %s list", step, z.name(), o, t.kernelName())
                            .isEqualTo(oracle.freeList(i, o, t.ordinal()));
                }
            }
            for (int c = 0; z.hasPcp() && c < mem.profile().nrCpus(); c++) {
                for (int pindex = 0; pindex < z.pcpNrLists(); pindex++) {
                    List<Long> model = new ArrayList<>();
                    for (int p = z.pcpListHead(c, pindex); p != FrameTable.NO_PFN; p = mem.buddy().nextFree(p)) model.add((long) p);
                    assertThat(model).as("%s: %s cpu %d per-CPU list %d", step, z.name(), c, pindex)
                            .isEqualTo(oracle.pcpList(i, c, pindex));
                }
            }
        }
    }

    void setCpu(int k) {
        cpu = k;
        mem.setCpu(k);
    }

    void drain() {
        mem.drainAllPages();
        oracle.drainAllPages();
    }
}
