package kmemviz.core.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.CreateTask;
import kmemviz.core.cmd.ExitTask;
import kmemviz.core.cmd.Kmap;
import kmemviz.core.cmd.Kunmap;
import kmemviz.core.cmd.TlbCommand;
import kmemviz.core.cmd.Touch;
import kmemviz.core.cmd.Translate;
import kmemviz.core.cmd.Vfree;
import kmemviz.core.cmd.Vmalloc;
import kmemviz.core.cmd.VmCommand;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.KernelText;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.vm.Pkmap;
import kmemviz.core.vm.TlbCosts;
import kmemviz.core.vm.VmallocResult;
import kmemviz.core.vm.VmapArea;
import kmemviz.core.vm.Walk;
import kmemviz.core.vm.WalkStep;
import kmemviz.core.vm.Workload;
import kmemviz.core.vm.WorkloadSummary;

/**
 * vmalloc and its kin (mm/vmalloc.c, mm/util.c), task stacks (kernel/fork.c), kmap (mm/highmem.c), page walks
 * and TLB workloads on the model, with the kernel's context rules and messages. A refused call changes nothing.
 */
final class VmCalls implements VmCommand.Visitor<Outcome> {
    private static final int THREADINFO_GFP = Gfp.KERNEL_ACCOUNT | Gfp.ZERO;
    /**
     * alloc_thread_stack_node() passes __builtin_return_address(0) after being inlined with dup_task_struct() into
     * copy_process(), so vmallocinfo names copy_process()'s caller, as real files show ("kernel_clone+0x5c/0x3b8
     * pages=4 vmalloc N0=4"; "_do_fork+0xcf/0x3a0" before 5.10). The offsets vary by build; these are the model's.
     */
    private static final String TASK_STACK_CALLER = "kernel_clone+0x9c/0x3e0";

    private final CallContext ctx;
    private final PhysicalMemory mem;
    private final VmState vm;
    private final Progress progress;

    /** @param progress where a long touch reports accesses done of total and learns to stop */
    VmCalls(CallContext ctx, Progress progress) {
        this.ctx = ctx;
        this.mem = ctx.memory();
        this.vm = ctx.vm();
        this.progress = progress;
    }

    @Override public Outcome visit(Vmalloc v) { return vmallocFamily(v); }

    @Override public Outcome visit(Vfree f) { return vfree(f); }

    @Override public Outcome visit(CreateTask t) { return createTask(t); }

    @Override public Outcome visit(ExitTask e) { return exitTask(e); }

    @Override public Outcome visit(Kmap k) { return kmap(k); }

    @Override public Outcome visit(Kunmap k) { return kunmap(k); }

    @Override public Outcome visit(Translate t) { return translate(t); }

    @Override public Outcome visit(Touch t) { return touch(t); }

    @Override public Outcome visit(TlbCommand c) { return tlb(c); }

    private boolean inInterrupt() {
        return ctx.context() == ExecContext.SOFTIRQ || ctx.context() == ExecContext.HARDIRQ;
    }

    // ---- vmalloc, vzalloc, kvmalloc, kvzalloc ----

    private Outcome vmallocFamily(Vmalloc v) {
        int gfp = v.effectiveGfp();
        var invalid = Gfp.invalidReason(gfp);
        if (invalid.isPresent()) return CallContext.result(v, Outcome.Status.ERROR, invalid.get(), null);
        if (v.flavor().takesGfp()) return kvmalloc(v, gfp);
        return vmalloc(v, v.variable(), v.size(), gfp, v.caller(), Api.VMALLOC, Owner.VMALLOC, 1);
    }

