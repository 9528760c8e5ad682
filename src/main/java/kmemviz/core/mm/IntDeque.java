package kmemviz.core.mm;

/** A ring buffer of ints: the model's LRU list, oldest at the front. */
final class IntDeque {
    private int[] items = new int[16];
    private int head, size;

    void addLast(int value) {
        if (size == items.length) grow();
        items[(head + size++) & (items.length - 1)] = value;
    }

    void addFirst(int value) {
        if (size == items.length) grow();
        head = (head - 1) & (items.length - 1);
        items[head] = value;
        size++;
    }

    int pollFirst() {
        int v = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }

    IntDeque copy() {
        IntDeque c = new IntDeque();
        c.items = items.clone();
        c.head = head;
        c.size = size;
        return c;
    }

    boolean isEmpty() { return size == 0; }

    int size() { return size; }

    int capacity() { return items.length; }

    private void grow() {
        int[] bigger = new int[items.length * 2];
        for (int i = 0; i < size; i++) bigger[i] = items[(head + i) & (items.length - 1)];
        items = bigger;
        head = 0;
    }
}
