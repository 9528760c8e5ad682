package kmemviz.core.slab;

import java.util.Arrays;

/**
 * pfn &rarr; int, open addressing with linear probing over interleaved {@code int[]} key/value pairs, so a lookup
 * allocates nothing and boxes nothing. Pfns are &ge; 0, so {@link #NO_PFN} marks an empty slot; {@link #MISSING}
 * comes back for an absent key. Deletion shifts later entries of the probe run back (no tombstones), so lookups
 * stay short however long the model runs.
 */
final class PfnSlotMap {
    static final int NO_PFN = -1;
    static final int MISSING = -1;

    private int[] table;   // [2*i] = pfn or NO_PFN, [2*i + 1] = value
    private int mask;      // capacity - 1; capacity is a power of two
    private int size;

    PfnSlotMap() { allocate(64); }

    /** An independent copy, for a checkpoint. */
    PfnSlotMap(PfnSlotMap o) {
        table = o.table.clone();
        mask = o.mask;
        size = o.size;
    }

    int size() { return size; }

    int capacity() { return mask + 1; }

    int get(int pfn) {
        int[] t = table;
        for (int i = hash(pfn) & mask; ; i = (i + 1) & mask) {
            int k = t[i << 1];
            if (k == pfn) return t[(i << 1) + 1];
            if (k == NO_PFN) return MISSING;
        }
    }

    void put(int pfn, int value) {
        if (pfn < 0) throw new IllegalArgumentException("pfn must be >= 0, was " + pfn);
        if ((size + 1) * 2 > mask + 1) rehash((mask + 1) * 2);
        for (int i = hash(pfn) & mask; ; i = (i + 1) & mask) {
            int k = table[i << 1];
            if (k == pfn || k == NO_PFN) {
                if (k == NO_PFN) size++;
                table[i << 1] = pfn;
                table[(i << 1) + 1] = value;
                return;
            }
        }
    }

    void remove(int pfn) {
        int i = hash(pfn) & mask;
        while (true) {
            int k = table[i << 1];
            if (k == NO_PFN) return;
            if (k == pfn) break;
            i = (i + 1) & mask;
        }
        size--;
        // Backward-shift: move each later entry of the run into the hole unless its home lies cyclically in (hole, j].
        int hole = i;
        for (int j = (hole + 1) & mask; table[j << 1] != NO_PFN; j = (j + 1) & mask) {
            int home = hash(table[j << 1]) & mask;
            boolean homeInRange = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!homeInRange) {
                table[hole << 1] = table[j << 1];
                table[(hole << 1) + 1] = table[(j << 1) + 1];
                hole = j;
            }
        }
        table[hole << 1] = NO_PFN;
    }

    private static int hash(int pfn) {
        int h = pfn * 0x9E3779B9;   // Fibonacci hashing spreads consecutive pfns of one slab
        return h ^ (h >>> 16);
    }

    private void allocate(int capacity) {
        table = new int[capacity * 2];
        Arrays.fill(table, NO_PFN);
        mask = capacity - 1;
        size = 0;
    }

    private void rehash(int capacity) {
        int[] old = table;
        allocate(capacity);
        for (int i = 0; i < old.length; i += 2) if (old[i] != NO_PFN) put(old[i], old[i + 1]);
    }
}
