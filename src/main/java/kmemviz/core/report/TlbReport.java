package kmemviz.core.report;

import kmemviz.core.kernel.Kernel;
import kmemviz.core.vm.TlbStats;

/** The TLB's counters, one {@code name value} pair a line; the cycle count is the model's estimate. */
public final class TlbReport {
    private TlbReport() {}

    public static String render(Kernel k) {
        TlbStats s = k.vm().tlb().stats();
        return "accesses " + s.accesses() + "\n"
                + "l1_hits " + s.l1Hits() + "\n"
                + "stlb_hits " + s.stlbHits() + "\n"
                + "walks " + s.walks() + "\n"
                + "cycles_estimate " + s.cycles() + "\n"
                + "flushes " + (s.fullFlushes() + s.pageFlushes()) + "\n";
    }
}
