package kmemviz.core.vm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kmemviz.core.mm.Profile;

/**
 * Data TLBs: first-level TLBs split by page size, backed by one shared second-level TLB (STLB), with true LRU.
 *
 * <p>Notation. A structure has {@code sets × ways} slots; slot = set * ways + way. A slot's tag is
 * {@code vpn << 2 | PageSize.ordinal()} with vpn = vaddr >>> pageSize.shift(), or {@link #EMPTY}. Its LRU stamp is
 * the value of a global clock at its last use; the victim is an empty slot, else the smallest stamp in the set.
 * The set is {@code vpn mod sets}, the vpn taken in units of the entry's own page size: in the shared STLB a
 * 2 MiB entry indexes by vaddr >>> 21 and a 4 KiB entry by vaddr >>> 12; the size in the tag keeps them apart.
 * (Intel does not document the STLB's hash; this is the simplest rule that keeps both sizes spread over all
 * sets.)
 *
 * <p>Lookup ({@link #access}): the L1 for that size; on a miss the STLB if it holds that size (fill the L1);
 * on a miss a page walk (fill the STLB if it holds that size, then the L1). A size that no structure holds
 * walks every time. Entries are never shared across sizes: a 4 KiB access never hits a 2 MiB entry, because
 * the caller says which size maps the address.
 *
 * <p>Flushes follow flush_tlb_kernel_range() (arch/x86/mm/tlb.c): more than tlb_single_page_flush_ceiling
 * (33) pages → flush everything, else one INVLPG per 4 KiB step, and one INVLPG drops whatever entry of any
 * size maps that address. Global bits, PCID and other CPUs are not modelled: one CPU, kernel entries only.
 *
 * <p>The hot path ({@link #access}) allocates nothing. Single-threaded.
 */
public final class Tlb {
    public static final int L1_HIT = 0;
    public static final int STLB_HIT = 1;
    public static final int WALK = 2;
    public static final long EMPTY = -1L;
    /** tlb_single_page_flush_ceiling's default; the model has no debugfs to change it. */
    public static final int FLUSH_CEILING = 33;

    private static final PageSize[] SIZES = PageSize.values();

    /** The structures a script resizes with {@code tlb NAME ENTRIES WAYS}: an L1 by the page size it holds, or the STLB. */
    public enum Structure {
        L1_4K("l1-4k", PageSize.SIZE_4K), L1_2M("l1-2m", PageSize.SIZE_2M), L1_1G("l1-1g", PageSize.SIZE_1G), STLB("stlb", null);

        private final String keyword;
        private final PageSize l1Size;

        Structure(String keyword, PageSize l1Size) {
            this.keyword = keyword;
            this.l1Size = l1Size;
        }

        public String keyword() { return keyword; }

        /** The structure named {@code keyword}, or null. */
        public static Structure byKeyword(String keyword) {
            for (Structure s : values()) if (s.keyword.equals(keyword)) return s;
            return null;
        }

        boolean isL1Of(TlbGeometry g) { return l1Size != null && g.pageSizes().contains(l1Size); }
    }

    private final List<TlbGeometry> structures;
    private final int[] sets;
    private final int[] ways;
    private final long[][] tags;
    private final long[][] stamps;
    private final int[] l1BySize;        // PageSize.ordinal() -> structure index, or -1
    private final int stlb;              // structure index, or -1
    private final boolean[] stlbHolds;   // by PageSize.ordinal()
    private final TlbCosts costs;
    private TlbListener listener;
    private long clock;
    private long accesses, l1Hits, stlbHits, walks, cycles, fullFlushes, pageFlushes;

    /**
     * @param l1s  first-level TLBs; each page size may appear in at most one of them
     * @param stlb the shared second-level TLB, or null
     */
    public Tlb(List<TlbGeometry> l1s, TlbGeometry stlb, TlbCosts costs) {
        List<TlbGeometry> all = new ArrayList<>(l1s);
        if (stlb != null) all.add(stlb);
        this.structures = List.copyOf(all);
        this.costs = costs;
        int n = all.size();
        sets = new int[n];
        ways = new int[n];
        tags = new long[n][];
        stamps = new long[n][];
        l1BySize = new int[SIZES.length];
        Arrays.fill(l1BySize, -1);
        for (int i = 0; i < n; i++) {
            TlbGeometry g = all.get(i);
            sets[i] = g.sets();
            ways[i] = g.ways();
            tags[i] = new long[g.entries()];
            stamps[i] = new long[g.entries()];
            Arrays.fill(tags[i], EMPTY);
            if (stlb != null && i == n - 1) continue;
            for (PageSize s : g.pageSizes()) {
                if (l1BySize[s.ordinal()] >= 0) throw new IllegalArgumentException(s + " is in two L1 TLBs");
                l1BySize[s.ordinal()] = i;
            }
        }
        this.stlb = stlb == null ? -1 : n - 1;
        stlbHolds = new boolean[SIZES.length];
        if (stlb != null) for (PageSize s : stlb.pageSizes()) stlbHolds[s.ordinal()] = true;
    }

