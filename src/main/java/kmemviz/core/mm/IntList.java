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

    /** An independent copy, for a checkpoint. */
    public IntList copy() {
        IntList c = new IntList();
        c.items = items.clone();
        c.size = size;
        return c;
    }

    public int[] toArray() { return Arrays.copyOf(items, size); }
}
