package kmemviz.core.kernel;

import java.util.List;
import kmemviz.core.cmd.Kfree;
import kmemviz.core.cmd.Kmalloc;
import kmemviz.core.cmd.KmemCacheAlloc;
import kmemviz.core.cmd.KmemCacheCreate;
import kmemviz.core.cmd.KmemCacheDestroy;
import kmemviz.core.cmd.KmemCacheFree;
import kmemviz.core.cmd.Krealloc;
import kmemviz.core.cmd.SlabCommand;
import kmemviz.core.cmd.Target;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.slab.CacheCreateResult;
import kmemviz.core.slab.DestroyResult;
import kmemviz.core.slab.FreeResult;
import kmemviz.core.slab.KmallocPlan;
import kmemviz.core.slab.KmemCache;
import kmemviz.core.slab.KmallocSizes;

/**
 * The kmalloc family and kmem caches (mm/slub.c, mm/slab_common.c, mm/util.c) on the
 * model, with the checks and reports the kernel makes: might_alloc(), kmalloc_fix_flags(), check_mul_overflow(),
 * SLUB's double-free and invalid-pointer reports, free_large_kmalloc(). A refused call changes nothing.
 */
final class SlabCalls implements SlabCommand.Visitor<Outcome> {
    /** GFP_SLAB_BUG_MASK: zone bits kmalloc cannot honour, and bits beyond the defined ones. */
    private static final int SLAB_BUG_MASK = Gfp.DMA32 | Gfp.HIGHMEM | ~Gfp.BITS_MASK;

    private final CallContext ctx;
    private final PhysicalMemory mem;
    private final SlabState slab;

    SlabCalls(CallContext ctx) {
        this.ctx = ctx;
        this.mem = ctx.memory();
        this.slab = ctx.slab();
        slab.allocator().setReportContext(0, ctx.context().pid());
    }

    @Override public Outcome visit(Kmalloc k) { return kmalloc(k); }

    @Override public Outcome visit(Krealloc r) { return krealloc(r); }

    @Override public Outcome visit(Kfree f) { return kfree(f, f.target()); }

    @Override public Outcome visit(KmemCacheCreate cc) { return cacheCreate(cc); }

    @Override public Outcome visit(KmemCacheAlloc ca) { return cacheAlloc(ca); }

    @Override public Outcome visit(KmemCacheFree cf) { return cacheFree(cf); }

    @Override public Outcome visit(KmemCacheDestroy cd) { return cacheDestroy(cd); }

    // ---- kmalloc, kzalloc, kcalloc, kmalloc_array ----

    private Outcome kmalloc(Kmalloc k) {
        long bytes = k.size();
        if (k.flavor().isArray()) {
            long high = Math.multiplyHigh(k.count(), k.size()) + (k.count() < 0 ? k.size() : 0) + (k.size() < 0 ? k.count() : 0);
            bytes = k.count() * k.size();
            if (high != 0 || exceedsSizeT(bytes)) {
                ctx.bind(k.variable(), Pointer.nullOf(Pointer.Kind.ADDRESS));
                return CallContext.result(k, Outcome.Status.NULL_RESULT, k.flavor().function() + ": " + Long.toUnsignedString(k.count())
                        + " * " + Long.toUnsignedString(k.size()) + " overflows size_t, so check_mul_overflow() makes it return NULL", null);
            }
        }
        if (exceedsSizeT(bytes) && !k.flavor().isArray())
            return CallContext.result(k, Outcome.Status.ERROR, Long.toUnsignedString(bytes) + " does not fit in a 32-bit size_t", null);
        return allocate(k, k.variable(), bytes, k.effectiveGfp(), k.caller(), k.text());
    }

    private boolean exceedsSizeT(long bytes) { return mem.profile().bits() == 32 && (bytes >>> 32) != 0; }

