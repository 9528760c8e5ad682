package kmemviz.core.kernel;

import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Compact;
import kmemviz.core.cmd.FreePages;
import kmemviz.core.cmd.Release;
import kmemviz.core.cmd.UserMemoryCommand;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Zone;

/**
 * The page-level calls of the kernel API (include/linux/gfp.h, mm/page_alloc.c) with the checks the kernel
 * makes around them: might_alloc()'s sleeping check, gfp_zone()'s invalid combinations, and the reports a bad
 * free produces. A refused call changes nothing.
 */
final class PageCalls {
    private final CallContext ctx;
    private final PhysicalMemory mem;

    PageCalls(CallContext ctx) {
        this.ctx = ctx;
        this.mem = ctx.memory();
    }

    Outcome alloc(AllocPages a) {
        int gfp = switch (a.flavor()) {
            case ALLOC_PAGES -> a.gfp();
            // __get_free_pages() cannot return HighMem, which has no address: it masks the bit off.
            case GET_FREE_PAGES -> a.gfp() & ~Gfp.HIGHMEM;
            case GET_ZEROED_PAGE -> (a.gfp() | Gfp.ZERO) & ~Gfp.HIGHMEM;
        };
        var invalid = Gfp.invalidReason(gfp);
        if (invalid.isPresent()) return CallContext.result(a, Outcome.Status.ERROR, invalid.get(), null);
        // __alloc_pages_noprof() refuses an order above MAX_PAGE_ORDER before prepare_alloc_pages()'s might_alloc().
        if (a.order() <= kmemviz.core.mm.BuddyAllocator.MAX_PAGE_ORDER) ctx.mightAlloc(gfp);
        Api api = a.flavor() == AllocPages.Flavor.ALLOC_PAGES ? Api.ALLOC_PAGES : Api.GET_FREE_PAGES;
        Allocation got = mem.allocBlock(api, a.text(), gfp, a.order(), Owner.PAGES, ctx.context(), a.caller(),
                null, (long) kmemviz.core.mm.Profile.PAGE_SIZE << a.order());
        Pointer.Kind kind = api == Api.ALLOC_PAGES ? Pointer.Kind.PAGE : Pointer.Kind.ADDRESS;
        if (got == null) {
            ctx.bind(a.variable(), Pointer.nullOf(kind));
            return CallContext.result(a, Outcome.Status.NULL_RESULT, a.text() + " returned NULL", null);
        }
        long direct = ctx.vm().directMapAddress(got.pfn());
        long address = direct == VmState.NO_ADDRESS ? 0 : direct;                    // HighMem has no address
        ctx.bind(a.variable(), new Pointer(kind, got.pfn(), address, got.id()));
        String where = api == Api.ALLOC_PAGES ? String.format("pfn 0x%x", got.pfn())
                : ctx.vm().format(address) + String.format(" (pfn 0x%x)", got.pfn());
        return CallContext.result(a, Outcome.Status.OK, a.text() + " -> " + where + " in " + mem.zoneOf(got.pfn()).name(), got);
    }

    Outcome free(FreePages f) {
        Pointer p;
        if (f.target().isVariable()) {
            p = ctx.pointer(f.target().variable());
            if (p.kind() == Pointer.Kind.HANDLE)
                return CallContext.result(f, Outcome.Status.ERROR, f.target().variable() + " is user memory, not a kernel allocation", null);
            if (f.byAddress() && p.kind() == Pointer.Kind.PAGE)
                return CallContext.result(f, Outcome.Status.ERROR, "free_pages() takes an address, but " + f.target().variable()
                        + " is a struct page * from alloc_pages(): use __free_pages(" + f.target().variable() + ", " + f.order() + ")", null);
            if (!f.byAddress() && p.kind() == Pointer.Kind.ADDRESS)
                return CallContext.result(f, Outcome.Status.ERROR, "__free_pages() takes a struct page *, but " + f.target().variable()
                        + " is an address from __get_free_pages(): use free_pages(" + f.target().variable() + ", " + f.order() + ")", null);
        } else {
            long address = f.target().address();
            p = new Pointer(Pointer.Kind.ADDRESS, ctx.vm().directMapPfn(address), address, 0);
        }
        if (p.isNull()) {
            if (f.byAddress()) return CallContext.result(f, Outcome.Status.OK, "free_pages(0) does nothing", null);
            return ctx.refuse(f, KernelReport.of(KernelReport.Kind.BUG,
                    "BUG: kernel NULL pointer dereference, address: 0000000000000034\n(__free_pages() was given NULL)"));
        }
        if (p.pfn() < 0)
            return ctx.refuse(f, KernelReport.of(KernelReport.Kind.BUG, "kernel BUG at mm/page_alloc.c:4955!\n"
                    + "(VM_BUG_ON(!virt_addr_valid(addr)) in free_pages(): 0x" + Long.toHexString(p.address())
                    + " is not a direct-map address of RAM)"));
        return freeAt(f, p.pfn(), f.order());
    }

