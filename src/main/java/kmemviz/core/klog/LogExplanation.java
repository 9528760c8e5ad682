package kmemviz.core.klog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.ExplainStep;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.ImportedZone;
import kmemviz.core.mm.StoryText;
import kmemviz.core.mm.ZoneType;

/**
 * The words for an explained report: the request as the log printed it and as 6.12 reads it, the rebuilt zones in
 * pages, each zone's last watermark check with how many pages it lacked, what the page allocator did (the story's
 * numbered steps, {@link StoryText}), and what was used and skipped with their lines. The command line prints
 * {@link #render}; the app lays out the same parts ({@link #explain}) in its story panel.
 */
public final class LogExplanation {
    private LogExplanation() {}

    /**
     * One zone's last watermark check in the story ({@code WATERMARK_*} step): {@code shortPages} more free pages would
     * have passed it; 0 when it passed, or when it failed for want of a block of the order rather than of pages.
     */
    public record Check(ExplainStep step, long shortPages) {
        public ZoneType zone() { return step.zone(); }

        public boolean ok() { return step.kind() == ExplainStep.Kind.WATERMARK_OK; }

        public String text() {
            return zone().kernelName() + ": " + (ok() ? "passed, " : "failed, ") + StoryText.comparison(step)
                    + (shortPages > 0 ? ": " + shortPages + " page" + (shortPages == 1 ? "" : "s") + " short (" + shortPages * 4 + " kB)" : "");
        }
    }

    /**
     * Each zone's zone_watermark_ok() verdict in the pass that decided the request ({@link StoryText#lastPass}: the
     * last at the caller's own mark), in zonelist order.
     */
    public static List<Check> checks(AllocStory story) {
        Map<ZoneType, Check> last = new LinkedHashMap<>();
        for (ExplainStep s : StoryText.lastPass(story)) {
            if (s.kind() != ExplainStep.Kind.WATERMARK_OK && s.kind() != ExplainStep.Kind.WATERMARK_BELOW
                    && s.kind() != ExplainStep.Kind.WATERMARK_NO_BLOCK) continue;
            long usable = s.a() - ((1L << s.order()) - 1);
            // __zone_watermark_ok() wants usable > min + lowmem_reserve: one page more than the sum passes.
            long shortPages = s.kind() == ExplainStep.Kind.WATERMARK_BELOW ? s.c() + s.d() - usable + 1 : 0;
            last.put(s.zone(), new Check(s, shortPages));
        }
        return List.copyOf(last.values());
    }

    /**
     * What the zone's per-CPU pages would change: __alloc_pages_direct_reclaim() (mm/page_alloc.c) drains every CPU's
     * lists (drain_all_pages()) when reclaim made some progress and the retry still failed, which puts free_pcp back
     * into "free:". Null when the check passed, the zone had none, or the request cannot reclaim (no drain then).
     */
    static String drained(ReportMachine.Result r, Check c) {
        if (c.ok() || c.shortPages() == 0 || (r.gfp() & Gfp.DIRECT_RECLAIM) == 0) return null;
        int node = r.report().zones().stream().mapToInt(AllocationReport.ZoneState::node).min().orElse(0);
        long pcp = r.report().zones().stream().filter(z -> z.node() == node && z.name().equals(c.zone().kernelName()))
                .mapToLong(z -> z.kb("free_pcp")).findFirst().orElse(-1L);
        if (pcp <= 0) return null;
        long cma = r.report().zones().stream().filter(z -> z.node() == node && z.name().equals(c.zone().kernelName()))
                .mapToLong(z -> z.kb("free_cma")).findFirst().orElse(-1L);
        boolean cmaUnusable = cma > 0 && (r.gfp() & (Gfp.MOVABLE | Gfp.RECLAIMABLE)) != Gfp.MOVABLE;
        long pages = pcp >> 2, left = c.shortPages() - pages;
        String verdict = left > 0 ? "still " + left + " page" + (left == 1 ? "" : "s") + " short" : "enough to pass with " + -left + " to spare";
        return "free_pcp " + pcp + " kB (" + pages + " pages) on the per-CPU lists, which drain_all_pages() gives back when direct reclaim"
                + " frees something and the retry still fails: "
                + (cmaUnusable ? "if none of them were CMA pages (which this request cannot use; the report does not say how many are), " : "")
                + verdict;
    }

