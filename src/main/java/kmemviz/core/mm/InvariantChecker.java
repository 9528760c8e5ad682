package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the model is self-consistent, for the tests to run after every operation. It walks every frame,
 * so it is for tests and debugging only, never for the hot path.
 *
 * <ul>
 *   <li>Each frame is a hole, reserved, in exactly one free block, or in exactly one live allocation.</li>
 *   <li>Each zone's free lists hold exactly the free blocks of its frames, with matching nr_free and
 *       free page counts (the sum of the lists), linked consistently both ways, each list's non-empty bit set
 *       exactly while it holds a block.</li>
 *   <li>Each free block is on the list of its pageblock's migrate type; nr_free_highatomic is the pages on the
 *       HighAtomic lists, and nr_reserved_highatomic the pages of the zone's HighAtomic pageblocks.</li>
 *   <li>Pages on per-CPU lists are FREE frames marked as such, on the list of their order, neither in the buddy
 *       lists nor allocated, and each CPU's count is the sum of its lists.</li>
 *   <li>No block crosses a zone boundary, and every block is aligned to its order.</li>
 *   <li>No two free buddies of the same order stay unmerged.</li>
 * </ul>
 */
public final class InvariantChecker {
    private final PhysicalMemory mem;
    private final List<String> problems = new ArrayList<>();

    InvariantChecker(PhysicalMemory mem) { this.mem = mem; }

    public List<String> check() {
        problems.clear();
        checkFreeLists();
        checkPcpLists();
        checkFrames();
        checkAllocations();
        return List.copyOf(problems);
    }

    private void checkFreeLists() {
        for (Zone z : mem.zones()) {
            long freePages = 0, freeHighatomic = 0;
            for (int order = 0; order < BuddyAllocator.NR_PAGE_ORDERS; order++) {
                long count = 0;
                for (MigrateType type : MigrateType.values()) {
                    int list = Zone.list(order, type.ordinal());
                    long n = checkList(z, order, type, list);
                    if ((n > 0) != ((z.freeOrders[type.ordinal()] >>> order & 1) != 0))
                        fail(z.name() + " order " + order + " " + type.kernelName() + ": list holds " + n + " blocks but its non-empty bit says "
                                + (n == 0 ? "some" : "none"));
                    count += n;
                    if (type == MigrateType.HIGHATOMIC) freeHighatomic += n << order;
                }
                if (count != z.nrFree[order]) fail(z.name() + " order " + order + ": nr_free " + z.nrFree[order] + " but " + count + " blocks listed");
                freePages += count << order;
            }
            if (freePages != z.freePages) fail(z.name() + ": free pages " + z.freePages + " but lists hold " + freePages);
            if (freeHighatomic != z.nrFreeHighatomic)
                fail(z.name() + ": nr_free_highatomic " + z.nrFreeHighatomic + " but the HighAtomic lists hold " + freeHighatomic);
            checkHighatomicReserve(z);
        }
    }

    /** The zone's HighAtomic pageblocks, counted as pagetypeinfo counts them, against nr_reserved_highatomic. */
    private void checkHighatomicReserve(Zone z) {
        BuddyAllocator buddy = mem.buddy();
        long blocks = buddy.pageblockCounts(z)[MigrateType.HIGHATOMIC.ordinal()];
        if (blocks << buddy.pageblockOrder() != z.nrReservedHighatomic)
            fail(z.name() + ": nr_reserved_highatomic " + z.nrReservedHighatomic + " but " + blocks + " HighAtomic pageblocks");
    }

    private void checkPcpLists() {
        FrameTable f = mem.frames();
        for (Zone z : mem.zones()) {
            PerCpuPages p = z.pcp;
            if (p == null) continue;
            for (int cpu = 0; cpu < p.nrCpus; cpu++) {
                long pages = 0;
                for (int pindex = 0; pindex < p.nrLists; pindex++) {
                    int order = p.pindexToOrder(pindex), list = p.list(cpu, pindex), prev = FrameTable.NO_PFN, n = 0;
                    for (int pfn = p.head[list]; pfn != FrameTable.NO_PFN; pfn = f.next(pfn)) {
                        if (++n > f.nrFrames()) { fail(z.name() + " cpu " + cpu + ": per-CPU list has a cycle"); break; }
                        if (f.prev(pfn) != prev) fail(z.name() + " cpu " + cpu + ": bad prev link at pfn " + pfn + " on a per-CPU list");
                        if (!f.onPcpList(pfn) || f.headOrder(pfn) != order || f.owner(pfn) != Owner.FREE)
                            fail("pfn " + pfn + " on " + z.name() + " cpu " + cpu + "'s order-" + order + " list is not a per-CPU block of that order");
                        if (!z.contains(pfn)) fail("pfn " + pfn + " on a per-CPU list of " + z.name() + " is outside the zone");
                        pages += 1L << order;
                        prev = pfn;
                    }
                    if (p.tail[list] != prev) fail(z.name() + " cpu " + cpu + " pindex " + pindex + ": tail is " + p.tail[list] + ", last is " + prev);
                }
                if (pages != p.count[cpu]) fail(z.name() + " cpu " + cpu + ": pcp count " + p.count[cpu] + " but lists hold " + pages);
            }
        }
    }

