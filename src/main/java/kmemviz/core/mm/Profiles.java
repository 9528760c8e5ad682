package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in machines and the rule for a custom one.
 *
 * The x86_64 layouts follow arch/x86: ZONE_DMA below 16 MiB (MAX_DMA_PFN), ZONE_DMA32 below 4 GiB
 * (MAX_DMA32_PFN), the legacy hole from 636 KiB to 1 MiB and a PCI hole from 3 to 4 GiB (as E820 reports them),
 * the first page never RAM (trim_bios_range(), arch/x86/kernel/setup.c:597-618, makes it E820 reserved, so the
 * first zone starts at pfn 1: DMA spans 4095 pages with 3998 present, as a real /proc/zoneinfo shows), the RAM
 * below the legacy hole kept by setup_arch()'s reservation of the first megabyte, the kernel image at 16 MiB
 * (CONFIG_PHYSICAL_START) and the memmap (64 bytes of struct page per frame) at the top of RAM, where
 * memblock allocates top-down. i386 keeps lowmem below 896 MiB and 32-byte struct pages inside it.
 */
public final class Profiles {
    public static final long KIB = 1024, MIB = KIB * 1024, GIB = MIB * 1024;

    private Profiles() {}

    public static final List<String> BUILT_IN = List.of("x86_64-16g", "x86_64-8g", "i386-1g", "classroom");

    /** A built-in profile by name, or null. */
    public static Profile builtIn(String name) {
        return switch (name) {
            case "x86_64-16g" -> x86_64(name, 16);
            case "x86_64-8g" -> x86_64(name, 8);
            case "i386-1g" -> i386();
            case "classroom" -> classroom();
            default -> null;
        };
    }

    /** E820 on a PC: RAM stops at 636 KiB (0x9f000) below the legacy VGA/BIOS hole, and resumes at 1 MiB. */
    static final int LEGACY_HOLE_START = 0x9f;
    /** trim_bios_range() turns the first 4 KiB into E820_TYPE_RESERVED: RAM, and so ZONE_DMA, start at pfn 1. */
    static final int FIRST_RAM_PFN = 1;

    private static Profile x86_64(String name, int gib) {
        int dmaEnd = pfn(16 * MIB), dma32End = pfn(4 * GIB), holeStart = pfn(3 * GIB);
        int end = pfn((gib + 1) * GIB);                       // the GiB lost to the hole is remapped above 4 GiB
        int memmapPages = pfn(gib * GIB / PAGE * 64);
        return new Profile(name, "x86_64, " + gib + " GiB RAM (PCI hole 3-4 GiB), 4 CPUs", 64, 4,
                List.of(zone(ZoneType.DMA, FIRST_RAM_PFN, dmaEnd), zone(ZoneType.DMA32, dmaEnd, dma32End),
                        zone(ZoneType.NORMAL, dma32End, end), zone(ZoneType.MOVABLE, end, end),
                        zone(ZoneType.DEVICE, end, end)),
                List.of(new PfnRange(FIRST_RAM_PFN, LEGACY_HOLE_START), new PfnRange(pfn(MIB), holeStart), new PfnRange(dma32End, end)),
                List.of(new Reservation(new PfnRange(FIRST_RAM_PFN, LEGACY_HOLE_START), "firmware (BIOS data) and real-mode trampoline"),
                        new Reservation(new PfnRange(pfn(16 * MIB), pfn(56 * MIB)), "kernel image"),
                        new Reservation(new PfnRange(end - memmapPages, end), "memmap (struct page array)")),
                true, true);
    }

    /**
     * max_low_pfn on i386 without PAE: MAXMEM = VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE = 0x36ffe000,
     * 880 MiB less 8 KiB. "896 MiB" is the traditional figure; 6.x puts the CPU entry area and the LDT remap below
     * the fixmap, which moves VMALLOC_END and with it the end of lowmem.
     */
    public static final int I386_MAX_LOW_PFN = 0x36ffe;

    private static Profile i386() {
        int dmaEnd = pfn(16 * MIB), lowEnd = I386_MAX_LOW_PFN, end = pfn(GIB);
        int memmapPages = pfn(GIB / PAGE * 32);
        return new Profile("i386-1g", "i386 without PAE, 1 GiB RAM (880 MiB lowmem, 144 MiB HighMem), 2 CPUs",
                32, 2,
                List.of(zone(ZoneType.DMA, FIRST_RAM_PFN, dmaEnd), zone(ZoneType.NORMAL, dmaEnd, lowEnd),
                        zone(ZoneType.HIGHMEM, lowEnd, end), zone(ZoneType.MOVABLE, end, end)),
                // The same E820 map as the x86_64 machines below 1 MiB: trim_bios_range() runs on both.
                List.of(new PfnRange(FIRST_RAM_PFN, LEGACY_HOLE_START), new PfnRange(pfn(MIB), end)),
                List.of(new Reservation(new PfnRange(FIRST_RAM_PFN, LEGACY_HOLE_START), "firmware (BIOS data) and real-mode trampoline"),
                        new Reservation(new PfnRange(pfn(16 * MIB), pfn(32 * MIB)), "kernel image"),
                        new Reservation(new PfnRange(lowEnd - memmapPages, lowEnd), "memmap (struct page array)")),
                false, false);   // no THP in this 32-bit configuration, so no khugepaged raise of min_free_kbytes
    }

