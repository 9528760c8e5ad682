package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lays out a freshly built machine so that its free lists, pageblocks and per-CPU lists hold what a /proc capture
 * says ({@link ImportedZone}): the capture gives counts, never addresses, so the places are ours, chosen so that
 * the buddy allocator would have left them that way.
 *
 * <p>Per populated zone: (1) every page of the zone's usable memory (RAM outside the profile's reservations)
 * becomes {@link Owner#IMPORTED}; (2) each counted pageblock gets a type and a role ({@link #assignRoles}), since
 * in 6.12 a free page is always on the list of its pageblock's type; (3) the free blocks go where the roles say,
 * those below pageblock order packed by {@link Pieces} so that none has a wholly free buddy; (4) of the pages no
 * free block took, the highest become the zone's boot reservations (usable - managed; the capture gives their
 * number, not their place, see {@link #reserveHighest}); (5) the watermarks,
 * lowmem_reserve and per-CPU lists are set, each CPU's pages taken from the top of the zone's in-use memory.
 *
 * <p>Why the roles cannot clash: __free_one_page() merges two free buddies of order o &lt; MAX_PAGE_ORDER, and
 * above pageblock order only within mergeable types (Unmovable, Movable, Reclaimable). A free block of order
 * MAX_PAGE_ORDER ("big", 2^(MAX - pageblock order) pageblocks) has no buddy to merge with. A free block of pageblock
 * order below MAX ("half") needs its buddy pageblock to keep a page in use: it goes where that buddy lies outside
 * the zone or has unusable pages in it, else it takes a pair of whole pageblocks and its buddy becomes a
 * "breaker", which later holds small blocks of some type (they never fill a pageblock, see {@link Pieces}) or
 * none. So every big and half block is placed while whole aligned pageblocks are left; what can still be left out
 * is a type's small blocks when its pageblock count is too small for them, which verify() reports.
 */
final class ImportedLayout {
    /** The order in which the types get their pageblocks; Movable last, as it takes what the others leave. */
    private static final MigrateType[] RUN_ORDER = {MigrateType.UNMOVABLE, MigrateType.RECLAIMABLE,
        MigrateType.HIGHATOMIC, MigrateType.ISOLATE, MigrateType.MOVABLE};
    /** Roles of a counted pageblock: none yet, part of a big block, one half block, small blocks, a half's buddy. */
    private static final byte NONE = 0, BIG = 1, HALF = 2, SMALL = 3, BREAKER = 4;

    private final BuddyAllocator buddy;
    private final FrameTable frames;
    private final Pageblocks pageblocks;
    /** Pageblocks typed by this layout, by first pfn: one astride two zones is typed by the first. */
    private final Set<Integer> typed = new HashSet<>();

    private ImportedLayout(BuddyAllocator buddy) {
        this.buddy = buddy;
        this.frames = buddy.frames();
        this.pageblocks = buddy.pageblocks();
    }

    /** Lays out every zone named in {@code imported}; the frames are RESERVED memblock memory still. */
    static void apply(BuddyAllocator buddy, Profile profile, List<ImportedZone> imported) {
        ImportedLayout layout = new ImportedLayout(buddy);
        List<PfnRange> usable = PhysicalMemory.bootFreeRanges(profile);
        for (ImportedZone iz : imported) {
            Zone z = zone(buddy, iz);
            if (z == null) continue;
            List<PfnRange> own = usable.stream().filter(r -> z.contains(r.startPfn())).toList();
            long region = own.stream().mapToLong(PfnRange::nrPages).sum();
            long reserve = Math.max(0, region - iz.managedPages());
            z.managedPages = region - reserve;
            for (PfnRange r : own) layout.frames.fill(r.startPfn(), r.nrPages(), Owner.IMPORTED, 0);
            for (int i = 0; i < Watermark.values().length; i++) z.watermark[i] = iz.watermarks()[i];
            System.arraycopy(iz.lowmemReserve(), 0, z.lowmemReserve, 0, Math.min(z.lowmemReserve.length, iz.lowmemReserve().length));
            if (z.isPopulated()) layout.placeFree(z, iz, own, reserve);
        }
        buddy.setupPcp(profile);
        for (ImportedZone iz : imported) {
            Zone z = zone(buddy, iz);
            if (z != null && z.pcp != null) layout.placePcp(z, iz);
        }
    }

    private static Zone zone(BuddyAllocator buddy, ImportedZone iz) {
        return buddy.zones().stream().filter(zone -> zone.type() == iz.type()).findFirst().orElse(null);
    }

    /** One zone's counted pageblocks: their first pfn in the zone, usable pages, type and role. */
    private final class Steps {
        final Zone z;
        final int pb, firstPb;
        final int[] pfn, room, byPageblock;
        final MigrateType[] type;
        final byte[] role;
        final int n;
        /** Pages free blocks may still take: the zone's managed pages, as its reservations keep the rest. */
        long budget;

        Steps(Zone z, List<PfnRange> own) {
            this.z = z;
            pb = pageblocks.nrPages();
            budget = z.managedPages;
            firstPb = z.startPfn() & -pb;
            byPageblock = new int[(z.endPfn() - 1 - firstPb) / pb + 1];
            Arrays.fill(byPageblock, -1);
            int[] pfns = new int[byPageblock.length];
            int count = 0;
            for (long p = z.startPfn(); p < z.endPfn(); p += pb)
                if (buddy.pageblockCounted((int) p)) {
                    byPageblock[(((int) p & -pb) - firstPb) / pb] = count;
                    pfns[count++] = (int) p;
                }
            n = count;
            pfn = Arrays.copyOf(pfns, n);
            room = new int[n];
            type = new MigrateType[n];
            role = new byte[n];
            int r = 0;                                          // own is sorted and the steps ascend: one merge pass
            for (int i = 0; i < n; i++) {
                int lo = Math.max(z.startPfn(), start(i)), hi = Math.min(z.endPfn(), start(i) + pb);
                while (r < own.size() && own.get(r).endPfn() <= lo) r++;
                for (int k = r; k < own.size() && own.get(k).startPfn() < hi; k++)
                    room[i] += Math.min(hi, own.get(k).endPfn()) - Math.max(lo, own.get(k).startPfn());
            }
        }

        int start(int i) { return pfn[i] & -pb; }
        boolean whole(int i) { return room[i] == pb; }
        boolean astride(int i) { return start(i) < z.startPfn() || start(i) + pb > z.endPfn(); }

        /** The step of the buddy pageblock, or -1 when it is outside the zone or uncounted (no memmap online). */
        int mate(int i) {
            int idx = ((start(i) ^ pb) - firstPb) / pb;
            return (start(i) ^ pb) < firstPb || idx >= byPageblock.length ? -1 : byPageblock[idx];
        }
    }

    private void placeFree(Zone z, ImportedZone iz, List<PfnRange> own, long reserve) {
        Steps s = new Steps(z, own);
        List<int[]> placed = new ArrayList<>();                 // {pfn, order, type}
        assignRoles(s, iz, own, placed);
        for (int i = 0; i < s.n; i++) {
            if (!typed.add(s.start(i))) continue;
            // Movable is boot's type already; setting it again would make it Unmovable where grouping by mobility
            // is off (set_pageblock_migratetype()), which boot's memmap_init_range() never does.
            if (s.type[i] != MigrateType.MOVABLE) pageblocks.set(s.pfn[i], s.type[i].ordinal());
            if (s.type[i] == MigrateType.HIGHATOMIC) z.nrReservedHighatomic += s.pb;   // as reserve_highatomic_pageblock() counts
        }
        placed.sort((a, b) -> Integer.compare(a[0], b[0]));
        reserveHighest(own, placed, reserve);
        for (int[] b : placed) {
            frames.freeBlock(b[0], b[1]);
            buddy.freeOne(z, b[0], b[1], b[2], true);
        }
    }

    /**
     * Types and roles (see the class comment), with the free blocks' places in {@code placed}: big blocks on aligned
     * groups of whole pageblocks from the zone's start; half blocks first where their buddy pageblock has unusable
     * pages or lies outside the zone, then on a whole pair whose other half becomes a breaker; then each type's
     * small blocks, the type with the most small pages first and Movable last, from the largest order down, taking
     * one more pageblock (a breaker first) whenever the ones it has hold no room for the next block; then the counts
     * left are filled, with a pageblock astride the zone's end last, so that it gets Movable, the type the next
     * zone most likely counts it as. A pageblock typed by the zone before (astride both) keeps its type.
     */
    private void assignRoles(Steps s, ImportedZone iz, List<PfnRange> own, List<int[]> placed) {
        int p = pageblocks.order, max = BuddyAllocator.MAX_PAGE_ORDER;
        int[] left = iz.pageblocks().clone();
        // Without pagetypeinfo's counts every pageblock is Movable, boot's type.
        if (Arrays.stream(left).sum() == 0) left[MigrateType.MOVABLE.ordinal()] = s.n;
        for (int i = 0; i < s.n; i++)
            if (typed.contains(s.start(i))) {
                s.type[i] = MigrateType.of(pageblocks.type(s.pfn[i]));
                s.role[i] = SMALL;
                left[s.type[i].ordinal()]--;
            }
        int group = 1 << Math.max(0, max - p), cursor = 0;
        for (MigrateType t : RUN_ORDER)                         // big blocks: one pass, as a group never becomes free again
            for (long k = iz.freeBlocks()[t.ordinal()][max]; k > 0 && left[t.ordinal()] >= group && s.budget >= 1L << max; k--) {
                cursor = wholeGroup(s, cursor, group);
                if (cursor < 0) { cursor = s.n; break; }
                for (int i = cursor; i < cursor + group; i++) take(s, i, t, BIG, left);
                place(s, placed, s.start(cursor), max, t);
                cursor += group;
            }
        if (p < max) halves(s, iz, left, placed);
        long[] small = new long[MigrateType.COUNT];
        for (MigrateType t : MigrateType.values())
            for (int o = 0; o < p; o++) small[t.ordinal()] += iz.freeBlocks()[t.ordinal()][o] << o;
        List<MigrateType> byNeed = new ArrayList<>(List.of(RUN_ORDER).subList(0, RUN_ORDER.length - 1));
        byNeed.sort((a, b) -> Long.compare(small[b.ordinal()], small[a.ordinal()]));
        byNeed.add(MigrateType.MOVABLE);
        int[] next = new int[2];                                // cursors: breakers, whole pageblocks
        for (MigrateType t : byNeed) {
            Pieces pieces = new Pieces(p);
            for (int i = 0; i < s.n; i++) if (s.role[i] == SMALL && s.type[i] == t) cut(s, i, own, pieces);
            for (int order = p - 1; order >= 0; order--)
                for (long k = iz.freeBlocks()[t.ordinal()][order]; k > 0; k--) {
                    if (s.budget < 1L << order) break;
                    int pfn = pieces.take(order);
                    while (pfn == FrameTable.NO_PFN && left[t.ordinal()] > 0) {
                        int i = smallStep(s, next);
                        if (i < 0) break;
                        take(s, i, t, SMALL, left);
                        cut(s, i, own, pieces);
                        pfn = pieces.take(order);
                    }
                    if (pfn == FrameTable.NO_PFN) break;
                    place(s, placed, pfn, order, t);
                }
        }
        for (boolean astride : new boolean[] {false, true})
            for (MigrateType t : RUN_ORDER)
                for (int i = 0; i < s.n && left[t.ordinal()] > 0; i++)
                    if (s.type[i] == null && s.astride(i) == astride) {
                        s.type[i] = t;
                        left[t.ordinal()]--;
                    }
        for (int i = 0; i < s.n; i++) if (s.type[i] == null) s.type[i] = MigrateType.MOVABLE;
    }

    /** Step i's usable memory in the zone, cut into pieces. */
    private static void cut(Steps s, int i, List<PfnRange> own, Pieces pieces) {
        int lo = Math.max(s.z.startPfn(), s.start(i)), hi = Math.min(s.z.endPfn(), s.start(i) + s.pb);
        for (PfnRange r : own) {
            int a = Math.max(r.startPfn(), lo), b = Math.min(r.endPfn(), hi);
            if (a < b) pieces.cut(a, b, own);
        }
    }

    /** Blocks of pageblock order below MAX_PAGE_ORDER: each on a whole pageblock whose buddy keeps a page in use. */
    private void halves(Steps s, ImportedZone iz, int[] left, List<int[]> placed) {
        int p = pageblocks.order;
        int broken = 0, pair = 0;                               // cursors: buddy already breaks it, whole pairs
        for (MigrateType t : RUN_ORDER)
            for (long k = iz.freeBlocks()[t.ordinal()][p]; k > 0 && left[t.ordinal()] > 0 && s.budget >= 1L << p; k--) {
                while (broken < s.n && !(s.role[broken] == NONE && s.whole(broken) && breaks(s, s.mate(broken)))) broken++;
                int i = broken;
                if (i >= s.n) {
                    while (pair < s.n && !(s.role[pair] == NONE && s.whole(pair) && s.mate(pair) >= 0
                            && s.role[s.mate(pair)] == NONE && s.whole(s.mate(pair)))) pair++;
                    if (pair >= s.n) return;
                    i = pair;
                    s.role[s.mate(i)] = BREAKER;
                }
                take(s, i, t, HALF, left);
                place(s, placed, s.start(i), p, t);
            }
    }

    /** Whether a half block's buddy pageblock keeps a page in use whatever comes: outside, uncounted or not whole. */
    private static boolean breaks(Steps s, int mate) { return mate < 0 || !s.whole(mate); }

    private static void place(Steps s, List<int[]> placed, int pfn, int order, MigrateType t) {
        placed.add(new int[] {pfn, order, t.ordinal()});
        s.budget -= 1L << order;
    }

    private static void take(Steps s, int i, MigrateType t, byte role, int[] left) {
        s.type[i] = t;
        s.role[i] = role;
        left[t.ordinal()]--;
    }

    /**
     * The next pageblock for small blocks: a breaker (it keeps a page in use anyway), else a whole one, else the
     * roomiest with unusable pages, one astride the zone's end last; -1 if none is left.
     */
    private static int smallStep(Steps s, int[] next) {
        while (next[0] < s.n && !(s.role[next[0]] == BREAKER && s.type[next[0]] == null)) next[0]++;
        if (next[0] < s.n) return next[0];
        while (next[1] < s.n && !(s.role[next[1]] == NONE && s.whole(next[1]))) next[1]++;
        if (next[1] < s.n) return next[1];
        int best = -1;
        for (int i = 0; i < s.n; i++)
            if (s.role[i] == NONE && s.room[i] > 0 && (best < 0 || (s.astride(best) && !s.astride(i))
                    || (s.astride(best) == s.astride(i) && s.room[i] > s.room[best]))) best = i;
        return best;
    }

    /** The first step at or after {@code from} of an aligned group of untyped whole steps, or -1. */
    private static int wholeGroup(Steps s, int from, int group) {
        for (int i = from; i + group <= s.n; i++) {
            // A step is its pageblock's first pfn in the zone: 1, not 0, for x86_64's DMA zone (trim_bios_range()).
            if ((s.start(i) & (s.pb * group - 1)) != 0) continue;
            boolean ok = true;
            for (int j = i; j < i + group && ok; j++)
                ok = s.role[j] == NONE && s.whole(j) && s.start(j) == s.start(i) + (j - i) * s.pb;
            if (ok) return i;
        }
        return -1;
    }

    /**
     * Marks the zone's {@code reserve} highest usable pages that no free block took as RESERVED (memblock's): the
     * capture gives present - managed, not where, and memblock allocates top down (memblock_find_in_range_node()
     * without bottom_up), so the memmap and most boot allocations lie at the top; the in-use memory below keeps its
     * long runs for the slabs and vmalloc areas a capture names. {@code placed} is sorted by pfn.
     */
    private void reserveHighest(List<PfnRange> own, List<int[]> placed, long reserve) {
        int j = placed.size() - 1;
        for (int k = own.size() - 1; k >= 0 && reserve > 0; k--) {
            PfnRange r = own.get(k);
            int cur = r.endPfn();                               // the pages below cur are still to look at
            while (cur > r.startPfn() && reserve > 0) {
                while (j >= 0 && placed.get(j)[0] >= cur) j--;
                int blockEnd = j >= 0 ? placed.get(j)[0] + (1 << placed.get(j)[1]) : Integer.MIN_VALUE;
                if (blockEnd >= cur) {
                    cur = placed.get(j)[0];
                    continue;
                }
                int from = (int) Math.max(Math.max(blockEnd, r.startPfn()), cur - reserve);
                frames.fill(from, cur - from, Owner.RESERVED, 0);
                reserve -= cur - from;
                cur = from;
            }
        }
    }

    /** [a, b) lies in one range (managed ranges touch only at zone boundaries, and buddies never cross zones). */
    private static boolean within(List<PfnRange> ranges, int a, int b) {
        for (PfnRange r : ranges) if (r.startPfn() <= a && b <= r.endPfn()) return true;
        return false;
    }

    /** Each CPU's pages, order 0, from the top of the zone's in-use memory down; and its pcp->high. */
    private void placePcp(Zone z, ImportedZone iz) {
        PerCpuPages p = z.pcp;
        int pfn = z.endPfn() - 1;
        for (int cpu = 0; cpu < Math.min(p.nrCpus, iz.pcpCount().length); cpu++) {
            p.high[cpu] = iz.pcpHigh()[cpu];
            for (int i = 0; i < iz.pcpCount()[cpu]; i++) {
                while (pfn >= z.startPfn() && frames.ownerCode(pfn) != Owner.IMPORTED.code()) pfn--;
                if (pfn < z.startPfn()) return;
                buddy.addImportedPcpPage(z, cpu, pfn--);
            }
        }
    }

    /**
     * The open pieces and gaps of one type's small-block pageblocks, per order, lowest pfn first. A block of order o
     * must not have a wholly free buddy. The pageblocks are cut into their largest aligned pieces ("open"). Placing
     * a block of order o at the start of a piece of order r &gt; o leaves its buddy (order o) as a "gap", which must
     * keep one page in use, and pieces of orders o+1..r-1, which are open again (their buddies hold the block). A
     * gap of order k takes one block of a lower order the same way, so the blocks of one gap chain cost one page in
     * use. Gaps are tried before open pieces, each kind from its smallest order up. Only blocks below pageblock
     * order come here, so no pageblock is ever filled: each keeps a page in use, which is what makes a small-block
     * pageblock a breaker for the half block beside it. A piece below pageblock order at the edge of the usable
     * memory whose buddy is usable memory outside these pageblocks is a gap too.
     */
    private static final class Pieces {
        private final IntDeque[] open = new IntDeque[BuddyAllocator.NR_PAGE_ORDERS];
        private final IntDeque[] gaps = new IntDeque[BuddyAllocator.NR_PAGE_ORDERS];
        private final int pageblockOrder;

        Pieces(int pageblockOrder) {
            this.pageblockOrder = pageblockOrder;
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                open[o] = new IntDeque();
                gaps[o] = new IntDeque();
            }
        }

        /** The largest aligned pieces of [a, b), which lies in one pageblock. */
        void cut(int a, int b, List<PfnRange> usable) {
            while (a < b) {
                int order = a == 0 ? pageblockOrder : Math.min(pageblockOrder, Integer.numberOfTrailingZeros(a));
                while (a + (1 << order) > b) order--;
                int buddyPfn = a ^ (1 << order), buddyEnd = buddyPfn + (1 << order);
                // A buddy with a reserved page or a hole in it is never wholly free; one all usable may be, elsewhere.
                boolean edge = order < pageblockOrder && (buddyPfn < a || buddyEnd > b) && within(usable, buddyPfn, buddyEnd);
                (edge ? gaps : open)[order].addLast(a);
                a += 1 << order;
            }
        }

        /** The pfn for a free block of {@code order}, or NO_PFN when there is no room left. */
        int take(int order) {
            for (int k = order + 1; k <= pageblockOrder; k++)
                if (!gaps[k].isEmpty()) return split(gaps[k].pollFirst(), k, order);
            for (int r = order; r <= pageblockOrder; r++)
                if (!open[r].isEmpty()) return split(open[r].pollFirst(), r, order);
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