    /**
     * kvmalloc(): kmalloc first, told not to try hard for more than a page (kmalloc_gfp_adjust()); then vmalloc,
     * but only for callers that may sleep. The model's fallback maps 4 KiB pages; the kernel's may use 2 MiB
     * ones (VM_ALLOW_HUGE_VMAP).
     */
    private Outcome kvmalloc(Vmalloc v, int gfp) {
        int first = gfp;
        if (v.size() > Profile.PAGE_SIZE) {
            first |= Gfp.NOWARN;
            if ((gfp & Gfp.RETRY_MAYFAIL) == 0) first |= Gfp.NORETRY;
            first &= ~Gfp.NOFAIL;
        }
        SlabCalls slab = new SlabCalls(ctx);
        Outcome viaKmalloc = slab.allocate(v, v.variable(), v.size(), first, v.caller(), v.text());
        if (viaKmalloc.status() == Outcome.Status.OK || v.size() <= Profile.PAGE_SIZE || !Gfp.allowBlocking(gfp))
            return viaKmalloc;
        if (v.size() > Integer.MAX_VALUE) {
            if ((gfp & Gfp.NOWARN) == 0) ctx.events().report(KernelReport.of(KernelReport.Kind.WARNING,
                    KernelText.warning(ctx.context(), ctx.taint(), "mm/util.c:650", "__kvmalloc_node_noprof")));
            return viaKmalloc;
        }
        Outcome fallback = vmalloc(v, v.variable(), v.size(), gfp, v.caller(), Api.VMALLOC, Owner.VMALLOC, 1);
        // The kmalloc attempt has already run (and may have reclaimed), so this is no longer a call that changed nothing.
        return fallback.status() == Outcome.Status.REFUSED
                ? CallContext.result(v, Outcome.Status.NULL_RESULT, fallback.message(), null) : fallback;
    }

    /**
     * __vmalloc_node_range(): a virtual range with a guard page, order-0 pages from anywhere (HighMem allowed
     * unless a DMA zone is asked for), one PTE per page. Interrupt context is a BUG; holding a spinlock trips
     * might_sleep().
     */
    private Outcome vmalloc(Command c, String variable, long size, int gfp, String caller, Api api, Owner owner, long align) {
        return vmalloc(c, variable, size, gfp, caller, symbol(caller), api, owner, align);
    }

    /**
     * The caller as %pS prints a return address, "function+0xoffset/0xsize [module]": the script's caller label, or
     * the module's init function when it names none (scripts run as insmod'ed code). The model has no machine code,
     * so offset and size are fixed placeholders; a label that already has them is printed as given.
     */
    private static String symbol(String caller) {
        if (caller.contains("+0x")) return caller;
        return (caller.isEmpty() ? "kmemviz_init" : caller) + "+0x1a/0x40 [kmemviz]";
    }

    /** @param symbol what /proc/vmallocinfo prints as the caller (%pS) */
    private Outcome vmalloc(Command c, String variable, long size, int gfp, String caller, String symbol, Api api,
                            Owner owner, long align) {
        if (inInterrupt()) return ctx.refuse(c, KernelReport.of(KernelReport.Kind.BUG, kmemviz.core.vm.Vmalloc.vmallocInInterruptMessage()
                + "\n(BUG_ON(in_interrupt()) in __get_vm_area_node(): vmalloc cannot be used from " + ctx.context().keyword()
                + " context)\n" + KernelText.dumpStackHeader(ctx.context(), ctx.taint())));
        // __get_vm_area_node() first kzalloc()s the vm_struct with the caller's reclaim bits, whose might_alloc()
        // fires (include/linux/sched/mm.h:321); a mask that cannot block gets as far as alloc_vmap_area()'s
        // might_sleep() (mm/vmalloc.c:2030).
        if (Gfp.allowBlocking(gfp)) ctx.mightAlloc(gfp);
        else ctx.mightSleep("mm/vmalloc.c:2030");
        if (size == 0 && !vm.zeroSizeWarned) {
            vm.zeroSizeWarned = true;
            ctx.events().report(KernelReport.of(KernelReport.Kind.WARNING,
                    KernelText.warning(ctx.context(), ctx.taint(), "mm/vmalloc.c:3838", "__vmalloc_node_range_noprof+0x6e5/0x7a0")));
        }
        // __vmalloc_area_node(): __GFP_HIGHMEM unless a DMA zone is asked for; the pages themselves are asked for
        // with __GFP_NOWARN, and a failure is reported once, as "vmalloc error", with the HIGHMEM mask.
        int areaGfp = (gfp & (Gfp.DMA | Gfp.DMA32)) == 0 ? gfp | Gfp.HIGHMEM : gfp;
        int pageGfp = areaGfp | Gfp.NOWARN;
        Allocation a = mem.beginScattered(api, owner, c.text(), gfp, ctx.context(), caller.isEmpty() ? variable : caller, size);
        Set<Long> before = areaStarts();
        vm.vmalloc().setAreaObjects(new SlabAreaObjects(gfp, caller.isEmpty() ? variable : caller));
        VmallocResult r;
        try {
            r = vm.vmalloc().vmallocNodeRange(size, Math.max(align, Profile.PAGE_SIZE), false, pageGfp,
                    symbol, vm.frames().buildInto(a, ctx.context()));
        } finally {
            vm.vmalloc().setAreaObjects(null);
        }
        if (!r.ok()) {
            mem.endScattered(a);
            if ((gfp & Gfp.NOWARN) == 0 && !r.warnings().isEmpty()) warnVmalloc(gfp, areaGfp, r.warnings());
            ctx.bind(variable, Pointer.nullOf(Pointer.Kind.ADDRESS));
            return CallContext.result(c, Outcome.Status.NULL_RESULT, c.text() + " returned NULL", null);
        }
        vm.vmallocIds.put(r.addr(), a.id());
        for (VmapArea area : vm.vmalloc().areas()) {
            if (before.contains(area.start())) continue;
            int[] pfns = vm.vmalloc().pagesOf(area.start());
            for (int i = 0; i < pfns.length; i++)
                ctx.events().pageMapped(area.start() + (long) i * Profile.PAGE_SIZE, pfns[i], Profile.PAGE_SHIFT);
        }
        ctx.bind(variable, new Pointer(Pointer.Kind.ADDRESS, FrameTable.NO_PFN, r.addr(), a.id()));
        return CallContext.result(c, Outcome.Status.OK, String.format("%s -> %s: %d pages, each mapped by its own PTE, + a guard page",
                c.text(), vm.format(r.addr()), r.area().nrPages()), a);
    }