    /**
     * Something the kernel printed, with the line it is on, between our words: {@code kernelText} is the kernel's own
     * (a panic line, the Tasks state names), which the app sets in monospace.
     */
    public record Said(int line, String before, String kernelText, String after) {
        public String text() { return before + kernelText + after; }
    }

    /**
     * One row of the table of checks: the zone, the report's own "free:" and free_cma (kB, -1 when not printed), the
     * pages the model's check counted free, the mark it compared with (the report's, which includes the watermark
     * boost, {@code boostKb}, -1 when not printed: mm/show_mem.c prints wmark_pages()) and lowmem_reserve, the
     * shortfall in pages, the verdict, and what a per-CPU drain would change (null when nothing).
     */
    public record ZoneRow(String zone, long reportFreeKb, long freeCmaKb, long boostKb, long checkedFree, String mark, long markPages,
                          long reserve, long shortPages, String verdict, String drained) {}

    /**
     * The whole explanation in parts, for a reader that lays them out (the app's story panel) and for {@link #lines}.
     *
     * @param rows        each zone's last check, empty when no request ran
     * @param kernelNote  what the kernel does that the model does not (kswapd's PF_MEMALLOC), or null
     * @param outcome     what the OOM report says the kernel chose from and did, in its lines
     * @param notExplained why a request that succeeds on the rebuilt machine leaves the failure unexplained, or null
     */
    public record Explained(String request, String in612, List<ZoneRow> rows, String kernelNote, List<Said> outcome,
                            String notExplained, List<String> used, List<String> skipped) {}

    /** The parts of the explanation; {@code story} is null when no request ran (order -1). */
    public static Explained explain(ReportMachine.Result r, AllocStory story) {
        AllocationReport report = r.report();
        String kind = report.kind() == AllocationReport.Kind.OOM_KILLER ? "invoked oom-killer" : "page allocation failure";
        String request = report.task() + ": " + kind + " (line " + report.line() + "): order " + report.order() + ", mode "
                + String.format("%#x", report.gfpMask()) + (report.gfpNames() == null ? "" : "(" + report.gfpNames() + ")")
                + (report.release() == null ? "" : ", kernel " + report.release());
        String in612 = "in 6.12: " + String.format("%#x", r.gfp()) + " = " + (r.gfp() == 0 ? "0" : Gfp.format(r.gfp()));
        List<ZoneRow> rows = new ArrayList<>();
        String kernelNote = null, notExplained = null;
        List<Said> outcome = List.of();
        if (story != null) {
            for (Check c : checks(story)) rows.add(row(r, c));
            if (report.task().startsWith("kswapd") || report.task().startsWith("kcompactd")) {
                kernelNote = report.task() + " runs with PF_MEMALLOC: in the kernel __gfp_pfmemalloc_flags() gives it ALLOC_NO_WATERMARKS, so its"
                        + " last try ignores every watermark and fails only for want of a free block; the model runs the request as an ordinary task's";
            }
            if (report.kind() == AllocationReport.Kind.OOM_KILLER) outcome = oomOutcome(report);
            if (!story.failed()) notExplained = "The request succeeds on the rebuilt machine: the report's numbers do not explain the failure"
                    + " (it was read after the failure, or the failing check is one the model does not make"
                    + (report.release() == null || report.release().startsWith("6.12") ? "" : ", or " + report.release()
                    + " decided otherwise than 6.12 does") + ").";
        }
        return new Explained(request, in612, rows, kernelNote, outcome, notExplained, r.used(), r.skipped());
    }

