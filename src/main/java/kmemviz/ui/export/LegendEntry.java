package kmemviz.ui.export;

/** One swatch of a figure's legend: a colour the figure shows and what it means. */
public record LegendEntry(String label, int argb) {}
