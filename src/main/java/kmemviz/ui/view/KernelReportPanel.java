package kmemviz.ui.view;

import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import kmemviz.core.mm.KernelReport;

/**
 * The kernel's last report over the views (an allocation failure, a WARNING, a BUG or an OOM kill): its headline and
 * first lines in the kernel's monospace layout, so the OOM killer's "Tasks state" table keeps its columns. One at a
 * time: a new report replaces the one shown, where ControlsFX's notifications stacked three deep (and their
 * stylesheet threw a ClassCastException under AtlantaFX, leaving them without a background). It hides itself after
 * a while or on its close button; the whole report stays in the log.
 */
public final class KernelReportPanel extends VBox {
    private static final PseudoClass SEVERE = PseudoClass.getPseudoClass("severe");
    /** Enough for the OOM report's header and its Tasks state table on a small machine. */
    static final int MAX_LINES = 14;
    static final double TEXT_SHARE_OF_VIEWS = 0.4;
    private final Label headline = new Label();
    private final Label text = new Label();
    private final PauseTransition hideLater = new PauseTransition(Duration.seconds(12));
    private String shownText;

    public KernelReportPanel() {
        getStyleClass().add("kernel-report-panel");
        setId("kernel-report");
        headline.getStyleClass().addAll("kernel-report-headline", "kernel-text");
        headline.setWrapText(true);
        text.getStyleClass().add("kernel-text");
        text.setId("kernel-report-text");
        HBox top = PanelHeader.of(headline, "kernel-report-close", this::hide);
        getChildren().addAll(top, text);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);

        setFillWidth(true);
        hideLater.setOnFinished(e -> hide());
        javafx.beans.InvalidationListener refill = o -> fillText();
        parentProperty().addListener((o, a, parent) -> {
            if (a instanceof Region r) r.heightProperty().removeListener(refill);
            if (parent instanceof Region r) r.heightProperty().addListener(refill);
        });
        sceneProperty().addListener(refill);         // set after the parent: the font of presentation mode comes with it
        setVisible(false);
        setManaged(false);
    }

    /** Shows {@code r} in place of whatever was shown. */
    public void show(KernelReport r) {
        headline.setText(r.headline());
        shownText = r.text();
        fillText();
        text.setVisible(!text.getText().isEmpty());
        text.setManaged(text.isVisible());
        pseudoClassStateChanged(SEVERE, r.kind() == KernelReport.Kind.BUG || r.kind() == KernelReport.Kind.OOM_KILL);
        setManaged(true);
        setVisible(true);
        hideLater.playFromStart();
    }

    /**
     * The report's text cut to the lines that fit in {@link #TEXT_SHARE_OF_VIEWS} of the views' height, measured in
     * the label's own font: at 1280x720 in presentation mode fourteen lines of large monospace reached down to the
     * lesson's caption and covered it. Again when the views change height, and when the panel first joins them.
     */
    private void fillText() {
        if (shownText == null) return;
        text.setText(firstLines(shownText, MAX_LINES));
        double viewsPx = getParent() instanceof Region r ? r.getHeight() : 0;
        if (viewsPx <= 0 || getScene() == null) return;
        text.applyCss();
        double linePx = text.prefHeight(-1) / text.getText().split("\n", -1).length;
        int fit = (int) Math.max(3, Math.floor(viewsPx * TEXT_SHARE_OF_VIEWS / linePx));
        if (fit < MAX_LINES) text.setText(firstLines(shownText, fit));
    }

    public void hide() {
        hideLater.stop();
        setVisible(false);
        setManaged(false);
    }

    /**
     * The lines after the headline, cut after {@code n} with a pointer to the log. An OOM report starts at its
     * "Tasks state" table: since the report carries the whole Mem-Info block of __show_mem(), its first lines were
     * counters and the table, the part that says which task was chosen and why, was never on screen.
     */
    static String firstLines(String text, int n) {
        if (text == null) return "";
        String[] lines = text.split("\n");
        int from = Math.min(1, lines.length);                   // the headline is shown above
        for (int i = from; i < lines.length; i++) if (lines[i].contains(TASKS_STATE)) { from = i; break; }
        int to = Math.min(lines.length, from + n);
        return (from > 1 ? "… (the header and Mem-Info are in the log)\n" : "")
                + String.join("\n", java.util.Arrays.copyOfRange(lines, from, to))
                + (lines.length > to ? "\n… (the whole report is in the log)" : "");
    }

    /** dump_tasks() in mm/oom_kill.c opens its table with this line. */
    static final String TASKS_STATE = "Tasks state (memory values in pages):";
}