    /**
     * Skylake-like defaults from the reference (§6.1): L1 dTLB 4 KiB 64 entries 4-way, L1 dTLB 2M/4M 32 entries
     * 4-way (associativity unverified), L1 dTLB 1 GiB 4 entries 4-way, STLB 1536 entries 12-way for 4 KiB and
     * 2 MiB. The 16-entry 1 GiB STLB is unverified and left out, so a 1 GiB L1 miss walks.
     */
    public static Tlb skylake(TlbCosts costs) {
        return new Tlb(List.of(
                new TlbGeometry("L1 dTLB 4K", 64, 4, PageSize.SIZE_4K),
                new TlbGeometry("L1 dTLB 2M/4M", 32, 4, PageSize.SIZE_2M, PageSize.SIZE_4M),
                new TlbGeometry("L1 dTLB 1G", 4, 4, PageSize.SIZE_1G)),
                new TlbGeometry("STLB", 1536, 12, PageSize.SIZE_4K, PageSize.SIZE_2M), costs);
    }

    public static Tlb skylake() { return skylake(TlbCosts.DEFAULT); }

    /** A copy for a checkpoint: the same geometry, every entry, stamp and counter, and no listener. */
    public Tlb copy() {
        List<TlbGeometry> l1s = new ArrayList<>(structures);
        TlbGeometry second = stlb < 0 ? null : l1s.remove(stlb);
        Tlb c = new Tlb(l1s, second, costs);
        for (int i = 0; i < tags.length; i++) {
            System.arraycopy(tags[i], 0, c.tags[i], 0, tags[i].length);
            System.arraycopy(stamps[i], 0, c.stamps[i], 0, stamps[i].length);
        }
        c.clock = clock;
        c.accesses = accesses;
        c.l1Hits = l1Hits;
        c.stlbHits = stlbHits;
        c.walks = walks;
        c.cycles = cycles;
        c.fullFlushes = fullFlushes;
        c.pageFlushes = pageFlushes;
        return c;
    }

    /** An estimate of the entries and stamps, for the checkpoint budget. */
    public long heapBytes() {
        long bytes = 0;
        for (long[] t : tags) bytes += 2L * Long.BYTES * t.length;
        return bytes;
    }

    public void setListener(TlbListener listener) { this.listener = listener; }

    public TlbCosts costs() { return costs; }

    /** A TLB like this one with structure {@code which} resized; it starts empty. */
    public Tlb resized(Structure which, int entries, int ways) {
        List<TlbGeometry> l1 = new ArrayList<>();
        for (TlbGeometry g : l1s()) l1.add(which.isL1Of(g) ? new TlbGeometry(g.name(), entries, ways, g.pageSizes()) : g);
        TlbGeometry second = stlbGeometry();
        if (which == Structure.STLB && second != null) second = new TlbGeometry(second.name(), entries, ways, second.pageSizes());
        return new Tlb(l1, second, costs);
    }

    /** A TLB of the same geometry with other costs; it starts empty. */
    public Tlb withCosts(TlbCosts costs) { return new Tlb(l1s(), stlbGeometry(), costs); }

    private List<TlbGeometry> l1s() {
        List<TlbGeometry> l1 = new ArrayList<>(structures);
        if (stlb >= 0) l1.remove(stlb);
        return l1;
    }

    private TlbGeometry stlbGeometry() { return stlb < 0 ? null : structures.get(stlb); }

    /** Translates one access to a page of {@code size}; returns {@link #L1_HIT}, {@link #STLB_HIT} or {@link #WALK}. */
    public int access(long vaddr, PageSize size) {
        accesses++;
        int so = size.ordinal();
        long vpn = vaddr >>> size.shift();
        long tag = (vpn << 2) | so;
        int l1 = l1BySize[so];
        if (l1 >= 0) {
            int set = setOf(l1, vpn);
            int way = find(l1, set, tag);
            if (way >= 0) {
                stamps[l1][set * ways[l1] + way] = ++clock;
                l1Hits++;
                cycles += costs.l1Hit();
                if (listener != null) {
                    listener.hit(l1, set, way, vpn);
                    listener.accessDone(vaddr, L1_HIT);
                }
                return L1_HIT;
            }
            if (listener != null) listener.miss(l1, vpn);
        }
        if (stlb >= 0 && stlbHolds[so]) {
            int set = setOf(stlb, vpn);
            int way = find(stlb, set, tag);
            if (way >= 0) {
                stamps[stlb][set * ways[stlb] + way] = ++clock;
                stlbHits++;
                cycles += costs.stlbHit();
                if (listener != null) listener.hit(stlb, set, way, vpn);
                if (l1 >= 0) fill(l1, vpn, tag, size);
                if (listener != null) listener.accessDone(vaddr, STLB_HIT);
                return STLB_HIT;
            }
            if (listener != null) listener.miss(stlb, vpn);
            walks++;
            cycles += costs.walk();
            if (listener != null) listener.walk(vaddr, size);
            fill(stlb, vpn, tag, size);
        } else {
            walks++;
            cycles += costs.walk();
            if (listener != null) listener.walk(vaddr, size);
        }
        if (l1 >= 0) fill(l1, vpn, tag, size);
        if (listener != null) listener.accessDone(vaddr, WALK);
        return WALK;
    }

