package kmemviz.core.cmd;

import kmemviz.core.klog.ReportMachine;
import kmemviz.core.mm.Profile;
import kmemviz.core.procfs.ProcImport;

/**
 * The name a person reads for the booted machine, in the status bar and figure captions: a built-in profile's own
 * name; for a machine imported from /proc or rebuilt from a kernel log (whose profile ids, "from-proc" and
 * "from-log", say nothing to a reader), where it came from and its RAM, e.g. "This machine (24 GiB)".
 */
public final class MachineName {
    private MachineName() {}

    public static String of(Profile p) {
        if (!p.name().equals(ProcImport.PROFILE_NAME) && !p.name().equals(ReportMachine.PROFILE_NAME)) return p.name();
        // Both importers describe their machine as "WHERE FROM: N MiB present...".
        String d = p.description();
        int colon = d.lastIndexOf(": ");
        long mib = p.totalRamPages() >> (20 - Profile.PAGE_SHIFT);
        String size = mib >= 1024 ? (mib + 512) / 1024 + " GiB" : mib + " MiB";
        String from = colon < 0 ? d : d.substring(0, colon);
        // A folder's whole path crowds the status bar off the window; its last name says which capture it is (the
        // window's title and the log keep the whole description).
        String imported = "Imported from ";
        int sep = Math.max(from.lastIndexOf('/'), from.lastIndexOf('\\'));
        if (from.startsWith(imported) && sep >= imported.length() && sep < from.length() - 1)
            from = imported + from.substring(sep + 1);
        return from + " (" + size + ")";
    }
}
