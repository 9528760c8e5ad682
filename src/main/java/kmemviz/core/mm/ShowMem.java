package kmemviz.core.mm;

import java.util.List;

/**
 * The {@code Mem-Info:} block that warn_alloc() and the OOM killer's dump_header() print: __show_mem() and
 * show_free_areas() of mm/show_mem.c (6.12.118), with the configuration of Debian's amd64 kernel (NUMA, THP,
 * HugeTLB, swap and memory failure built in, no CMA). Lines and fields come in the kernel's order and spelling.
 *
 * <p>What the model counts: free pages, watermarks, present and managed pages, lowmem_reserve, the free lists,
 * user processes' anonymous pages and the page cache (both on the inactive LRU lists, where 6.12 adds new folios),
 * slab and large-kmalloc pages (slab_unreclaimable), kernel stacks, the page-table pages the model allocates, and
 * RAM totals, the HighAtomic reserve, the pages on per-CPU lists (free_pcp, and local_pcp for the CPU the commands
 * run on), the watermark boost. Everything else prints as an idle machine without swap prints it, 0: active lists,
 * isolated, unevictable, dirty, writeback, mapped, shmem, THP counters, bounce, hugepages, swap cache. The Help lists
 * these.
 */
public final class ShowMem {
    /** show_migration_types()' letters (mm/show_mem.c:141-152): Unmovable, Movable, Reclaimable, HighAtomic, Isolate. */
    private static final char[] TYPE_LETTERS = {'U', 'M', 'E', 'H', 'I'};

    private final BuddyAllocator buddy;
    private final List<Zone> zones;
    private final Profile profile;
    private final UserMemory user;
    private final Allocations allocations;

    ShowMem(BuddyAllocator buddy, Profile profile, UserMemory user, Allocations allocations) {
        this.buddy = buddy;
        this.zones = buddy.zones();
        this.profile = profile;
        this.user = user;
        this.allocations = allocations;
    }

    /**
     * The migrate types with a free block at an order of a zone, a bit per type in MIGRATE_* order, as
     * show_free_areas() collects them for show_migration_types() (mm/show_mem.c:373-377).
     */
    private static int typesPresent(Zone zone, int order) {
        int bits = 0;
        for (int t = 0; t < MigrateType.COUNT; t++) if (zone.head[Zone.list(order, t)] != FrameTable.NO_PFN) bits |= 1 << t;
        return bits;
    }

    /** Sum of per_cpu_pageset->count over the online CPUs (mm/show_mem.c:199-200, 301-302). */
    private static long freePcp(Zone z) {
        if (!z.hasPcp()) return 0;
        long n = 0;
        for (int cpu = 0; cpu < z.pcp.nrCpus; cpu++) n += z.pcpCount(cpu);
        return n;
    }

    /** Per-zone and node totals the block prints, gathered once from the allocation records (not from the frames). */
    private final class Counts {
        final long[] anonPerZone = new long[zones.size()];
        long anon, file, slab, pageTables, kernelStackKb;

        Counts() {
            for (Allocation a : allocations.all()) {
                switch (a.api()) {
                    case USER_PROCESS -> {
                        for (int i = 0; i < a.pages().size(); i++) anonPerZone[zoneIndex(a.pages().get(i))]++;
                        anon += a.nrPages();
                    }
                    case PAGE_CACHE -> file += a.nrPages();
                    case SLAB, KMALLOC_LARGE -> slab += a.nrPages();
                    case PAGE_TABLE -> pageTables += a.nrPages();
                    case TASK_STACK -> kernelStackKb += a.sizeBytes() >> 10;
                    default -> { }
                }
            }
        }

        private int zoneIndex(int pfn) {
            for (Zone z : zones) if (z.contains(pfn)) return z.index();
            throw new IllegalStateException("pfn " + pfn + " of a process is in no zone");
        }
    }

