package kmemviz.core.mm;

/**
 * The per-CPU lists as a trace of Linux 6.12 moves them, for a replay with the pcp events (include/trace/events/kmem.h,
 * mm/page_alloc.c): each call puts the named block on a named CPU's list or takes it off, at its traced pfn, and
 * leaves the lists' own policy (nr_pcp_alloc(), nr_pcp_high()) to the trace, whose events already say what the
 * kernel decided. Every call checks what it needs and changes nothing when the block is not where it says.
 * <ul>
 *   <li>{@link #refill}: mm_page_alloc_zone_locked with percpu_refill=1, from __rmqueue_smallest() in
 *       rmqueue_bulk(): buddy lists to the tail of the list;</li>
 *   <li>{@link #alloc}: mm_page_alloc of a block on the CPU's list, __rmqueue_pcplist();</li>
 *   <li>{@link #free}: mm_page_free of a pcp order, free_unref_page() and free_unref_page_commit() to the head;</li>
 *   <li>{@link #drain}: mm_page_pcpu_drain, free_pcppages_bulk(): off the list to the buddy lists.</li>
 * </ul>
 */
public final class TracedPcp {
    private final PhysicalMemory mem;

    public TracedPcp(PhysicalMemory mem) { this.mem = mem; }

    /** The zone of {@code pfn} when it has per-CPU lists and holds the whole aligned block, else null. */
    private Zone zoneWithLists(int pfn, int order) {
        if (order > BuddyAllocator.MAX_PAGE_ORDER || (pfn & ((1 << order) - 1)) != 0) return null;
        Zone zone = mem.zoneOf(pfn);
        return zone == null || zone.pcp == null || mem.zoneOf(pfn + (1 << order) - 1) != zone ? null : zone;
    }

    /** Whether the zone of {@code pfn} has per-CPU lists (pcp=on, a populated zone). */
    public boolean hasLists(int pfn) {
        Zone zone = mem.zoneOf(pfn);
        return zone != null && zone.pcp != null;
    }

    /** The CPUs with lists: the machine's. */
    public int nrCpus() { return mem.profile().nrCpus(); }

    /** pcp_allowed_order() of 6.12: orders up to PAGE_ALLOC_COSTLY_ORDER and the THP order. */
    public boolean allowedOrder(int order) {
        return order <= PerCpuPages.PAGE_ALLOC_COSTLY_ORDER || order == mem.profile().thpOrder();
    }

    /** A refill's block from the buddy lists to the tail of {@code cpu}'s list of {@code migratetype}; false if not free. */
    public boolean refill(int cpu, int pfn, int order, int migratetype) {
        Zone zone = zoneWithLists(pfn, order);
        return zone != null && migratetype < MigrateType.PCPTYPES && mem.buddy().refillPcpAt(zone, cpu, pfn, order, migratetype);
    }

    /**
     * The block off {@code cpu}'s list of {@code migratetype} and {@code order}, recorded as an alloc_pages() block
     * named by {@code call}, as {@link PhysicalMemory#allocBlockAt} records one; null when it is not on that list.
     */
    public Allocation alloc(int cpu, int pfn, int order, int migratetype, int gfp, String call, String caller) {
        Zone zone = zoneWithLists(pfn, order);
        if (zone == null || migratetype >= MigrateType.PCPTYPES) return null;
        Allocations allocations = mem.allocations();
        int id = allocations.nextId();
        if (!mem.buddy().allocPcpAt(zone, cpu, pfn, order, migratetype, gfp, Owner.PAGES, id)) return null;
        Allocation a = Allocation.block(id, Api.ALLOC_PAGES, call, gfp, ExecContext.PROCESS, caller, Owner.PAGES, pfn, order,
                null, (long) Profile.PAGE_SIZE << order);
        allocations.add(a);
        return a;
    }

    /** A block of {@link #alloc} or {@link PhysicalMemory#allocBlockAt} to the head of {@code cpu}'s list; false for an Isolate pageblock's. */
    public boolean free(Allocation a, int cpu) {
        Zone zone = zoneWithLists(a.pfn(), a.order());
        if (zone == null || !mem.buddy().freeToPcpAt(zone, cpu, a.pfn(), a.order())) return false;
        mem.allocations().remove(a.id());
        return true;
    }

    /** The block off whichever CPU's list holds it, to the buddy lists: that CPU, or -1 when no list holds it. */
    public int drain(int pfn, int order) {
        Zone zone = zoneWithLists(pfn, order);
        return zone == null ? -1 : mem.buddy().drainPcpAt(zone, pfn, order);
    }
}
