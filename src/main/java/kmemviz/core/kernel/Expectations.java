package kmemviz.core.kernel;

import kmemviz.core.cmd.Expect;
import kmemviz.core.mm.Zone;

/** Evaluates a script's {@code expect} lines against the current state. */
final class Expectations {
    private final CallContext ctx;

    Expectations(CallContext ctx) { this.ctx = ctx; }

    Outcome check(Expect e) {
        long actual;
        switch (e.subject()) {
            case KSIZE -> {
                Pointer p = ctx.pointer(e.argument());
                kmemviz.core.mm.Allocation a = ctx.memory().allocations().get(p.allocId());
                actual = a == null || p.isZeroSizePtr() ? 0 : a.actualBytes();
            }
            case TLB -> actual = ctx.vm().tlb().stats().get(e.counter());
            case POINTER, PFN -> {
                Pointer p = ctx.pointer(e.argument());
                if (e.subject() == Expect.Subject.PFN && p.pfn() < 0)
                    return CallContext.result(e, Outcome.Status.EXPECT_FAILED, "expect " + e.source() + ": " + e.argument() + " is NULL", null);
                actual = e.subject() == Expect.Subject.PFN ? p.pfn() : (p.isNull() ? 0 : 1);
            }
            default -> {
                Zone zone = ctx.memory().zones().stream()
                        .filter(z -> z.name().equalsIgnoreCase(e.argument())).findFirst().orElse(null);
                if (zone == null) return CallContext.result(e, Outcome.Status.ERROR, "no zone named '" + e.argument() + "' on this machine", null);
                if (e.subject() == Expect.Subject.NR_FREE && (e.order() < 0 || e.order() > 10))
                    return CallContext.result(e, Outcome.Status.ERROR, "orders are 0..10, not " + e.order(), null);
                actual = e.subject() == Expect.Subject.FREE ? zone.freePages() : zone.nrFree(e.order());
            }
        }
        if (e.holds(actual)) return CallContext.result(e, Outcome.Status.OK, "expect " + e.source() + ": holds", null);
        String shown = e.subject() == Expect.Subject.POINTER ? (actual == 0 ? "NULL" : "not NULL")
                : e.subject() == Expect.Subject.PFN ? "0x" + Long.toHexString(actual) : Long.toString(actual);
        return CallContext.result(e, Outcome.Status.EXPECT_FAILED, "expect " + e.source() + ": failed, the value is " + shown, null);
    }
}
