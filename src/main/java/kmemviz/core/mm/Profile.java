package kmemviz.core.mm;

import java.util.List;

/**
 * A simulated machine: its RAM, its zones and what boot keeps for itself.
 *
 * @param zones    every configured zone in zone-index order (empty ones too: /proc/zoneinfo lists them and
 *                 lowmem_reserve has an entry for each)
 * @param ram      the present physical ranges in ascending order; the rest of a zone's span is a hole
 * @param reserved memblock reservations, never given to the buddy allocator
 * @param thp      transparent huge pages on, which raises min_free_kbytes (khugepaged)
 * @param gbpages  the CPU has 1 GiB pages for the direct map
 * @param pcp      the per-CPU page lists are used ({@code pcp=on|off} on the machine line)
 * @param migratetypes free lists per migrate type and pageblock grouping ({@code migratetypes=on|off}); off keeps
 *                 one free list per order, the textbook buddy allocator
 */
public record Profile(String name, String description, int bits, int nrCpus, List<ZoneSpan> zones,
                      List<PfnRange> ram, List<Reservation> reserved, boolean thp, boolean gbpages,
                      boolean pcp, boolean migratetypes) {

    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    public Profile {
        zones = List.copyOf(zones);
        ram = List.copyOf(ram);
        reserved = List.copyOf(reserved);
        if (bits != 32 && bits != 64) throw new IllegalArgumentException(name + ": bits must be 32 or 64");
        if (nrCpus < 1 || nrCpus > 4096) throw new IllegalArgumentException(name + ": cpus must be 1..4096, was " + nrCpus);
        if (ram.isEmpty()) throw new IllegalArgumentException(name + ": no RAM");
    }

    /**
     * A machine with the kernel's per-CPU lists and migrate types, except {@code classroom}, which starts as the
     * textbook buddy allocator with both off.
     */
    public Profile(String name, String description, int bits, int nrCpus, List<ZoneSpan> zones,
                   List<PfnRange> ram, List<Reservation> reserved, boolean thp, boolean gbpages) {
        this(name, description, bits, nrCpus, zones, ram, reserved, thp, gbpages, !name.equals(TEXTBOOK),
                !name.equals(TEXTBOOK));
    }

    /** The profile that starts with per-CPU lists and migrate types off. */
    public static final String TEXTBOOK = "classroom";

    /** The same machine with 1 GiB direct-map pages turned on or off ({@code gbpages=off} on the machine line). */
    public Profile withGbpages(boolean on) {
        return new Profile(name, description, bits, nrCpus, zones, ram, reserved, thp, on && bits == 64, pcp, migratetypes);
    }

    /** The same machine with per-CPU lists, migrate types and CPUs as given ({@code pcp=}, {@code migratetypes=}, {@code cpus=}). */
    public Profile withAllocator(boolean pcpOn, boolean migratetypesOn, int cpus) {
        return new Profile(name, description, bits, cpus, zones, ram, reserved, thp, gbpages, pcpOn, migratetypesOn);
    }

    /** The same machine as the textbook buddy allocator: {@code pcp=off migratetypes=off}. */
    public Profile textbookBuddy() { return withAllocator(false, false, nrCpus); }

    /** pageblock_order: 9 on x86_64, 10 on i386 without PAE. */
    public int pageblockOrder() { return bits == 64 ? 9 : 10; }

    /**
     * HPAGE_PMD_ORDER, whose blocks also use the per-CPU lists: the kernel is built with
     * CONFIG_TRANSPARENT_HUGEPAGE=y (pcp_allowed_order() is a build-time test, whether THP is on at run time or not).
     */
    public int thpOrder() { return pageblockOrder(); }

    /** One past the highest pfn: the length of the frame table. */
    public int endPfn() { return ram.get(ram.size() - 1).endPfn(); }

    public long totalRamPages() { return ram.stream().mapToLong(PfnRange::nrPages).sum(); }

    public boolean hasZone(ZoneType type) {
        return zones.stream().anyMatch(z -> z.type() == type);
    }

    /** The pointer size in bytes, for slab geometry and address printing. */
    public int pointerSize() { return bits / 8; }
}
