package kmemviz.core.kernel;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * long &rarr; int, open addressing with linear probing over a {@code long[]} of keys and an {@code int[]} of values,
 * so that a lookup allocates and boxes nothing (as {@code kmemviz.core.slab.PfnSlotMap} does for pfns). A value of
 * {@link #MISSING} (0) is no value: a slot holding 0 is empty, whatever its key, so keys may be any long (physical
 * addresses, traced pointers with the top bit set) and callers store only values that are not 0. Deletion shifts
 * later entries of the probe run back (no tombstones), so lookups stay short however long a replay runs.
 */
final class LongIntMap {
    static final int MISSING = 0;

    private long[] keys;
    private int[] values;   // MISSING marks an empty slot
    private int mask;       // capacity - 1; capacity is a power of two
    private int size;

    LongIntMap() { allocate(64); }

    /** An independent copy, for a checkpoint. */
    LongIntMap(LongIntMap o) {
        keys = o.keys.clone();
        values = o.values.clone();
        mask = o.mask;
        size = o.size;
    }

    int size() { return size; }

    /** The value of {@code key}, or {@link #MISSING}. */
    int get(long key) {
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            int v = values[i];
            if (v == MISSING || keys[i] == key) return v;
        }
    }

    void put(long key, int value) {
        if (value == MISSING) throw new IllegalArgumentException("a LongIntMap cannot hold the value " + MISSING);
        if ((size + 1) * 2 > mask + 1) rehash((mask + 1) * 2);
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == MISSING) {
                size++;
                keys[i] = key;
                values[i] = value;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    /** Takes {@code key} out; returns its value, or {@link #MISSING}. */
    int remove(long key) {
        int i = hash(key) & mask;
        while (true) {
            if (values[i] == MISSING) return MISSING;
            if (keys[i] == key) break;
            i = (i + 1) & mask;
        }
        int old = values[i];
        size--;
        // Backward-shift: move each later entry of the run into the hole unless its home lies cyclically in (hole, j].
        int hole = i;
        for (int j = (hole + 1) & mask; values[j] != MISSING; j = (j + 1) & mask) {
            int home = hash(keys[j]) & mask;
            boolean homeInRange = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!homeInRange) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = MISSING;
        return old;
    }

    /** Each key, in no particular order. */
    void forEachKey(LongConsumer action) {
        for (int i = 0; i < values.length; i++) if (values[i] != MISSING) action.accept(keys[i]);
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;   // Fibonacci hashing: objects of one slab differ in their low bits
        return (int) (h ^ (h >>> 32));
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        size = 0;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(capacity);
        for (int i = 0; i < oldValues.length; i++) if (oldValues[i] != MISSING) put(oldKeys[i], oldValues[i]);
    }
}
