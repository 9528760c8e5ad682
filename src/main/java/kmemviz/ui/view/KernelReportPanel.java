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
    /** The panel's width when its text is narrower: a short report stays a panel in the corner, its headline wrapped. */
    static final double NARROW_WIDTH_PX = 760;
    /** Space kept clear on each side of the panel, as its margin over the views. */
    static final double SIDE_GAP_PX = 16;
    /**
     * The smallest font the text shrinks to so that its widest table row fits the stage; a row still wider is cut
     * with "…". 12 px monospace fits the 119 columns of the Tasks state table in the window's 1024 px minimum.
     */
    static final double MIN_FONT_PX = 12;
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
        text.setWrapText(true);                      // the long oom-kill lines wrap; the table is fitted so it never does
        text.setId("kernel-report-text");
        HBox top = PanelHeader.of(headline, "kernel-report-close", this::hide);
        getChildren().addAll(top, text);
        setMaxSize(NARROW_WIDTH_PX, Region.USE_PREF_SIZE);

        setFillWidth(true);
        hideLater.setOnFinished(e -> hide());
        javafx.beans.InvalidationListener refill = o -> fillText();
        parentProperty().addListener((o, a, parent) -> {
            if (a instanceof Region r) { r.heightProperty().removeListener(refill); r.widthProperty().removeListener(refill); }
            if (parent instanceof Region r) { r.heightProperty().addListener(refill); r.widthProperty().addListener(refill); }
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
     * The report's text, fitted to the views: first the font, so that the widest row of the table (the OOM killer's
     * Tasks state, 119 columns up to the task name) fits the views' width, down to {@link #MIN_FONT_PX}, the panel
     * growing to that width (at 1280x720 in presentation mode its 760 px cut every column from rss_shmem on, the name
     * too); then the lines, cut to those that fit in {@link #TEXT_SHARE_OF_VIEWS} of the views' height (fourteen lines
     * of large monospace reached down to the lesson's caption and covered it). Again when the views change size, and
     * when the panel first joins them.
     */
    private void fillText() {
        if (shownText == null) return;
        text.setStyle(null);
        text.setText(firstLines(shownText, MAX_LINES));
        double viewsW = getParent() instanceof Region r ? r.getWidth() : 0;
        double viewsH = getParent() instanceof Region r ? r.getHeight() : 0;
        if (viewsW <= 0 || viewsH <= 0 || getScene() == null) return;
        applyCss();
        double sides = snappedLeftInset() + snappedRightInset();
        double room = viewsW - 2 * SIDE_GAP_PX - sides;
        double size = text.getFont().getSize(), widest = widestRowPx(text.getText(), text.getFont());
        if (widest > room) {
            size = Math.max(MIN_FONT_PX, Math.floor(size * room / widest * 10) / 10);
            text.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", size));
            text.applyCss();
            widest = widestRowPx(text.getText(), text.getFont());
        }
        double width = Math.min(viewsW - 2 * SIDE_GAP_PX, Math.max(NARROW_WIDTH_PX, Math.ceil(widest) + 2 + sides));
        setMaxWidth(width);
        double textW = width - sides;
        for (int n = MAX_LINES; n > 3 && text.prefHeight(textW) > viewsH * TEXT_SHARE_OF_VIEWS; n--)
            text.setText(firstLines(shownText, n - 1));
    }

    /** The width of the widest table row (a line that starts with '[', as dump_task()'s do), or of the widest line. */
    public static double widestRowPx(String s, javafx.scene.text.Font font) {
        javafx.scene.text.Text t = new javafx.scene.text.Text();
        t.setFont(font);
        double rows = 0, any = 0;
        for (String line : s.split("\n")) {
            t.setText(line);
            double w = t.getLayoutBounds().getWidth();
            any = Math.max(any, w);
            if (line.startsWith("[")) rows = Math.max(rows, w);
        }
        return rows > 0 ? rows : any;
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
