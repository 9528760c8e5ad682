package kmemviz.core.mm;

import java.util.Arrays;

/** A growable list of ints, so that a process's thousands of pfns are not thousands of boxed Integers. */
public final class IntList {
    private int[] items = new int[8];
    private int size;

    public void add(int value) {
        if (size == items.length) items = Arrays.copyOf(items, size * 2);
        items[size++] = value;
    }

    public int get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i + " >= " + size);
        return items[i];
    }

    public int size() { return size; }

    /** Replaces the value at {@code i}, keeping the order (compaction moves a page and its owner's list follows). */
    void set(int i, int value) {
        if (i >= size) throw new IndexOutOfBoundsException(i + " >= " + size);
        items[i] = value;
    }

    public boolean isEmpty() { return size == 0; }

    /** Removes one occurrence by swapping the last element into its place; order is not kept. */
    public boolean removeValue(int value) {
        for (int i = size - 1; i >= 0; i--) {
            if (items[i] == value) {
                items[i] = items[--size];
                return true;
            }
        }
        return false;
    }

    /** Empties the list, keeping its capacity. */
    void clear() { size = 0; }

    /** An independent copy, for a checkpoint. */
    public IntList copy() {
        IntList c = new IntList();
        c.items = items.clone();
        c.size = size;
        return c;
    }

    public int[] toArray() { return Arrays.copyOf(items, size); }
}
