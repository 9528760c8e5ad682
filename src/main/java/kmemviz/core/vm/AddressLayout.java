package kmemviz.core.vm;

import static kmemviz.core.mm.Profile.PAGE_SHIFT;
import static kmemviz.core.mm.Profile.PAGE_SIZE;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel half of the virtual address space for one architecture, with the unrandomized bases.
 *
 * <p>x86_64 (4-level, no KASLR): Documentation/arch/x86/x86_64/mm.rst and
 * arch/x86/include/asm/pgtable_64_types.h. The direct map starts at page_offset_base = 0xffff888000000000
 * (PGD slot 273), vmalloc at __VMALLOC_BASE_L4 = 0xffffc90000000000 for VMALLOC_SIZE_TB_L4 = 32 TB.
 *
 * <p>i386 without PAE (3G/1G split, CONFIG_HIGHMEM4G, defconfig with NR_CPUS=8): arch/x86/include/asm/
 * pgtable_32_areas.h. The top of the space (pkmap, LDT remap, cpu_entry_area, fixmap) is fixed by config;
 * lowmem ends at high_memory = PAGE_OFFSET + min(RAM, MAXMEM), and VMALLOC_START = high_memory + 8 MiB
 * (VMALLOC_OFFSET, no rounding), so the vmalloc area depends on how much RAM there is.
 *
 * <p>{@code vmallocEnd()} is the kernel's VMALLOC_END as passed to alloc_vmap_area() as {@code vend}: an area
 * fits if {@code start + size <= vend}. On x86_64 the kernel's value is inclusive (…ffff); on i386 it is
 * PKMAP_BASE - 2 pages. Regions are half-open and use end == 0 for "the top of the 64-bit space".
 */
public final class AddressLayout {
    // x86_64, 4-level, unrandomized (pgtable_64_types.h, page_64_types.h).
    public static final long X86_64_PAGE_OFFSET = 0xffff888000000000L;
    public static final long X86_64_VMALLOC_START = 0xffffc90000000000L;
    /** VMALLOC_START + (32 TB) - 1: the kernel's inclusive VMALLOC_END. */
    public static final long X86_64_VMALLOC_END = X86_64_VMALLOC_START + (32L << 40) - 1;
    public static final long X86_64_VMEMMAP_START = 0xffffea0000000000L;
    public static final long X86_64_START_KERNEL_MAP = 0xffffffff80000000L;
    /** 64 TB of direct map in 4-level mode (MAX_PHYSMEM_BITS = 46). */
    public static final long X86_64_DIRECT_MAP_BYTES = 64L << 40;

    // i386 non-PAE, [i386cfg] of the reference: these do not depend on RAM.
    public static final long I386_PAGE_OFFSET = 0xC0000000L;
    public static final long I386_VMALLOC_OFFSET = 8L << 20;
    public static final long I386_PKMAP_BASE = 0xff000000L;
    public static final long I386_LDT_BASE = 0xff400000L;
    public static final long I386_CPU_ENTRY_AREA_BASE = 0xff800000L;
    /** CPU_ENTRY_AREA_PAGES + 1 = 345 pages with NR_CPUS = 8. */
    public static final long I386_CPU_ENTRY_AREA_END = I386_CPU_ENTRY_AREA_BASE + 345 * PAGE_SIZE;
    public static final long I386_FIXADDR_TOT_START = 0xffd38000L;
    public static final long I386_FIXADDR_START = 0xfff39000L;
    /** PKMAP_BASE - 2 * PAGE_SIZE (CONFIG_HIGHMEM). */
    public static final long I386_VMALLOC_END = I386_PKMAP_BASE - 2 * PAGE_SIZE;
    /** __VMALLOC_RESERVE default, 128 MiB. */
    public static final long I386_VMALLOC_RESERVE = 128L << 20;
    /** MAXMEM = VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE = 0x36ffe000 (880 MiB - 8 KiB). */
    public static final long I386_MAXMEM = I386_VMALLOC_END - I386_PAGE_OFFSET - I386_VMALLOC_RESERVE;

