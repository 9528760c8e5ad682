package kmemviz.core.kernel;

import kmemviz.core.mm.Profile;

/**
 * page_address() and virt_to_page() for the direct map: x86_64 maps all RAM at page_offset_base
 * (0xffff888000000000 without KASLR), i386 maps lowmem (below 896 MiB) at PAGE_OFFSET 0xc0000000.
 */
public final class DirectMap {
    public static final long PAGE_OFFSET_64 = 0xffff888000000000L;
    public static final long PAGE_OFFSET_32 = 0xc0000000L;
    private static final long LOWMEM_PAGES_32 = (896L << 20) >> Profile.PAGE_SHIFT;

    private DirectMap() {}

    /** The direct-map address of a frame, or 0 for a HighMem frame, which has none until kmap(). */
    public static long address(Profile profile, int pfn) {
        if (profile.bits() == 64) return PAGE_OFFSET_64 + ((long) pfn << Profile.PAGE_SHIFT);
        return pfn < LOWMEM_PAGES_32 ? PAGE_OFFSET_32 + ((long) pfn << Profile.PAGE_SHIFT) : 0;
    }

    /** The frame behind a direct-map address, or -1 when the address is not in the direct map of RAM. */
    public static int pfn(Profile profile, long address) {
        long base = profile.bits() == 64 ? PAGE_OFFSET_64 : PAGE_OFFSET_32;
        long limit = profile.bits() == 64 ? (long) profile.endPfn() : Math.min(profile.endPfn(), LOWMEM_PAGES_32);
        long offset = address - base;
        if (Long.compareUnsigned(offset, limit << Profile.PAGE_SHIFT) >= 0) return -1;
        return (int) (offset >>> Profile.PAGE_SHIFT);
    }

    /** How the kernel prints an address with %px: 16 hex digits on 64-bit, 8 on 32-bit. */
    public static String format(Profile profile, long address) {
        return profile.bits() == 64 ? String.format("%016x", address) : String.format("%08x", address);
    }
}