    /** Walks one free list and returns its length. */
    private long checkList(Zone z, int order, MigrateType type, int list) {
        FrameTable f = mem.frames();
        BuddyAllocator buddy = mem.buddy();
        long count = 0;
        int prev = FrameTable.NO_PFN;
        for (int pfn = z.head[list]; pfn != FrameTable.NO_PFN; pfn = f.next(pfn)) {
            if (++count > f.nrFrames()) { fail(z.name() + " order " + order + ": free list has a cycle"); break; }
            if (f.prev(pfn) != prev) fail(z.name() + " order " + order + ": bad prev link at pfn " + pfn);
            if (!f.isFreeHead(pfn, order)) fail(z.name() + ": pfn " + pfn + " on the order-" + order + " list is not a free head of that order");
            if ((pfn & ((1 << order) - 1)) != 0) fail("free block at pfn " + pfn + " is not aligned to order " + order);
            if (!z.contains(pfn) || !z.contains(pfn + (1 << order) - 1)) fail("free block at pfn " + pfn + " crosses zone " + z.name());
            if (buddy.pageblockType(pfn) != type)
                fail("free block at pfn " + pfn + " is on the " + type.kernelName() + " list of a " + buddy.pageblockType(pfn).kernelName() + " pageblock");
            int other = pfn ^ (1 << order);
            // From pageblock_order up, free buddies may stay apart: 6.12 moves whole free blocks to another type's list
            // without merging them (move_freepages_block() and move_to_free_list() in unreserve_highatomic_pageblock(),
            // mm/page_alloc.c), so a HighAtomic block kept from its buddy stays apart once its pageblock is Movable.
            if (order < buddy.pageblockOrder() && other < f.nrFrames() && z.contains(other) && f.isFreeHead(other, order)
                    && mergeable(buddy, pfn, other))
                fail("free buddies at pfn " + pfn + " and " + other + " (order " + order + ") were not merged");
            prev = pfn;
        }
        if (z.tail[list] != prev) fail(z.name() + " order " + order + " " + type.kernelName() + ": tail is " + z.tail[list] + ", last is " + prev);
        return count;
    }

    /** Free buddies of types without fallbacks (HighAtomic, Isolate) in different pageblocks stay apart. */
    private static boolean mergeable(BuddyAllocator buddy, int a, int b) {
        MigrateType ta = buddy.pageblockType(a), tb = buddy.pageblockType(b);
        return ta == tb || (ta.ordinal() < MigrateType.PCPTYPES && tb.ordinal() < MigrateType.PCPTYPES);
    }

    /** Every frame is covered once: walk block by block using the head orders. */
    private void checkFrames() {
        FrameTable f = mem.frames();
        int pfn = 0;
        while (pfn < f.nrFrames()) {
            byte who = f.entryOwner(pfn);                     // a head or a frame in no block: the walk skips the rest
            boolean bootPageTable = who == Owner.PAGE_TABLE.code() && f.allocId[pfn] == 0;
            if (who == Owner.HOLE.code() || who == Owner.RESERVED.code() || who == Owner.IMPORTED.code() || bootPageTable) {
                if (f.order(pfn) != FrameTable.NOT_HEAD) fail("pfn " + pfn + " is " + Owner.of(who).label() + " but heads a block");
                pfn++;
                continue;
            }
            int order = f.headOrder(pfn);
            if (f.onPcpList(pfn) && who != Owner.FREE.code()) fail("pfn " + pfn + " is on a per-CPU list but " + Owner.of(who).label());
            if (order == FrameTable.NOT_HEAD) { fail("pfn " + pfn + " (" + Owner.of(who).label() + ") is in no block"); pfn++; continue; }
            int id = f.allocId[pfn];
            // The other frames of a block head nothing and name its allocation; their owner is the head's by
            // construction (FrameTable keeps it at the head only).
            for (int i = 1; i < 1 << order; i++) {
                int p = pfn + i;
                if (f.allocId[p] != id || f.order(p) != FrameTable.NOT_HEAD)
                    fail("pfn " + p + " does not belong to the order-" + order + " block at " + pfn);
            }
            if (who == Owner.FREE.code() && id != 0) fail("free pfn " + pfn + " still names allocation " + id);
            if (id != 0 && mem.allocations().get(id) == null) fail("pfn " + pfn + " belongs to allocation " + id + ", which is not live");
            pfn += 1 << order;
        }
    }

    private void checkAllocations() {
        FrameTable f = mem.frames();
        for (Allocation a : mem.allocations().all()) {
            if (a.isObject()) continue;                        // slab objects are the slab layer's to check
            if (a.isBlock()) {
                if (f.order(a.pfn()) != a.order() || f.allocId[a.pfn()] != a.id())
                    fail("allocation " + a.id() + " does not own its block at pfn " + a.pfn());
            } else {
                for (int i = 0; i < a.pages().size(); i++)
                    if (f.allocId[a.pages().get(i)] != a.id()) fail("allocation " + a.id() + " lost pfn " + a.pages().get(i));
            }
        }
    }

    private void fail(String problem) {
        if (problems.size() < 50) problems.add(problem);
    }
}
