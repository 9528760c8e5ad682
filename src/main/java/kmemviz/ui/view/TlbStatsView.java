package kmemviz.ui.view;

import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The TLB counters (from {@link TlbShown}), a live chart of the hit rate per step (bounded), and the comparison
 * of two allocations as bars of page walks and estimated cycles. It only shows figures it is given.
 */
public final class TlbStatsView extends VBox {
    private static final int MAX_POINTS = 150;
    private final Label accesses = value("tlb-accesses"), l1 = value("tlb-l1-hits"), stlb = value("tlb-stlb-hits"),
            walks = value("tlb-walks"), missRate = value("tlb-miss-rate"), cycles = value("tlb-cycles");
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
    private final LineChart<Number, Number> chart;
    private final GridPane compare = new GridPane();
    private long lastAccesses, lastHits, x;

    public TlbStatsView() {
        getStyleClass().add("tlb-stats");
        setSpacing(6);
        setPadding(new Insets(6));
        GridPane counters = new GridPane();
        counters.getStyleClass().add("tlb-counters");
        counters.setHgap(10);
        String[] names = {"accesses", "L1 hits", "STLB hits", "page walks", "miss rate (walks / accesses)", "cycles (estimate)"};
        Label[] values = {accesses, l1, stlb, walks, missRate, cycles};
        for (int i = 0; i < names.length; i++) {
            Label n = new Label(names[i]);
            n.getStyleClass().add("tlb-counter-name");
            counters.add(n, 0, i);
            counters.add(values[i], 1, i);
        }
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel("step");
        xAxis.setForceZeroInRange(false);
        NumberAxis yAxis = new NumberAxis(0, 100, 25);
        yAxis.setLabel("hit rate %");
        chart = new LineChart<>(xAxis, yAxis);
        chart.setId("tlb-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setTitle("TLB hit rate over time");
        chart.setPrefHeight(200);
        chart.setMinHeight(150);
        chart.getData().add(series);
        compare.setId("tlb-compare");
        compare.getStyleClass().add("tlb-compare");
        compare.setHgap(8);
        compare.setVgap(4);
        Label ct = new Label("Compare: touch every page once, TLB reset before each");
        ct.getStyleClass().add("pane-title");
        getChildren().addAll(counters, chart, ct, compare);
    }

    public LineChart<Number, Number> chart() { return chart; }

    public int points() { return series.getData().size(); }

    /** Copies the counters of {@code s} into the labels and, when accesses happened since the last point, plots one. */
    public void update(TlbShown s) {
        accesses.setText(String.format("%,d", s.accesses()));
        l1.setText(String.format("%,d", s.l1Hits()));
        stlb.setText(String.format("%,d", s.stlbHits()));
        walks.setText(String.format("%,d", s.walks()));
        missRate.setText(s.accesses() == 0 ? "—" : String.format("%.1f %%", 100.0 * s.walks() / s.accesses()));
        cycles.setText(String.format("≈ %,d", s.cycles()));
        long hits = s.l1Hits() + s.stlbHits();
        if (s.accesses() < lastAccesses) { lastAccesses = 0; lastHits = 0; }     // counters were reset
        long da = s.accesses() - lastAccesses, dh = hits - lastHits;
        if (da > 0) {
            series.getData().add(new XYChart.Data<>(++x, 100.0 * dh / da));
            if (series.getData().size() > MAX_POINTS) series.getData().remove(0);
        }
        lastAccesses = s.accesses();
        lastHits = hits;
    }

    /** One row per compared allocation: its name, then bars of walks and estimated cycles scaled to the larger. */
    public void showComparison(String[] names, long[] walkCounts, long[] cycleCounts) {
        compare.getChildren().clear();
        long maxW = 1, maxC = 1;
        for (int i = 0; i < names.length; i++) { maxW = Math.max(maxW, walkCounts[i]); maxC = Math.max(maxC, cycleCounts[i]); }
        compare.add(head("allocation"), 0, 0);
        compare.add(head("page walks"), 1, 0);
        compare.add(head("cycles (estimate)"), 2, 0);
        for (int i = 0; i < names.length; i++) {
            compare.add(new Label(names[i]), 0, i + 1);
            compare.add(bar(walkCounts[i], maxW, String.format("%,d", walkCounts[i]), "compare-walks-" + i), 1, i + 1);
            compare.add(bar(cycleCounts[i], maxC, String.format("≈ %,d", cycleCounts[i]), "compare-cycles-" + i), 2, i + 1);
        }
    }

    private static Node2 bar(long v, long max, String text, String id) {
        Region fill = new Region();
        fill.getStyleClass().add("compare-bar");
        fill.setPrefWidth(Math.max(2, 220.0 * v / max));
        fill.setMinWidth(Region.USE_PREF_SIZE);
        fill.setPrefHeight(16);
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add("compare-value");
        Node2 box = new Node2(fill, l);
        box.setPrefWidth(320);
        return box;
    }

    /** A bar and its figure. */
    private static final class Node2 extends HBox {
        Node2(Region fill, Label l) {
            super(6, new StackPane(fill), l);
            HBox.setHgrow(l, Priority.NEVER);
        }
    }

    private static Label head(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("tlb-counter-name");
        return l;
    }

    private static Label value(String id) {
        Label l = new Label("0");
        l.setId(id);
        l.getStyleClass().add("tlb-counter");
        return l;
    }
}
