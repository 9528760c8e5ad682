package kmemviz.core.vm;

import kmemviz.core.mm.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's page tables (init_mm / swapper_pg_dir) for one architecture.
 *
 * <p>Notation. A table is one 4 KiB frame, named by its pfn, holding {@code 1 << bitsPerLevel} entries in a
 * {@code long[]}; tables are few (a 16 GiB direct map needs about twenty), so they sit in a map keyed by pfn.
 * Entries use the x86 encoding: bit 0 PRESENT, bit 7 PSE (a PUD/PMD or, on i386, PGD entry that is a leaf),
 * the pfn in bits 12 and up, bit 63 NX. A table entry is {@code tablePfn << 12 | _KERNPG_TABLE}.
 *
 * <p>Levels. x86_64: PGD (shift 39) → P4D (folded: it is the PGD entry) → PUD (30, leaf = 1 GiB) →
 * PMD (21, leaf = 2 MiB) → PTE (12); 9 bits each and a 12-bit offset. i386 non-PAE: PGD (22, leaf = 4 MiB
 * PSE page) → PTE (12); 10 + 10 + 12 bits.
 *
 * <p>Table pages come from the {@link FrameSource} with {@link FrameUse#PAGE_TABLE}. Like the kernel, which
 * never frees the kernel's PTE/PMD pages when vunmap() clears entries, a table is kept once allocated.
 * Single-threaded, like the rest of the core.
 */
public final class PageTables {
    public static final long PRESENT = 1L;
    public static final long RW = 1L << 1;
    public static final long ACCESSED = 1L << 5;
    public static final long DIRTY = 1L << 6;
    public static final long PSE = 1L << 7;
    public static final long GLOBAL = 1L << 8;
    public static final long NX = 1L << 63;
    public static final long PFN_MASK = 0x000ffffffffff000L;

    /** _KERNPG_TABLE: what a kernel table entry pointing to a lower table carries. */
    public static final long KERNPG_TABLE = PRESENT | RW | ACCESSED | DIRTY;
    /** __PAGE_KERNEL (vmalloc's PAGE_KERNEL); i386 without PAE has no NX bit. */
    static final long PAGE_KERNEL_64 = PRESENT | RW | ACCESSED | DIRTY | GLOBAL | NX;
    static final long PAGE_KERNEL_32 = PRESENT | RW | ACCESSED | DIRTY | GLOBAL;

    /** GFP_PGTABLE_KERNEL = GFP_KERNEL | __GFP_ZERO is the integrator's to spell; it is passed in. */
    private final int pgtableGfp;
    private final Arch arch;
    private final FrameSource frames;
    private final int[] shifts;           // per real level, top first
    private final String[] names;         // per real level
    private final PageSize[] leafSize;    // large leaf a level may hold, or null
    private final int bitsPerLevel;
    private final long pageKernel;
    private final Map<Integer, long[]> tables = new HashMap<>();
    /**
     * The entries of every preallocated vmalloc PUD that no vmalloc has written yet: all zero, shared by those
     * tables and by the copies, so 64 untouched tables cost one array; a write first gives the table its own.
     */
    private final long[] untouched;
    private final int rootPfn;

    /** @throws IllegalStateException if no frame can be had for the PGD */
    public PageTables(Arch arch, FrameSource frames, int pgtableGfp) {
        this.arch = arch;
        this.frames = frames;
        this.pgtableGfp = pgtableGfp;
        if (arch == Arch.X86_64) {
            shifts = new int[] {39, 30, 21, 12};
            names = new String[] {"PGD", "PUD", "PMD", "PTE"};
            leafSize = new PageSize[] {null, PageSize.SIZE_1G, PageSize.SIZE_2M, PageSize.SIZE_4K};
            bitsPerLevel = 9;
            pageKernel = PAGE_KERNEL_64;
        } else {
            shifts = new int[] {22, 12};
            names = new String[] {"PGD", "PTE"};
            leafSize = new PageSize[] {PageSize.SIZE_4M, PageSize.SIZE_4K};
            bitsPerLevel = 10;
            pageKernel = PAGE_KERNEL_32;
        }
        untouched = new long[1 << bitsPerLevel];
        rootPfn = allocTable(0);
        if (rootPfn < 0) throw new IllegalStateException("no frame for the PGD");
    }

    /** An estimate of what a copy of the tables allocates (one long[] of entries per table page), for the checkpoint budget. */
    public long heapBytes() {
        long own = tables.values().stream().filter(t -> t != untouched).count();
        return tablePages() * 64L + own * ((long) Long.BYTES << bitsPerLevel);
    }

    /** A copy for a checkpoint, taking later table pages from {@code frames}: every table's entries cloned. */
    public PageTables copy(FrameSource frames) { return new PageTables(this, frames); }

    private PageTables(PageTables o, FrameSource frames) {
        pgtableGfp = o.pgtableGfp;
        arch = o.arch;
        this.frames = frames;
        shifts = o.shifts;
        names = o.names;
        leafSize = o.leafSize;
        bitsPerLevel = o.bitsPerLevel;
        pageKernel = o.pageKernel;
        rootPfn = o.rootPfn;
        untouched = o.untouched;
        for (Map.Entry<Integer, long[]> e : o.tables.entrySet())
            tables.put(e.getKey(), e.getValue() == untouched ? untouched : e.getValue().clone());
    }

    public Arch arch() { return arch; }

    /** The pfn of the top-level table (swapper_pg_dir). */
    public int rootPfn() { return rootPfn; }

    /** Number of page-table pages, the PGD included. */
    public int tablePages() { return tables.size(); }

    /** Page sizes this architecture can map with one leaf entry. */
    public List<PageSize> pageSizes() {
        List<PageSize> sizes = new ArrayList<>();
        for (PageSize s : leafSize) if (s != null) sizes.add(s);
        return sizes;
    }

    /** Maps one 4 KiB page (vmap_pte_range()); false if a table page could not be allocated. */
    public boolean map4k(long vaddr, int pfn) {
        return mapLeaf(vaddr, pfn, PageSize.SIZE_4K);
    }

    /** Maps one large leaf: 2 MiB (PMD) or 1 GiB (PUD) on x86_64, 4 MiB (PGD) on i386. */
    public boolean mapHuge(long vaddr, int pfn, PageSize size) {
        if (size == PageSize.SIZE_4K) throw new IllegalArgumentException("use map4k for 4 KiB pages");
        return mapLeaf(vaddr, pfn, size);
    }

    private boolean mapLeaf(long vaddr, int pfn, PageSize size) {
        int leafLevel = levelOf(size);
        checkAddress(vaddr);
        if ((vaddr & (size.bytes() - 1)) != 0 || (pfn & (size.nrFrames() - 1)) != 0)
            throw new IllegalArgumentException(size.label() + " leaf needs an aligned vaddr and pfn: "
                    + Long.toHexString(vaddr) + ", pfn " + pfn);
        long[] table = tables.get(rootPfn);
        for (int level = 0; level < leafLevel; level++) {
            int idx = index(vaddr, level);
            long e = table[idx];
            if ((e & PRESENT) == 0) {
                int child = allocTable(level + 1);
                if (child < 0) return false;
                e = ((long) child << Profile.PAGE_SHIFT) | KERNPG_TABLE;
                table[idx] = e;
            } else if ((e & PSE) != 0) {
                throw new IllegalStateException(Long.toHexString(vaddr) + " is already mapped by a "
                        + leafSize[level].label() + " page");
            }
            table = writable(pfnOf(e));
        }
        int idx = index(vaddr, leafLevel);
        if ((table[idx] & PRESENT) != 0)
            throw new IllegalStateException(Long.toHexString(vaddr) + " is already mapped at " + names[leafLevel]);
        table[idx] = leafEntry(pfn, size);
        return true;
    }

    /** The entry a leaf of this size gets: __PAGE_KERNEL for 4 KiB, __PAGE_KERNEL_LARGE (with PSE) above. */
    long leafEntry(int pfn, PageSize size) {
        long e = ((long) pfn << Profile.PAGE_SHIFT) | pageKernel;
        return size == PageSize.SIZE_4K ? e : e | PSE;
    }

    /**
     * Clears the PTE of a 4 KiB mapping (vunmap_pte_range()); returns the pfn it mapped, or -1 if nothing was
     * mapped there. The PTE page stays allocated.
     */
    public int unmap4k(long vaddr) {
        checkAddress(vaddr);
        long[] table = tables.get(rootPfn);
        int last = shifts.length - 1;
        for (int level = 0; level < last; level++) {
            long e = table[index(vaddr, level)];
            if ((e & PRESENT) == 0) return -1;
            if ((e & PSE) != 0)
                throw new IllegalStateException(Long.toHexString(vaddr) + " is inside a " + leafSize[level].label()
                        + " page; unmap4k cannot split it");
            table = tables.get(pfnOf(e));
        }
        int idx = index(vaddr, last);
        long e = table[idx];
        table[idx] = 0;
        return (e & PRESENT) == 0 ? -1 : pfnOf(e);
    }

    /** The walk the MMU does for {@code vaddr}, step by step, and where it ends. */
    public Walk translate(long vaddr) {
        List<WalkStep> steps = new ArrayList<>(5);
        if (!canonical(vaddr))
            return new Walk(steps, null, -1, 0, "non-canonical address " + Long.toHexString(vaddr));
        int tablePfn = rootPfn;
        for (int level = 0; level < shifts.length; level++) {
            int idx = index(vaddr, level);
            long e = tables.get(tablePfn)[idx];
            steps.add(new WalkStep(names[level], tablePfn, idx, e));
            if (arch == Arch.X86_64 && level == 0)
                steps.add(new WalkStep("P4D", tablePfn, idx, e));   // folded: p4d_offset() returns the PGD entry
            if ((e & PRESENT) == 0)
                return new Walk(steps, null, -1, 0, names[level] + " entry " + idx + " not present");
            if (level == shifts.length - 1 || (e & PSE) != 0) {
                PageSize size = leafSize[level];
                return new Walk(steps, size, pfnOf(e), vaddr & (size.bytes() - 1), null);
            }
            tablePfn = pfnOf(e);
        }
        throw new AssertionError("walk ran past the PTE level");
    }

    /**
     * preallocate_vmalloc_pages() in arch/x86/mm/init_64.c (6.12, from mem_init()): on x86_64 with 4-level paging
     * the PUD page under every PGD entry of [start, end] is made at boot, so that every process's page tables,
     * which copy the kernel's PGD entries, share them; later vmalloc calls only add PMD and PTE pages. i386
     * without PAE preallocates nothing there (its PGD entries are synced on demand: ARCH_PAGE_TABLE_SYNC_MASK in
     * pgtable-2level_types.h), so this does nothing on i386. Returns the pfns of the tables it made.
     *
     * @throws IllegalStateException if a table page could not be had
     */
    public List<Integer> preallocateTopLevel(long start, long end) {
        List<Integer> made = new ArrayList<>();
        if (arch != Arch.X86_64) return made;
        long[] root = tables.get(rootPfn);
        long step = 1L << shifts[0];
        for (long addr = start; Long.compareUnsigned(addr, end) <= 0 && Long.compareUnsigned(addr, start) >= 0;
             addr = (addr & -step) + step) {
            int idx = index(addr, 0);
            if ((root[idx] & PRESENT) != 0) continue;
            int pud = allocTable(1);
            if (pud < 0) throw new IllegalStateException("no frame for the vmalloc area's PUD at " + Long.toHexString(addr));
            root[idx] = ((long) pud << Profile.PAGE_SHIFT) | KERNPG_TABLE;
            tables.put(pud, untouched);
            made.add(pud);
        }
        return made;
    }

    /** The size of the leaf mapping {@code vaddr}, or null if it is not mapped; allocates nothing. */
    public PageSize pageSizeAt(long vaddr) {
        if (!canonical(vaddr)) return null;
        long[] table = tables.get(rootPfn);
        for (int level = 0; level < shifts.length; level++) {
            long e = table[index(vaddr, level)];
            if ((e & PRESENT) == 0) return null;
            if (level == shifts.length - 1 || (e & PSE) != 0) return leafSize[level];
            table = tables.get(pfnOf(e));
        }
        return null;
    }

    // ---- package-private primitives for DirectMap, which writes entries as kernel_physical_mapping_init() does

    int levels() { return shifts.length; }

    int shift(int level) { return shifts[level]; }

    PageSize leafSize(int level) { return leafSize[level]; }

    int levelOf(PageSize size) {
        for (int level = 0; level < leafSize.length; level++) if (leafSize[level] == size) return level;
        throw new IllegalArgumentException(arch + " has no " + size.label() + " leaves");
    }

    int index(long vaddr, int level) {
        return (int) ((vaddr >>> shifts[level]) & ((1 << bitsPerLevel) - 1));
    }

    long[] table(int tablePfn) { return tables.get(tablePfn); }

    /** alloc_low_page() or the *_alloc() of a level: a zeroed table page for {@code level} (0 = PGD), or -1. */
    int allocTable(int level) {
        int pfn = frames.allocFrame(pgtableGfp, use(level));
        if (pfn < 0) return -1;
        if (tables.putIfAbsent(pfn, new long[1 << bitsPerLevel]) != null)
            throw new IllegalStateException("frame source handed out pfn " + pfn + " twice");
        return pfn;
    }

    /** The FrameUse of a table at {@code level}: i386 has PGD and PTE levels only. */
    private FrameUse use(int level) {
        return switch (names[level]) {
            case "PGD" -> FrameUse.PGD_TABLE;
            case "PUD" -> FrameUse.PUD_TABLE;
            case "PMD" -> FrameUse.PMD_TABLE;
            default -> FrameUse.PTE_TABLE;
        };
    }

    /** The entries of table {@code pfn}, its own array first if it still shares the untouched one. */
    private long[] writable(int pfn) {
        long[] t = tables.get(pfn);
        if (t != untouched) return t;
        t = new long[untouched.length];
        tables.put(pfn, t);
        return t;
    }

    static int pfnOf(long entry) { return (int) ((entry & PFN_MASK) >>> Profile.PAGE_SHIFT); }

    private boolean canonical(long vaddr) {
        if (arch == Arch.I386) return (vaddr >>> 32) == 0;
        long top = vaddr >> 47;           // bits 63..47 all equal
        return top == 0 || top == -1;
    }

    private void checkAddress(long vaddr) {
        if (!canonical(vaddr)) throw new IllegalArgumentException("non-canonical address " + Long.toHexString(vaddr));
    }
}
