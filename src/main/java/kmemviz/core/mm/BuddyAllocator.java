package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The buddy allocator of mm/page_alloc.c for one node, with one free list per order.
 *
 * <p>Notation: a block of order {@code o} is {@code 2^o} frames starting at a pfn aligned to {@code 2^o}. Its buddy
 * differs only in bit {@code o}: {@code pfn ^ (1 << o)}, and the pair merges into the block at
 * {@code pfn & buddy} of order {@code o + 1} (mm/internal.h, __find_buddy_pfn). A free block is known by its head
 * frame: owner FREE and {@code order[head] == o}, linked into its zone's {@code free_area[o]} through the intrusive
 * {@code next}/{@code prev} arrays, so taking any block off its list is O(1).
 *
 * <p>Placement, as the kernel does it (and the tests pin down):
 * <ul>
 *   <li>Allocation, __rmqueue_smallest(): the head of the lowest non-empty list of order &gt;= the request;
 *       expand() gives each upper half to the head of the next lower list; the caller keeps the lowest pfn.</li>
 *   <li>Free, __free_one_page(): merge while the buddy is a free block of the same order in the same zone;
 *       then queue at the tail if buddy_merge_likely() (the parent's buddy is free one order up), else the head.
 *       Memory freed at boot always goes to the tail (FPI_TO_TAIL).</li>
 * </ul>
 * Every operation costs O(MAX_PAGE_ORDER) list work plus filling the owner bytes of the block itself.
 * Single-threaded, like the rest of the core.
 */
public final class BuddyAllocator {
    public static final int MAX_PAGE_ORDER = 10;
    public static final int NR_PAGE_ORDERS = MAX_PAGE_ORDER + 1;

    private final FrameTable frames;
    private final List<Zone> zones;          // every configured zone, in index order
    private final Zone[] byIndex;             // the same, as an array for the allocation path
    private final Zone[] populatedFromTop;    // populated zones, highest first: most frames are in the top zone
    private MmListener listener = new MmListener() {};

    BuddyAllocator(Profile profile) {
        frames = new FrameTable(profile.endPfn());
        List<Zone> all = new ArrayList<>();
        for (ZoneSpan span : profile.zones()) all.add(new Zone(span.type(), all.size(), span.span(), profile.zones().size()));
        zones = List.copyOf(all);
        for (PfnRange r : profile.ram()) {
            frames.fill(r.startPfn(), r.nrPages(), Owner.RESERVED, 0);  // memblock owns all RAM until it is freed
            for (Zone z : zones) z.presentPages += overlap(r, z);
        }
        byIndex = zones.toArray(Zone[]::new);
        List<Zone> fromTop = new ArrayList<>(zones);
        Collections.reverse(fromTop);
        populatedFromTop = fromTop.stream().filter(Zone::isPopulated).toArray(Zone[]::new);
    }

    /** A copy for a checkpoint over {@code frames}, with copies of the zones and no listener. */
    BuddyAllocator(BuddyAllocator o, FrameTable frames) {
        this.frames = frames;
        zones = o.zones.stream().map(Zone::new).toList();
        byIndex = zones.toArray(Zone[]::new);
        List<Zone> fromTop = new ArrayList<>(zones);
        Collections.reverse(fromTop);
        populatedFromTop = fromTop.stream().filter(Zone::isPopulated).toArray(Zone[]::new);
    }

    private static long overlap(PfnRange r, Zone z) {
        return Math.max(0, Math.min(r.endPfn(), z.endPfn()) - Math.max(r.startPfn(), z.startPfn()));
    }

    void setListener(MmListener listener) { this.listener = listener; }

    public FrameTable frames() { return frames; }

    public List<Zone> zones() { return zones; }

    /** The zone with this index (zone_idx()). */
    Zone zone(int index) { return byIndex[index]; }

    /** The zone whose span holds {@code pfn}, or null for a pfn beyond the machine. */
    public Zone zoneOf(int pfn) {
        for (Zone z : populatedFromTop) if (z.contains(pfn)) return z;
        return null;
    }

    /** get_order(): the smallest order whose block holds {@code bytes} (bytes must be at least 1). */
    public static int getOrder(long bytes) {
        if (bytes < 1) throw new IllegalArgumentException("get_order() of " + bytes + " bytes is undefined");
        // fls64((size - 1) >> PAGE_SHIFT), as include/asm-generic/getorder.h: no overflow for the largest size_t.
        return 64 - Long.numberOfLeadingZeros((bytes - 1) >>> Profile.PAGE_SHIFT);
    }

    /** The next block on the free list after {@code pfn}, or NO_PFN. */
    public int nextFree(int pfn) { return frames.next(pfn); }

    /**
     * Hands a boot-time free range to the allocator as __free_pages_memory() does: the largest naturally aligned
     * blocks of at most MAX_PAGE_ORDER, ascending, each freed to the tail. The range must lie in one zone.
     */
    void freeBootRange(PfnRange range) {
        Zone zone = zoneOf(range.startPfn());
        int start = range.startPfn(), end = range.endPfn();
        while (start < end) {
            int order = start == 0 ? MAX_PAGE_ORDER : Math.min(MAX_PAGE_ORDER, Integer.numberOfTrailingZeros(start));
            while (start + (1 << order) > end) order--;
            zone.managedPages += 1L << order;
            freeOnePage(zone, start, order, true);
            start += 1 << order;
        }
    }

    /**
     * __rmqueue_smallest() and expand(): takes a block of {@code order} from {@code zone}, marks its frames as
     * {@code owner}'s, and returns its pfn, or NO_PFN when no list of order &gt;= {@code order} has a block.
     * The caller has already done the watermark check.
     */
    int rmqueueSmallest(Zone zone, int order, int gfp, Owner owner, int allocId) {
        for (int current = order; current < NR_PAGE_ORDERS; current++) {
            int pfn = zone.head[current];
            if (pfn == FrameTable.NO_PFN) continue;
            delFromFreeList(zone, pfn, current);
            listener.blockTaken(zone.type(), pfn, current);
            expand(zone, pfn, order, current);
            frames.order[pfn] = (byte) order;
            frames.fillBlock(pfn, order, owner, allocId);          // marks the block's chunk: the split halves' too
            long before = zone.freePages;
            zone.freePages -= 1L << order;
            listener.pagesAllocated(zone.type(), pfn, order, gfp, owner, allocId);
            reportCrossings(zone, before);
            return pfn;
        }
        return FrameTable.NO_PFN;
    }

    /** expand(): halves the block until it has {@code low}'s order, giving each upper half to the list head. */
    private void expand(Zone zone, int pfn, int low, int high) {
        int size = 1 << high;
        while (high > low) {
            high--;
            size >>= 1;
            int upper = pfn + size;
            frames.order[upper] = (byte) high;
            listener.blockSplit(zone.type(), upper, high);
            addToFreeList(zone, upper, high, false);
        }
    }

    /** Frees an allocated block whose head and order the caller has checked. */
    void freePages(int pfn, int order) {
        Zone zone = zoneOf(pfn);
        listener.pagesFreed(zone.type(), pfn, order);
        long before = zone.freePages;
        freeOnePage(zone, pfn, order, false);
        reportCrossings(zone, before);
    }

    /** __free_one_page(). */
    private void freeOnePage(Zone zone, int pfn, int order, boolean toTail) {
        zone.freePages += 1L << order;
        frames.fillBlock(pfn, order, Owner.FREE, 0);          // marks the chunk of every buddy merged below
        frames.order[pfn] = FrameTable.NOT_HEAD;
        int buddy = pfn;
        while (order < MAX_PAGE_ORDER) {
            buddy = pfn ^ (1 << order);
            if (!isBuddy(zone, buddy, order)) break;
            delFromFreeList(zone, buddy, order);
            frames.order[buddy] = FrameTable.NOT_HEAD;
            // Buddies differ only in bit `order`, so the merged block starts where that bit is clear.
            pfn &= buddy;
            order++;
            listener.buddiesMerged(zone.type(), pfn, order);
        }
        frames.order[pfn] = (byte) order;
        addToFreeList(zone, pfn, order, toTail || buddyMergeLikely(zone, pfn, buddy, order));
    }

    /**
     * buddy_merge_likely(): if the parent block's own buddy is already free, this block is likely to merge soon,
     * so it goes to the tail where it is not handed out again at once.
     */
    private boolean buddyMergeLikely(Zone zone, int pfn, int buddyPfn, int order) {
        if (order >= MAX_PAGE_ORDER - 1) return false;
        int higher = buddyPfn & pfn;
        return isBuddy(zone, higher ^ (1 << (order + 1)), order + 1);
    }

    /** page_is_buddy(): a free block of exactly this order, in the same zone. */
    private boolean isBuddy(Zone zone, int pfn, int order) {
        return pfn >= 0 && pfn < frames.nrFrames() && zone.contains(pfn) && frames.isFreeHead(pfn, order);
    }

    /** Marks the neighbour it links to; {@code pfn}'s own chunk is the caller's to mark, with the block's fill. */
    private void addToFreeList(Zone zone, int pfn, int order, boolean atTail) {
        int[] links = frames.links;
        if (zone.head[order] == FrameTable.NO_PFN) {
            links[FrameTable.nextSlot(pfn)] = links[FrameTable.prevSlot(pfn)] = FrameTable.NO_PFN;
            zone.head[order] = zone.tail[order] = pfn;
        } else if (atTail) {
            int t = zone.tail[order];
            links[FrameTable.nextSlot(t)] = pfn;
            frames.touch(t);
            links[FrameTable.prevSlot(pfn)] = t;
            links[FrameTable.nextSlot(pfn)] = FrameTable.NO_PFN;
            zone.tail[order] = pfn;
        } else {
            int h = zone.head[order];
            links[FrameTable.prevSlot(h)] = pfn;
            frames.touch(h);
            links[FrameTable.nextSlot(pfn)] = h;
            links[FrameTable.prevSlot(pfn)] = FrameTable.NO_PFN;
            zone.head[order] = pfn;
        }
        zone.nrFree[order]++;
        listener.blockQueued(zone.type(), pfn, order, atTail);
    }

    private void delFromFreeList(Zone zone, int pfn, int order) {
        int[] links = frames.links;
        int n = links[FrameTable.nextSlot(pfn)], p = links[FrameTable.prevSlot(pfn)];
        if (p == FrameTable.NO_PFN) zone.head[order] = n; else { links[FrameTable.nextSlot(p)] = n; frames.touch(p); }
        if (n == FrameTable.NO_PFN) zone.tail[order] = p; else { links[FrameTable.prevSlot(n)] = p; frames.touch(n); }
        zone.nrFree[order]--;
    }

    private void reportCrossings(Zone zone, long before) {
        long after = zone.freePages;
        long high = zone.watermark[Watermark.HIGH.ordinal()];
        if (before > high && after > high) return;         // MIN <= LOW <= HIGH (Watermarks), so none was crossed
        for (Watermark w : CROSSING_MARKS) {
            long mark = zone.watermark[w.ordinal()];
            if ((before > mark) != (after > mark)) listener.watermarkCrossed(zone.type(), w, after <= mark);
        }
    }

    private static final Watermark[] CROSSING_MARKS = {Watermark.HIGH, Watermark.LOW, Watermark.MIN};

    /**
     * __zone_watermark_ok(): may an allocation of {@code order} take from {@code zone}, given the mark, the
     * highest zone the request allows and the reserve flags? The model has no highatomic or CMA pages, so
     * nothing else is unusable.
     */
    static boolean watermarkOk(Zone zone, int order, long mark, int highestZoneIdx, int allocFlags) {
        long free = zone.freePages - ((1L << order) - 1);
        long min = mark;
        if ((allocFlags & AllocFlags.MIN_RESERVE) != 0) {
            min -= min / 2;
            if ((allocFlags & AllocFlags.NON_BLOCK) != 0) min -= min / 4;
        }
        if ((allocFlags & AllocFlags.OOM) != 0) min -= min / 2;
        if (free <= min + zone.lowmemReserve[highestZoneIdx]) return false;
        if (order == 0) return true;
        for (int o = order; o < NR_PAGE_ORDERS; o++) if (zone.nrFree[o] > 0) return true;
        return false;
    }
}
