package kmemviz.core.vm;

import kmemviz.core.mm.Profile;

/**
 * A busy range of the vmalloc space (struct vmap_area with its vm_struct).
 *
 * @param start     first byte (va_start)
 * @param sizeBytes va_end - va_start, the guard page included unless {@code noGuard}
 * @param nrPages   pages backing it, each mapped by its own PTE
 * @param caller    the caller as %pS would print it
 * @param noGuard   VM_NO_GUARD: no trailing guard page
 * @param vpages    the pages[] array was itself vmalloc'ed (more than PAGE_SIZE of pointers)
 * @param kind      what /proc/vmallocinfo prints after pages=: "vmalloc" (VM_ALLOC) for the model's own areas; an
 *                  area imported from a capture keeps its words ("phys=0x... ioremap", "vmap", "vm_map_ram", ...)
 */
public record VmapArea(long start, long sizeBytes, int nrPages, String caller, boolean noGuard, boolean vpages, String kind) {
    public VmapArea(long start, long sizeBytes, int nrPages, String caller, boolean noGuard, boolean vpages) {
        this(start, sizeBytes, nrPages, caller, noGuard, vpages, "vmalloc");
    }

    public VmapArea {
        if (sizeBytes <= 0 || (sizeBytes & (Profile.PAGE_SIZE - 1)) != 0)
            throw new IllegalArgumentException("size must be a positive multiple of PAGE_SIZE, was " + sizeBytes);
        if ((start & (Profile.PAGE_SIZE - 1)) != 0) throw new IllegalArgumentException("start must be page aligned");
        if (nrPages < 0 || (long) nrPages << Profile.PAGE_SHIFT > sizeBytes)
            throw new IllegalArgumentException("nrPages must be 0.." + (sizeBytes >> Profile.PAGE_SHIFT) + ", was " + nrPages);
    }

    public long end() { return start + sizeBytes; }

    public boolean contains(long vaddr) {
        return Long.compareUnsigned(vaddr, start) >= 0 && Long.compareUnsigned(vaddr, end()) < 0;
    }
}