    /** 4 MiB, scaled down so that every frame is a visible cell on a projector. */
    private static Profile classroom() {
        int dmaEnd = pfn(MIB), end = pfn(4 * MIB);
        return new Profile("classroom", "Scaled-down teaching machine: 4 MiB, 1024 frames (real machines have millions)",
                64, 4,
                List.of(zone(ZoneType.DMA, 0, dmaEnd), zone(ZoneType.DMA32, dmaEnd, dmaEnd),
                        zone(ZoneType.NORMAL, dmaEnd, end), zone(ZoneType.MOVABLE, end, end),
                        zone(ZoneType.DEVICE, end, end)),
                List.of(new PfnRange(0, end)),
                List.of(new Reservation(new PfnRange(0, 1), "firmware page"),
                        new Reservation(new PfnRange(dmaEnd, dmaEnd + 32), "kernel image (scaled down)")),
                false, true);
    }

    /**
     * {@code machine custom SIZE dma=SIZE [dma32=SIZE] [highmem=SIZE] [reserved=SIZE] [cpus=N] [gbpages=off]}:
     * zones follow each other from pfn 0 in index order, Normal takes what is left, and reserved memory is
     * taken from pfn 0. A HighMem zone makes it a 32-bit machine.
     */
    public static Profile custom(long sizeBytes, Map<String, Long> options, boolean gbpages) {
        long dma = options.getOrDefault("dma", 0L), dma32 = options.getOrDefault("dma32", 0L);
        long highmem = options.getOrDefault("highmem", 0L), reserved = options.getOrDefault("reserved", 0L);
        int cpus = (int) (long) options.getOrDefault("cpus", 4L);
        requirePages("size", sizeBytes);
        for (var e : options.entrySet()) if (!e.getKey().equals("cpus")) requirePages(e.getKey(), e.getValue());
        if (highmem > 0 && dma32 > 0)
            throw new IllegalArgumentException("dma32= and highmem= exclude each other: ZONE_DMA32 exists on 64-bit, ZONE_HIGHMEM on 32-bit");
        long normal = sizeBytes - dma - dma32 - highmem;
        if (normal <= 0)
            throw new IllegalArgumentException("the zones (dma+dma32+highmem = " + (dma + dma32 + highmem)
                    + " bytes) leave nothing for ZONE_NORMAL in a machine of " + sizeBytes + " bytes");
        if (reserved >= sizeBytes) throw new IllegalArgumentException("reserved= must be smaller than the machine");
        if (sizeBytes > 64 * GIB) throw new IllegalArgumentException("a custom machine holds at most 64 GiB, not " + sizeBytes + " bytes");
        boolean is32 = highmem > 0;
        int a = pfn(dma), b = a + pfn(dma32), c = b + pfn(normal), end = pfn(sizeBytes);
        List<ZoneSpan> zones = new ArrayList<>();
        zones.add(zone(ZoneType.DMA, 0, a));
        if (!is32) zones.add(zone(ZoneType.DMA32, a, b));
        zones.add(zone(ZoneType.NORMAL, b, c));
        if (is32) zones.add(zone(ZoneType.HIGHMEM, c, end));
        zones.add(zone(ZoneType.MOVABLE, end, end));
        if (!is32) zones.add(zone(ZoneType.DEVICE, end, end));
        List<Reservation> res = reserved > 0
                ? List.of(new Reservation(new PfnRange(0, pfn(reserved)), "reserved")) : List.of();
        boolean thp = sizeBytes >= 512 * MIB;                  // hugepage_init() leaves THP off below 512 MiB
        return new Profile("custom", "Custom machine, " + sizeBytes / MIB + " MiB", is32 ? 32 : 64, cpus,
                zones, List.of(new PfnRange(0, end)), res, thp, gbpages && !is32);
    }

    private static final long PAGE = Profile.PAGE_SIZE;

    private static void requirePages(String what, long bytes) {
        if (bytes < 0) throw new IllegalArgumentException(what + "= must not be negative");
        if (bytes % PAGE != 0) throw new IllegalArgumentException(what + "= must be a multiple of the 4 KiB page size, was " + bytes);
    }

    private static int pfn(long bytes) { return (int) (bytes / PAGE); }

    private static ZoneSpan zone(ZoneType type, int start, int end) {
        return new ZoneSpan(type, new PfnRange(start, end));
    }
}