    /** __do_kmalloc_node(): ZERO_SIZE_PTR, a slab object, a large kmalloc or the oversize failure. */
    Outcome allocate(kmemviz.core.cmd.Command c, String variable, long bytes, int gfp, String caller, String call) {
        var invalid = Gfp.invalidReason(gfp & ~SLAB_BUG_MASK);
        if (invalid.isPresent()) return CallContext.result(c, Outcome.Status.ERROR, invalid.get(), null);
        int bad = gfp & SLAB_BUG_MASK;
        gfp &= ~SLAB_BUG_MASK;
        if (bytes < 0) bytes = Long.MAX_VALUE;                        // a size_t above 2^63 is as oversize as it gets
        KmallocPlan plan = KmallocPlan.of(bytes);
        if (plan.kind() == KmallocPlan.Kind.ZERO_SIZE) {
            ctx.bind(variable, new Pointer(Pointer.Kind.ADDRESS, FrameTable.NO_PFN, Pointer.ZERO_SIZE_PTR, 0));
            return CallContext.result(c, Outcome.Status.OK, call + " -> ZERO_SIZE_PTR (0x10): nothing allocated", null);
        }
        if (plan.kind() != KmallocPlan.Kind.SLAB_OBJECT) {
            int order = plan.kind() == KmallocPlan.Kind.LARGE ? plan.order() : BuddyAllocator.getOrder(bytes);
            // A large kmalloc reaches might_alloc() in alloc_pages(), after __alloc_pages_noprof()'s order check.
            if (order <= BuddyAllocator.MAX_PAGE_ORDER) ctx.mightAlloc(gfp);
            if (bad != 0) warnFixFlags(bad, gfp);
            Allocation a = mem.allocBlock(Api.KMALLOC_LARGE, call, gfp | Gfp.COMP, order, Owner.KMALLOC_LARGE,
                    ctx.context(), caller, null, bytes);
            return bound(c, variable, a, a == null ? -1 : (long) a.pfn() << Profile.PAGE_SHIFT, call);
        }
        ctx.mightAlloc(gfp);                                          // slab_pre_alloc_hook()
        KmemCache cache = slab.kmallocCache(bytes, (gfp & Gfp.DMA) != 0);
        return objectFrom(c, variable, cache, Api.KMALLOC, gfp, bad, caller, call, bytes);
    }

    /**
     * An object from {@code cache}. {@code badGfp} are the zone bits kmalloc_fix_flags() strips: it complains only
     * when a new slab needs pages. A failed allocation prints slab_out_of_memory() (mm/slub.c) unless __GFP_NOWARN.
     */
    private Outcome objectFrom(kmemviz.core.cmd.Command c, String variable, KmemCache cache, Api api, int gfp,
                               int badGfp, String caller, String call, long requested) {
        int fixedGfp = gfp;
        Runnable beforeNewSlab = badGfp == 0 ? null : () -> warnFixFlags(badGfp, fixedGfp);
        Allocation a = newObject(cache, api, gfp, beforeNewSlab, caller, call, requested);
        return bound(c, variable, a, a == null ? -1 : a.objectAddress(), call);
    }

    /** An object from {@code cache} with its record, or null (reported unless __GFP_NOWARN) when no slab can grow. */
    Allocation newObject(KmemCache cache, Api api, int gfp, Runnable beforeNewSlab, String caller, String call, long requested) {
        long phys = cache.alloc(gfp, slab.pages().forCache(cache.name(), ctx.context(), beforeNewSlab));
        if (phys < 0) {
            if ((gfp & Gfp.NOWARN) == 0) slabOutOfMemory(cache, gfp);
            return null;
        }
        Allocation a = mem.addObject(api, call, gfp, ctx.context(), caller, phys, cache.name(), requested, cache.geometry().size());
        slab.objectAdded(phys, a.id());
        ctx.events().slabObjectAllocated(cache.name(), phys, a.id());
        return a;
    }

    private Outcome bound(kmemviz.core.cmd.Command c, String variable, Allocation a, long phys, String call) {
        if (a == null) {
            ctx.bind(variable, Pointer.nullOf(Pointer.Kind.ADDRESS));
            return CallContext.result(c, Outcome.Status.NULL_RESULT, call + " returned NULL", null);
        }
        long vaddr = ctx.vm().directMapAddress((int) (phys >>> Profile.PAGE_SHIFT)) + (phys & (Profile.PAGE_SIZE - 1));
        ctx.bind(variable, new Pointer(Pointer.Kind.ADDRESS, (int) (phys >>> Profile.PAGE_SHIFT), vaddr, a.id()));
        String where = a.isObject() ? a.cacheName() + " object" : "order-" + a.order() + " compound page";
        return CallContext.result(c, Outcome.Status.OK, call + " -> " + ctx.vm().format(vaddr) + " (" + where
                + ", " + a.actualBytes() + " bytes for " + a.requestedBytes() + ")", a);
    }

