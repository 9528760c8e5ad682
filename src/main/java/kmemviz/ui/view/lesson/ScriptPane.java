package kmemviz.ui.view.lesson;

import java.util.List;
import java.util.function.IntConsumer;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;

/**
 * The open script, one row per line: its number, a mark for an {@code expect} that ran (check or cross), the text.
 * The line the player stands at is highlighted, a line that stopped it is red; a click on a line is an intent to
 * jump there ({@link #setOnJump}). Rows are virtual, so a script of 10,000 lines costs what a screenful does.
 */
public final class ScriptPane extends BorderPane {
    /** What the gutter shows for a line. */
    public enum Mark { NONE, HELD, FAILED }

    private final ListView<Integer> list = new ListView<>();
    private final Label title = new Label();
    private List<String> lines = List.of();
    private Mark[] marks = new Mark[0];
    private int currentLine = -1, errorLine = -1;
    private IntConsumer onJump = line -> {};

    public ScriptPane() {
        getStyleClass().add("script-pane");
        title.getStyleClass().add("pane-title");
        setTop(title);
        setCenter(list);
        list.setId("script-lines");
        list.setCellFactory(v -> new LineCell());
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