    private final Arch arch;
    private final long pageOffset;
    private final long directMapBytes;
    private final long vmallocStart;
    private final long vmallocEnd;
    private final List<Region> regions;

    private AddressLayout(Arch arch, long pageOffset, long directMapBytes, long vmallocStart, long vmallocEnd,
                          List<Region> regions) {
        this.arch = arch;
        this.pageOffset = pageOffset;
        this.directMapBytes = directMapBytes;
        this.vmallocStart = vmallocStart;
        this.vmallocEnd = vmallocEnd;
        this.regions = List.copyOf(regions);
    }

    /** x86_64 with 4-level paging and the unrandomized bases of mm.rst (no KASLR, so modules from 0xffffffffa0000000). */
    public static AddressLayout x86_64() {
        List<Region> r = new ArrayList<>();
        r.add(new Region("user space", 0L, 0x0000800000000000L));
        r.add(new Region("non-canonical", 0x0000800000000000L, 0xffff800000000000L));
        r.add(new Region("guard hole (hypervisor)", 0xffff800000000000L, 0xffff880000000000L));
        r.add(new Region("LDT remap for PTI", 0xffff880000000000L, X86_64_PAGE_OFFSET));
        r.add(new Region("direct map (page_offset_base)", X86_64_PAGE_OFFSET, X86_64_PAGE_OFFSET + X86_64_DIRECT_MAP_BYTES));
        r.add(new Region("unused hole", 0xffffc88000000000L, X86_64_VMALLOC_START));
        r.add(new Region("vmalloc/ioremap (vmalloc_base)", X86_64_VMALLOC_START, X86_64_VMALLOC_END + 1));
        r.add(new Region("unused hole", 0xffffe90000000000L, X86_64_VMEMMAP_START));
        r.add(new Region("vmemmap (struct page array)", X86_64_VMEMMAP_START, 0xffffeb0000000000L));
        r.add(new Region("unused hole", 0xffffeb0000000000L, 0xffffec0000000000L));
        r.add(new Region("KASAN shadow", 0xffffec0000000000L, 0xfffffc0000000000L));
        r.add(new Region("unused hole", 0xfffffc0000000000L, 0xfffffe0000000000L));
        r.add(new Region("cpu_entry_area", 0xfffffe0000000000L, 0xfffffe8000000000L));
        r.add(new Region("unused hole", 0xfffffe8000000000L, 0xffffff0000000000L));
        r.add(new Region("%esp fixup stacks", 0xffffff0000000000L, 0xffffff8000000000L));
        r.add(new Region("unused hole", 0xffffff8000000000L, 0xffffffef00000000L));
        r.add(new Region("EFI runtime mappings", 0xffffffef00000000L, 0xffffffff00000000L));
        r.add(new Region("unused hole", 0xffffffff00000000L, X86_64_START_KERNEL_MAP));
        r.add(new Region("kernel text (__START_KERNEL_map)", X86_64_START_KERNEL_MAP, 0xffffffffa0000000L));
        r.add(new Region("modules", 0xffffffffa0000000L, 0xffffffffff000000L));
        // FIXADDR_START varies with config (about -11 MB); the fixmap's slots lie somewhere in this span.
        r.add(new Region("fixmap", 0xffffffffff000000L, 0xffffffffff600000L));
        r.add(new Region("vsyscall", 0xffffffffff600000L, 0xffffffffff601000L));
        r.add(new Region("unused hole", 0xffffffffff601000L, 0L));
        return new AddressLayout(Arch.X86_64, X86_64_PAGE_OFFSET, X86_64_DIRECT_MAP_BYTES,
                X86_64_VMALLOC_START, X86_64_VMALLOC_END, r);
    }

