package kmemviz.core.slab;

import java.util.List;

/**
 * /proc/slabinfo as SLUB prints it (print_slabinfo_header() and cache_show(), mm/slab_common.c): version 2.1, the
 * header, then one line per cache walking slab_caches from its head. Caches are added at the head, so the listing is
 * newest first: user caches, then kmalloc-8k down to kmalloc-8, then kmalloc-192 and kmalloc-96 (6.12 creates 96 and
 * 192 first). SLUB has no tunables, and active_slabs equals num_slabs.
 */
public final class SlabinfoFormat {
    public static final String VERSION_LINE = "slabinfo - version: 2.1";
    public static final String HEADER_LINE = "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
            + " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>";

    private SlabinfoFormat() {}

    /** The whole file, newline-terminated lines. */
    public static String render(SlabAllocator slab) {
        StringBuilder out = new StringBuilder(VERSION_LINE).append('\n').append(HEADER_LINE).append('\n');
        List<KmemCache> caches = slab.caches();
        for (int i = caches.size() - 1; i >= 0; i--) out.append(line(caches.get(i))).append('\n');
        return out.toString();
    }

    /** One cache's line, without the newline. */
    public static String line(KmemCache cache) {
        SlabGeometry g = cache.geometry();
        return line(cache.name(), cache.activeObjs(), cache.numObjs(), g.size(), g.objectsPerSlab(), g.pagesPerSlab(),
                cache.activeSlabs(), cache.numSlabs());
    }

    /** cache_show()'s formats: {@code "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu"}. */
    public static String line(String name, long activeObjs, long numObjs, int objSize, int objPerSlab, int pagesPerSlab,
                              long activeSlabs, long numSlabs) {
        return String.format("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d",
                name, activeObjs, numObjs, objSize, objPerSlab, pagesPerSlab, 0, 0, 0, activeSlabs, numSlabs, 0);
    }
}