    /**
     * vmalloc's own objects through the slab layer, booked per area start in {@link VmState}: the vm_struct from
     * kmalloc (kzalloc_node(sizeof(*area)) in __get_vm_area_node(); 72 bytes on x86_64, so kmalloc-96, 36 on i386,
     * so kmalloc-64, by the field list of struct vm_struct in include/linux/vmalloc.h), the vmap_area from the
     * "vmap_area" cache (vmap_area_cachep, KMEM_CACHE(vmap_area) in vmalloc_init(); 72 / 36 bytes), and a pages[]
     * array of at most PAGE_SIZE from kmalloc (__vmalloc_area_node()). All with the caller's GFP_RECLAIM_MASK bits.
     * vfree() gives them back at once: see the class comment of {@link kmemviz.core.vm.Vmalloc} for the lazy purge
     * the model does not wait for. The model creates the vmap_area cache on first use (the kernel at boot).
     */
    private final class SlabAreaObjects implements kmemviz.core.vm.Vmalloc.AreaObjects {
        private static final int RECLAIM_MASK = Gfp.RECLAIM | Gfp.HIGH | Gfp.IO | Gfp.FS | Gfp.NOWARN
                | Gfp.RETRY_MAYFAIL | Gfp.NOFAIL | Gfp.NORETRY | Gfp.MEMALLOC | Gfp.NOMEMALLOC;
        private final SlabCalls slab = new SlabCalls(ctx);
        private final int gfp;
        private final String caller;
        private final int structBytes = mem.profile().bits() == 64 ? 72 : 36;

        SlabAreaObjects(int callerGfp, String caller) {
            this.gfp = callerGfp & RECLAIM_MASK;
            this.caller = caller;
        }

        @Override public boolean getArea(long start) {
            Allocation vmStruct = slab.newObject(ctx.slab().kmallocCache(structBytes, false), Api.KMALLOC, gfp | Gfp.ZERO,
                    null, caller, "kzalloc_node(sizeof(struct vm_struct)) in __get_vm_area_node()", structBytes);
            if (vmStruct == null) return false;
            Allocation va = slab.newObject(vmapAreaCache(), Api.KMEM_CACHE_ALLOC, gfp, null, caller,
                    "kmem_cache_alloc_node(vmap_area_cachep) in alloc_vmap_area()", structBytes);
            if (va == null) {
                slab.freeLive(vmStruct, "kfree(area)");
                return false;
            }
            vm.vmallocObjects.put(start, new int[] {vmStruct.id(), va.id(), 0});
            return true;
        }

