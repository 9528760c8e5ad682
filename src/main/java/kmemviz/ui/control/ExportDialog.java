package kmemviz.ui.control;

import java.util.Arrays;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;
import kmemviz.ui.export.ExportFormat;
import kmemviz.ui.export.ExportRegion;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.ExportTheme;
import kmemviz.ui.export.ExportView;

/**
 * File > Export…: the view (the one showing, by default), the format, the scale, the theme, title and legend, the
 * region and the outlines. Its answer is a {@link Choice}; the file is chosen after it. An animated GIF of a range
 * of steps is made by {@code kmemviz export --format gif}, which the dialog says.
 */
public final class ExportDialog extends Dialog<ExportDialog.Choice> {
    /** What the user chose. */
    public record Choice(ExportView view, ExportFormat format, int scale, ExportSettings settings) {}

    public ExportDialog(Window owner, ExportView showing) {
        initOwner(owner);
        setTitle("Export");
        setHeaderText("Export a view as a picture (PNG, redrawn at the scale) or a drawing (SVG, editable)");
        ChoiceBox<ExportView> view = new ChoiceBox<>(FXCollections.observableArrayList(
                Arrays.stream(ExportView.values()).filter(ExportView::available).toList()));
        view.setValue(showing);
        view.setConverter(named(ExportView::title));
        view.setId("export-view");
        ChoiceBox<ExportFormat> format = new ChoiceBox<>(FXCollections.observableArrayList(ExportFormat.PNG, ExportFormat.SVG));
        format.setValue(ExportFormat.PNG);
        format.setId("export-format");
        ChoiceBox<Integer> scale = new ChoiceBox<>(FXCollections.observableArrayList(1, 2, 3, 4));
        scale.setValue(2);
        scale.setConverter(named(s -> s + "x"));
        scale.setId("export-scale");
        scale.disableProperty().bind(format.valueProperty().isEqualTo(ExportFormat.SVG));
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
        Label gif = new Label("An animated GIF of a range of steps: kmemviz export SCRIPT --format gif --from A --at B");
        gif.getStyleClass().add("size-hint");
        g.add(gif, 0, 8, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b != ButtonType.OK ? null : new Choice(view.getValue(), format.getValue(),
                format.getValue() == ExportFormat.SVG ? 1 : scale.getValue(),
                new ExportSettings(theme.getValue(), title.isSelected(), legend.isSelected(),
                        region.getValue() == ExportRegion.Kind.ALL ? ExportRegion.ALL : ExportRegion.ZOOM, outlines.isSelected())));
    }

    private static <T> StringConverter<T> named(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override public String toString(T t) { return t == null ? "" : name.apply(t); }

            @Override public T fromString(String s) { throw new UnsupportedOperationException("choices only"); }
        };
    }
}
