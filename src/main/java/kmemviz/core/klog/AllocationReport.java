package kmemviz.core.klog;

import java.util.List;
import java.util.Map;

/**
 * What a kernel log says about one failed allocation: a "page allocation failure" (warn_alloc(), mm/page_alloc.c)
 * or an OOM report ("invoked oom-killer", mm/oom_kill.c), with the Mem-Info block that follows it
 * (show_free_areas(), mm/show_mem.c). Sizes are as the log prints them, in kB; {@link ZoneState#freeBlocks} counts
 * blocks per order. What the reader could not use is listed in {@link #skipped}, each entry beginning with the line
 * it concerns ("line 12: ..."). Line numbers count the pasted text's lines from 1 (syslog's "#012" and logd's "\x0a" start a line of the report
 * but not of the text).
 *
 * @param line          the line of the failure or OOM line
 * @param release       the kernel release the report's "CPU: ... Comm: ..." line names ("6.9.0-gentoo-PMacG4"), or
 *                      null when the paste has none
 * @param highMemPages  "N pages HighMem/MovableOnly" of the totals after Mem-Info, or -1 when absent
 * @param cmaReserved   "N pages cma reserved", or -1 when absent (kernels without CONFIG_CMA print none)
 * @param totalsLine    the line of "pages HighMem/MovableOnly", or 0
 * @param tasks         the names in an OOM report's "Tasks state" table (dump_tasks(), mm/oom_kill.c), in its order
 * @param tasksLine     the line of "Tasks state", or 0
 * @param outcome       what the kernel printed it did: "Out of memory: Killed process 147 (oom) ...", "Kernel panic -
 *                      not syncing: Out of memory ...", or null when the paste ends before it
 * @param outcomeLine   the line of the outcome, or 0
 */
public record AllocationReport(Kind kind, String task, int order, long gfpMask, String gfpNames, int line,
                               List<ZoneState> zones, List<String> skipped, String release, long highMemPages,
                               long cmaReserved, int totalsLine, List<String> tasks, int tasksLine, String outcome,
                               int outcomeLine) {
    public enum Kind { PAGE_ALLOCATION_FAILURE, OOM_KILLER }

    /**
     * One zone of the Mem-Info block: its "free:...kB min:...kB ..." fields by name, lowmem_reserve[] (pages, one per
     * zone index), and the per-order line ("3*4kB (UM) 2*8kB (M) ... = 28kB") as block counts and the migrate-type
     * letters of each order ("" when the order's count is 0 or the kernel predates the letters).
     *
     * @param line        the line of "NAME free:...", or 0 when the report has none
     * @param reserveLine the line of its lowmem_reserve[], or 0
     * @param ordersLine  the line of its per-order line, or 0
     */
    public record ZoneState(int node, String name, Map<String, Long> kB, long[] lowmemReserve, long[] freeBlocks,
                            List<String> typeLetters, long totalKb, int line, int reserveLine, int ordersLine) {
        /** A field in kB ("free", "min", "low", "high", "present", "managed", ...), or -1 if the log has none. */
        public long kb(String field) { return kB.getOrDefault(field, -1L); }
    }
}
