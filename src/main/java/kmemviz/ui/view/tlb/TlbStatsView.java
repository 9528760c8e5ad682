package kmemviz.ui.view.tlb;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The TLB counters (from {@link TlbShown}), a running chart of the hit rate per batch of {@link TlbShown#BATCH}
 * accesses (x: accesses so far; the last {@link #MAX_POINTS} points; "run a workload" while empty), and the
 * comparison of two allocations as bars of page walks and estimated cycles. It only shows figures it is given.
 */
public final class TlbStatsView extends VBox {
    static final int MAX_POINTS = 200;
    private final Label accesses = value("tlb-accesses"), l1 = value("tlb-l1-hits"), stlb = value("tlb-stlb-hits"),
            walks = value("tlb-walks"), missRate = value("tlb-miss-rate"), cycles = value("tlb-cycles");
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
    private final LineChart<Number, Number> chart;
    private final GridPane compare = new GridPane();
    private final NumberAxis xAxis = new NumberAxis();
    private final Label empty = new Label("No accesses yet: run a workload (Sequential, Random, Stride or Compare) to see the hit rate");

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
        xAxis.setLabel("accesses");
        xAxis.setAutoRanging(false);
        xAxis.setMinorTickVisible(false);
        xAxis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override public String toString(Number n) { return String.format("%,d", n.longValue()); }

            @Override public Number fromString(String t) { return Long.parseLong(t.replace(",", "")); }
        });
        rangeX(0, 1024);
        NumberAxis yAxis = new NumberAxis(0, 100, 25);
        yAxis.setLabel("hit rate %");
        chart = new LineChart<>(xAxis, yAxis);
        chart.setId("tlb-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setTitle("TLB hit rate, per " + TlbShown.BATCH + " accesses");
        chart.setPrefHeight(200);
        chart.setMinHeight(150);
        chart.getData().add(series);
        compare.setId("tlb-compare");
        compare.getStyleClass().add("tlb-compare");
        compare.setHgap(8);
        compare.setVgap(4);
        empty.setId("tlb-chart-empty");
        empty.getStyleClass().add("size-hint");
        empty.setWrapText(true);
        empty.setMaxWidth(260);
        empty.setMouseTransparent(true);
        StackPane chartBox = new StackPane(chart, empty);
        Label ct = new Label("Compare 4 MiB kmalloc vs 4 MiB vmalloc: every page touched once, from an empty TLB");
        ct.getStyleClass().add("pane-title");
        ct.setWrapText(true);
        ct.setMinHeight(Region.USE_PREF_SIZE);
        Label none = new Label("Press Compare kmalloc vs vmalloc to fill this in.");
        none.getStyleClass().add("size-hint");
        compare.add(none, 0, 0);
        getChildren().addAll(counters, chartBox, ct, compare);
    }

    public LineChart<Number, Number> chart() { return chart; }

    public int points() { return series.getData().size(); }

    public Label emptyLabel() { return empty; }

    /** Copies the counters of {@code s} into the labels and plots every waiting point. */
    public void update(TlbShown s) { update(s, Integer.MAX_VALUE); }

    /** The same, plotting only the points of events up to {@code event} (an animation part of the way through). */
    public void update(TlbShown s, int event) {
        accesses.setText(String.format("%,d", s.accesses()));
        l1.setText(String.format("%,d", s.l1Hits()));
        stlb.setText(String.format("%,d", s.stlbHits()));
        walks.setText(String.format("%,d", s.walks()));
        missRate.setText(s.accesses() == 0 ? "—" : String.format("%.1f %%", 100.0 * s.walks() / s.accesses()));
        cycles.setText(String.format("≈ %,d", s.cycles()));
        int n = s.pointsUpTo(event);
        if (n > 0) {
            var data = series.getData();
            // Only the newest MAX_POINTS can be shown: a touch of millions of accesses must not build millions of nodes.
            List<XYChart.Data<Number, Number>> add = new java.util.ArrayList<>(Math.min(n, MAX_POINTS));
            for (int i = Math.max(0, n - MAX_POINTS); i < n; i++) add.add(new XYChart.Data<>(s.pointAccesses(i), s.pointHitRate(i)));
            s.dropPoints(n);
            data.addAll(add);
            if (data.size() > MAX_POINTS) data.remove(0, data.size() - MAX_POINTS);
            long first = data.get(0).getXValue().longValue(), last = data.get(data.size() - 1).getXValue().longValue();
            rangeX(Math.max(0, first - TlbShown.BATCH), last);
        }
        empty.setVisible(series.getData().isEmpty());
    }

    /** A new machine: the chart starts again, empty. */
    public void clearChart() {
        series.getData().clear();
        rangeX(0, 1024);
        empty.setVisible(true);
    }

    /** Integer ticks, about five of them, at 1, 2 or 5 × a power of ten. */
    private void rangeX(long lo, long hi) {
        if (hi <= lo) hi = lo + 1;
        xAxis.setLowerBound(lo);
        xAxis.setUpperBound(hi);
        xAxis.setTickUnit(niceStep((hi - lo) / 5.0));
    }

    static long niceStep(double raw) {
        if (raw <= 1) return 1;
        long p = 1;
        while (p * 10 <= raw) p *= 10;
        return raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p : 10 * p;
    }

    /**
     * The comparison, one block per figure (page walks, then estimated cycles) with one bar per allocation, scaled
     * to the larger: narrow enough for the side pane, and the two bars of a figure sit right above each other.
     */
    public void showComparison(String[] names, long[] walkCounts, long[] cycleCounts) {
        compare.getChildren().clear();
        compare.getColumnConstraints().setAll(new javafx.scene.layout.ColumnConstraints(), grow(), new javafx.scene.layout.ColumnConstraints());
        long maxW = 1, maxC = 1;
        for (int i = 0; i < names.length; i++) { maxW = Math.max(maxW, walkCounts[i]); maxC = Math.max(maxC, cycleCounts[i]); }
        int row = 0;
        compare.add(head("page walks"), 0, row++, 3, 1);
        for (int i = 0; i < names.length; i++, row++)
            addBar(row, names[i], walkCounts[i], maxW, String.format("%,d", walkCounts[i]), "compare-walks-" + i);
        compare.add(head("cycles (estimate)"), 0, row++, 3, 1);
        for (int i = 0; i < names.length; i++, row++)
            addBar(row, names[i], cycleCounts[i], maxC, String.format("≈ %,d", cycleCounts[i]), "compare-cycles-" + i);
    }

    private static javafx.scene.layout.ColumnConstraints grow() {
        var c = new javafx.scene.layout.ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setMinWidth(60);
        return c;
    }

    private void addBar(int row, String name, long v, long max, String text, String id) {
        Label n = new Label(name);
        n.getStyleClass().add("compare-name");
        n.setMinWidth(Region.USE_PREF_SIZE);
        Region fill = new Region();
        fill.getStyleClass().add("compare-bar");
        fill.setPrefHeight(16);
        fill.setMaxHeight(16);
        // The bar takes its share of the column's width, at least 2 px so that a 1 still shows.
        StackPane track = new StackPane(fill);
        track.setAlignment(Pos.CENTER_LEFT);
        track.setMinWidth(0);
        fill.maxWidthProperty().bind(track.widthProperty().multiply((double) v / max).add(2));
        fill.prefWidthProperty().bind(fill.maxWidthProperty());
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add("compare-value");
        l.setMinWidth(Region.USE_PREF_SIZE);
        compare.add(n, 0, row);
        compare.add(track, 1, row);
        compare.add(l, 2, row);
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
