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
 * {@link #render}; the app shows the same lines and the story in its story panel.
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

    /** The call the request is run as, {@code alloc_pages(GFP, ORDER)}. */
    public static String call(ReportMachine.Result r) { return "alloc_pages(" + Gfp.format(r.gfp()) + ", " + r.order() + ")"; }

    /** The whole explanation as lines; {@code story} is null when no request ran (order -1). */
    public static List<String> lines(ReportMachine.Result r, AllocStory story) {
        AllocationReport report = r.report();
        List<String> out = new ArrayList<>();
        String kind = report.kind() == AllocationReport.Kind.OOM_KILLER ? "invoked oom-killer" : "page allocation failure";
        out.add(report.task() + ": " + kind + " (line " + report.line() + "): order " + report.order() + ", mode "
                + String.format("%#x", report.gfpMask()) + (report.gfpNames() == null ? "" : "(" + report.gfpNames() + ")"));
        out.add("  in 6.12: " + String.format("%#x", r.gfp()) + " = " + (r.gfp() == 0 ? "0" : Gfp.format(r.gfp())));
        out.add("");
        out.add("The machine the report describes (pages; the rest of each zone in use, as imported):");
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
            for (Check c : checks) out.add("  " + c.text());
            out.add("");
            out.add("What the kernel did: " + StoryText.title(story, call(r)));
            for (String l : StoryText.render(story).split("\n")) out.add("  " + l);
            if (!story.failed()) out.add("  The request succeeds on the rebuilt machine: the report's numbers do not explain the failure"
                    + " (it was read after the failure, or the failing check is one the model does not make).");
            out.add("");
        }
        out.add("Used from the report:");
        for (String u : r.used()) out.add("  " + u);
        if (!r.skipped().isEmpty()) {
            out.add("Skipped or chosen (the report does not say):");
            for (String s : r.skipped()) out.add("  " + s);
        }
        return out;
    }

    public static String render(ReportMachine.Result r, AllocStory story) { return String.join("\n", lines(r, story)) + "\n"; }
}
