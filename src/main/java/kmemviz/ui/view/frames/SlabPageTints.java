package kmemviz.ui.view.frames;

import kmemviz.ui.view.slab.CacheTints;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;

/**
 * The frame map's overlay, copied from the core after each command: which cache each slab-page allocation
 * serves (its pages take that cache's shade, {@link CacheTints}) and which allocations are zeroed: blocks handed
 * out with __GFP_ZERO, and slab pages that hold a zeroed (kzalloc, kcalloc) object. Lookups only happen for
 * slab frames and, zoomed in, for the cells on screen.
 */
public final class SlabPageTints implements FrameMapPainter.Overlay {
    private Map<Integer, String> cacheOfSlab = new HashMap<>();
    private Set<Integer> zeroed = new HashSet<>();

    /** Re-reads the allocations; true when a zeroed mark changed on memory whose frames did not change. */
    public boolean rebuild(PhysicalMemory mem) {
        Map<Integer, String> caches = new HashMap<>();
        Set<Integer> z = new HashSet<>();
        for (Allocation a : mem.allocations().all()) {
            if (a.api() == Api.SLAB) caches.put(a.id(), a.cacheName());
            if (!a.zeroed()) continue;
            if (a.isObject()) {
                int page = mem.frames().allocId((int) (a.objectAddress() >>> Profile.PAGE_SHIFT));
                if (page > 0) z.add(page);
            } else z.add(a.id());
        }
        boolean changed = !z.equals(zeroed);
        cacheOfSlab = caches;
        zeroed = z;
        return changed;
    }

    @Override public int slabColour(int allocId, int slabColour) {
        String name = cacheOfSlab.get(allocId);
        return name == null ? slabColour : CacheTints.shade(slabColour, name);
    }

    @Override public boolean zeroed(int allocId) { return zeroed.contains(allocId); }
}
