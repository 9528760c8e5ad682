package kmemviz.core.mm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * GFP ("get free pages") masks as Linux 6.12 defines them on x86_64 for a typical distro configuration:
 * MEMCG=y (so SLAB_OBJ_EXT=y), LOCKDEP=n, no KASAN_HW_TAGS.
 *
 * <p>Since 6.9 the bit numbers come from an enum in include/linux/gfp_types.h, and a bit whose config option is
 * off is 0 and takes no number. With this configuration bits 0-23 are the unconditional flags (bit 9 unused,
 * once __GFP_ATOMIC), {@code __GFP_NO_OBJ_EXT} is bit 24, and {@code __GFP_BITS_SHIFT} is 25.
 *
 * <p>A mask stays an {@code int}, as gfp_t is an unsigned int bitmask. Text becomes a mask only in
 * {@link GfpParser}, and a mask becomes text only in {@link #format(int)}.
 */
public final class Gfp {

    // Zone modifiers: the low four bits, GFP_ZONEMASK, read by gfp_zone().
    public static final int DMA = 1 << 0;
    public static final int HIGHMEM = 1 << 1;
    public static final int DMA32 = 1 << 2;
    public static final int MOVABLE = 1 << 3;
    public static final int RECLAIMABLE = 1 << 4;
    public static final int HIGH = 1 << 5;
    public static final int IO = 1 << 6;
    public static final int FS = 1 << 7;
    public static final int ZERO = 1 << 8;
    // Bit 9 is ___GFP_UNUSED_BIT: __GFP_ATOMIC until its removal (present in 6.2, absent in 6.8).
    public static final int DIRECT_RECLAIM = 1 << 10;
    public static final int KSWAPD_RECLAIM = 1 << 11;
    public static final int WRITE = 1 << 12;
    public static final int NOWARN = 1 << 13;
    public static final int RETRY_MAYFAIL = 1 << 14;
    public static final int NOFAIL = 1 << 15;
    public static final int NORETRY = 1 << 16;
    public static final int MEMALLOC = 1 << 17;
    public static final int COMP = 1 << 18;
    public static final int NOMEMALLOC = 1 << 19;
    public static final int HARDWALL = 1 << 20;
    public static final int THISNODE = 1 << 21;
    public static final int ACCOUNT = 1 << 22;
    public static final int ZEROTAGS = 1 << 23;
    /** Only with CONFIG_KASAN_HW_TAGS (arm64); 0 here, as in the kernel when the option is off. */
    public static final int SKIP_ZERO = 0;
    /** Only with CONFIG_KASAN_HW_TAGS (arm64); 0 here. Kept because GFP_HIGHUSER_MOVABLE names it. */
    public static final int SKIP_KASAN = 0;
    /** Only with CONFIG_LOCKDEP (debug kernels); 0 here. */
    public static final int NOLOCKDEP = 0;
    /** With CONFIG_SLAB_OBJ_EXT (selected by MEMCG) it takes the first bit after the config-dependent ones. */
    public static final int NO_OBJ_EXT = 1 << 24;

    /** {@code __GFP_BITS_SHIFT}: the number of bits the enum defines in this configuration. */
    public static final int BITS_SHIFT = 25;
    /** {@code __GFP_BITS_MASK} = 0x1ffffff: __alloc_pages() ANDs every mask with (a subset of) it. */
    public static final int BITS_MASK = (1 << BITS_SHIFT) - 1;
    /** {@code GFP_ZONEMASK}: the bits gfp_zone() looks at. */
    public static final int ZONEMASK = DMA | HIGHMEM | DMA32 | MOVABLE;

    /** {@code __GFP_RECLAIM}: shorthand for both kinds of reclaim. */
    public static final int RECLAIM = DIRECT_RECLAIM | KSWAPD_RECLAIM;

    // The "useful GFP flag combinations" of gfp_types.h. GFP_DMA and GFP_DMA32 are the single bits DMA and
    // DMA32, so they get no constants of their own (they would clash with the bit names).
    public static final int ATOMIC = HIGH | KSWAPD_RECLAIM;
    public static final int KERNEL = RECLAIM | IO | FS;
    public static final int KERNEL_ACCOUNT = KERNEL | ACCOUNT;
    public static final int NOWAIT = KSWAPD_RECLAIM | NOWARN;
    public static final int NOIO = RECLAIM;
    public static final int NOFS = RECLAIM | IO;
    public static final int USER = RECLAIM | IO | FS | HARDWALL;
    public static final int HIGHUSER = USER | HIGHMEM;
    public static final int HIGHUSER_MOVABLE = HIGHUSER | MOVABLE | SKIP_KASAN;
    public static final int TRANSHUGE_LIGHT = (HIGHUSER_MOVABLE | COMP | NOMEMALLOC | NOWARN) & ~RECLAIM;
    public static final int TRANSHUGE = TRANSHUGE_LIGHT | DIRECT_RECLAIM;

    /**
     * The VM_BUG_ON in gfp_zone(), as 6.12.0 numbers it (a BUG report names this file and line). The 6.12.y
     * tree in /usr/src has it at line 143: it carries the 4-line default_gfp() helper above, backported later.
     */
    static final String GFP_ZONE_BUG_SITE = "include/linux/gfp.h:139";

    /** GFP_ZONE_BAD: bit n is set when zone-modifier combination n is not allowed. */
    private static final int ZONE_BAD = 1 << (DMA | HIGHMEM) | 1 << (DMA | DMA32) | 1 << (DMA32 | HIGHMEM)
            | 1 << (DMA | DMA32 | HIGHMEM) | 1 << (MOVABLE | HIGHMEM | DMA) | 1 << (MOVABLE | DMA32 | DMA)
            | 1 << (MOVABLE | DMA32 | HIGHMEM) | 1 << (MOVABLE | DMA32 | DMA | HIGHMEM);

    private static final int MOBILITY_MASK = RECLAIMABLE | MOVABLE;   // gfp.h's local GFP_MOVABLE_MASK

    private static final List<GfpBit> BITS = List.of(
            new GfpBit("__GFP_DMA", DMA, GfpBit.Group.ZONE_MODIFIER,
                    "Take memory from ZONE_DMA (the lowest 16 MiB) for old devices with 24-bit addressing."),
            new GfpBit("__GFP_HIGHMEM", HIGHMEM, GfpBit.Group.ZONE_MODIFIER,
                    "High memory is allowed (ZONE_HIGHMEM on 32-bit, plain Normal on 64-bit); with __GFP_MOVABLE it selects ZONE_MOVABLE."),
            new GfpBit("__GFP_DMA32", DMA32, GfpBit.Group.ZONE_MODIFIER,
                    "Take memory below 4 GiB (ZONE_DMA32) for devices that can only use 32-bit addresses."),
            new GfpBit("__GFP_MOVABLE", MOVABLE, GfpBit.Group.ZONE_MODIFIER,
                    "The page can be migrated or reclaimed later, so it goes to movable pageblocks (and may use ZONE_MOVABLE)."),
            new GfpBit("__GFP_RECLAIMABLE", RECLAIMABLE, GfpBit.Group.MOBILITY,
                    "A slab page whose objects a shrinker can free, so it goes to reclaimable pageblocks."),
            new GfpBit("__GFP_HIGH", HIGH, GfpBit.Group.WATERMARK,
                    "High priority: the allocation may dip into part of the reserve below the min watermark."),
            new GfpBit("__GFP_IO", IO, GfpBit.Group.RECLAIM,
                    "Reclaim may start disk I/O, such as writing pages to swap."),
            new GfpBit("__GFP_FS", FS, GfpBit.Group.RECLAIM,
                    "Reclaim may call into filesystem code; without it the OOM killer is not used."),
            new GfpBit("__GFP_ZERO", ZERO, GfpBit.Group.ACTION,
                    "Hand back the memory filled with zeroes."),
            new GfpBit("__GFP_DIRECT_RECLAIM", DIRECT_RECLAIM, GfpBit.Group.RECLAIM,
                    "The caller may sleep and reclaim memory itself when free pages run low."),
            new GfpBit("__GFP_KSWAPD_RECLAIM", KSWAPD_RECLAIM, GfpBit.Group.RECLAIM,
                    "Wake kswapd to reclaim in the background when a zone falls below its low watermark."),
            new GfpBit("__GFP_WRITE", WRITE, GfpBit.Group.MOBILITY,
                    "The caller will dirty the page, so such pages are spread out to respect each node's dirty limit."),
            new GfpBit("__GFP_NOWARN", NOWARN, GfpBit.Group.ACTION,
                    "Do not print the page allocation failure warning if the allocation fails."),
            new GfpBit("__GFP_RETRY_MAYFAIL", RETRY_MAYFAIL, GfpBit.Group.RECLAIM,
                    "Retry reclaim and compaction hard, but fail rather than invoke the OOM killer."),
            new GfpBit("__GFP_NOFAIL", NOFAIL, GfpBit.Group.RECLAIM,
                    "Retry forever: the allocation never fails, so the caller must be able to sleep."),
            new GfpBit("__GFP_NORETRY", NORETRY, GfpBit.Group.RECLAIM,
                    "Try one light round of reclaim and compaction, then fail; never invokes the OOM killer."),
            new GfpBit("__GFP_MEMALLOC", MEMALLOC, GfpBit.Group.WATERMARK,
                    "Ignore all watermarks and use the emergency reserves (only for code that frees memory soon)."),
            new GfpBit("__GFP_COMP", COMP, GfpBit.Group.ACTION,
                    "Set the block up as a compound page: one head page describing the tail pages."),
            new GfpBit("__GFP_NOMEMALLOC", NOMEMALLOC, GfpBit.Group.WATERMARK,
                    "Never use the emergency reserves; this wins over __GFP_MEMALLOC."),
            new GfpBit("__GFP_HARDWALL", HARDWALL, GfpBit.Group.MOBILITY,
                    "Stay within the memory nodes that the task's cpuset allows."),
            new GfpBit("__GFP_THISNODE", THISNODE, GfpBit.Group.MOBILITY,
                    "Use only the requested NUMA node, with no fallback to other nodes."),
            new GfpBit("__GFP_ACCOUNT", ACCOUNT, GfpBit.Group.MOBILITY,
                    "Charge the memory to the caller's memory cgroup (kmemcg)."),
            new GfpBit("__GFP_ZEROTAGS", ZEROTAGS, GfpBit.Group.ACTION,
                    "When zeroing, also zero the memory tags (arm64 MTE); it changes nothing on x86_64."),
            new GfpBit("__GFP_NO_OBJ_EXT", NO_OBJ_EXT, GfpBit.Group.MOBILITY,
                    "The slab object gets no object extension (memcg or profiling data); used internally."));

    private static final List<GfpBit> COMPOSITES = List.of(
            new GfpBit("__GFP_RECLAIM", RECLAIM, GfpBit.Group.COMPOSITE,
                    "Both kinds of reclaim: the caller may reclaim directly and wakes kswapd."),
            new GfpBit("GFP_ATOMIC", ATOMIC, GfpBit.Group.COMPOSITE,
                    "Never sleeps; may use part of the min reserve; wakes kswapd."),
            new GfpBit("GFP_KERNEL", KERNEL, GfpBit.Group.COMPOSITE,
                    "The usual kernel allocation: may sleep, reclaim, start I/O and call the filesystem."),
            new GfpBit("GFP_KERNEL_ACCOUNT", KERNEL_ACCOUNT, GfpBit.Group.COMPOSITE,
                    "GFP_KERNEL, charged to the caller's memory cgroup."),
            new GfpBit("GFP_NOWAIT", NOWAIT, GfpBit.Group.COMPOSITE,
                    "Never sleeps and uses no reserve; wakes kswapd; failure is likely and not reported."),
            new GfpBit("GFP_NOIO", NOIO, GfpBit.Group.COMPOSITE,
                    "May sleep and reclaim, but start no I/O (for the block layer and swap paths)."),
            new GfpBit("GFP_NOFS", NOFS, GfpBit.Group.COMPOSITE,
                    "May sleep, reclaim and start I/O, but not call the filesystem (for filesystem code)."),
            new GfpBit("GFP_USER", USER, GfpBit.Group.COMPOSITE,
                    "Pages that user space will map and the kernel also touches; like GFP_KERNEL but obeys the cpuset."),
            new GfpBit("GFP_DMA", DMA, GfpBit.Group.COMPOSITE,
                    "Same as __GFP_DMA: memory from ZONE_DMA, kept for historical reasons."),
            new GfpBit("GFP_DMA32", DMA32, GfpBit.Group.COMPOSITE,
                    "Same as __GFP_DMA32: memory below 4 GiB."),
            new GfpBit("GFP_HIGHUSER", HIGHUSER, GfpBit.Group.COMPOSITE,
                    "User pages that may sit in high memory but cannot be moved once in use."),
            new GfpBit("GFP_HIGHUSER_MOVABLE", HIGHUSER_MOVABLE, GfpBit.Group.COMPOSITE,
                    "User pages (anonymous memory, page cache) that may be migrated and may use ZONE_MOVABLE."),
            new GfpBit("GFP_TRANSHUGE_LIGHT", TRANSHUGE_LIGHT, GfpBit.Group.COMPOSITE,
                    "Transparent huge page at fault time: no reclaim, no kswapd, no reserves, fails quietly."),
            new GfpBit("GFP_TRANSHUGE", TRANSHUGE, GfpBit.Group.COMPOSITE,
                    "Transparent huge page for khugepaged: like GFP_TRANSHUGE_LIGHT but may reclaim and compact."));

    /**
     * The order of gfpflag_names[] (__def_gfpflag_names in include/trace/events/mmflags.h): composites first,
     * so that %pGg prints the largest named combination. __GFP_NO_OBJ_EXT is not in it, so it prints as hex.
     */
    private static final List<String> PRINT_ORDER = List.of(
            "GFP_TRANSHUGE", "GFP_TRANSHUGE_LIGHT", "GFP_HIGHUSER_MOVABLE", "GFP_HIGHUSER", "GFP_USER",
            "GFP_KERNEL_ACCOUNT", "GFP_KERNEL", "GFP_NOFS", "GFP_ATOMIC", "GFP_NOIO", "GFP_NOWAIT", "GFP_DMA",
            "__GFP_HIGHMEM", "GFP_DMA32", "__GFP_HIGH", "__GFP_IO", "__GFP_FS", "__GFP_NOWARN",
            "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL", "__GFP_NORETRY", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
            "__GFP_MEMALLOC", "__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_RECLAIMABLE", "__GFP_MOVABLE",
            "__GFP_ACCOUNT", "__GFP_WRITE", "__GFP_RECLAIM", "__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM",
            "__GFP_ZEROTAGS");

    private static final Map<String, GfpBit> BY_NAME = indexByName();
    private static final String[] PRINT_NAMES = PRINT_ORDER.toArray(String[]::new);
    private static final int[] PRINT_MASKS = PRINT_ORDER.stream().mapToInt(n -> BY_NAME.get(n).mask()).toArray();

    private Gfp() {}

    /** Every defined single bit, in bit order. */
    public static List<GfpBit> bits() { return BITS; }

    /** The named combinations (and __GFP_RECLAIM), in the order gfp_types.h defines them. */
    public static List<GfpBit> composites() { return COMPOSITES; }

    /** A bit or composite by its C name, such as {@code "GFP_KERNEL"} or {@code "__GFP_ZERO"}. */
    public static Optional<GfpBit> byName(String name) { return Optional.ofNullable(BY_NAME.get(name)); }

    /** gfpflags_allow_blocking(): a mask may sleep only if it allows direct reclaim. */
    public static boolean allowBlocking(int gfp) { return (gfp & DIRECT_RECLAIM) != 0; }

    /**
     * The kernel's {@code %pGg}: flags_string() and format_flags() in lib/vsprintf.c over gfpflag_names[].
     * Walk the table in order; an entry matches when all its bits are still set, prints its name and clears
     * them, and a {@code |} follows while bits remain. Leftover bits print as one lowercase hex number with
     * {@code 0x}. A mask of 0 prints nothing.
     */
    public static String format(int gfp) {
        StringBuilder out = new StringBuilder();
        int flags = gfp;
        for (int i = 0; flags != 0 && i < PRINT_NAMES.length; i++) {
            if ((flags & PRINT_MASKS[i]) != PRINT_MASKS[i]) {
                continue;
            }
            out.append(PRINT_NAMES[i]);
            flags &= ~PRINT_MASKS[i];
            if (flags != 0) {
                out.append('|');
            }
        }
        if (flags != 0) {
            out.append("0x").append(Integer.toHexString(flags));   // unsigned, like gfp_t
        }
        return out.toString();
    }

    /**
     * gfp_zone() in include/linux/gfp.h: the highest zone the mask may use, looked up in GFP_ZONE_TABLE by
     * the four zone-modifier bits. OPT_ZONE_DMA32 and OPT_ZONE_HIGHMEM become ZONE_NORMAL when the profile
     * lacks that zone (i386 has no DMA32, 64-bit has no HighMem); both profiles have ZONE_DMA. The BAD
     * combinations (see {@link #invalidReason(int)}) are 0 in the table, so the kernel without DEBUG_VM gets
     * zone index 0, ZONE_DMA, and so does this method.
     */
    public static ZoneType zone(int gfp, boolean hasDma32, boolean hasHighmem) {
        return switch (gfp & ZONEMASK) {
            case 0, MOVABLE -> ZoneType.NORMAL;
            case DMA, MOVABLE | DMA -> ZoneType.DMA;
            case HIGHMEM -> hasHighmem ? ZoneType.HIGHMEM : ZoneType.NORMAL;
            case DMA32, MOVABLE | DMA32 -> hasDma32 ? ZoneType.DMA32 : ZoneType.NORMAL;
            case MOVABLE | HIGHMEM -> ZoneType.MOVABLE;
            default -> ZoneType.DMA;
        };
    }

    /**
     * The name in migratetype_names[] (mm/page_alloc.c) of gfp_migratetype(): the two mobility bits shifted
     * down by 3. Both bits give 3, MIGRATE_HIGHATOMIC, after a VM_WARN_ON ({@link #invalidReason(int)}).
     * The kernel returns Unmovable for everything when mobility grouping is off; a profile decides that.
     */
    public static String migratetypeName(int gfp) {
        return switch ((gfp & MOBILITY_MASK) >>> 3) {
            case 0 -> "Unmovable";
            case 1 -> "Movable";
            case 2 -> "Reclaimable";
            default -> "HighAtomic";
        };
    }

    /**
     * Why the kernel would object to this mask, or empty if it would not: a BAD zone-modifier combination
     * (VM_BUG_ON in gfp_zone()), both mobility bits (VM_WARN_ON in gfp_migratetype()), or bits above
     * {@code __GFP_BITS_MASK}, which __alloc_pages() silently drops with gfp_allowed_mask. Several reasons
     * are joined with "; ".
     */
    public static Optional<String> invalidReason(int gfp) {
        List<String> reasons = new ArrayList<>();
        int zoneBits = gfp & ZONEMASK;
        if ((ZONE_BAD >>> zoneBits & 1) != 0) {
            reasons.add(names(zoneBits) + " is not a valid zone combination (at most one of __GFP_DMA, "
                    + "__GFP_DMA32 and __GFP_HIGHMEM, optionally with __GFP_MOVABLE): gfp_zone() hits VM_BUG_ON at "
                    + GFP_ZONE_BUG_SITE + " (a kernel BUG with CONFIG_DEBUG_VM, otherwise ZONE_DMA is used)");
        }
        if ((gfp & MOBILITY_MASK) == MOBILITY_MASK) {
            reasons.add("__GFP_MOVABLE|__GFP_RECLAIMABLE together: gfp_migratetype() hits VM_WARN_ON and "
                    + "returns MIGRATE_HIGHATOMIC");
        }
        int unknown = gfp & ~BITS_MASK;
        if (unknown != 0) {
            reasons.add("0x" + Integer.toHexString(unknown) + " is above __GFP_BITS_MASK (0x"
                    + Integer.toHexString(BITS_MASK) + "): no GFP flag is defined there, and __alloc_pages() "
                    + "drops such bits with gfp_allowed_mask");
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /** The C names of the defined single bits in {@code gfp}, in bit order, joined with {@code |}. */
    private static String names(int gfp) {
        StringJoiner joined = new StringJoiner("|");
        for (GfpBit bit : BITS) {
            if ((gfp & bit.mask()) != 0) {
                joined.add(bit.name());
            }
        }
        return joined.toString();
    }

    private static Map<String, GfpBit> indexByName() {
        Map<String, GfpBit> map = new HashMap<>();
        BITS.forEach(b -> map.put(b.name(), b));
        COMPOSITES.forEach(b -> map.put(b.name(), b));
        return Map.copyOf(map);
    }
}