    /**
     * i386 non-PAE for a machine whose RAM ends at {@code maxPfn}: lowmem is min(RAM, MAXMEM), the rest is
     * HighMem and has no direct-map address.
     */
    public static AddressLayout i386(int maxPfn) {
        long lowBytes = Math.min((long) maxPfn << PAGE_SHIFT, I386_MAXMEM);
        long highMemory = I386_PAGE_OFFSET + lowBytes;
        long vmallocStart = highMemory + I386_VMALLOC_OFFSET;
        List<Region> r = new ArrayList<>();
        r.add(new Region("user space", 0L, I386_PAGE_OFFSET));
        r.add(new Region("lowmem direct map", I386_PAGE_OFFSET, highMemory));
        r.add(new Region("VMALLOC_OFFSET gap", highMemory, vmallocStart));
        r.add(new Region("vmalloc + modules", vmallocStart, I386_VMALLOC_END));
        r.add(new Region("gap (2 pages)", I386_VMALLOC_END, I386_PKMAP_BASE));
        r.add(new Region("pkmap (kmap)", I386_PKMAP_BASE, I386_LDT_BASE));
        r.add(new Region("LDT remap", I386_LDT_BASE, I386_CPU_ENTRY_AREA_BASE));
        r.add(new Region("cpu_entry_area", I386_CPU_ENTRY_AREA_BASE, I386_CPU_ENTRY_AREA_END));
        r.add(new Region("unused", I386_CPU_ENTRY_AREA_END, I386_FIXADDR_TOT_START));
        r.add(new Region("fixmap (boot-time)", I386_FIXADDR_TOT_START, I386_FIXADDR_START));
        r.add(new Region("fixmap (permanent, kmap_local slots)", I386_FIXADDR_START, 0x1_0000_0000L));
        return new AddressLayout(Arch.I386, I386_PAGE_OFFSET, lowBytes, vmallocStart, I386_VMALLOC_END, r);
    }

    public Arch arch() { return arch; }

    public long pageOffset() { return pageOffset; }

    public long vmallocStart() { return vmallocStart; }

    /** The kernel's VMALLOC_END, used as alloc_vmap_area()'s vend: an area fits if start + size <= vmallocEnd. */
    public long vmallocEnd() { return vmallocEnd; }

    /** Frames below this pfn have a direct-map address (max_low_pfn on i386, 64 TB worth on x86_64). */
    public long directMapEndPfn() { return directMapBytes >>> PAGE_SHIFT; }

    public List<Region> regions() { return regions; }

    /** The region holding {@code vaddr}, or null outside all named regions. */
    public Region regionOf(long vaddr) {
        for (Region region : regions) if (region.contains(vaddr)) return region;
        return null;
    }

    /** __va(pfn << PAGE_SHIFT), or -1 when the frame has no direct-map address (HighMem on i386). */
    public long directMapAddress(int pfn) {
        if (pfn < 0 || pfn >= directMapEndPfn()) return -1;
        return pageOffset + ((long) pfn << PAGE_SHIFT);
    }

    /** __pa(vaddr) >> PAGE_SHIFT for a direct-map address, or -1 when {@code vaddr} is not in the direct map. */
    public int pfnOfDirectMap(long vaddr) {
        long offset = vaddr - pageOffset;
        if (Long.compareUnsigned(vaddr, pageOffset) < 0 || Long.compareUnsigned(offset, directMapBytes) >= 0) return -1;
        long pfn = offset >>> PAGE_SHIFT;
        return pfn > Integer.MAX_VALUE ? -1 : (int) pfn;
    }

    /**
     * What %px prints: the raw value, zero-padded to 2 * sizeof(void *) lowercase hex digits and without "0x"
     * (pointer_string() in lib/vsprintf.c). /proc/vmallocinfo writes its own "0x" in front.
     */
    public static String hex(long vaddr, boolean is64) {
        return is64 ? String.format("%016x", vaddr) : String.format("%08x", vaddr & 0xffffffffL);
    }
}
