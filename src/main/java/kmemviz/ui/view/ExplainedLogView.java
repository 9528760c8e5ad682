package kmemviz.ui.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import kmemviz.core.klog.LogExplanation;

/**
 * The parts of an explained kernel log ({@link LogExplanation.Explained}) for the story panel: above the steps, the
 * report's request line and each zone's check as a table against the report's own figures; below them, what the
 * kernel printed it did, and what was used from the report and what skipped, with their lines. Kernel text (the
 * report's line, the zone names and figures, the panic, the Tasks state names) is monospace. The explanation is
 * computed in core; this lays it out, adding only headings and the table's key.
 */
final class ExplainedLogView {
    private ExplainedLogView() {}

    /** The request, the table of checks with the notes that go with them, and what the kernel printed it did. */
    static VBox above(LogExplanation.Explained e) {
        VBox box = new VBox(4);
        box.setId("explained-log");
        box.getChildren().add(heading("Kernel log explained"));
        box.getChildren().add(kernel(e.request(), "explained-request"));
        box.getChildren().add(kernel("  " + e.in612(), "explained-in612"));
        if (!e.rows().isEmpty()) {
            box.getChildren().add(heading("Which check failed: each zone's zone_watermark_ok() in the pass that decided, in pages (kB / 4)"));
            box.getChildren().add(table(e));
            box.getChildren().add(words("short = mark + lowmem_reserve + 1 − checked free: __zone_watermark_ok() passes only when the free pages"
                    + " (less the 2^order − 1 of the block itself) exceed the sum; checked free is the report's free: less what this request"
                    + " may not use.", "explained-table-note"));
            for (LogExplanation.ZoneRow r : e.rows())
                if (r.drained() != null) box.getChildren().add(words(r.zone() + ": " + r.drained(), "explained-drain-" + r.zone()));
        }
        if (e.kernelNote() != null) box.getChildren().add(words(e.kernelNote(), "explained-kernel-note"));
        // What the kernel did next comes before the model's steps: on a projector it is what the room asks first.
        if (!e.outcome().isEmpty()) box.getChildren().add(heading("What the kernel printed it did"));
        for (LogExplanation.Said s : e.outcome()) {
            Text before = new Text(s.before()), said = new Text(s.kernelText()), after = new Text(s.after());
            said.getStyleClass().addAll("kernel-text", "explained-kernel-said");
            TextFlow flow = new TextFlow(before, said, after);
            flow.getStyleClass().add("explained-words");
            flow.setId("explained-outcome-" + s.line());
            box.getChildren().add(flow);
        }
        if (!e.rows().isEmpty()) box.getChildren().add(heading("What the page allocator did with the request, on the rebuilt machine by 6.12's rules"));
        return box;
    }

    /** Whether the model explains the failure, and what was used and skipped. */
    static VBox below(LogExplanation.Explained e) {
        VBox box = new VBox(4);
        if (e.notExplained() != null) box.getChildren().add(words(e.notExplained(), "explained-not"));
        box.getChildren().add(notes("Used from the report (" + e.used().size() + ")", e.used(), "explained-used"));
        if (!e.skipped().isEmpty())
            box.getChildren().add(notes("Skipped or chosen: the report does not say (" + e.skipped().size() + ")", e.skipped(), "explained-skipped"));
        return box;
    }

    private static GridPane table(LogExplanation.Explained e) {
        GridPane g = new GridPane();
        g.setId("explained-checks");
        g.getStyleClass().add("explained-table");
        boolean cma = e.rows().stream().anyMatch(r -> r.freeCmaKb() > 0);    // the column only when the report has CMA
        List<String> head = new ArrayList<>(List.of("zone", "report's free:", "checked free", "mark + lowmem_reserve", "short", "model's verdict"));
        if (cma) head.add(2, "free_cma (left out)");
        for (int c = 0; c < head.size(); c++) g.add(cell(head.get(c), "explained-head"), c, 0);
        int row = 1;
        for (LogExplanation.ZoneRow r : e.rows()) {
            boolean cmaLeftOut = r.freeCmaKb() > 0 && r.reportFreeKb() >= 0 && r.checkedFree() < r.reportFreeKb() / 4;
            long need = r.markPages() + r.reserve();
            Label shortfall = cell(r.shortPages() > 0 ? r.shortPages() + " (" + r.shortPages() * 4 + " kB)" : "", r.shortPages() > 0 ? "explained-failed" : null);
            shortfall.setId("explained-short-" + r.zone());
            Label verdict = cell(r.verdict(), r.verdict().equals("passed") ? "explained-passed" : "explained-failed");
            verdict.getStyleClass().remove("kernel-text");
            List<Label> cells = new ArrayList<>(List.of(
                    cell(r.zone(), null),
                    number(r.reportFreeKb() < 0 ? "not printed" : r.reportFreeKb() + " kB = " + r.reportFreeKb() / 4),
                    number(Long.toString(r.checkedFree())),
                    number(r.mark() + " " + r.markPages() + (r.boostKb() > 0 ? " (boost " + r.boostKb() / 4 + ")" : "") + " + " + r.reserve() + " = " + need),
                    shortfall, verdict));
            shortfall.setAlignment(Pos.CENTER_RIGHT);
            if (cma) cells.add(2, number(cmaLeftOut ? "− " + r.freeCmaKb() / 4 : r.freeCmaKb() > 0 ? "usable (Movable)" : ""));
            for (int c = 0; c < cells.size(); c++) g.add(cells.get(c), c, row);
            row++;
        }
        return g;
    }

    private static Label number(String text) {
        Label l = cell(text, null);
        l.setAlignment(Pos.CENTER_RIGHT);
        return l;
    }

    /** A table cell, as wide as its column so that the header's shading and the rules run unbroken. */
    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.setMaxWidth(Double.MAX_VALUE);
        l.getStyleClass().addAll("kernel-text", "explained-cell");
        if (style != null) l.getStyleClass().add(style);
        return l;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("explained-heading");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label kernel(String text, String id) {
        Label l = words(text, id);
        l.getStyleClass().add("kernel-text");
        return l;
    }

    private static Label words(String text, String id) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add("explained-words");
        l.setId(id);
        return l;
    }

    /** A list of notes, each beginning "line N:", folded: they are the fine print, and there may be ten of them. */
    private static TitledPane notes(String title, List<String> notes, String id) {
        VBox list = new VBox(2);
        for (String n : notes) list.getChildren().add(words(n, null));
        TitledPane p = new TitledPane(title, list);
        p.setExpanded(false);
        p.setId(id);
        p.getStyleClass().add("explained-notes");
        return p;
    }
}
