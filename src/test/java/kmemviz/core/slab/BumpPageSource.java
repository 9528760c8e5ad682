package kmemviz.core.slab;

import java.util.HashMap;
import java.util.Map;

/** Test page source: hands out naturally aligned blocks from a bump pointer, never reuses, fails past a page budget. */
final class BumpPageSource implements SlabPageSource {
    private int nextPfn = 0x100;
    private long budgetPages;
    final Map<Integer, Integer> live = new HashMap<>();   // head pfn -> order
    int allocCalls, freeCalls;
    int lastGfp;

    BumpPageSource() { this(Long.MAX_VALUE); }
    BumpPageSource(long budgetPages) { this.budgetPages = budgetPages; }

    void setBudget(long pages) { budgetPages = pages; }

    @Override public int allocSlabPages(int order, int gfp) {
        allocCalls++;
        lastGfp = gfp;
        if ((1L << order) > budgetPages) return -1;
        budgetPages -= 1L << order;
        int pfn = (nextPfn + (1 << order) - 1) & -(1 << order);
        nextPfn = pfn + (1 << order);
        live.put(pfn, order);
        return pfn;
    }

    @Override public void freeSlabPages(int pfn, int order) {
        freeCalls++;
        Integer had = live.remove(pfn);
        if (had == null || had != order) throw new AssertionError("freeSlabPages(" + pfn + ", " + order + ") of a block not handed out");
    }
}
