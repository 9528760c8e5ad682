package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.ImportedPages;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.slab.ImportedCache;
import kmemviz.core.slab.KmemCache;
import kmemviz.core.vm.VmapArea;

/**
 * Gives a machine booted from a /proc capture the owners that slabinfo and vmallocinfo name: each cache's slabs
 * and each vmalloc area's pages are taken from the "in use (imported)" memory ({@link ImportedPages}), so free
 * memory stays as imported and the physical map, the Slab tab and the Mappings tab show who holds what. Slabs
 * first, since they need aligned runs of 2^order frames and vmalloc takes single pages.
 */
final class ImportedOwners {
    private ImportedOwners() {}

    /** Applies the capture's caches and areas to a fresh boot; returns a note for each that found no room. */
    static List<String> apply(PhysicalMemory mem, SlabState slab, VmState vm, List<ImportedCache> caches, List<VmapArea> areas) {
        List<String> notes = new ArrayList<>();
        if (caches.isEmpty() && areas.isEmpty()) return notes;
        ImportedPages pages = mem.importedPages();
        long slabsMissing = 0, slabsWanted = 0;
        // slabinfo lists the newest cache first; creating them oldest first lists them again as the file did.
        for (int i = caches.size() - 1; i >= 0; i--) {
            ImportedCache c = caches.get(i);
            KmemCache cache = slab.allocator().importCache(c.name(), c.geometry());
            int order = c.geometry().order(), perSlab = c.geometry().objectsPerSlab();
            long objectsLeft = c.activeObjs();
            slabsWanted += c.numSlabs();
            for (long s = 0; s < c.numSlabs(); s++) {
                Allocation a = pages.block(Api.SLAB, "allocate_slab(" + c.name() + ")", order, Owner.SLAB, true, c.name(), c.name());
                if (a == null) {
                    slabsMissing += c.numSlabs() - s;
                    break;
                }
                int inuse = (int) Math.min(perSlab, objectsLeft);
                cache.importSlab(a.pfn(), order, inuse);
                slab.objectsImported(inuse);
                objectsLeft -= inuse;
            }
        }
        if (slabsMissing > 0) notes.add("slabinfo: room for " + (slabsWanted - slabsMissing) + " of " + slabsWanted
                + " slabs in the in-use memory (too little of it, or not in aligned runs); the rest left out");
        long pagesMissing = 0;
        int unmapped = 0;
        vm.frames().takeFrom(pages);
        for (VmapArea area : areas) {
            int[] pfns = new int[area.nrPages()];
            int got = 0;
            Allocation a = null;
            if (pfns.length > 0) {
                a = mem.beginScattered(Api.VMALLOC, Owner.VMALLOC, "vmallocinfo: " + area.caller(), 0,
                        ExecContext.PROCESS, area.caller(), (long) area.nrPages() << Profile.PAGE_SHIFT);
                while (got < pfns.length) {
                    int pfn = pages.page(a);
                    if (pfn == FrameTable.NO_PFN) break;
                    pfns[got++] = pfn;
                }
            }
            pagesMissing += pfns.length - got;
            VmapArea placed = got == pfns.length ? area
                    : new VmapArea(area.start(), area.sizeBytes(), got, area.caller(), area.noGuard(), area.vpages(), area.kind());
            if (!vm.vmalloc().importArea(placed, Arrays.copyOf(pfns, got))) {
                unmapped++;
                for (int i = 0; i < got; i++) mem.freeScatteredPage(a, pfns[i]);
                got = 0;
            }
            if (a != null && got == 0) mem.endScattered(a);
            else if (a != null) vm.vmallocIds.put(area.start(), a.id());
        }
        vm.frames().takeFrom(null);
        if (unmapped > 0) notes.add("vmallocinfo: " + unmapped + " areas left out: no memory for their page tables");
        if (pagesMissing > 0) notes.add("vmallocinfo: " + pagesMissing + " pages found no room in the in-use memory; "
                + "their areas are shown with fewer pages");
        return notes;
    }
}
