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
 */
public record Profile(String name, String description, int bits, int nrCpus, List<ZoneSpan> zones,
                      List<PfnRange> ram, List<Reservation> reserved, boolean thp, boolean gbpages) {

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

    /** The same machine with 1 GiB direct-map pages turned on or off ({@code gbpages=off} on the machine line). */
    public Profile withGbpages(boolean on) {
        return new Profile(name, description, bits, nrCpus, zones, ram, reserved, thp, on && bits == 64);
    }

    /** One past the highest pfn: the length of the frame table. */
    public int endPfn() { return ram.get(ram.size() - 1).endPfn(); }

    public long totalRamPages() { return ram.stream().mapToLong(PfnRange::nrPages).sum(); }

    public boolean hasZone(ZoneType type) {
        return zones.stream().anyMatch(z -> z.type() == type);
    }

    /** The pointer size in bytes, for slab geometry and address printing. */
    public int pointerSize() { return bits / 8; }
}
