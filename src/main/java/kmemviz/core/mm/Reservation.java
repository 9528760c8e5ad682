package kmemviz.core.mm;

/**
 * Memory that memblock keeps at boot and never hands to the buddy allocator (kernel image, memmap, firmware), or,
 * when {@code offline}, present memory whose memory sections are not online: pfn_to_online_page() gives no page for
 * it, so /proc/pagetypeinfo does not count its pageblocks (pagetypeinfo_showblockcount_print() of mm/vmstat.c),
 * while zoneinfo counts it as present. A /proc capture of a host that keeps memory so (a Firecracker guest of
 * 6.18 does) comes back only with it.
 */
public record Reservation(PfnRange range, String label, boolean offline) {
    public Reservation {
        if (range.isEmpty()) throw new IllegalArgumentException(label + ": an empty reservation");
    }

    public Reservation(PfnRange range, String label) { this(range, label, false); }
}