    /** The set of TLB {@code s} that a page number of that TLB's page size indexes. */
    public int setOf(int s, long vpn) {
        int n = sets[s];
        return (n & (n - 1)) == 0 ? (int) (vpn & (n - 1)) : (int) (vpn % n);
    }

    private int find(int s, int set, long tag) {
        long[] t = tags[s];
        int base = set * ways[s];
        for (int w = 0; w < ways[s]; w++) if (t[base + w] == tag) return w;
        return -1;
    }

    private void fill(int s, long vpn, long tag, PageSize size) {
        int set = setOf(s, vpn);
        int base = set * ways[s];
        long[] t = tags[s];
        long[] st = stamps[s];
        int victim = 0;
        for (int w = 0; w < ways[s]; w++) {
            if (t[base + w] == EMPTY) { victim = w; break; }
            if (st[base + w] < st[base + victim]) victim = w;
        }
        long old = t[base + victim];
        if (old != EMPTY && listener != null) listener.evict(s, set, victim, old >>> 2, SIZES[(int) (old & 3)]);
        t[base + victim] = tag;
        st[base + victim] = ++clock;
        if (listener != null) listener.fill(s, set, victim, vpn, size);
    }

    /** INVLPG: drops every entry, of any size, that translates {@code vaddr}. */
    public void flushPage(long vaddr) {
        pageFlushes++;
        for (int s = 0; s < structures.size(); s++) {
            for (PageSize size : structures.get(s).pageSizes()) {
                long vpn = vaddr >>> size.shift();
                int set = setOf(s, vpn);
                int way = find(s, set, (vpn << 2) | size.ordinal());
                if (way >= 0) tags[s][set * ways[s] + way] = EMPTY;
            }
        }
        if (listener != null) listener.flush(vaddr, vaddr + Profile.PAGE_SIZE, false);
    }

    /** flush_tlb_kernel_range(start, end): past the ceiling a full flush, else one INVLPG per 4 KiB page. */
    public void flushRange(long start, long end) {
        if (end - start > ((long) FLUSH_CEILING << Profile.PAGE_SHIFT)) {
            flushAll();
            return;
        }
        for (long addr = start; Long.compareUnsigned(addr, end) < 0; addr += Profile.PAGE_SIZE) flushPage(addr);
    }

    /** __flush_tlb_all(): every entry goes, global ones included. */
    public void flushAll() {
        fullFlushes++;
        for (long[] t : tags) Arrays.fill(t, EMPTY);
        if (listener != null) listener.flush(0, 0, true);
    }

    public TlbStats stats() {
        return new TlbStats(accesses, l1Hits, stlbHits, walks, cycles, fullFlushes, pageFlushes);
    }

    public void resetStats() {
        accesses = l1Hits = stlbHits = walks = cycles = fullFlushes = pageFlushes = 0;
    }

    // ---- read-only views for drawing

    public List<TlbGeometry> structures() { return structures; }

    /** Index of the shared STLB in {@link #structures()}, or -1. */
    public int stlbIndex() { return stlb; }

    /** The vpn held in a slot (in units of its page size), or {@link #EMPTY}. */
    public long slotVpn(int tlb, int set, int way) {
        long tag = tags[tlb][set * ways[tlb] + way];
        return tag == EMPTY ? EMPTY : tag >>> 2;
    }

    /** The page size of a slot's entry, or null if the slot is empty. */
    public PageSize slotPageSize(int tlb, int set, int way) {
        long tag = tags[tlb][set * ways[tlb] + way];
        return tag == EMPTY ? null : SIZES[(int) (tag & 3)];
    }

    /** 0 for the most recently used valid slot of the set, ways - 1 for the victim; -1 for an empty slot. */
    public int lruRank(int tlb, int set, int way) {
        int base = set * ways[tlb];
        if (tags[tlb][base + way] == EMPTY) return -1;
        long mine = stamps[tlb][base + way];
        int rank = 0;
        for (int w = 0; w < ways[tlb]; w++)
            if (tags[tlb][base + w] != EMPTY && stamps[tlb][base + w] > mine) rank++;
        return rank;
    }

    /** Valid entries in a structure. */
    public int occupancy(int tlb) {
        int n = 0;
        for (long t : tags[tlb]) if (t != EMPTY) n++;
        return n;
    }
}
