package kmemviz.ui.control;

import java.util.Arrays;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import kmemviz.ui.export.ExportFormat;
import kmemviz.ui.export.ExportRegion;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.ExportTheme;
import kmemviz.ui.export.ExportView;

/**
 * File > Export…: the view (the one showing, by default), the format, the scale, the theme, title and legend, the
 * region and the outlines, and for an animated GIF the range of history steps (the whole history by default) and
 * the time per frame. Its answer is a {@link Choice}; the file is chosen after it.
 */
public final class ExportDialog extends Dialog<ExportDialog.Choice> {
    /** What the user chose; {@code steps} matters for a GIF only. */
    public record Choice(ExportView view, ExportFormat format, int scale, ExportSettings settings, Steps steps) {}

    /** The history steps a GIF shows, one frame each (step 0: right after the machine booted), and each frame's time. */
    public record Steps(int from, int to, int delayMs) {
        public Steps {
            if (from < 0 || to < from) throw new IllegalArgumentException("steps " + from + ".." + to + ": need 0 <= from <= to");
            if (delayMs < 10 || delayMs > 60_000) throw new IllegalArgumentException("delay " + delayMs + " ms: outside 10..60000 ms");
        }

        public int frames() { return to - from + 1; }
    }

    /** @param lastStep the step the kernel is at (its history position): the last a GIF can show */
    public ExportDialog(Window owner, ExportView showing, int lastStep) {
        initOwner(owner);
        setTitle("Export");
        setHeaderText("Export a view as a picture (PNG, redrawn at the scale), a drawing (SVG, editable)\n"
                + "or an animation of the history's steps (GIF, one frame per step)");
        ChoiceBox<ExportView> view = new ChoiceBox<>(FXCollections.observableArrayList(
                Arrays.stream(ExportView.values()).filter(ExportView::available).toList()));
        view.setValue(showing);
        view.setConverter(named(ExportView::title));
        view.setId("export-view");
        ChoiceBox<ExportFormat> format = new ChoiceBox<>(FXCollections.observableArrayList(ExportFormat.values()));
        format.setValue(ExportFormat.PNG);
        format.setId("export-format");
        ChoiceBox<Integer> scale = new ChoiceBox<>(FXCollections.observableArrayList(1, 2, 3, 4));
        scale.setValue(2);
        scale.setConverter(named(s -> s + "x"));
        scale.setId("export-scale");
        scale.disableProperty().bind(format.valueProperty().isEqualTo(ExportFormat.SVG));
        Spinner<Integer> from = new Spinner<>(0, lastStep, 0), to = new Spinner<>(0, lastStep, lastStep),
                delay = new Spinner<>(10, 60_000, 800, 100);
        from.setId("export-from");
        to.setId("export-to");
        delay.setId("export-delay");
        for (Spinner<Integer> sp : List.of(from, to, delay)) {
            sp.setEditable(true);
            sp.setPrefWidth(100);
            sp.disableProperty().bind(format.valueProperty().isNotEqualTo(ExportFormat.GIF));
        }
        ChoiceBox<ExportTheme> theme = new ChoiceBox<>(FXCollections.observableArrayList(ExportTheme.values()));
        theme.setValue(ExportTheme.LIGHT);
        theme.setConverter(named(t -> switch (t) {
            case LIGHT -> "Light";
            case DARK -> "Dark";
            case PRINT -> "Print (white, black text, greys apart)";
        }));
        theme.setId("export-theme");
        ChoiceBox<ExportRegion.Kind> region = new ChoiceBox<>(FXCollections.observableArrayList(ExportRegion.Kind.ZOOM, ExportRegion.Kind.ALL));
        region.setValue(ExportRegion.Kind.ZOOM);
        region.setConverter(named(k -> k == ExportRegion.Kind.ZOOM ? "As zoomed now" : "The whole machine"));
        region.setId("export-region");
        CheckBox title = new CheckBox("Title"), legend = new CheckBox("Legend"),
                outlines = new CheckBox("Selection and hover outlines");
        title.setId("export-title");
        title.setSelected(true);
        legend.setSelected(true);
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("View"), view);
        g.addRow(1, new Label("Format"), format);
        g.addRow(2, new Label("Scale"), scale);
        g.addRow(3, new Label("Theme"), theme);
        g.addRow(4, new Label("Region"), region);
        g.addRow(5, new Label("Show"), title);
        g.add(legend, 1, 6);
        g.add(outlines, 1, 7);
        Label range = new Label("of 0.." + lastStep + " (0: the machine as booted)");
        range.getStyleClass().add("size-hint");
        HBox steps = new HBox(6, from, new Label("to"), to, range), frame = new HBox(6, delay, new Label("ms each"));
        steps.setAlignment(Pos.CENTER_LEFT);
        frame.setAlignment(Pos.CENTER_LEFT);
        g.addRow(8, new Label("GIF steps"), steps);
        g.addRow(9, new Label("GIF frame"), frame);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> {
            if (b != ButtonType.OK) return null;
            for (Spinner<Integer> sp : List.of(from, to, delay)) sp.commitValue();   // the typed numbers, not the last committed
            return new Choice(view.getValue(), format.getValue(),
                    format.getValue() == ExportFormat.SVG ? 1 : scale.getValue(),
                    new ExportSettings(theme.getValue(), title.isSelected(), legend.isSelected(),
                            region.getValue() == ExportRegion.Kind.ALL ? ExportRegion.ALL : ExportRegion.ZOOM, outlines.isSelected()),
                    // Typed in either order, the two ends still name one range.
                    new Steps(Math.min(from.getValue(), to.getValue()), Math.max(from.getValue(), to.getValue()), delay.getValue()));
        });
    }

    private static <T> StringConverter<T> named(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override public String toString(T t) { return t == null ? "" : name.apply(t); }

            @Override public T fromString(String s) { throw new UnsupportedOperationException("choices only"); }
        };
    }
}