    /** kmalloc_fix_flags() (mm/slab_common.c): the bits kmalloc cannot use, then the mask it goes on with. */
    private void warnFixFlags(int bad, int fixed) {
        ctx.events().report(KernelReport.of(KernelReport.Kind.WARNING, String.format(
                "Unexpected gfp: %#x (%s). Fixing up to gfp: %#x (%s). Fix your code!", bad, Gfp.format(bad), fixed, Gfp.format(fixed))
                + "\n" + kmemviz.core.mm.KernelText.dumpStackHeader(ctx.context(), ctx.taint())));
    }

    private void slabOutOfMemory(KmemCache cache, int gfp) {
        var g = cache.geometry();
        ctx.events().report(KernelReport.of(KernelReport.Kind.ALLOC_FAILURE, String.format(
                "SLUB: Unable to allocate memory on CPU 0 (of node 0) on node -1, gfp=%#x(%s)%n"
                + "  cache: %s, object size: %d, buffer size: %d, default order: %d, min order: %d%n"
                + "  node 0: slabs: %d, objs: %d, free: %d", gfp, Gfp.format(gfp), cache.name(), g.objectSize(), g.size(),
                g.order(), g.minOrder(), cache.numSlabs(), cache.numObjs(), cache.numObjs() - cache.activeObjs())
                .replace(System.lineSeparator(), "\n")));
    }

    // ---- krealloc ----

    private Outcome krealloc(Krealloc r) {
        Pointer p = resolve(r.target());
        if (r.size() == 0) {
            Outcome freed = kfree(r, r.target());
            if (freed.status() != Outcome.Status.OK) return freed;
            ctx.bind(r.variable(), new Pointer(Pointer.Kind.ADDRESS, FrameTable.NO_PFN, Pointer.ZERO_SIZE_PTR, 0));
            return CallContext.result(r, Outcome.Status.OK, r.text() + ": size 0 frees the object and returns ZERO_SIZE_PTR", null);
        }
        if (p.isNull() || p.isZeroSizePtr())
            return allocate(r, r.variable(), r.size(), r.gfp(), r.caller(), r.text());
        Allocation old = mem.allocations().get(p.allocId());
        if (old == null || (old.api() != Api.KMALLOC && old.api() != Api.KMALLOC_LARGE))
            return CallContext.result(r, Outcome.Status.ERROR, r.target().text() + " is not a live kmalloc object", null);
        if (Long.compareUnsigned(old.actualBytes(), r.size()) >= 0) {
            mem.replace(old.withRequestedBytes(r.size(), r.text()));
            ctx.bind(r.variable(), p);
            return CallContext.result(r, Outcome.Status.OK, r.text() + ": ksize() is " + old.actualBytes()
                    + ", so the object stays where it is", mem.allocations().get(old.id()));
        }
        Outcome fresh = allocate(r, r.variable(), r.size(), r.gfp(), r.caller(), r.text());
        if (fresh.status() != Outcome.Status.OK) {
            return CallContext.result(r, fresh.status(), r.text() + " returned NULL; " + r.target().text() + " is still valid", null);
        }
        freeLive(old, r.text());
        return CallContext.result(r, Outcome.Status.OK, fresh.message() + "; copied " + old.actualBytes() + " bytes and freed the old object",
                fresh.allocation());
    }

    // ---- kfree ----

    /** The pointer a free or krealloc names: a variable holding a kernel address, NULL, or a literal address. */
    private Pointer resolve(Target t) {
        if (!t.isVariable()) {
            if (t.address() == 0) return Pointer.nullOf(Pointer.Kind.ADDRESS);
            return new Pointer(Pointer.Kind.ADDRESS, ctx.vm().directMapPfn(t.address()), t.address(), 0);
        }
        Pointer p = ctx.pointer(t.variable());
        if (p.kind() != Pointer.Kind.ADDRESS) throw new CallError(t.variable() + " is not a kernel address"
                + (p.kind() == Pointer.Kind.PAGE ? " but a struct page * from alloc_pages(): free it with __free_pages()" : ""));
        return p;
    }

