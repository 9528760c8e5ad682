package kmemviz.core.vm;

import kmemviz.core.mm.PfnRange;
import java.util.ArrayList;
import java.util.List;
import kmemviz.core.mm.Profile;

/**
 * The direct map as init_mem_mapping() builds it at boot (arch/x86/mm/init.c, init_64.c, init_32.c).
 *
 * <p>Steps, as in the kernel:
 * <ol>
 *   <li>probe_page_size_mask(): large pages ({@code 2M}, or 4M on i386 non-PAE) need PSE; 1 GiB needs PSE and
 *       gbpages (x86_64 only).</li>
 *   <li>init_memory_mapping(0, ISA_END_ADDRESS): the first 1 MiB, mapped whatever the holes.</li>
 *   <li>memory_map_top_down(1 MiB, end): real_end = end of the top-most PMD_SIZE-aligned block of RAM; map
 *       downwards in windows that start at PMD_SIZE and grow by {@code << (PMD_SHIFT - PAGE_SHIFT - 1)} once
 *       that much RAM is mapped (get_new_step_size()); then [real_end, end). Each window maps only the RAM
 *       inside it (init_range_memory_mapping()). {@code end} is max_pfn (x86_64) or max_low_pfn (i386).</li>
 *   <li>Each init_memory_mapping() cuts its range with {@link #splitMemRange} (head 4K / 2M / 1G / 2M / tail 4K;
 *       on 32-bit: never a large page in the first PMD_SIZE, then large pages, then a 4K tail), promotes pieces
 *       whose enclosing 2M/1G block is all RAM (adjust_range_page_size_mask()), merges neighbours of one size,
 *       and writes entries as kernel_physical_mapping_init() does, reusing any entry that already exists.</li>
 * </ol>
 *
 * <p>Counters: the DirectMap lines of /proc/meminfo come from direct_pages_count[], bumped by
 * update_page_count(). On x86_64 a visit to an entry that already exists counts again ({@code if
 * (!after_bootmem) pages++}), so the kernel's lines can exceed RAM; {@link #counted} reproduces that, while
 * {@link #leaves} counts the leaves actually in the tables.
 *
 * <p>Model choices: every RAM frame is free memblock memory (no kernel image, initrd or firmware
 * reservations), so real_end is the top of the highest RAM range with a whole PMD_SIZE block in it; E820 RAM
 * and memblock memory are the same ranges. Page-table pages come from the FrameSource, where the kernel takes
 * them from the BRK pgt_buf and memblock (alloc_low_pages()): the integrator hands out boot-reserved frames.
 */
public final class DirectMap {
    private static final int MASK_LARGE = 1;   // 1 << PG_LEVEL_2M in the kernel (the 4M page on i386 non-PAE)
    private static final int MASK_1G = 2;      // 1 << PG_LEVEL_1G
    private static final long ISA_END_ADDRESS = 0x100000;

    private final PageTables pt;
    private final AddressLayout layout;
    private final List<PfnRange> ram;
    private final boolean x86_64;
    private final long pmdSize;                // PMD_SIZE: 2 MiB, or 4 MiB on i386 non-PAE
    private final int pageSizeMask;            // the global page_size_mask
    private final boolean directGbpages;
    private final long[] counted = new long[PageSize.values().length];
    private final List<MapRange> ranges = new ArrayList<>();

    private DirectMap(PageTables pt, AddressLayout layout, List<PfnRange> ram, boolean pse, boolean gbpages) {
        if (pt != null && pt.arch() != layout.arch()) throw new IllegalArgumentException("page tables and layout disagree on arch");
        this.pt = pt;
        this.layout = layout;
        this.ram = mergeRam(ram);
        this.x86_64 = layout.arch() == Arch.X86_64;
        this.pmdSize = x86_64 ? PageSize.SIZE_2M.bytes() : PageSize.SIZE_4M.bytes();
        // probe_page_size_mask(): without PSE (or with debug_pagealloc) direct_gbpages is cleared too.
        this.directGbpages = x86_64 && pse && gbpages;
        this.pageSizeMask = (pse ? MASK_LARGE : 0) | (directGbpages ? MASK_1G : 0);
    }

    /** A copy for a checkpoint over {@code pt}, the copy of this map's page tables. */
    public DirectMap copy(PageTables pt) {
        DirectMap c = new DirectMap(pt, layout, ram, this);
        c.ranges.addAll(ranges);
        System.arraycopy(counted, 0, c.counted, 0, counted.length);
        return c;
    }

