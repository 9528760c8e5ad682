package kmemviz.core.report;

import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Profile;

/** The live allocations, one a line: id, variable, where, size, mask, context, caller and the call. */
public final class AllocationsReport {
    private AllocationsReport() {}

    public static String render(Kernel kernel) {
        StringBuilder out = new StringBuilder(String.format("%-4s %-8s %-12s %10s  %-28s %-8s %s%n",
                "id", "var", "pfn", "bytes", "gfp", "context", "call"));
        for (Allocation a : kernel.memory().allocations().all()) {
            String var = kernel.variableFor(a.id());
            String where = a.isBlock() ? String.format("0x%x", a.pfn())
                    : a.isObject() ? String.format("0x%x+%d", a.objectAddress() >>> Profile.PAGE_SHIFT, a.objectAddress() & (Profile.PAGE_SIZE - 1))
                    : a.nrPages() + " pages";
            out.append(String.format("%-4d %-8s %-12s %10d  %-28s %-8s %s%s%n", a.id(), var == null ? "-" : var, where,
                    a.sizeBytes(), Gfp.format(a.gfp()), a.context().keyword(), a.call(), callerNote(a)));
        }
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    /** The caller as a comment, unless the call is a script line that carries it already. */
    private static String callerNote(Allocation a) {
        return a.caller().isEmpty() || a.call().endsWith("# " + a.caller()) ? "" : "  # " + a.caller();
    }
}