    Outcome kfree(kmemviz.core.cmd.Command c, Target target) {
        Pointer p = resolve(target);
        if (p.isNull() || p.isZeroSizePtr())
            return CallContext.result(c, Outcome.Status.OK, "kfree(" + target.text() + ") does nothing", null);
        if (p.pfn() < 0)
            return ctx.refuse(c, KernelReport.of(KernelReport.Kind.BUG, String.format("BUG: unable to handle page fault for address: %s%n"
                    + "(kfree() of 0x%x, which is not a direct-map address: virt_to_folio() computes a struct page for it and "
                    + "page_folio() reads that page's compound_head)", ctx.vm().format(faultAddressOfKfree(p.address())), p.address())
                    .replace(System.lineSeparator(), "\n")));
        long phys = physOf(p);
        KmemCache owner = slab.allocator().cacheOf(phys);        // before the free, which may discard its slab
        FreeResult result = slab.allocator().kfree(phys);
        return switch (result.status()) {
            case FREED -> objectFreed(c, phys, owner);
            case NOT_SLAB -> freeLargeKmalloc(c, p);
            default -> refusedSlab(c, result, phys);
        };
    }

    /**
     * Where kfree() of a pointer outside the direct map faults on x86_64: __pa() subtracts PAGE_OFFSET from an address
     * below __START_KERNEL_map (arch/x86/mm/physaddr.h), virt_to_page() indexes vmemmap with that pfn, and
     * page_folio() reads compound_head, 8 bytes into the 64-byte struct page, which vmemmap does not map for a pfn
     * beyond RAM. On i386 (FLATMEM, mem_map in lowmem) that read lands in mapped memory and does not fault where
     * the model can tell, so the model names the pointer itself.
     */
    private static final long START_KERNEL_MAP = 0xffffffff80000000L;

    private long faultAddressOfKfree(long address) {
        long pageOffset = ctx.vm().layout().pageOffset();
        if (mem.profile().bits() != 64 || Long.compareUnsigned(address, pageOffset) < 0
                || Long.compareUnsigned(address, START_KERNEL_MAP) >= 0) return address;
        long pfn = (address - pageOffset) >>> Profile.PAGE_SHIFT;
        return kmemviz.core.vm.AddressLayout.X86_64_VMEMMAP_START + pfn * 64 + 8;
    }

    private long physOf(Pointer p) {
        return ((long) p.pfn() << Profile.PAGE_SHIFT) + (p.address() & (Profile.PAGE_SIZE - 1));
    }

    private Outcome objectFreed(kmemviz.core.cmd.Command c, long phys, KmemCache owner) {
        Allocation a = mem.allocations().get(slab.objectId(phys));
        slab.objectRemoved(phys, c.text());
        if (a == null) {                          // an object of an imported slab: slabinfo named no allocation
            ctx.events().slabObjectFreed(owner.name(), phys, 0);
            return CallContext.result(c, Outcome.Status.OK, c.text() + ": " + owner.name() + " object (imported) back in its slab", null);
        }
        mem.removeObject(a);
        ctx.events().slabObjectFreed(a.cacheName(), phys, a.id());
        return CallContext.result(c, Outcome.Status.OK, c.text() + ": " + a.cacheName() + " object back in its slab", null);
    }

    /** Frees a live allocation without the checks (krealloc's move, a traced free). */
    void freeLive(Allocation old, String call) {
        if (old.isObject()) {
            slab.allocator().kfree(old.objectAddress());
            slab.objectRemoved(old.objectAddress(), call);
            mem.removeObject(old);
            ctx.events().slabObjectFreed(old.cacheName(), old.objectAddress(), old.id());
        } else {
            mem.freeBlock(old);
        }
    }

