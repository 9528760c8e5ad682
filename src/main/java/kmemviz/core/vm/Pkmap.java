package kmemviz.core.vm;

import java.util.Arrays;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.Profile;

/**
 * The pkmap area of a 32-bit HighMem kernel (mm/highmem.c): LAST_PKMAP one-page slots from PKMAP_BASE, where
 * kmap() gives a HighMem page, which has no direct-map address, a temporary one.
 *
 * <p>Encoding, one entry per slot: {@code pfn[slot]} is the frame the slot maps, or NO_PFN if it never mapped
 * one; {@code count[slot]} is the kernel's pkmap_count[]: 0 free, 1 mapped but unused (kunmap'ed: its PTE stays),
 * 2 or more in use (one more than the kmaps holding it).
 *
 * <p>kmap_high(): a page that already has a slot takes it again; otherwise map_new_virtual() searches round-robin
 * from last_pkmap_nr for a slot with count 0. When the search wraps to slot 0, flush_all_zero_pkmaps() unmaps every
 * slot at count 1 and flushes the whole pkmap range from the TLB once, so kunmap() itself never flushes.
 * Single-threaded: the kernel's kmap_lock and the sleep on a full area are not modelled (a full area is an answer).
 */
public final class Pkmap {
    /** LAST_PKMAP without PAE. */
    public static final int LAST_PKMAP = 1024;
    /** What {@link #kmapHigh} and {@link #slotOf} answer when there is no slot. */
    public static final int NO_SLOT = -1;

    private final PageTables pageTables;
    private final MmListener events;
    private Tlb tlb;
    private final int[] pfn = new int[LAST_PKMAP];
    private final int[] count = new int[LAST_PKMAP];
    private int lastPkmapNr;

    /** @param events hears kmapChanged and the pageUnmapped of each slot that flush_all_zero_pkmaps() clears */
    public Pkmap(PageTables pageTables, Tlb tlb, MmListener events) {
        this.pageTables = pageTables;
        this.tlb = tlb;
        this.events = events;
        Arrays.fill(pfn, FrameTable.NO_PFN);
    }

    /** A copy for a checkpoint: every slot's pfn and count and the scan position, over the copy's tables and TLB. */
    public Pkmap(Pkmap o, PageTables pageTables, Tlb tlb, MmListener events) {
        this.pageTables = pageTables;
        this.tlb = tlb;
        this.events = events;
        System.arraycopy(o.pfn, 0, pfn, 0, LAST_PKMAP);
        System.arraycopy(o.count, 0, count, 0, LAST_PKMAP);
        lastPkmapNr = o.lastPkmapNr;
    }

    /** The TLB that flush_all_zero_pkmaps() flushes, after the TLB was reconfigured. */
    public void setTlb(Tlb tlb) { this.tlb = tlb; }

    /** PKMAP_ADDR(slot): the virtual address of a slot. */
    public static long address(int slot) {
        return AddressLayout.I386_PKMAP_BASE + ((long) slot << Profile.PAGE_SHIFT);
    }

    /** The frame slot {@code slot} maps, or NO_PFN if it never held one. */
    public int pfn(int slot) { return pfn[slot]; }

    /** pkmap_count[slot]: 0 free, 1 mapped but unused, 2 or more in use. */
    public int count(int slot) { return count[slot]; }

    /** The slot that maps {@code pfn} (in use or unused but still mapped), or NO_SLOT. */
    public int slotOf(int pfn) {
        for (int i = 0; i < LAST_PKMAP; i++) if (count[i] > 0 && this.pfn[i] == pfn) return i;
        return NO_SLOT;
    }

    /** kmap_high(): the slot that now maps {@code pfn}, or NO_SLOT when every slot is in use (the kernel would sleep). */
    public int kmapHigh(int pfn) {
        int slot = slotOf(pfn);
        if (slot == NO_SLOT) slot = mapNewVirtual();
        if (slot == NO_SLOT) return NO_SLOT;
        if (count[slot] == 0) {
            pageTables.map4k(address(slot), pfn);
            this.pfn[slot] = pfn;
            count[slot] = 1;
            events.kmapChanged(pfn, address(slot), true);
        }
        count[slot]++;
        return slot;
    }

    /**
     * kunmap_high(): the slot that held {@code pfn}, now one use fewer, or NO_SLOT when {@code pfn} is not kmap'ed
     * (the kernel's BUG). The mapping stays until flush_all_zero_pkmaps().
     */
    public int kunmapHigh(int pfn) {
        int slot = slotOf(pfn);
        if (slot == NO_SLOT || count[slot] < 2) return NO_SLOT;
        if (--count[slot] == 1) events.kmapChanged(pfn, address(slot), false);
        return slot;
    }

    /** map_new_virtual(): the next slot with count 0, flushing the unused ones when the search wraps. */
    private int mapNewVirtual() {
        for (int tries = 0; tries < 2 * LAST_PKMAP; tries++) {
            lastPkmapNr = (lastPkmapNr + 1) & (LAST_PKMAP - 1);
            if (lastPkmapNr == 0) flushAllZeroPkmaps();
            if (count[lastPkmapNr] == 0) return lastPkmapNr;
        }
        return NO_SLOT;
    }

    private void flushAllZeroPkmaps() {
        boolean any = false;
        for (int i = 0; i < LAST_PKMAP; i++) {
            if (count[i] != 1) continue;
            pageTables.unmap4k(address(i));
            events.pageUnmapped(address(i), pfn[i]);
            count[i] = 0;
            any = true;
        }
        if (any) tlb.flushRange(address(0), address(LAST_PKMAP));
    }
}
