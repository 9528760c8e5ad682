package kmemviz.core.slab;

import static kmemviz.core.mm.BuddyAllocator.MAX_PAGE_ORDER;
import static kmemviz.core.mm.Profile.PAGE_SHIFT;

/**
 * The kmalloc size classes of Linux 6.12 on a 4 KiB-page x86 (include/linux/slab.h, mm/slab_common.c, mm/slab.h).
 *
 * <p>Notation: an <em>index</em> is the kernel's kmalloc index: {@code 1} is kmalloc-96, {@code 2} is kmalloc-192,
 * and {@code 3..13} is kmalloc-(1 &lt;&lt; index). Sizes up to 192 go through the {@code kmalloc_size_index[]}
 * table (mirrors kmalloc_slab()), larger ones through {@code fls(size - 1)}. The same rules hold on i386: its
 * KMALLOC_MIN_SIZE is also 8, because x86 defines no ARCH_DMA_MINALIGN.
 */
public final class KmallocSizes {
    public static final int KMALLOC_SHIFT_LOW = 3;
    public static final int KMALLOC_MIN_SIZE = 1 << KMALLOC_SHIFT_LOW;
    /** SLUB serves from caches whatever fits an order-1 page. */
    public static final int KMALLOC_SHIFT_HIGH = PAGE_SHIFT + 1;
    public static final int KMALLOC_MAX_CACHE_SIZE = 1 << KMALLOC_SHIFT_HIGH;
    public static final int KMALLOC_SHIFT_MAX = MAX_PAGE_ORDER + PAGE_SHIFT;
    public static final long KMALLOC_MAX_SIZE = 1L << KMALLOC_SHIFT_MAX;

    /** kmalloc_size_index[(size - 1) / 8] for size 1..192 (mm/slab_common.c). */
    private static final byte[] SIZE_INDEX = {
            3, 4, 5, 5, 6, 6, 6, 6,     // 8, 16, 24..32, 40..64
            1, 1, 1, 1,                 // 72..96 -> kmalloc-96
            7, 7, 7, 7,                 // 104..128
            2, 2, 2, 2, 2, 2, 2, 2 };   // 136..192 -> kmalloc-192

    /** Names by index, from INIT_KMALLOC_INFO; index 0 is unused (kmalloc_info[0] is the zero-size slot). */
    private static final String[] NAMES = { null, "kmalloc-96", "kmalloc-192", "kmalloc-8", "kmalloc-16", "kmalloc-32",
            "kmalloc-64", "kmalloc-128", "kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k",
            "kmalloc-8k" };

    /** create_kmalloc_caches() in 6.12: 96 and 192 first, then the powers of two (reference §1.4). */
    private static final int[] CREATION_ORDER = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 };

    private KmallocSizes() {}

    /** Mirrors kmalloc_slab()'s index choice: the kmalloc index for 1..KMALLOC_MAX_CACHE_SIZE, or -1 outside. */
    public static int kmallocIndex(long sizeBytes) {
        if (sizeBytes <= 0 || sizeBytes > KMALLOC_MAX_CACHE_SIZE) return -1;
        int size = (int) sizeBytes;
        if (size <= 192) return SIZE_INDEX[(size - 1) >>> 3];
        return fls(size - 1);
    }

    /** The object size of the cache with this kmalloc index (kmalloc_info[index].size). */
    public static int indexSize(int index) {
        if (index == 1) return 96;
        if (index == 2) return 192;
        if (index >= KMALLOC_SHIFT_LOW && index <= KMALLOC_SHIFT_HIGH) return 1 << index;
        throw new IllegalArgumentException("no kmalloc cache with index " + index);
    }

    /** The cache name with this kmalloc index, as /proc/slabinfo prints it. */
    public static String indexName(int index) {
        indexSize(index);
        return NAMES[index];
    }

    /** Kmalloc indices in create_kmalloc_caches() order (a copy). */
    public static int[] creationOrder() { return CREATION_ORDER.clone(); }

    /** Name of the cache serving a kmalloc of this size, or null when no cache serves it (0 or large). */
    public static String cacheName(long sizeBytes) {
        int index = kmallocIndex(sizeBytes);
        return index < 0 ? null : NAMES[index];
    }

    /** Object size of the cache serving this request, or -1 when no cache serves it. */
    public static int objectSize(long sizeBytes) {
        int index = kmallocIndex(sizeBytes);
        return index < 0 ? -1 : indexSize(index);
    }

    /** fls(): 1-based position of the highest set bit, 0 for 0. */
    static int fls(int x) { return 32 - Integer.numberOfLeadingZeros(x); }
}