    /** free_large_kmalloc(): the folio holding the pointer goes back, whatever offset the pointer has. */
    private Outcome freeLargeKmalloc(kmemviz.core.cmd.Command c, Pointer p) {
        FrameTable frames = mem.frames();
        int pfn = p.pfn();
        Owner owner = frames.owner(pfn);
        int head = frames.blockHead(pfn);
        Allocation a = mem.allocations().get(frames.allocId(pfn));
        if (owner == Owner.KMALLOC_LARGE && a != null) {
            mem.freeBlock(a);
            return CallContext.result(c, Outcome.Status.OK, c.text() + String.format(": order-%d compound page at pfn 0x%x freed",
                    a.order(), a.pfn()), null);
        }
        if (owner == Owner.PAGES && a != null && head == pfn && (a.api() == Api.GET_FREE_PAGES || a.api() == Api.ALLOC_PAGES))
            return freePagesByKfree(c, p, a);
        if (owner == Owner.FREE || (owner != Owner.RESERVED && owner != Owner.HOLE && head != pfn))
            return ctx.refuse(c, BadPageReports.refcountZero(ctx.context(), ctx.taint(), pfn, c.text(), frames.allocId(pfn)));
        return ctx.refuse(c, BadPageReports.badPageState(ctx.context(), ctx.taint(), pfn, owner == Owner.HOLE ? Owner.RESERVED : owner,
                c.text(), frames.allocId(pfn)));
    }

    /**
     * kfree() of page-allocator memory: free_large_kmalloc() (mm/slub.c:4795-4809) puts the folio the pointer is in.
     * A block allocated with __GFP_COMP is a folio of its order and goes back whole, silently. Without it the head
     * page is a folio of order 0: WARN_ON_ONCE(order == 0) and pr_warn_once("object pointer") fire (once per boot),
     * and only that page is freed; the rest of a larger block had no reference of its own and is leaked.
     */
    private Outcome freePagesByKfree(kmemviz.core.cmd.Command c, Pointer p, Allocation a) {
        if ((a.gfp() & Gfp.COMP) != 0) {
            mem.freeBlock(a);
            return CallContext.result(c, Outcome.Status.OK, c.text() + String.format(": the order-%d compound page at pfn 0x%x "
                    + "went back as a folio, as free_large_kmalloc() does", a.order(), a.pfn()), null);
        }
        if (!slab.kfreeOfPageWarned) {
            slab.kfreeOfPageWarned = true;
            // %p hashes the pointer; the model prints it raw, as a kernel booted with no_hash_pointers does.
            ctx.events().report(KernelReport.of(KernelReport.Kind.WARNING, kmemviz.core.mm.KernelText.warning(
                    ctx.context(), ctx.taint(), "mm/slub.c:4799", "free_large_kmalloc+0x5e/0x90")
                    + "\nobject pointer: 0x" + Long.toHexString(p.address())));
        }
        if (a.order() == 0) {
            mem.freeBlock(a);
            return CallContext.result(c, Outcome.Status.OK, c.text() + ": freed the page (a non-compound page is a folio of order 0)", null);
        }
        long leaked = mem.freeHeadPages(a, 0, "(leaked by " + c.text() + ")");
        return CallContext.result(c, Outcome.Status.OK, String.format("%s: freed the head page only (a non-compound block is a folio "
                + "of order 0); the other %d pages of the order-%d block are leaked, as in the kernel", c.text(), leaked, a.order()), null);
    }

    /** SLUB's report for a double free or a pointer into the middle of an object; nothing changes. */
    private Outcome refusedSlab(kmemviz.core.cmd.Command c, FreeResult result, long phys) {
        StringBuilder text = new StringBuilder(String.join("\n", result.report()));
        KmemCache cache = slab.allocator().cacheOf(phys);
        long start = cache == null ? phys : cache.objectStart(phys);
        int liveId = slab.objectId(start);
        String freedBy = slab.freedBy(start);
        text.append("\n(kmemviz: ").append(c.text());
        if (result.status() == FreeResult.Status.ALREADY_FREE && freedBy != null)
            text.append(" hit an object already freed by ").append(freedBy);
        else if (liveId != 0)
            text.append(" points inside the object of ").append(mem.allocations().get(liveId).call());
        text.append("; the model refused it and changed nothing)");
        KernelReport report = new KernelReport(KernelReport.Kind.BUG, result.report().isEmpty() ? c.text() : firstBugLine(result.report()),
                text.toString(), (int) (phys >>> Profile.PAGE_SHIFT), liveId);
        return ctx.refuse(c, report);
    }