    /** __show_mem(filter, NULL, maxZoneIdx) (mm/show_mem.c:398-418): the whole block, lines ending in '\n'. */
    public String render(int maxZoneIdx) {
        Counts c = new Counts();
        boolean numa = profile.bits() == 64;          // Debian's amd64 kernel has CONFIG_NUMA; i386 here has not
        String node = numa ? "Node 0 " : "";          // show_node() (mm/show_mem.c:26-30)
        long free = 0, freePcp = 0;
        for (Zone z : zones) {
            free += z.freePages();
            if (z.isPopulated() && z.index() <= maxZoneIdx) freePcp += freePcp(z);
        }
        StringBuilder out = new StringBuilder("Mem-Info:\n");
        // show_free_areas(), mm/show_mem.c:203-226: node-wide counters in pages.
        out.append("active_anon:0 inactive_anon:").append(c.anon).append(" isolated_anon:0\n")
                .append(" active_file:0 inactive_file:").append(c.file).append(" isolated_file:0\n")
                .append(" unevictable:0 dirty:0 writeback:0\n")
                .append(" slab_reclaimable:0 slab_unreclaimable:").append(c.slab).append('\n')
                .append(" mapped:0 shmem:0 pagetables:").append(c.pageTables).append('\n')
                .append(" sec_pagetables:0 bounce:0\n")
                .append(" kernel_misc_reclaimable:0\n")
                .append(" free:").append(free).append(" free_pcp:").append(freePcp).append(" free_cma:0\n");
        // mm/show_mem.c:228-289: the node in kB; the THP fields exist with CONFIG_TRANSPARENT_HUGEPAGE (64-bit here).
        out.append("Node 0 active_anon:0kB inactive_anon:").append(kb(c.anon)).append("kB active_file:0kB inactive_file:")
                .append(kb(c.file)).append("kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:0kB dirty:0kB")
                .append(" writeback:0kB shmem:0kB")
                .append(profile.bits() == 64 ? " shmem_thp:0kB shmem_pmdmapped:0kB anon_thp:0kB" : "")
                .append(" writeback_tmp:0kB kernel_stack:").append(c.kernelStackKb).append("kB pagetables:")
                .append(kb(c.pageTables)).append("kB sec_pagetables:0kB all_unreclaimable? no\n");
        // mm/show_mem.c:291-345: one line per populated zone up to the request's highest, then its lowmem_reserve.
        for (Zone z : zones) {
            if (!z.isPopulated() || z.index() > maxZoneIdx) continue;
            out.append(node).append(z.name())
                    .append(" free:").append(kb(z.freePages())).append("kB boost:").append(kb(z.watermarkBoost())).append("kB")
                    .append(" min:").append(kb(z.watermark(Watermark.MIN))).append("kB")
                    .append(" low:").append(kb(z.watermark(Watermark.LOW))).append("kB")
                    .append(" high:").append(kb(z.watermark(Watermark.HIGH))).append("kB")
                    .append(" reserved_highatomic:").append(kb(z.nrReservedHighatomic())).append("KB")   // sic: KB in the kernel's format
                    .append(" active_anon:0kB inactive_anon:").append(kb(c.anonPerZone[z.index()]))
                    .append("kB active_file:0kB inactive_file:").append(kb(user.reclaimable(z.index())))
                    .append("kB unevictable:0kB writepending:0kB")
                    .append(" present:").append(kb(z.presentPages())).append("kB")
                    .append(" managed:").append(kb(z.managedPages())).append("kB")
                    .append(" mlocked:0kB bounce:0kB free_pcp:").append(kb(freePcp(z)))
                    .append("kB local_pcp:").append(z.hasPcp() ? kb(z.pcpCount(buddy.cpu())) : 0).append("kB free_cma:0kB\n");
            out.append("lowmem_reserve[]:");
            for (long r : z.lowmemReserves()) out.append(' ').append(r);
            out.append('\n');
        }
        // mm/show_mem.c:347-379: the free lists per order, with the migrate types that have blocks there.
        for (Zone z : zones) {
            if (!z.isPopulated() || z.index() > maxZoneIdx) continue;
            out.append(node).append(z.name()).append(": ");
            long total = 0;
            for (int order = 0; order < BuddyAllocator.NR_PAGE_ORDERS; order++) {
                long nr = z.nrFree(order);
                total += nr << order;
                out.append(nr).append('*').append(4L << order).append("kB ");
                if (nr > 0) out.append('(').append(letters(typesPresent(z, order))).append(") ");
            }
            out.append("= ").append(kb(total)).append("kB\n");
        }
        // hugetlb_show_meminfo_node() (mm/hugetlb.c:4990-5003), one line per hstate in registration order: x86_64
        // registers 1 GiB pages (with gbpages) at arch_initcall, before hugetlb_init() adds the 2 MiB default.
        if (profile.bits() == 64 && profile.gbpages()) out.append(hugepages(1 << 20));
        out.append(hugepages(profile.bits() == 64 ? 2048 : 4096));
        out.append(c.file).append(" total pagecache pages\n");
        // show_swap_cache_info() (mm/swap_state.c:67-72): the model has no swap.
        out.append("0 pages in swap cache\nFree swap  = 0kB\nTotal swap = 0kB\n");
        long present = 0, reserved = 0, high = 0;
        for (Zone z : zones) {
            if (!z.isPopulated()) continue;
            present += z.presentPages();
            reserved += z.presentPages() - z.managedPages();
            if (z.type() == ZoneType.HIGHMEM) high += z.presentPages();       // is_highmem(); Movable is empty here
        }
        out.append(present).append(" pages RAM\n")
                .append(high).append(" pages HighMem/MovableOnly\n")
                .append(reserved).append(" pages reserved\n")
                .append("0 pages hwpoisoned\n");                          // CONFIG_MEMORY_FAILURE; no CONFIG_CMA line
        return out.toString();
    }

    private static String hugepages(long sizeKb) {
        return "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=" + sizeKb + "kB\n";
    }

    private static String letters(int typeBits) {
        StringBuilder s = new StringBuilder();
        for (int t = 0; t < TYPE_LETTERS.length; t++) if ((typeBits & 1 << t) != 0) s.append(TYPE_LETTERS[t]);
        return s.toString();
    }

    private static long kb(long pages) { return pages * (Profile.PAGE_SIZE / 1024); }
}
