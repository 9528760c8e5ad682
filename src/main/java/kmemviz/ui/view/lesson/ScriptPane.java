package kmemviz.ui.view.lesson;

import java.util.List;
import java.util.function.IntConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The open script, one row per line: its number, a mark for an {@code expect} that ran (check or cross), the text.
 * The line the player stands at is highlighted, a line that stopped it is red; a click on a line is an intent to
 * jump there ({@link #setOnJump}). Rows are virtual, so a script of 10,000 lines costs what a screenful does.
 *
 * <p>It folds to a strip with one button ({@link #collapsedProperty}), which gives the stage its width back on a
 * projector, where the room reads the caption and the map, not the script.
 */
public final class ScriptPane extends BorderPane {
    /** What the gutter shows for a line. */
    public enum Mark { NONE, HELD, FAILED }

    private final ListView<Integer> list = new ListView<>();
    private final Label title = new Label();
    private final Button fold = new Button();
    private final HBox header = new HBox(4, fold, title);
    private final BooleanProperty collapsed = new SimpleBooleanProperty(this, "collapsed");
    private List<String> lines = List.of();
    private Mark[] marks = new Mark[0];
    private int currentLine = -1, errorLine = -1;
    private IntConsumer onJump = line -> {};

    public ScriptPane() {
        getStyleClass().add("script-pane");
        title.getStyleClass().add("pane-title");
        title.setMinWidth(0);
        HBox.setHgrow(title, Priority.ALWAYS);
        header.setAlignment(Pos.CENTER_LEFT);
        fold.setId("script-fold");
        fold.getStyleClass().add("script-fold");
        fold.setFocusTraversable(false);            // Space plays the lesson; it must not also press this button
        fold.setOnAction(e -> collapsed.set(!collapsed.get()));
        setTop(header);
        list.setId("script-lines");
        list.setCellFactory(v -> new LineCell());
        collapsed.addListener((o, a, c) -> fold(c));
        fold(false);
    }

    /** Folded to a strip that holds only the button that opens it again. */
    public BooleanProperty collapsedProperty() { return collapsed; }

    private void fold(boolean folded) {
        fold.setGraphic(new FontIcon(folded ? Feather.CHEVRONS_LEFT : Feather.CHEVRONS_RIGHT));
        fold.setTooltip(new Tooltip(folded ? "Show the script" : "Fold the script away: the map gets its width"));
        title.setVisible(!folded);
        title.setManaged(!folded);
        setCenter(folded ? null : list);
        getStyleClass().remove("script-folded");
        if (folded) getStyleClass().add("script-folded");
        setPrefWidth(folded ? Region.USE_COMPUTED_SIZE : 300);
        setMinWidth(folded ? Region.USE_PREF_SIZE : 220);
    }

    /** Called with the 1-based line a click chose. */
    public void setOnJump(IntConsumer onJump) { this.onJump = onJump; }

    /**
     * Shows {@code lines} with {@code marks} (indexed by line - 1), the player at {@code currentLine} and a stop at
     * {@code errorLine} (-1 for none); scrolls so that the current line is in view.
     */
    public void show(String name, List<String> lines, Mark[] marks, int currentLine, int errorLine) {
        title.setText(name);
        boolean sameText = lines.equals(this.lines);
        this.lines = List.copyOf(lines);
        this.marks = marks;
        this.currentLine = currentLine;
        this.errorLine = errorLine;
        if (!sameText || list.getItems().size() != lines.size()) {
            Integer[] numbers = new Integer[lines.size()];
            for (int i = 0; i < numbers.length; i++) numbers[i] = i + 1;
            list.setItems(FXCollections.observableArrayList(numbers));
        } else list.refresh();
        int shown = Math.max(0, Math.min(lines.size() - 1, currentLine - 1));
        list.getSelectionModel().clearSelection();
        list.scrollTo(Math.max(0, shown - 3));
    }

    /** The line highlighted as current, for tests. */
    public int currentLine() { return currentLine; }

    private final class LineCell extends ListCell<Integer> {
        LineCell() {
            setOnMouseClicked(e -> { if (getItem() != null) onJump.accept(getItem()); });
        }

        @Override protected void updateItem(Integer line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("current-line", "error-line", "expect-held", "expect-failed");
            if (empty || line == null) {
                setText(null);
                return;
            }
            Mark m = line - 1 < marks.length ? marks[line - 1] : Mark.NONE;
            String gutter = switch (m) {
                case HELD -> "\u2713";
                case FAILED -> "\u2717";
                case NONE -> " ";
            };
            setText(String.format("%3d %s %s", line, gutter, lines.get(line - 1)));
            if (m == Mark.HELD) getStyleClass().add("expect-held");
            if (m == Mark.FAILED) getStyleClass().add("expect-failed");
            if (line == currentLine) getStyleClass().add("current-line");
            if (line == errorLine) getStyleClass().add("error-line");
        }
    }
}