    private DirectMap(PageTables pt, AddressLayout layout, List<PfnRange> ram, DirectMap o) {
        this.pt = pt;
        this.layout = layout;
        this.ram = ram;
        this.x86_64 = o.x86_64;
        this.pmdSize = o.pmdSize;
        this.directGbpages = o.directGbpages;
        this.pageSizeMask = o.pageSizeMask;
    }

    /**
     * Builds the direct map of {@code ram} into {@code pt} (init_mem_mapping()).
     *
     * @param pse     the CPU has PSE and debug_pagealloc is off: 2 MiB (4 MiB on i386) pages allowed
     * @param gbpages direct_gbpages and the CPU has pdpe1gb: 1 GiB pages allowed (ignored on i386)
     */
    public static DirectMap build(PageTables pt, AddressLayout layout, List<PfnRange> ram, boolean pse, boolean gbpages) {
        DirectMap dm = new DirectMap(pt, layout, ram, pse, gbpages);
        dm.initMemMapping();
        return dm;
    }

    /** The pieces written, in the order the kernel's init_memory_mapping() calls produce them. */
    public List<MapRange> ranges() { return List.copyOf(ranges); }

    /** The kernel's direct_pages_count[] for this size: leaves written plus existing leaves revisited at boot. */
    public long counted(PageSize size) { return counted[size.ordinal()]; }

    /** Leaves of this size now in the direct map, each counted once. */
    public long leaves(PageSize size) {
        long n = 0;
        long endBytes = ram.get(ram.size() - 1).endBytes();
        long limit = Math.min(endBytes, layout.directMapEndPfn() << Profile.PAGE_SHIFT);
        for (long pa = 0; pa < limit; ) {
            PageSize s = pt.pageSizeAt(layout.pageOffset() + pa);
            if (s == size) n++;
            long step = s == null ? Profile.PAGE_SIZE : s.bytes();
            pa = (pa & -step) + step;
        }
        return n;
    }

    /** The kB the direct map covers with pages of this size. */
    private long kB(PageSize size) { return counted(size) * (size.bytes() >> 10); }