        @Override public boolean getArray(long start, long bytes) {
            Allocation array = slab.newObject(ctx.slab().kmallocCache(bytes, false), Api.KMALLOC, gfp | Gfp.ZERO, null,
                    caller, "kmalloc_node(array_size) in __vmalloc_area_node()", bytes);
            if (array == null) return false;
            vm.vmallocObjects.get(start)[2] = array.id();
            return true;
        }

        @Override public void put(long start) {
            int[] ids = vm.vmallocObjects.remove(start);
            if (ids == null) return;                       // an area imported from /proc: its objects were never booked
            String[] frees = {"kfree(area)", "kmem_cache_free(vmap_area_cachep)", "kvfree(area->pages)"};
            for (int i : new int[] {2, 0, 1}) {
                Allocation o = ids[i] == 0 ? null : mem.allocations().get(ids[i]);
                if (o != null) slab.freeLive(o, frees[i]);
            }
        }

        private kmemviz.core.slab.KmemCache vmapAreaCache() {
            var allocator = ctx.slab().allocator();
            var cache = allocator.cache("vmap_area");
            return cache != null ? cache : allocator.kmemCacheCreate("vmap_area", structBytes).cache();
        }
    }

    private Set<Long> areaStarts() {
        Set<Long> s = new HashSet<>();
        for (VmapArea area : vm.vmalloc().areas()) s.add(area.start());
        return s;
    }

    /**
     * warn_alloc() around vmalloc's own message: "insmod: vmalloc error: ..., mode:0x...(...), nodemask=(null)".
     * Failures before the area exists (size, vm_struct) print the caller's mask; the page and mapping failures of
     * __vmalloc_area_node() print it with the __GFP_HIGHMEM that function added.
     */
    private void warnVmalloc(int callerGfp, int areaGfp, List<String> warnings) {
        StringBuilder text = new StringBuilder();
        for (String w : warnings) {
            boolean viaWarnAlloc = w.startsWith("vmalloc error:");
            int gfp = w.contains("exceeds total pages") || w.contains("vm_struct allocation failed") ? callerGfp : areaGfp;
            text.append(viaWarnAlloc ? ctx.context().comm() + ": " + w + ", mode:0x" + Integer.toHexString(gfp) + "("
                    + Gfp.format(gfp) + "), nodemask=(null),cpuset=/,mems_allowed=0" : w).append('\n');
        }
        text.append(KernelText.dumpStackHeader(ctx.context(), ctx.taint()));
        ctx.events().report(KernelReport.of(KernelReport.Kind.ALLOC_FAILURE, text.toString()));
    }

    // ---- vfree, kvfree ----

    private Outcome vfree(Vfree f) {
        Pointer p;
        if (f.target().isVariable()) {
            p = ctx.pointer(f.target().variable());
        } else {
            p = new Pointer(Pointer.Kind.ADDRESS, vm.directMapPfn(f.target().address()), f.target().address(), 0);
        }
        if (p.isNull()) return CallContext.result(f, Outcome.Status.OK, f.text() + " does nothing", null);
        boolean vmallocAddress = p.address() >= vm.layout().vmallocStart() && p.address() < vm.layout().vmallocEnd();
        if (f.kv() && !vmallocAddress) return new SlabCalls(ctx).kfree(f, f.target());
        return release(f, p.address(), Api.VMALLOC);
    }