    private static String firstBugLine(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("BUG ")).findFirst().orElse(lines.get(0));
    }

    // ---- kmem caches ----

    private Outcome cacheCreate(KmemCacheCreate cc) {
        ctx.mightSleep("kernel/locking/mutex.c:283");
        CacheCreateResult r = slab.allocator().kmemCacheCreate(cc.name(), cc.size());
        reportLines(r.report(), KernelReport.Kind.WARNING);
        if (r.cache() == null) {
            ctx.bind(cc.variable(), Pointer.nullOf(Pointer.Kind.CACHE));
            return CallContext.result(cc, Outcome.Status.NULL_RESULT, cc.text() + " returned NULL", null);
        }
        ctx.bind(cc.variable(), new Pointer(Pointer.Kind.CACHE, FrameTable.NO_PFN, 0, slab.refer(r.cache())));
        var g = r.cache().geometry();
        return CallContext.result(cc, Outcome.Status.OK, String.format("%s: objects of %d bytes, %d per slab of %d page%s", cc.name(),
                g.size(), g.objectsPerSlab(), g.pagesPerSlab(), g.pagesPerSlab() == 1 ? "" : "s"), null);
    }

    /** The kmem_cache a variable names; a variable that names none ends the command with an error. */
    private KmemCache cache(String variable) {
        Pointer p = ctx.pointer(variable);
        KmemCache cache = p.kind() == Pointer.Kind.CACHE ? slab.cacheByRef(p.allocId()) : null;
        if (cache == null) throw new CallError(variable + " is not a kmem_cache"
                + (p.kind() == Pointer.Kind.CACHE && p.allocId() == 0 ? " (kmem_cache_create returned NULL)" : ""));
        return cache;
    }

    private Outcome cacheAlloc(KmemCacheAlloc ca) {
        KmemCache cache = cache(ca.cache());
        if (!slab.allocator().caches().contains(cache))
            return CallContext.result(ca, Outcome.Status.ERROR, ca.cache() + " was destroyed: using it is a use-after-free", null);
        var invalid = Gfp.invalidReason(ca.gfp());
        if (invalid.isPresent()) return CallContext.result(ca, Outcome.Status.ERROR, invalid.get(), null);
        ctx.mightAlloc(ca.gfp());
        return objectFrom(ca, ca.variable(), cache, Api.KMEM_CACHE_ALLOC, ca.gfp(), 0, ca.caller(), ca.text(), cache.geometry().objectSize());
    }

    private Outcome cacheFree(KmemCacheFree cf) {
        KmemCache cache = cache(cf.cache());
        Pointer p = resolve(cf.target());
        if (p.isNull() || p.pfn() < 0)
            return ctx.refuse(cf, KernelReport.of(KernelReport.Kind.BUG, "BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
                    + "(kmem_cache_free() has no NULL check, unlike kfree())"));
        long phys = physOf(p);
        KmemCache owner = slab.allocator().cacheOf(phys);        // before the free, which may discard its slab
        FreeResult result = slab.allocator().kmemCacheFree(cache, phys);
        reportLines(result.status() == FreeResult.Status.WRONG_CACHE ? result.report() : List.of(), KernelReport.Kind.WARNING);
        if (result.freed()) return objectFreed(cf, phys, owner);
        if (result.status() == FreeResult.Status.NOT_SLAB) {
            reportLines(result.report(), KernelReport.Kind.WARNING);
            return CallContext.result(cf, Outcome.Status.REFUSED, cf.target().text() + " is not a slab object: nothing freed", null);
        }
        return refusedSlab(cf, result, phys);
    }

    private Outcome cacheDestroy(KmemCacheDestroy cd) {
        KmemCache cache = cache(cd.cache());
        if (!slab.allocator().caches().contains(cache))
            return CallContext.result(cd, Outcome.Status.ERROR, cd.cache() + " was already destroyed", null);
        ctx.mightSleep("kernel/locking/mutex.c:283");
        DestroyResult r = slab.allocator().kmemCacheDestroy(cache, "insmod");
        reportLines(r.report(), KernelReport.Kind.BUG);
        return CallContext.result(cd, Outcome.Status.OK, r.destroyed() ? cache.name() + " destroyed"
                : cache.name() + " still had objects: unlinked and leaked, as the kernel does", null);
    }

    private void reportLines(List<String> lines, KernelReport.Kind kind) {
        if (lines.isEmpty()) return;
        String headline = lines.stream().filter(l -> l.startsWith("BUG ") || l.startsWith("WARNING")).findFirst().orElse(lines.get(0));
        ctx.events().report(new KernelReport(kind, headline, String.join("\n", lines), FrameTable.NO_PFN, 0));
    }
}
