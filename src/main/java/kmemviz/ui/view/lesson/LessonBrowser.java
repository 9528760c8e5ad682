package kmemviz.ui.view.lesson;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import kmemviz.core.lesson.Lesson;

/** The built-in course: one row per lesson with its number, title and summary; a double click or Open opens it. */
public final class LessonBrowser {
    private LessonBrowser() {}

    public static Optional<Lesson> choose(Window owner, List<Lesson> lessons) {
        Dialog<Lesson> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Lessons");
        d.setHeaderText("The built-in course: choose a lesson to play it step by step");
        ListView<Lesson> list = new ListView<>();
        list.setId("lesson-list");
        list.getItems().setAll(lessons);
        list.setPrefSize(760, 520);
        list.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(Lesson l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) { setGraphic(null); setText(null); return; }
                Label title = new Label(String.format("%d. %s", l.number(), l.title()));
                title.getStyleClass().add("lesson-title");
                Label summary = new Label(l.summary());
                summary.setWrapText(true);
                summary.getStyleClass().add("lesson-summary");
                summary.setMaxWidth(700);
                setText(null);
                setGraphic(new VBox(2, title, summary));
            }
        });
        list.getSelectionModel().selectFirst();
        d.getDialogPane().setContent(list);
        d.getDialogPane().getStylesheets().add(LessonBrowser.class.getResource("lesson.css").toExternalForm());
        ButtonType open = new ButtonType("Open", ButtonType.OK.getButtonData());
        d.getDialogPane().getButtonTypes().addAll(open, ButtonType.CANCEL);
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                d.setResult(list.getSelectionModel().getSelectedItem());
                d.close();
            }
        });
        d.setResultConverter(b -> b == open ? list.getSelectionModel().getSelectedItem() : null);
        return d.showAndWait();
    }
}
