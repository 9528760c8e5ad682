package kmemviz.core.slab;

import kmemviz.core.mm.BuddyAllocator;

import static kmemviz.core.mm.BuddyAllocator.getOrder;
import static kmemviz.core.mm.Profile.PAGE_SIZE;

/**
 * The layout SLUB gives a cache without debug flags, KASAN or a constructor.
 *
 * <p>Sizes (calculate_sizes(), mm/slub.c): {@code size = ALIGN(ALIGN(objectSize, pointerSize), align)}, where
 * {@code align} comes from calculate_alignment() (mm/slab_common.c): at least ARCH_SLAB_MINALIGN (8, which is
 * {@code __alignof__(unsigned long long)} under GCC on both x86_64 and i386), rounded up to the pointer size. The free
 * pointer sits inside the object at {@code ALIGN_DOWN(objectSize / 2, pointerSize)}, so it does not grow the object.
 *
 * <p>Order (calculate_order() and calc_slab_order(), mm/slub.c): {@code min_objects = 4 * (fls(nrCpus) + 1)},
 * capped by how many objects fit an order-{@code slub_max_order} slab; {@code min_order = get_order(min_objects *
 * size)}; then for the waste fractions 1/16, 1/8, 1/4, 1/2 the smallest order in {@code [min_order, 3]} whose leftover
 * is at most that fraction wins. If none does, {@code get_order(size)}.
 *
 * @param objectSize        object_size: what the creator asked for
 * @param size              s-&gt;size: the stored object stride, the {@code <objsize>} column of /proc/slabinfo
 * @param align             s-&gt;align
 * @param freePointerOffset s-&gt;offset: where the free pointer lives inside a free object
 * @param order             oo_order(s-&gt;oo): the preferred slab order
 * @param objectsPerSlab    oo_objects(s-&gt;oo)
 * @param minOrder          oo_order(s-&gt;min): the fallback order allocate_slab() retries with
 */