    /** vfree(): unmap every page, flush the range from the TLB, give the pages back. */
    private Outcome release(Command c, long addr, Api api) {
        VmapArea area = vm.vmalloc().areaContaining(addr);
        int id = area != null && area.start() == addr ? vm.vmallocId(addr) : 0;
        Allocation a = id == 0 ? null : mem.allocations().get(id);
        if (a != null && a.api() != api)
            return ctx.refuse(c, KernelReport.of(KernelReport.Kind.NOTE, String.format("kmemviz: %s: %s is the %s of "
                    + "%s; the kernel would free it and leave its owner using freed memory. The model refused the call "
                    + "and changed nothing: use %s().", c.text(), vm.format(addr), a.owner().label(), a.call(), a.api().freeFunction())));
        if (a == null) return ctx.refuse(c, badVfree(addr));
        // vfree() in interrupt context hands the area to vfree_atomic() (mm/vmalloc.c:3413-3416), whose work item
        // frees it in process context; the model runs that work right away, as if it were scheduled next.
        boolean deferred = inInterrupt();
        if (!deferred) ctx.mightSleep("mm/vmalloc.c:3419");
        long arrayStart = nestedArrayStart(area);
        emitUnmapped(addr);
        if (arrayStart != 0) emitUnmapped(arrayStart);
        vm.vmalloc().setAreaObjects(new SlabAreaObjects(Gfp.KERNEL, a.caller()));
        try {
            vm.vmalloc().vfree(addr, vm.frames().buildInto(a, ctx.context()));
        } finally {
            vm.vmalloc().setAreaObjects(null);
        }
        vm.vmallocIds.remove(addr);
        mem.endScattered(a);
        return CallContext.result(c, Outcome.Status.OK, String.format("%s: %s%d pages unmapped, TLB flushed for the range, pages freed",
                c.text(), deferred ? "deferred to vfree_atomic()'s work item, which runs next: " : "", area.nrPages()), null);
    }

    /**
     * What vfree() prints for an address that starts no vm area: remove_vm_area() warns about an unaligned one,
     * then vfree() about the missing area (mm/vmalloc.c). Nothing is freed.
     */
    private KernelReport badVfree(long addr) {
        String where = "WARNING: CPU: 0 PID: " + ctx.context().pid() + " at ";
        StringBuilder text = new StringBuilder();
        if ((addr & (Profile.PAGE_SIZE - 1)) != 0)
            text.append("------------[ cut here ]------------\nTrying to vfree() bad address (").append(vm.format(addr))
                    .append(")\n").append(where).append("mm/vmalloc.c:3291 remove_vm_area+0x11e/0x130\n");
        text.append("------------[ cut here ]------------\nTrying to vfree() nonexistent vm area (").append(vm.format(addr))
                .append(")\n").append(where).append("mm/vmalloc.c:3426 vfree+0x1a8/0x2a0\n(kmemviz: nothing was freed)");
        KernelReport r = KernelReport.of(KernelReport.Kind.WARNING, text.toString());
        return new KernelReport(r.kind(), text.toString().lines().skip(1).findFirst().orElse(""), r.text(), r.pfn(), r.allocId());
    }

    /** The vmalloc'ed pages[] array of a big area: the first area after it holding that many pointers' pages. */
    private long nestedArrayStart(VmapArea area) {
        if (!area.vpages()) return 0;
        Allocation a = mem.allocations().get(vm.vmallocId(area.start()));
        int[] mine = vm.vmalloc().pagesOf(area.start());
        for (VmapArea other : vm.vmalloc().areas()) {
            if (other.start() == area.start() || vm.vmallocId(other.start()) != 0) continue;
            int[] theirs = vm.vmalloc().pagesOf(other.start());
            if (theirs != null && theirs.length > 0 && a.pages().size() == mine.length + theirs.length
                    && mem.frames().allocId(theirs[0]) == a.id()) return other.start();
        }
        return 0;
    }

    private void emitUnmapped(long start) {
        int[] pfns = vm.vmalloc().pagesOf(start);
        for (int i = 0; i < pfns.length; i++) ctx.events().pageUnmapped(start + (long) i * Profile.PAGE_SIZE, pfns[i]);
    }

    // ---- task stacks ----

