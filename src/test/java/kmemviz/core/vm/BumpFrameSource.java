package kmemviz.core.vm;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;

/** Test double for the buddy allocator: hands out frames upwards from a base, reuses freed ones, can run dry. */
final class BumpFrameSource implements FrameSource {
    private int next;
    private final int limit;
    private final Deque<Integer> freed = new ArrayDeque<>();
    private final BitSet inUse = new BitSet();
    int pageTableFrames;
    int vmallocFrames;
    /** When >= 0, the allocation with this sequence number (0-based) fails. */
    int failAt = -1;
    int allocations;

    BumpFrameSource(int firstPfn, int limitPfn) {
        this.next = firstPfn;
        this.limit = limitPfn;
    }

    BumpFrameSource() { this(0x100000, Integer.MAX_VALUE); }

    @Override public int allocFrame(int gfp, FrameUse use) {
        if (allocations++ == failAt) return -1;
        int pfn;
        if (!freed.isEmpty()) pfn = freed.pop();
        else if (next < limit) pfn = next++;
        else return -1;
        inUse.set(pfn);
        if (use.isPageTable()) pageTableFrames++; else vmallocFrames++;
        return pfn;
    }

    @Override public void freeFrame(int pfn) {
        if (!inUse.get(pfn)) throw new IllegalStateException("double free of pfn " + pfn);
        inUse.clear(pfn);
        freed.push(pfn);
    }

    int inUseCount() { return inUse.cardinality(); }

    boolean inUse(int pfn) { return inUse.get(pfn); }
}
