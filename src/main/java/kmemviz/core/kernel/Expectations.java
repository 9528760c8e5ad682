package kmemviz.core.kernel;

import kmemviz.core.cmd.Expect;
import kmemviz.core.mm.Zone;

/** Evaluates a script's {@code expect} lines against the current state. */
final class Expectations {
    private final Kernel kernel;

    Expectations(Kernel kernel) { this.kernel = kernel; }

    private long tlbCounter(String name) {
        kmemviz.core.vm.TlbStats s = kernel.vm().tlb().stats();
        return switch (name) {
            case "accesses" -> s.accesses();
            case "l1_hits" -> s.l1Hits();
            case "stlb_hits" -> s.stlbHits();
            case "walks" -> s.walks();
            case "cycles_estimate" -> s.cycles();
            default -> s.fullFlushes() + s.pageFlushes();
        };
    }

    Outcome check(Expect e) {
        long actual;
        switch (e.subject()) {
            case KSIZE -> {
                Pointer p = kernel.variables().get(e.argument());
                if (p == null) return Kernel.result(e, Outcome.Status.ERROR, "unknown variable '" + e.argument() + "'", null);
                kmemviz.core.mm.Allocation a = kernel.memory().allocations().get(p.allocId());
                actual = a == null || p.isZeroSizePtr() ? 0 : a.actualBytes();
            }
            case TLB -> actual = tlbCounter(e.argument());
            case POINTER, PFN -> {
                Pointer p = kernel.variables().get(e.argument());
                if (p == null) return Kernel.result(e, Outcome.Status.ERROR, "unknown variable '" + e.argument() + "'", null);
                if (e.subject() == Expect.Subject.PFN && p.pfn() < 0)
                    return Kernel.result(e, Outcome.Status.EXPECT_FAILED, "expect " + e.source() + ": " + e.argument() + " is NULL", null);
                actual = e.subject() == Expect.Subject.PFN ? p.pfn() : (p.isNull() ? 0 : 1);
            }
            default -> {
                Zone zone = kernel.memory().zones().stream()
                        .filter(z -> z.name().equalsIgnoreCase(e.argument())).findFirst().orElse(null);
                if (zone == null) return Kernel.result(e, Outcome.Status.ERROR, "no zone named '" + e.argument() + "' on this machine", null);
                if (e.subject() == Expect.Subject.NR_FREE && (e.order() < 0 || e.order() > 10))
                    return Kernel.result(e, Outcome.Status.ERROR, "orders are 0..10, not " + e.order(), null);
                actual = e.subject() == Expect.Subject.FREE ? zone.freePages() : zone.nrFree(e.order());
            }
        }
        if (e.holds(actual)) return Kernel.result(e, Outcome.Status.OK, "expect " + e.source() + ": holds", null);
        String shown = e.subject() == Expect.Subject.POINTER ? (actual == 0 ? "NULL" : "not NULL")
                : e.subject() == Expect.Subject.PFN ? "0x" + Long.toHexString(actual) : Long.toString(actual);
        return Kernel.result(e, Outcome.Status.EXPECT_FAILED, "expect " + e.source() + ": failed, the value is " + shown, null);
    }
}