    /**
     * alloc_thread_stack_node(): on x86_64 (VMAP_STACK) a vmalloc'ed THREAD_SIZE of 16 KiB aligned to itself, with
     * its guard page; on i386 an order-1 block (8 KiB) straight from the page allocator.
     */
    private Outcome createTask(CreateTask t) {
        if (mem.profile().bits() == 64)
            return vmalloc(t, t.variable(), 16 * 1024, THREADINFO_GFP & ~Gfp.ACCOUNT, t.name(), TASK_STACK_CALLER,
                    Api.TASK_STACK, Owner.TASK_STACK, 16 * 1024);
        ctx.mightAlloc(THREADINFO_GFP);
        Allocation a = mem.allocBlock(Api.TASK_STACK, t.text(), THREADINFO_GFP, 1, Owner.TASK_STACK, ctx.context(),
                t.name(), null, 8 * 1024);
        if (a == null) {
            ctx.bind(t.variable(), Pointer.nullOf(Pointer.Kind.ADDRESS));
            return CallContext.result(t, Outcome.Status.NULL_RESULT, t.text() + ": no memory for the stack (fork fails with -ENOMEM)", null);
        }
        ctx.bind(t.variable(), new Pointer(Pointer.Kind.ADDRESS, a.pfn(), vm.directMapAddress(a.pfn()), a.id()));
        return CallContext.result(t, Outcome.Status.OK, String.format("%s: an 8 KiB stack, order-1 block at pfn 0x%x", t.name(), a.pfn()), a);
    }

    private Outcome exitTask(ExitTask e) {
        Pointer p = ctx.pointer(e.variable());
        Allocation a = mem.allocations().get(p.allocId());
        if (a == null || a.api() != Api.TASK_STACK)
            return CallContext.result(e, Outcome.Status.ERROR, e.variable() + (a == null ? " has already exited" : " is not a task"), null);
        if (a.isBlock()) {
            mem.freeBlock(a);
            return CallContext.result(e, Outcome.Status.OK, a.caller() + " exited; its stack is free", null);
        }
        return release(e, p.address(), Api.TASK_STACK);
    }

    // ---- kmap, kunmap ----

    private Pointer page(String variable) {
        Pointer p = ctx.pointer(variable);
        return p != null && p.kind() == Pointer.Kind.PAGE && !p.isNull() ? p : null;
    }

    /** kmap(): a lowmem page already has its direct-map address; a HighMem page gets a pkmap slot (kmap_high()). */
    private Outcome kmap(Kmap k) {
        Pointer p = page(k.page());
        if (p == null) return CallContext.result(k, Outcome.Status.ERROR, k.page() + " is not a struct page * from alloc_pages()", null);
        // kmap() is inline: its might_sleep() is in include/linux/highmem-internal.h, line 44 with CONFIG_HIGHMEM
        // (i386) and line 164 without it (x86_64).
        ctx.mightSleep(mem.profile().bits() == 32
                ? "include/linux/highmem-internal.h:44" : "include/linux/highmem-internal.h:164");
        long direct = vm.directMapAddress(p.pfn());
        if (direct != VmState.NO_ADDRESS) {
            ctx.bind(k.variable(), new Pointer(Pointer.Kind.ADDRESS, p.pfn(), direct, p.allocId()));
            return CallContext.result(k, Outcome.Status.OK, k.text() + " -> " + vm.format(direct) + " (lowmem: its direct-map address)", null);
        }
        int slot = vm.pkmap().kmapHigh(p.pfn());
        if (slot == Pkmap.NO_SLOT)
            return CallContext.result(k, Outcome.Status.REFUSED, "all " + Pkmap.LAST_PKMAP + " pkmap slots are in use: kmap() would sleep", null);
        long vaddr = Pkmap.address(slot);
        ctx.bind(k.variable(), new Pointer(Pointer.Kind.ADDRESS, p.pfn(), vaddr, p.allocId()));
        return CallContext.result(k, Outcome.Status.OK, String.format("%s -> %s (HighMem: pkmap slot %d)", k.text(), vm.format(vaddr), slot), null);
    }

    private Outcome kunmap(Kunmap k) {
        Pointer p = page(k.page());
        if (p == null) return CallContext.result(k, Outcome.Status.ERROR, k.page() + " is not a struct page * from alloc_pages()", null);
        if (vm.directMapAddress(p.pfn()) != VmState.NO_ADDRESS) return CallContext.result(k, Outcome.Status.OK, k.text() + ": lowmem, nothing to undo", null);
        int slot = vm.pkmap().kunmapHigh(p.pfn());
        if (slot == Pkmap.NO_SLOT)
            return ctx.refuse(k, KernelReport.of(KernelReport.Kind.BUG, "kernel BUG at mm/highmem.c:617!\n(kunmap_high(): "
                    + k.page() + " is not kmap'ed)"));
        return CallContext.result(k, Outcome.Status.OK, k.text() + ": slot " + slot
                + " is unused now; its PTE stays until the slot search wraps and flush_all_zero_pkmaps() runs", null);
    }

