package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lays out a freshly built machine so that its free lists, pageblocks and per-CPU lists hold what a /proc capture
 * says ({@link ImportedZone}): the capture gives counts, never addresses, so the places are ours, chosen so that
 * the buddy allocator would have left them that way.
 *
 * <p>Steps, per populated zone: (1) every managed frame becomes {@link Owner#IMPORTED}; (2) the pageblocks that
 * pagetypeinfo counts get their types together with the free blocks they must hold, since in 6.12 a free page is
 * always on the list of its pageblock's type ({@link #assignTypes}); the pageblocks of one type form its run;
 * (3) in each run the type's free blocks
 * are placed from the highest order down and freed there by __free_one_page(), which must find no free buddy, so
 * that nothing merges; (4) the watermarks, lowmem_reserve and per-CPU lists are set, and each CPU's count of pages
 * is put on its lists, taken from the top of the zone's in-use memory.
 *
 * <p>Placement rule of step (3). A block of order o &lt; MAX_PAGE_ORDER must not have a wholly free buddy. A run is
 * cut into its largest aligned pieces ("open": anything may go there). Placing a block of order o at the start of a
 * piece of order r &gt; o leaves its buddy (order o) as a "gap", which must keep one page in use, and pieces of
 * orders o+1..r-1, which are open again (their buddies hold the block). A gap of order k takes one block of a lower
 * order the same way. So the free blocks of one gap chain can be of every order below k and cost one page in use.
 * Gaps are tried before open pieces, and each kind from its smallest order up. A piece at a run's edge whose buddy
 * lies wholly in managed memory outside the run is a gap too, so that two runs never leave free buddies side by side.
 * A block that finds no room is left out; the importer compares the result with the capture and says so.
 */
final class ImportedLayout {
    /** The order in which the types get their pageblocks from the zone's start. */
    private static final MigrateType[] RUN_ORDER = {MigrateType.UNMOVABLE, MigrateType.RECLAIMABLE,
        MigrateType.HIGHATOMIC, MigrateType.ISOLATE, MigrateType.MOVABLE};

    private final BuddyAllocator buddy;
    private final FrameTable frames;
    private final Pageblocks pageblocks;
    /** Pageblocks typed by this layout, by first pfn: one astride two zones is typed by the first. */
    private final Set<Integer> typed = new HashSet<>();
    /** Pageblocks that hold one free block of pageblock order, by first pfn: their buddy pageblock must not. */
    private final Set<Integer> wholeFreePageblocks = new HashSet<>();

    private ImportedLayout(BuddyAllocator buddy) {
        this.buddy = buddy;
        this.frames = buddy.frames();
        this.pageblocks = buddy.pageblocks();
    }

    /** Lays out every zone named in {@code imported}; the frames are RESERVED memblock memory still. */
    static void apply(BuddyAllocator buddy, Profile profile, List<ImportedZone> imported) {
        ImportedLayout layout = new ImportedLayout(buddy);
        List<PfnRange> managed = PhysicalMemory.bootFreeRanges(profile);
        for (ImportedZone iz : imported) {
            Zone z = buddy.zones().stream().filter(zone -> zone.type() == iz.type()).findFirst().orElse(null);
            if (z == null) continue;
            List<PfnRange> own = managed.stream().filter(r -> z.contains(r.startPfn())).toList();
            z.managedPages = own.stream().mapToLong(PfnRange::nrPages).sum();
            for (PfnRange r : own) layout.frames.fill(r.startPfn(), r.nrPages(), Owner.IMPORTED, 0);
            for (int i = 0; i < Watermark.values().length; i++) z.watermark[i] = iz.watermarks()[i];
            System.arraycopy(iz.lowmemReserve(), 0, z.lowmemReserve, 0, Math.min(z.lowmemReserve.length, iz.lowmemReserve().length));
            if (z.isPopulated()) layout.placeFree(z, iz, own);
        }
        buddy.setupPcp(profile);
        for (ImportedZone iz : imported) {
            Zone z = buddy.zones().stream().filter(zone -> zone.type() == iz.type()).findFirst().orElse(null);
            if (z != null && z.pcp != null) layout.placePcp(z, iz, managed);
        }
    }

    private void placeFree(Zone z, ImportedZone iz, List<PfnRange> managed) {
        int pb = pageblocks.nrPages();
        List<Integer> steps = new ArrayList<>();
        for (long pfn = z.startPfn(); pfn < z.endPfn(); pfn += pb) if (buddy.pageblockCounted((int) pfn)) steps.add((int) pfn);
        MigrateType[] types = assignTypes(z, iz, steps, managed);
        List<int[]> placed = new ArrayList<>();                 // {pfn, order, type}
        for (MigrateType t : RUN_ORDER) {
            List<PfnRange> run = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                if (types[i] != t) continue;
                int pfn = steps.get(i);
                if (typed.add(pfn & -pb)) {
                    // Movable is boot's type already; setting it again would make it Unmovable where grouping by
                    // mobility is off (set_pageblock_migratetype()), which boot's memmap_init_range() never does.
                    if (t != MigrateType.MOVABLE) pageblocks.set(pfn, t.ordinal());
                    if (t == MigrateType.HIGHATOMIC) z.nrReservedHighatomic += pb;   // as reserve_highatomic_pageblock() counts
                }
                run.add(new PfnRange(Math.max(z.startPfn(), pfn & -pb), Math.min(z.endPfn(), (pfn & -pb) + pb)));
            }
            run.sort((a, b) -> Integer.compare(a.startPfn(), b.startPfn()));
            Pieces pieces = new Pieces(pageblocks.order, wholeFreePageblocks);
            for (PfnRange block : coalesce(run))
                for (PfnRange r : managed) {
                    int a = Math.max(r.startPfn(), block.startPfn()), b = Math.min(r.endPfn(), block.endPfn());
                    if (a < b) pieces.cut(a, b, managed);
                }
            for (int order = BuddyAllocator.MAX_PAGE_ORDER; order >= 0; order--)
                for (long i = 0; i < iz.freeBlocks()[t.ordinal()][order]; i++) {
                    int pfn = pieces.take(order);
                    if (pfn == FrameTable.NO_PFN) break;
                    placed.add(new int[] {pfn, order, t.ordinal()});
                }
        }
        for (int[] b : placed) {
            frames.freeBlock(b[0], b[1]);
            buddy.freeOne(z, b[0], b[1], b[2], true);
        }
    }

    /**
     * The type of each counted pageblock step, laid out with the free blocks it must hold: a pageblock an earlier
     * zone typed already (a pageblock astride two zones, as on classroom) keeps its type and counts for it; each
     * type's blocks of MAX_PAGE_ORDER first get whole aligned groups of pageblocks wholly in managed memory; the
     * other steps go, roomiest first (managed pages in the zone), to the types in the order of the free pages they
     * still need, each taking as many as its free pages fill, and then what each type's count still asks for, so
     * that a type with free blocks never gets the reserved pageblocks another type can do without; a pageblock
     * astride the zone's end comes last, so that it gets Movable, the type the next zone most likely counts it as.
     * Steps beyond the counts stay Movable, boot's type.
     */
    private MigrateType[] assignTypes(Zone z, ImportedZone iz, List<Integer> steps, List<PfnRange> managed) {
        int pb = pageblocks.nrPages(), max = BuddyAllocator.MAX_PAGE_ORDER;
        MigrateType[] types = new MigrateType[steps.size()];
        int[] left = iz.pageblocks().clone();
        long[] need = new long[MigrateType.COUNT];
        for (MigrateType t : MigrateType.values())
            for (int o = 0; o <= max; o++) need[t.ordinal()] += iz.freeBlocks()[t.ordinal()][o] << o;
        long[] room = new long[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            int pfn = steps.get(i);
            if (typed.contains(pfn & -pb)) {
                types[i] = MigrateType.of(pageblocks.type(pfn));
                left[types[i].ordinal()]--;
            }
            int lo = Math.max(z.startPfn(), pfn & -pb), hi = Math.min(z.endPfn(), (pfn & -pb) + pb);
            for (PfnRange r : managed) room[i] += Math.max(0, Math.min(hi, r.endPfn()) - Math.max(lo, r.startPfn()));
        }
        int group = 1 << Math.max(0, max - pageblocks.order);
        if (group > 1)                                          // blocks of MAX_PAGE_ORDER span several pageblocks
            for (MigrateType t : RUN_ORDER)
                for (long n = iz.freeBlocks()[t.ordinal()][max]; n > 0 && left[t.ordinal()] >= group; n--) {
                    int first = wholeGroup(steps, types, room, group);
                    if (first < 0) break;
                    for (int i = first; i < first + group; i++) types[i] = t;
                    left[t.ordinal()] -= group;
                    need[t.ordinal()] -= 1L << max;
                }
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) if (types[i] == null) rest.add(i);
        rest.sort(Comparator.comparingLong(i -> -room[i]));
        // Movable comes last: it is the type most free blocks have, so it can take what the others leave.
        List<MigrateType> byNeed = new ArrayList<>(List.of(RUN_ORDER).subList(0, RUN_ORDER.length - 1));
        byNeed.sort((a, b) -> Long.compare(need[b.ordinal()], need[a.ordinal()]));
        byNeed.add(MigrateType.MOVABLE);
        for (MigrateType t : byNeed) {                          // first the room each type's free pages take
            long got = 0;
            while (got < need[t.ordinal()] && left[t.ordinal()] > 0) {
                int i = fitting(rest, types, room, need[t.ordinal()] - got, steps, z);
                if (i < 0) break;
                got += room[i];
                types[i] = t;
                left[t.ordinal()]--;
            }
        }
        // A pageblock astride the zone's end is counted by the next zone too, where Movable is the likeliest type:
        // it comes last, so that it gets Movable when this zone's counts leave any.
        rest.sort(Comparator.comparingInt(i -> astride(steps.get(i), z) ? 1 : 0));
        int next = 0;
        for (MigrateType t : RUN_ORDER)                         // then the rest of the counts, Movable last
            for (; left[t.ordinal()] > 0 && next < rest.size(); next++)
                if (types[rest.get(next)] == null) {
                    types[rest.get(next)] = t;
                    left[t.ordinal()]--;
                }
        for (int i = 0; i < types.length; i++) if (types[i] == null) types[i] = MigrateType.MOVABLE;
        return types;
    }

    /**
     * The roomiest untyped step of {@code rest} (sorted roomiest first), or, when that is more than {@code still}
     * needs, the first of the least roomy that still hold it: a type short of one pageblock's free pages then takes a
     * pageblock with a hole (the DMA zone's first, with the BIOS hole, on an x86_64 host) and leaves the whole ones
     * to the types whose blocks fill them. A pageblock astride the zone's end is never the less roomy choice: the
     * next zone counts it too, most likely as Movable. -1 when every step is typed.
     */
    private int fitting(List<Integer> rest, MigrateType[] types, long[] room, long still, List<Integer> steps, Zone z) {
        int best = -1;
        for (int i : rest) {
            if (types[i] != null) continue;
            if (best < 0) best = i;
            else if (room[i] >= still && room[i] < room[best]
                    && (steps.get(i) & -pageblocks.nrPages()) + pageblocks.nrPages() <= z.endPfn()) best = i;
            if (room[best] < still) break;              // the roomiest holds less than is needed: take it
        }
        return best;
    }

    private boolean astride(int pfn, Zone z) {
        int start = pfn & -pageblocks.nrPages();
        return start < z.startPfn() || start + pageblocks.nrPages() > z.endPfn();
    }

    /** The index of the first step of an aligned group of untyped steps all wholly managed, or -1. */
    private int wholeGroup(List<Integer> steps, MigrateType[] types, long[] room, int group) {
        int pb = pageblocks.nrPages();
        for (int i = 0; i + group <= steps.size(); i++) {
            // A step is its pageblock's first pfn in the zone: 1, not 0, for x86_64's DMA zone (trim_bios_range()).
            if (((steps.get(i) & -pb) & ((pb * group) - 1)) != 0) continue;
            boolean ok = true;
            for (int j = i; j < i + group && ok; j++)
                ok = types[j] == null && room[j] == pb && steps.get(j) == steps.get(i) + (j - i) * pb;
            if (ok) return i;
        }
        return -1;
    }

    private static List<PfnRange> coalesce(List<PfnRange> sorted) {
        List<PfnRange> out = new ArrayList<>();
        for (PfnRange r : sorted) {
            PfnRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.endPfn() == r.startPfn()) out.set(out.size() - 1, new PfnRange(last.startPfn(), r.endPfn()));
            else out.add(r);
        }
        return out;
    }

    /** [a, b) lies in one range (managed ranges touch only at zone boundaries, and buddies never cross zones). */
    private static boolean within(List<PfnRange> ranges, int a, int b) {
        for (PfnRange r : ranges) if (r.startPfn() <= a && b <= r.endPfn()) return true;
        return false;
    }

    /** Each CPU's pages, order 0, from the top of the zone's in-use memory down; and its pcp->high. */
    private void placePcp(Zone z, ImportedZone iz, List<PfnRange> managed) {
        PerCpuPages p = z.pcp;
        int pfn = z.endPfn() - 1;
        for (int cpu = 0; cpu < Math.min(p.nrCpus, iz.pcpCount().length); cpu++) {
            p.high[cpu] = iz.pcpHigh()[cpu];
            for (int i = 0; i < iz.pcpCount()[cpu]; i++) {
                while (pfn >= z.startPfn() && frames.owner[pfn] != Owner.IMPORTED.code()) pfn--;
                if (pfn < z.startPfn()) return;
                buddy.addImportedPcpPage(z, cpu, pfn--);
            }
        }
    }

    /**
     * The open pieces and gaps of one run, per order, lowest pfn first. A piece of pageblock order whose buddy is a
     * pageblock of another run is open, but may hold a free block of its own size only while its buddy does not.
     */
    private static final class Pieces {
        private final IntDeque[] open = new IntDeque[BuddyAllocator.NR_PAGE_ORDERS];
        private final IntDeque[] gaps = new IntDeque[BuddyAllocator.NR_PAGE_ORDERS];
        private final int pageblockOrder;
        private final Set<Integer> wholeFree;
        private final Set<Integer> sharedBuddy = new HashSet<>();

        Pieces(int pageblockOrder, Set<Integer> wholeFree) {
            this.pageblockOrder = pageblockOrder;
            this.wholeFree = wholeFree;
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                open[o] = new IntDeque();
                gaps[o] = new IntDeque();
            }
        }

        /** The largest aligned pieces of [a, b); an edge piece whose buddy reaches other managed memory is a gap. */
        void cut(int a, int b, List<PfnRange> managed) {
            while (a < b) {
                int order = a == 0 ? BuddyAllocator.MAX_PAGE_ORDER : Math.min(BuddyAllocator.MAX_PAGE_ORDER, Integer.numberOfTrailingZeros(a));
                while (a + (1 << order) > b) order--;
                int buddyPfn = a ^ (1 << order), buddyEnd = buddyPfn + (1 << order);
                // A buddy with a reserved page or a hole in it is never wholly free; one all managed may be, by another run.
                boolean edge = order < BuddyAllocator.MAX_PAGE_ORDER && (buddyPfn < a || buddyEnd > b) && within(managed, buddyPfn, buddyEnd);
                // A buddy pageblock of another run is wholly free only if it gets a block of its own size: the
                // pieces never let smaller blocks fill a pageblock. So that one is checked when it is taken.
                if (edge && order == pageblockOrder) sharedBuddy.add(a);
                (edge && order != pageblockOrder ? gaps : open)[order].addLast(a);
                a += 1 << order;
            }
        }

        /** The pfn for a free block of {@code order}, or NO_PFN when the run has no room left. */
        int take(int order) {
            for (int k = order + 1; k < BuddyAllocator.NR_PAGE_ORDERS; k++)
                if (!gaps[k].isEmpty()) return split(gaps[k].pollFirst(), k, order);
            for (int r = order; r < BuddyAllocator.NR_PAGE_ORDERS; r++)
                while (!open[r].isEmpty()) {
                    int start = open[r].pollFirst();
                    if (r == order && order == pageblockOrder && sharedBuddy.contains(start)
                            && wholeFree.contains(start ^ (1 << order))) {
                        gaps[r].addLast(start);                 // its buddy holds a whole free pageblock already
                        continue;
                    }
                    if (order == pageblockOrder) wholeFree.add(start);
                    return split(start, r, order);
                }
            return FrameTable.NO_PFN;
        }
        /** The block goes at the piece's start; its buddy becomes a gap and the rest open pieces. */
        private int split(int start, int pieceOrder, int order) {
            if (pieceOrder > order) gaps[order].addLast(start + (1 << order));
            for (int m = order + 1; m < pieceOrder; m++) open[m].addLast(start + (1 << m));
            return start;
        }
    }
}
