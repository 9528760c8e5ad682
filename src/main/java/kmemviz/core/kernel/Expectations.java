package kmemviz.core.kernel;

import java.util.List;
import java.util.stream.Collectors;
import kmemviz.core.cmd.Expect;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Fragmentation;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.Zone;
import kmemviz.core.report.ExtfragReport;

/**
 * Evaluates a script's {@code expect} lines: the value checks against the current state, the report checks against
 * the REPORT events of the last state-changing command's outcome (its events are the only place a report is kept).
 */
final class Expectations {
    private final CallContext ctx;
    private final Outcome lastCall;

    /** @param lastCall the outcome of the last state-changing command, or null if none ran since a checkpoint was restored */
    Expectations(CallContext ctx, Outcome lastCall) {
        this.ctx = ctx;
        this.lastCall = lastCall;
    }

    Outcome check(Expect e) {
        if (e.subject().readsReports()) return checkReports(e);
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
                if (e.order() < 0 || e.order() > BuddyAllocator.MAX_PAGE_ORDER)
                    return CallContext.result(e, Outcome.Status.ERROR, "orders are 0..10, not " + e.order(), null);
                String problem = perCpuProblem(e, zone);
                if (problem != null) return CallContext.result(e, Outcome.Status.ERROR, problem, null);
                actual = zoneValue(e, zone);
            }
        }
        if (e.holds(actual)) return CallContext.result(e, Outcome.Status.OK, "expect " + e.source() + ": holds", null);
        String shown = e.subject() == Expect.Subject.POINTER ? (actual == 0 ? "NULL" : "not NULL")
                : e.subject() == Expect.Subject.PFN ? "0x" + Long.toHexString(actual)
                : e.subject() == Expect.Subject.EXTFRAG ? ExtfragReport.formatExtfrag((int) actual).trim()
                : e.subject() == Expect.Subject.UNUSABLE ? ExtfragReport.formatUnusable((int) actual) : Long.toString(actual);
        return CallContext.result(e, Outcome.Status.EXPECT_FAILED, "expect " + e.source() + ": failed, the value is " + shown, null);
    }

    /** What a pcp or pcp_high check cannot read on this machine, or null. */
    private String perCpuProblem(Expect e, Zone zone) {
        if (e.subject() != Expect.Subject.PCP && e.subject() != Expect.Subject.PCP_HIGH) return null;
        if (!zone.hasPcp()) return zone.name() + " has no per-CPU lists (the machine runs with pcp=off)";
        int cpus = ctx.memory().profile().nrCpus();
        if (e.cpu() < 0 || e.cpu() >= cpus) return "CPUs are 0.." + (cpus - 1) + " on this machine, not " + e.cpu();
        return null;
    }

    /** A zone's figure as buddyinfo, pagetypeinfo, zoneinfo's pagesets or debugfs's extfrag files show it. */
    private long zoneValue(Expect e, Zone zone) {
        BuddyAllocator buddy = ctx.memory().buddy();
        return switch (e.subject()) {
            case FREE -> zone.freePages();
            case NR_FREE -> e.type() == null ? zone.nrFree(e.order()) : buddy.nrFree(zone, e.order(), e.type());
            case PAGEBLOCKS -> buddy.pageblockCounts(zone)[e.type().ordinal()];
            case PCP -> zone.pcpCount(e.cpu());
            case PCP_HIGH -> zone.pcpHigh(e.cpu());
            case EXTFRAG -> Fragmentation.fragmentationIndex(zone, e.order());
            case UNUSABLE -> Fragmentation.unusableFreeIndex(e.order(), Fragmentation.fillContigPageInfo(zone, e.order()));
            default -> throw new IllegalStateException("not a zone check: " + e.subject());
        };
    }

    private Outcome checkReports(Expect e) {
        List<KernelReport> reports = lastCall == null ? List.of() : lastCall.events().stream()
                .map(MmEvent::report).filter(r -> r != null).toList();
        boolean holds = e.subject() == Expect.Subject.NO_REPORT ? reports.isEmpty()
                : reports.stream().anyMatch(r -> r.text().contains(e.argument()));
        if (holds) return CallContext.result(e, Outcome.Status.OK, "expect " + e.source() + ": holds", null);
        String why = lastCall == null ? "no command has run since the state was restored from a checkpoint"
                : "the last command (" + lastCall.command().text() + ")" + (reports.isEmpty() ? " reported nothing"
                : " reported " + reports.stream().map(KernelReport::headline).collect(Collectors.joining(" | ")));
        return CallContext.result(e, Outcome.Status.EXPECT_FAILED, "expect " + e.source() + ": failed, " + why, null);
    }
}
