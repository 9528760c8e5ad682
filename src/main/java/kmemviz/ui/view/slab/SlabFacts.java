package kmemviz.ui.view.slab;

import kmemviz.ui.view.frames.FrameFacts;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.kernel.SlabState;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Profile;
import kmemviz.core.slab.KmemCache;

/** Reads what the slab layer knows about an object or a slab page, as inspector rows. */
public final class SlabFacts {
    private SlabFacts() {}

    /** A slab object: cache, slab, index, sizes and internal fragmentation, call, caller, zeroed, context, GFP. */
    public static List<FrameFacts.Fact> object(SlabState slab, Allocation a, String variable) {
        List<FrameFacts.Fact> out = new ArrayList<>();
        KmemCache c = slab.allocator().cacheOf(a.objectAddress());
        out.add(new FrameFacts.Fact("allocation", "#" + a.id() + (variable == null ? "" : " in " + variable)));
        out.add(new FrameFacts.Fact("call", a.call()));
        if (!a.caller().isEmpty()) out.add(new FrameFacts.Fact("caller", a.caller()));
        out.add(new FrameFacts.Fact("cache", a.cacheName()));
        if (c != null) {
            int s = c.slabOf(a.objectAddress());
            out.add(new FrameFacts.Fact("slab", String.format("head pfn 0x%x, order %d (%d page%s), %d/%d objects in use",
                    c.slabHeadPfn(s), c.slabOrder(s), 1 << c.slabOrder(s), c.slabOrder(s) == 0 ? "" : "s", c.slabInuse(s), c.slabObjects(s))));
            out.add(new FrameFacts.Fact("index", c.objectIndexOf(a.objectAddress()) + " of " + c.slabObjects(s)));
        }
        out.add(new FrameFacts.Fact("address", String.format("phys 0x%x (pfn 0x%x + 0x%x)", a.objectAddress(),
                a.objectAddress() >>> Profile.PAGE_SHIFT, a.objectAddress() & (Profile.PAGE_SIZE - 1))));
        out.add(new FrameFacts.Fact("requested", a.requestedBytes() + " bytes"));
        out.add(new FrameFacts.Fact("actual", a.actualBytes() + " bytes (the cache's object size)"));
        out.add(new FrameFacts.Fact("fragmentation", fragmentation(a.requestedBytes(), a.actualBytes())));
        out.add(new FrameFacts.Fact("zeroed", a.zeroed() ? "yes (kzalloc, kcalloc or __GFP_ZERO)" : "no: it holds whatever was there before"));
        out.add(new FrameFacts.Fact("context", a.context() == null ? "" : a.context().keyword()));
        out.add(new FrameFacts.Fact("gfp", String.format("%s (0x%x)", Gfp.format(a.gfp()), a.gfp())));
        out.add(new FrameFacts.Fact("free with", a.api().freeFunction()));
        return out;
    }

    /** Internal fragmentation: the bytes of the object the caller did not ask for, and their share. */
    static String fragmentation(long requested, long actual) {
        long waste = actual - requested;
        return actual <= 0 ? "" : String.format("%d bytes (%.1f%% of the object)", waste, 100.0 * waste / actual);
    }

    /** A slab's pages (Api.SLAB): its cache and how many of its objects are in use. */
    public static List<FrameFacts.Fact> slabPage(SlabState slab, Allocation a) {
        List<FrameFacts.Fact> out = new ArrayList<>();
        if (a.api() != Api.SLAB) return out;
        out.add(new FrameFacts.Fact("slab of", a.cacheName()));
        KmemCache c = slab.allocator().cacheOf((long) a.pfn() << Profile.PAGE_SHIFT);
        int s = c == null ? -1 : c.slabOf((long) a.pfn() << Profile.PAGE_SHIFT);
        if (s >= 0) {
            out.add(new FrameFacts.Fact("in use", c.slabInuse(s) + " of " + c.slabObjects(s) + " objects ("
                    + (c.slabInuse(s) == c.slabObjects(s) ? "full" : c.slabInuse(s) == 0 ? "empty" : "partial") + ")"));
            out.add(new FrameFacts.Fact("object size", c.geometry().size() + " bytes, " + c.geometry().objectsPerSlab() + " per slab"));
        }
        return out;
    }
}