    // ---- translate, touch ----

    private Outcome translate(Translate t) {
        long vaddr;
        if (t.target().isVariable()) {
            Pointer p = ctx.pointer(t.target().variable());
            if (p.kind() == Pointer.Kind.PAGE) {
                vaddr = vm.directMapAddress(p.pfn());
                if (vaddr == VmState.NO_ADDRESS) return CallContext.result(t, Outcome.Status.ERROR, t.target().variable()
                        + " is a HighMem page: it has no kernel address until kmap()", null);
            } else vaddr = p.address();
        } else vaddr = t.target().address();
        Walk w = vm.translate(vaddr);
        return CallContext.result(t, w.mapped() ? Outcome.Status.OK : Outcome.Status.REFUSED, describe(vaddr, w), null).withWalk(w);
    }

    /** The walk as lines: each level's table, index and entry, then the frame or where it stopped. */
    String describe(long vaddr, Walk w) {
        StringBuilder out = new StringBuilder("translate(" + vm.format(vaddr) + "):");
        for (WalkStep s : w.steps())
            out.append(String.format("%n  %-4s table pfn 0x%x  index %4d  entry 0x%s%s", s.level(), s.tablePfn(), s.index(),
                    entryHex(s.entry()), (s.present() ? "" : "  (not present)")
                    + (vm.isVmallocBootTable(s.tablePfn()) ? "  <- page table (vmalloc area, made at boot)" : "")));
        if (w.mapped()) out.append(String.format("%n  -> %s page, frame pfn 0x%x, offset 0x%x, physical 0x%x",
                pageSizeName(w.pageSize()), w.framePfn(), w.offset() & (Profile.PAGE_SIZE - 1), w.physAddr()));
        else out.append("\n  -> page fault: ").append(w.faultReason());
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    /** A page-table entry as wide as the machine's: 64-bit on x86_64, 32-bit pte_t/pgd_t on i386 without PAE. */
    private String entryHex(long entry) {
        return mem.profile().bits() == 64 ? String.format("%016x", entry) : String.format("%08x", entry & 0xffffffffL);
    }

    static String pageSizeName(kmemviz.core.vm.PageSize size) {
        return switch (size) {
            case SIZE_4K -> "4 KiB";
            case SIZE_2M -> "2 MiB";
            case SIZE_4M -> "4 MiB";
            case SIZE_1G -> "1 GiB";
        };
    }

    private Outcome touch(Touch t) {
        Pointer p = ctx.pointer(t.variable());
        if (p.isNull() || p.isZeroSizePtr()) return ctx.refuse(t, KernelReport.of(KernelReport.Kind.BUG,
                "BUG: kernel NULL pointer dereference, address: " + vm.format(p.address()) + "\n(touch " + t.variable() + ")"));
        Allocation a = mem.allocations().get(p.allocId());
        if (a == null) return ctx.refuse(t, useAfterFree(t, p));
        long[] span = span(p, a);
        if (span == null) return CallContext.result(t, Outcome.Status.ERROR, p.kind() == Pointer.Kind.PAGE
                ? t.variable() + " is a HighMem page: kmap() it and touch that address"
                : t.variable() + " names no kernel memory to touch", null);
        long start = span[0], length = span[1];
        if (t.accesses(length) > Touch.MAX_ACCESSES) return CallContext.result(t, Outcome.Status.ERROR, String.format(
                "%s would make %d accesses over %d bytes; one touch makes at most %d (use a larger stride, or random count=N)",
                t.text(), t.accesses(length), length, Touch.MAX_ACCESSES), null);
        // A cancel between two chunks throws; Kernel.execute(c, progress) then puts the TLB back from a checkpoint.
        Workload w = new Workload(vm.pageTables(), vm.tlb(), (done, total) -> {
            progress.progress(done, total);
            if (progress.cancelled()) throw new CancellationException(t.text() + " cancelled after " + done + " accesses");
        });
        WorkloadSummary s = switch (t.pattern()) {
            case SEQUENTIAL -> w.sequential(start, length);
            case RANDOM -> w.random(start, length, t.count(), t.seed());
            case STRIDE -> w.stride(start, length, t.strideBytes());
        };
        return CallContext.result(t, Outcome.Status.OK, String.format("%s: %d accesses, %d L1 hits, %d STLB hits, %d page walks, ~%d cycles (estimate)",
                t.text(), s.accesses(), s.l1Hits(), s.stlbHits(), s.walks(), s.cycles()), a);
    }

    /**
     * How many accesses {@code t} would make now, without making them or reporting anything: 0 for a touch the
     * kernel refuses or rejects. Lets the window decide, before it runs one, whether a touch outlasts a frame.
     */
    long accesses(Touch t) {
        Pointer p;
        try {
            p = ctx.pointer(t.variable());
        } catch (CallError unknownVariable) {
            return 0;
        }
        if (p.isNull() || p.isZeroSizePtr()) return 0;
        Allocation a = mem.allocations().get(p.allocId());
        long[] span = a == null ? null : span(p, a);
        return span == null ? 0 : t.accesses(span[1]);
    }

    /** The virtual range {start, length} a touch of {@code p} covers, or null if it names none the model can touch. */
    private long[] span(Pointer p, Allocation a) {
        if (p.kind() == Pointer.Kind.PAGE) {
            long start = vm.directMapAddress(a.pfn());
            return start == VmState.NO_ADDRESS ? null : new long[] {start, a.sizeBytes()};
        }
        if (p.kind() != Pointer.Kind.ADDRESS) return null;
        long start = p.address();
        long length = a.isObject() ? a.actualBytes() : a.pages() != null ? a.nrPages() * Profile.PAGE_SIZE : a.sizeBytes();
        if (a.pages() != null && a.api() == Api.VMALLOC) length = vm.vmalloc().areaContaining(start).nrPages() * (long) Profile.PAGE_SIZE;
        if (vm.directMapPfn(start) < 0 && start < vm.layout().vmallocStart() && a.isBlock()) length = Profile.PAGE_SIZE; // a kmap'ed page
        return new long[] {start, length};
    }

    /** What the kernel would report for touching freed memory: a fault for vmalloc space, KASAN for the direct map. */
    private KernelReport useAfterFree(Touch t, Pointer p) {
        String who = ctx.context().comm() + "/" + ctx.context().pid();
        if (p.address() >= vm.layout().vmallocStart() && p.address() < vm.layout().vmallocEnd())
            return KernelReport.of(KernelReport.Kind.BUG, "BUG: unable to handle page fault for address: " + vm.format(p.address())
                    + "\n#PF: supervisor read access in kernel mode\n#PF: error_code(0x0000) - not-present page\n(touch "
                    + t.variable() + ": the area was vfree'd, its PTEs are gone)");
        int pfn = p.pfn() >= 0 ? p.pfn() : vm.directMapPfn(p.address());
        boolean slab = pfn >= 0 && pfn < mem.frames().nrFrames() && mem.frames().owner(pfn) == Owner.SLAB;
        String rule = "=".repeat(66);
        return new KernelReport(KernelReport.Kind.BUG, "BUG: KASAN: " + (slab ? "slab-use-after-free" : "use-after-free") + " in touch",
                rule + "\nBUG: KASAN: " + (slab ? "slab-use-after-free" : "use-after-free") + " in touch+0x0/0x0\n"
                        + "Read of size 8 at addr " + vm.format(p.address()) + " by task " + who + "\n" + KernelText.dumpStackHeader(ctx.context(), ctx.taint())
                        + "\n" + rule + "\n(kmemviz: the model reports it as a KASAN kernel would and counts no access)",
                pfn, 0);
    }

    // ---- tlb ----

    private Outcome tlb(TlbCommand c) {
        switch (c.action()) {
            case FLUSH -> vm.tlb().flushAll();
            case RESET -> vm.tlb().resetStats();
            case GEOMETRY -> vm.replaceTlb(vm.tlb().resized(c.structure(), c.a(), c.b()));
            case COSTS -> vm.replaceTlb(vm.tlb().withCosts(new TlbCosts(c.a(), c.b(), c.c())));
        }
        return CallContext.result(c, Outcome.Status.OK, c.text() + ": done", null);
    }
}