public record SlabGeometry(int objectSize, int size, int align, int freePointerOffset, int order, int objectsPerSlab,
                           int minOrder) {
    public static final int SLUB_MIN_ORDER = 0;
    /** PAGE_ALLOC_COSTLY_ORDER. */
    public static final int SLUB_MAX_ORDER = 3;
    /** slab.objects is a 15-bit field. */
    public static final int MAX_OBJS_PER_PAGE = 32767;
    /** ARCH_SLAB_MINALIGN on x86 (both word sizes). */
    public static final int ARCH_SLAB_MINALIGN = 8;

    public SlabGeometry {
        if (objectSize <= 0) throw new IllegalArgumentException("objectSize must be > 0, was " + objectSize);
        if (size < objectSize || size % align != 0)
            throw new IllegalArgumentException("size " + size + " must be >= objectSize and a multiple of align " + align);
        if (order < 0 || order > BuddyAllocator.MAX_PAGE_ORDER || minOrder < 0 || minOrder > order)
            throw new IllegalArgumentException("bad orders: order " + order + ", minOrder " + minOrder);
        if (objectsPerSlab != (PAGE_SIZE << order) / size || objectsPerSlab < 1)
            throw new IllegalArgumentException("objectsPerSlab " + objectsPerSlab + " does not fit order " + order);
        if (freePointerOffset < 0 || freePointerOffset + 1 > size)
            throw new IllegalArgumentException("freePointerOffset " + freePointerOffset + " outside the object");
    }

    /** 1 &lt;&lt; order: the {@code <pagesperslab>} column. */
    public int pagesPerSlab() { return 1 << order; }

    /** Objects in a slab that had to fall back to {@link #minOrder()}. */
    public int minObjects() { return (PAGE_SIZE << minOrder) / size; }

    /** Objects a slab of this order holds (order_objects()). */
    public int objectsAt(int slabOrder) { return (PAGE_SIZE << slabOrder) / size; }

    /**
     * Geometry of kmalloc-N: create_boot_cache() asks for {@code align = max(8, 1 << (ffs(N) - 1))}, the largest
     * power of two dividing N, so kmalloc-96 is 32-aligned and kmalloc-192 64-aligned.
     */
    public static SlabGeometry forKmalloc(int kmallocSize, int nrCpus, int pointerSize) {
        int align = Math.max(KmallocSizes.KMALLOC_MIN_SIZE, Integer.lowestOneBit(kmallocSize));
        return compute(kmallocSize, align, nrCpus, pointerSize);
    }

    /**
     * Mirrors calculate_sizes() and calculate_order() for a cache without flags or ctor.
     *
     * @param objectSize  the size the creator asked for (1..KMALLOC_MAX_SIZE)
     * @param requestedAlign args-&gt;align (0 for none)
     * @param nrCpus      num_present_cpus(); 1 falls back to nr_cpu_ids in the kernel, which the model takes as 1
     * @param pointerSize sizeof(void *): 8 on x86_64, 4 on i386
     */
    public static SlabGeometry compute(int objectSize, int requestedAlign, int nrCpus, int pointerSize) {
        if (pointerSize != 4 && pointerSize != 8) throw new IllegalArgumentException("pointerSize must be 4 or 8, was " + pointerSize);
        if (nrCpus < 1) throw new IllegalArgumentException("nrCpus must be >= 1, was " + nrCpus);
        if (objectSize <= 0 || objectSize > KmallocSizes.KMALLOC_MAX_SIZE)
            throw new IllegalArgumentException("objectSize must be 1.." + KmallocSizes.KMALLOC_MAX_SIZE + ", was " + objectSize);
        if (requestedAlign < 0 || (requestedAlign & (requestedAlign - 1)) != 0)
            throw new IllegalArgumentException("align must be 0 or a power of two, was " + requestedAlign);
        int align = alignUp(Math.max(requestedAlign, ARCH_SLAB_MINALIGN), pointerSize);
        int size = alignUp(alignUp(objectSize, pointerSize), align);
        int freePointerOffset = (objectSize / 2) & -pointerSize;
        int order = calculateOrder(size, minObjectsFor(nrCpus));
        return new SlabGeometry(objectSize, size, align, freePointerOffset, order, (PAGE_SIZE << order) / size,
                Math.min(order, getOrder(size)));
    }

    /**
     * A layout read from /proc/slabinfo, which prints the stride ({@code <objsize>}, s-&gt;size) and the order, not
     * what the creator asked for: the object size is taken as the stride and the alignment as the largest power of
     * two (up to a cache line) dividing it.
     */
    public static SlabGeometry imported(int size, int order, int pointerSize) {
        int align = Math.min(Integer.lowestOneBit(size), 64);
        return new SlabGeometry(size, size, align, (size / 2) & -pointerSize, order, (PAGE_SIZE << order) / size,
                Math.min(order, getOrder(size)));
    }

    /** slub_min_objects default: {@code 4 * (fls(nrCpus) + 1)}. */
    public static int minObjectsFor(int nrCpus) { return 4 * (KmallocSizes.fls(nrCpus) + 1); }

    /** Mirrors calculate_order(). */
    static int calculateOrder(int size, int minObjects) {
        int maxObjects = Math.max((PAGE_SIZE << SLUB_MAX_ORDER) / size, 1);
        minObjects = Math.min(minObjects, maxObjects);
        int minOrder = Math.max(SLUB_MIN_ORDER, getOrder((long) minObjects * size));
        if ((PAGE_SIZE << minOrder) / size > MAX_OBJS_PER_PAGE)
            return getOrder((long) size * MAX_OBJS_PER_PAGE) - 1;
        for (int fraction = 16; fraction > 1; fraction /= 2) {
            int order = calcSlabOrder(size, minOrder, SLUB_MAX_ORDER, fraction);
            if (order <= SLUB_MAX_ORDER) return order;
        }
        // No order up to slub_max_order holds one object: the object alone decides (size <= 4 MiB keeps it <= 10).
        return getOrder(size);
    }

    /** Mirrors calc_slab_order(): the first order whose leftover is at most 1/fraction of the slab, or maxOrder + 1. */
    static int calcSlabOrder(int size, int minOrder, int maxOrder, int fraction) {
        int order;
        for (order = minOrder; order <= maxOrder; order++) {
            int slabSize = PAGE_SIZE << order;
            if (slabSize % size <= slabSize / fraction) break;
        }
        return order;
    }

    private static int alignUp(int x, int a) { return (x + a - 1) & -a; }
}