    private Outcome freeAt(FreePages f, int pfn, int order) {
        FrameTable frames = mem.frames();
        ExecContext exec = ctx.context();
        Owner owner = frames.owner(pfn);
        int head = frames.blockHead(pfn);
        int id = frames.allocId(pfn);
        if (owner == Owner.FREE || (owner != Owner.RESERVED && owner != Owner.HOLE && head != pfn))
            return ctx.refuse(f, BadPageReports.refcountZero(exec, ctx.taint(), pfn, f.text(), id));
        if (owner == Owner.RESERVED || owner == Owner.HOLE)
            return ctx.refuse(f, BadPageReports.badPageState(exec, ctx.taint(), pfn, Owner.RESERVED, f.text(), 0));
        Allocation a = mem.allocations().get(id);
        if (a.api() != Api.ALLOC_PAGES && a.api() != Api.GET_FREE_PAGES)
            return ctx.refuse(f, BadPageReports.badPageState(exec, ctx.taint(), pfn, owner, f.text(), id));
        if (a.order() != order) {
            if (order > a.order() || (a.gfp() & Gfp.COMP) != 0)
                return ctx.refuse(f, KernelReport.of(KernelReport.Kind.WARNING, String.format(
                        "kmemviz: %s gives order %d, but the block at pfn 0x%x was allocated with order %d%s.%n"
                        + "The kernel does not check this: it would free %d pages instead of %d and corrupt its free lists. "
                        + "The model refused the call and changed nothing.", f.text(), order, pfn, a.order(),
                        (a.gfp() & Gfp.COMP) != 0 ? " as a compound page" : "", 1 << order, 1 << a.order())
                        .replace(System.lineSeparator(), "\n")));
            long leaked = mem.freeHeadPages(a, order, "(leaked by " + f.text() + ")");
            return CallContext.result(f, Outcome.Status.OK, String.format("%s: %d page%s back to %s; the other %d pages of "
                    + "the order-%d block had no reference of their own and are leaked, as in the kernel", f.text(), 1 << order,
                    order == 0 ? "" : "s", mem.zoneOf(pfn).name(), leaked, a.order()), null);
        }
        mem.freeBlock(a);
        return CallContext.result(f, Outcome.Status.OK, f.text() + String.format(": %d page%s back to %s", 1 << order,
                order == 0 ? "" : "s", mem.zoneOf(pfn).name()), null);
    }

    Outcome userMemory(UserMemoryCommand u) {
        Allocation a = u.kind() == UserMemoryCommand.Kind.USER_PROCESS
                ? mem.spawnProcess(u.name(), u.nrPages(), u.text())
                : mem.readFile(u.name(), u.nrPages(), u.text());
        if (mem.allocations().get(a.id()) == null) {
            ctx.bind(u.variable(), new Pointer(Pointer.Kind.HANDLE, FrameTable.NO_PFN, 0, a.id()));
            return CallContext.result(u, Outcome.Status.OK, u.name() + " was killed by the OOM killer while faulting in its pages", null);
        }
        ctx.bind(u.variable(), new Pointer(Pointer.Kind.HANDLE, FrameTable.NO_PFN, 0, a.id()));
        String got = a.nrPages() == u.nrPages() ? a.nrPages() + " pages"
                : a.nrPages() + " of " + u.nrPages() + " pages (memory ran out)";
        return CallContext.result(u, Outcome.Status.OK, u.name() + ": " + got, a);
    }

    /** compact, or compact zone Z: compact_memory's run, with the pages it moved and what it scanned. */
    Outcome compact(Compact c) {
        Zone zone = null;
        if (c.zone() != null) {
            for (Zone z : mem.zones()) if (z.type() == c.zone() && z.isPopulated()) zone = z;
            if (zone == null)
                return CallContext.result(c, Outcome.Status.ERROR, c.text() + ": this machine has no populated zone " + c.zone().kernelName(), null);
        }
        var stats = mem.compaction().stats();
        long moved = stats.pgmigrateSuccess(), scanned = stats.migrateScanned(), freeScanned = stats.freeScanned();
        mem.compact(zone);
        return CallContext.result(c, Outcome.Status.OK, String.format("%s: %d pages moved; the migration scanner looked at %d pages,"
                + " the free scanner at %d", c.text(), stats.pgmigrateSuccess() - moved, stats.migrateScanned() - scanned,
                stats.freeScanned() - freeScanned), null);
    }

    Outcome release(Release r) {
        Pointer p = ctx.pointer(r.variable());
        Allocation a = mem.allocations().get(p.allocId());
        boolean wantProcess = r.flavor() == Release.Flavor.EXIT_PROCESS;
        if (p.kind() != Pointer.Kind.HANDLE || a != null && (a.api() == Api.USER_PROCESS) != wantProcess)
            return CallContext.result(r, Outcome.Status.ERROR, r.variable() + " is not a " + (wantProcess ? "user process" : "cached file"), null);
        if (a == null) return CallContext.result(r, Outcome.Status.ERROR, r.variable() + " is already gone", null);
        mem.releaseScattered(a);
        return CallContext.result(r, Outcome.Status.OK, r.text() + ": " + a.nrPages() + " pages freed", null);
    }
}