    /** The lines arch_report_meminfo() prints (set_memory.c), from the kernel's counters. */
    public List<String> meminfoLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("DirectMap4k:    %8d kB", kB(PageSize.SIZE_4K)));
        if (x86_64) lines.add(String.format("DirectMap2M:    %8d kB", kB(PageSize.SIZE_2M)));
        else lines.add(String.format("DirectMap4M:    %8d kB", kB(PageSize.SIZE_4M)));
        if (directGbpages) lines.add(String.format("DirectMap1G:    %8d kB", kB(PageSize.SIZE_1G)));
        return lines;
    }

    // ---- init_mem_mapping() and memory_map_top_down()

    private void initMemMapping() {
        long end = ram.get(ram.size() - 1).endBytes();
        if (!x86_64) end = Math.min(end, layout.directMapEndPfn() << Profile.PAGE_SHIFT);  // max_low_pfn
        initMemoryMapping(0, ISA_END_ADDRESS);
        memoryMapTopDown(ISA_END_ADDRESS, end);
    }

    private void memoryMapTopDown(long mapStart, long mapEnd) {
        long addr = topMostBlock(mapStart, mapEnd);
        long realEnd = addr < 0 ? Math.max(mapStart, mapEnd & -pmdSize) : addr + pmdSize;
        long stepSize = pmdSize;
        long lastStart = realEnd;
        long mappedRamSize = 0;
        while (lastStart > mapStart) {
            long start;
            if (lastStart > stepSize) {
                start = Math.max((lastStart - 1) & -stepSize, mapStart);
            } else {
                start = mapStart;
            }
            mappedRamSize += initRangeMemoryMapping(start, lastStart);
            lastStart = start;
            if (mappedRamSize >= stepSize) stepSize = stepSize << (Long.numberOfTrailingZeros(pmdSize) - 12 - 1);
        }
        if (realEnd < mapEnd) initRangeMemoryMapping(realEnd, mapEnd);
    }

    /** memblock_phys_alloc_range(PMD_SIZE, PMD_SIZE, start, end) top-down, with all RAM free; -1 if none. */
    private long topMostBlock(long start, long end) {
        for (int i = ram.size() - 1; i >= 0; i--) {
            long lo = Math.max(ram.get(i).startBytes(), start);
            long hi = Math.min(ram.get(i).endBytes(), end);
            long block = (hi & -pmdSize) - pmdSize;
            if (block >= roundUp(lo, pmdSize)) return block;
        }
        return -1;
    }

    private long initRangeMemoryMapping(long rStart, long rEnd) {
        long mapped = 0;
        for (PfnRange r : ram) {
            long start = clamp(r.startBytes(), rStart, rEnd);
            long end = clamp(r.endBytes(), rStart, rEnd);
            if (start >= end) continue;
            initMemoryMapping(start, end);
            mapped += end - start;
        }
        return mapped;
    }

    private void initMemoryMapping(long start, long end) {
        int[] masks = new int[5];
        long[] bounds = new long[10];
        int n = splitMemRange(start, end, bounds, masks);
        for (int i = 0; i < n; i++) {
            ranges.add(new MapRange(bounds[2 * i], bounds[2 * i + 1], sizeOf(masks[i])));
            if (x86_64) physInit(0, pt.rootPfn(), bounds[2 * i], bounds[2 * i + 1], masks[i]);
            else physInit32(bounds[2 * i], bounds[2 * i + 1], masks[i]);
        }
    }

    // ---- split_mem_range()

    /**
     * split_mem_range() for the given page-size permissions: the pieces of [start, end), after the boot-time
     * promotion and the merge. Pure: reads only the RAM ranges, writes no tables.
     */
    public static List<MapRange> splitMemRange(AddressLayout layout, List<PfnRange> ram, boolean pse, boolean gbpages,
                                               long start, long end) {
        DirectMap dm = new DirectMap(null, layout, ram, pse, gbpages);
        int[] masks = new int[5];
        long[] bounds = new long[10];
        int n = dm.splitMemRange(start, end, bounds, masks);
        List<MapRange> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new MapRange(bounds[2 * i], bounds[2 * i + 1], dm.sizeOf(masks[i])));
        return out;
    }

    private int splitMemRange(long start, long end, long[] bounds, int[] masks) {
        long pmdPages = pmdSize >>> Profile.PAGE_SHIFT;
        long pudPages = PageSize.SIZE_1G.bytes() >>> Profile.PAGE_SHIFT;
        long limitPfn = end >>> Profile.PAGE_SHIFT;
        long pfn = start >>> Profile.PAGE_SHIFT;
        int n = 0;

        // Head: 4K up to the first PMD boundary; 32-bit never uses a large page for the first PMD_SIZE (MTRRs).
        long endPfn = (!x86_64 && pfn == 0) ? pmdPages : roundUp(pfn, pmdPages);
        endPfn = Math.min(endPfn, limitPfn);
        if (pfn < endPfn) {
            n = save(bounds, masks, n, pfn, endPfn, 0);
            pfn = endPfn;
        }

        // Large (2M, or 4M) pages; on x86_64 only up to the first 1G boundary.
        long startPfn = roundUp(pfn, pmdPages);
        endPfn = x86_64 ? Math.min(roundUp(pfn, pudPages), roundDown(limitPfn, pmdPages)) : roundDown(limitPfn, pmdPages);
        if (startPfn < endPfn) {
            n = save(bounds, masks, n, startPfn, endPfn, pageSizeMask & MASK_LARGE);
            pfn = endPfn;
        }

        if (x86_64) {
            startPfn = roundUp(pfn, pudPages);
            endPfn = roundDown(limitPfn, pudPages);
            if (startPfn < endPfn) {
                n = save(bounds, masks, n, startPfn, endPfn, pageSizeMask & (MASK_LARGE | MASK_1G));
                pfn = endPfn;
            }
            startPfn = roundUp(pfn, pmdPages);
            endPfn = roundDown(limitPfn, pmdPages);
            if (startPfn < endPfn) {
                n = save(bounds, masks, n, startPfn, endPfn, pageSizeMask & MASK_LARGE);
                pfn = endPfn;
            }
        }

        n = save(bounds, masks, n, pfn, limitPfn, 0);
        adjustRangePageSizeMask(bounds, masks, n);

        // Merge neighbours of the same mask, as the memmove loop does.
        for (int i = 0; n > 1 && i < n - 1; i++) {
            if (bounds[2 * i + 1] != bounds[2 * i + 2] || masks[i] != masks[i + 1]) continue;
            bounds[2 * i + 1] = bounds[2 * i + 3];
            System.arraycopy(bounds, 2 * i + 4, bounds, 2 * i + 2, 2 * (n - 2 - i));
            System.arraycopy(masks, i + 2, masks, i + 1, n - 2 - i);
            n--;
            i--;
        }
        return n;
    }

    private static int save(long[] bounds, int[] masks, int n, long startPfn, long endPfn, int mask) {
        if (startPfn >= endPfn) return n;
        if (n >= masks.length) throw new IllegalStateException("run out of range for init_memory_mapping");
        bounds[2 * n] = startPfn << Profile.PAGE_SHIFT;
        bounds[2 * n + 1] = endPfn << Profile.PAGE_SHIFT;
        masks[n] = mask;
        return n + 1;
    }

    /** adjust_range_page_size_mask(): a piece whose whole enclosing 2M (1G) block is RAM may use that size. */
    private void adjustRangePageSizeMask(long[] bounds, int[] masks, int n) {
        long maxLowBytes = layout.directMapEndPfn() << Profile.PAGE_SHIFT;
        for (int i = 0; i < n; i++) {
            if ((pageSizeMask & MASK_LARGE) != 0 && (masks[i] & MASK_LARGE) == 0) {
                long start = bounds[2 * i] & -pmdSize;
                long end = roundUp(bounds[2 * i + 1], pmdSize);
                boolean beyondLowmem = !x86_64 && end > maxLowBytes;   // 32-bit: (end >> PAGE_SHIFT) > max_low_pfn
                if (!beyondLowmem && isRegionMemory(start, end)) masks[i] |= MASK_LARGE;
            }
            if ((pageSizeMask & MASK_1G) != 0 && (masks[i] & MASK_1G) == 0) {
                long gb = PageSize.SIZE_1G.bytes();
                if (isRegionMemory(bounds[2 * i] & -gb, roundUp(bounds[2 * i + 1], gb))) masks[i] |= MASK_1G;
            }
        }
    }

    // ---- kernel_physical_mapping_init()

    /**
     * x86_64: __kernel_physical_mapping_init() (level 0, PGD with the P4D folded into it), phys_pud_init(),
     * phys_pmd_init() and phys_pte_init() in one loop: reuse a lower table; keep an existing leaf if its size
     * is allowed (and count it again); else write a leaf if allowed, or allocate a table and go down.
     * Entries past the end of the range that cover no RAM are cleared (the e820__mapped_any() checks).
     */
    private void physInit(int level, int tablePfn, long paddr, long paddrEnd, int mask) {
        long[] table = pt.table(tablePfn);
        long size = 1L << pt.shift(level);
        int last = pt.levels() - 1;
        for (int i = pt.index(layout.pageOffset() + paddr, level); i < table.length; i++) {
            long next = (paddr & -size) + size;
            if (paddr >= paddrEnd) {
                if (level == 0) return;                       // the PGD loop stops at vaddr_end
                if (!ramAny(paddr & -size, next)) table[i] = 0;
                paddr = next;
                continue;
            }
            long e = table[i];
            PageSize leaf = pt.leafSize(level);
            boolean leafAllowed = level == last || (leaf != null && allows(mask, leaf));
            if ((e & PageTables.PRESENT) != 0) {
                if (level != last && (e & PageTables.PSE) == 0) {
                    physInit(level + 1, PageTables.pfnOf(e), paddr, paddrEnd, mask);
                    paddr = next;
                    continue;
                }
                if (leafAllowed) {                           // re-use the existing mapping, count it again
                    counted[leaf.ordinal()]++;
                    paddr = next;
                    continue;
                }
                // An existing large leaf whose size this range may not use: the kernel replaces it by a table.
            }
            if (leafAllowed) {
                table[i] = pt.leafEntry((int) ((paddr & -size) >>> Profile.PAGE_SHIFT), leaf);
                counted[leaf.ordinal()]++;
            } else {
                int child = pt.allocTable(level + 1);
                if (child < 0) throw new IllegalStateException("alloc_low_pages: can not alloc memory");
                physInit(level + 1, child, paddr, paddrEnd, mask);
                table[i] = ((long) child << Profile.PAGE_SHIFT) | PageTables.KERNPG_TABLE;
            }
            paddr = next;
        }
    }

    /**
     * i386 non-PAE kernel_physical_mapping_init() (init_32.c): per PGD slot either one 4 MiB PSE leaf
     * (use_pse only when the mask is exactly the large-page bit) or a PTE table filled frame by frame.
     * Every entry written counts once (first pass only); nothing is reused.
     */
    private void physInit32(long start, long end, int mask) {
        boolean usePse = mask == MASK_LARGE;
        long pfn = start >>> Profile.PAGE_SHIFT;
        long endPfn = end >>> Profile.PAGE_SHIFT;
        long[] pgd = pt.table(pt.rootPfn());
        while (pfn < endPfn) {
            long vaddr = layout.pageOffset() + (pfn << Profile.PAGE_SHIFT);
            int pgdIdx = pt.index(vaddr, 0);
            if (usePse) {
                pfn &= -1024L;
                pgd[pgdIdx] = pt.leafEntry((int) pfn, PageSize.SIZE_4M);
                counted[PageSize.SIZE_4M.ordinal()]++;
                pfn += 1024;
                continue;
            }
            long e = pgd[pgdIdx];
            if ((e & PageTables.PRESENT) == 0) {
                int child = pt.allocTable(1);
                if (child < 0) throw new IllegalStateException("alloc_low_pages: can not alloc memory");
                e = ((long) child << Profile.PAGE_SHIFT) | PageTables.KERNPG_TABLE;
                pgd[pgdIdx] = e;
            } else if ((e & PageTables.PSE) != 0) {
                throw new IllegalStateException("4K mapping requested inside a 4M page at pfn " + pfn);
            }
            long[] pte = pt.table(PageTables.pfnOf(e));
            for (int i = pt.index(vaddr, 1); i < pte.length && pfn < endPfn; i++, pfn++) {
                pte[i] = pt.leafEntry((int) pfn, PageSize.SIZE_4K);
                counted[PageSize.SIZE_4K.ordinal()]++;
            }
        }
    }

    // ---- helpers

    private PageSize sizeOf(int mask) {
        if ((mask & MASK_1G) != 0) return PageSize.SIZE_1G;
        if ((mask & MASK_LARGE) != 0) return x86_64 ? PageSize.SIZE_2M : PageSize.SIZE_4M;
        return PageSize.SIZE_4K;
    }

    private static boolean allows(int mask, PageSize leaf) {
        return switch (leaf) {
            case SIZE_1G -> (mask & MASK_1G) != 0;
            case SIZE_2M, SIZE_4M -> (mask & MASK_LARGE) != 0;
            case SIZE_4K -> true;
        };
    }

    /** memblock_is_region_memory(): [start, end) lies inside one (merged) RAM range. */
    private boolean isRegionMemory(long start, long end) {
        for (PfnRange r : ram) if (r.startBytes() <= start && end <= r.endBytes()) return true;
        return false;
    }

    /** e820__mapped_any(.., E820_TYPE_RAM): some RAM overlaps [start, end). */
    private boolean ramAny(long start, long end) {
        for (PfnRange r : ram) if (r.startBytes() < end && start < r.endBytes()) return true;
        return false;
    }

    /** memblock keeps ranges sorted and merges neighbours; so do we. */
    private static List<PfnRange> mergeRam(List<PfnRange> in) {
        if (in.isEmpty()) throw new IllegalArgumentException("no RAM");
        List<PfnRange> sorted = new ArrayList<>(in);
        sorted.sort((a, b) -> Long.compare(a.startPfn(), b.startPfn()));
        List<PfnRange> out = new ArrayList<>();
        PfnRange cur = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            PfnRange r = sorted.get(i);
            if (r.startPfn() < cur.endPfn()) throw new IllegalArgumentException("RAM ranges overlap: " + cur + ", " + r);
            if (r.startPfn() == cur.endPfn()) cur = new PfnRange(cur.startPfn(), r.endPfn());
            else { out.add(cur); cur = r; }
        }
        out.add(cur);
        return List.copyOf(out);
    }

    private static long roundUp(long x, long align) { return (x + align - 1) / align * align; }

    private static long roundDown(long x, long align) { return x / align * align; }

    private static long clamp(long v, long lo, long hi) { return Math.max(lo, Math.min(hi, v)); }
}