    private static ZoneRow row(ReportMachine.Result r, Check c) {
        int node = r.report().zones().stream().mapToInt(AllocationReport.ZoneState::node).min().orElse(0);
        AllocationReport.ZoneState z = r.report().zones().stream()
                .filter(s -> s.node() == node && s.name().equals(c.zone().kernelName())).findFirst().orElse(null);
        ExplainStep s = c.step();
        String verdict = switch (s.kind()) {
            case WATERMARK_OK -> "passed";
            case WATERMARK_NO_BLOCK -> "failed: no free block of order " + s.order() + " or more";
            default -> "failed";
        };
        return new ZoneRow(c.zone().kernelName(), z == null ? -1 : z.kb("free"), z == null ? -1 : z.kb("free_cma"),
                z == null ? -1 : z.kb("boost"), s.a(),
                StoryText.markName(s), s.c(), s.d(), c.shortPages(), verdict, drained(r, c));
    }

    /** What the report says the OOM killer chose from and did, set against the rebuilt machine, which has no processes. */
    private static List<Said> oomOutcome(AllocationReport report) {
        List<Said> out = new ArrayList<>();
        if (report.tasksLine() > 0) out.add(new Said(report.tasksLine(), "The kernel chose a victim from the " + report.tasks().size() + " task"
                + (report.tasks().size() == 1 ? "" : "s") + " of Tasks state (line " + report.tasksLine() + "): ", String.join(", ", report.tasks()),
                "; the rebuilt machine has no processes, so the model's out_of_memory() has none to kill"));
        if (report.outcome() != null) out.add(new Said(report.outcomeLine(), "Then the kernel (line " + report.outcomeLine() + "): ", report.outcome(), ""));
        return out;
    }

    /** The call the request is run as, {@code alloc_pages(GFP, ORDER)}. */
    public static String call(ReportMachine.Result r) { return "alloc_pages(" + Gfp.format(r.gfp()) + ", " + r.order() + ")"; }

    /** The whole explanation as lines; {@code story} is null when no request ran (order -1). */
    public static List<String> lines(ReportMachine.Result r, AllocStory story) {
        Explained e = explain(r, story);
        List<String> out = new ArrayList<>();
        out.add(e.request());
        out.add("  " + e.in612());
        out.add("");
        out.add("The machine the report describes (pages; free = what this request may use; the rest of each zone in use, as imported):");
        out.add(String.format("  %-8s %10s %10s %10s %10s %10s  %s", "zone", "managed", "free", "min", "low", "high", "lowmem_reserve"));
        for (ImportedZone z : r.zones()) {
            if (z.managedPages() == 0) continue;
            out.add(String.format("  %-8s %10d %10d %10d %10d %10d  %s", z.type().kernelName(), z.managedPages(), z.freePages(),
                    z.watermarks()[0], z.watermarks()[1], z.watermarks()[2], java.util.Arrays.toString(z.lowmemReserve())));
        }
        out.add("");
        if (story != null) {
            out.add("Which check failed (each zone's zone_watermark_ok() in the pass that decided, on the rebuilt machine):");
            List<Check> checks = checks(story);
            if (checks.isEmpty()) out.add("  no zone was checked");
            for (int i = 0; i < checks.size(); i++) {
                out.add("  " + checks.get(i).text());
                String drained = e.rows().get(i).drained();
                if (drained != null) out.add("    " + drained);
            }
            if (e.kernelNote() != null) out.add("  " + e.kernelNote());
            out.add("");
            out.add("What the kernel did: " + StoryText.title(story, call(r)));
            for (String l : StoryText.render(story).split("\n")) out.add("  " + l);
            for (Said said : e.outcome()) out.add("  " + said.text());
            if (e.notExplained() != null) out.add("  " + e.notExplained());
            out.add("");
        }
        out.add("Used from the report:");
        for (String u : e.used()) out.add("  " + u);
        if (!e.skipped().isEmpty()) {
            out.add("Skipped or chosen (the report does not say):");
            for (String s : e.skipped()) out.add("  " + s);
        }
        return out;
    }

    public static String render(ReportMachine.Result r, AllocStory story) { return String.join("\n", lines(r, story)) + "\n"; }
}
