package kmemviz.core.slab;

/**
 * One cache as a /proc/slabinfo row gives it (cache_show(), mm/slab_common.c), for a machine booted to look like
 * the capture.
 *
 * @param name       the cache's name
 * @param geometry   its layout: {@code <objsize>} is the stride, {@code <pagesperslab>} the order
 * @param numSlabs   {@code <num_slabs>}
 * @param activeObjs {@code <active_objs>}, at most numSlabs * objects per slab
 */
public record ImportedCache(String name, SlabGeometry geometry, long numSlabs, long activeObjs) {
    public ImportedCache {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a cache needs a name");
        if (numSlabs < 0 || activeObjs < 0 || activeObjs > numSlabs * geometry.objectsPerSlab())
            throw new IllegalArgumentException(name + ": " + activeObjs + " objects in " + numSlabs + " slabs of "
                    + geometry.objectsPerSlab());
    }
}
