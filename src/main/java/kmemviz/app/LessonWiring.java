package kmemviz.app;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.TransferMode;
import kmemviz.core.lesson.Lesson;
import kmemviz.core.lesson.LessonCatalogue;
import kmemviz.ui.lesson.LessonController;
import kmemviz.ui.lesson.LessonKeys;
import kmemviz.ui.lesson.LessonPointer;
import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.lesson.LessonBrowser;
import kmemviz.ui.view.lesson.LessonStageView;
import org.controlsfx.control.action.Action;
import org.controlsfx.control.action.ActionUtils;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The lesson player in the window: the stage around the views, its controls under them, the presenter's keys,
 * File > Open and a .kmv dropped on the window opening into the player, and the Lesson menu.
 */
final class LessonWiring {
    final LessonStageView stage;
    final LessonController controller;
    private final Action save, openLesson;

    LessonWiring(Wiring w, Node views) {
        stage = new LessonStageView(views);
        w.themes.presentationProperty().addListener((o, a, p) -> stage.setPresentation(p));
        stage.setPresentation(w.themes.presentationProperty().get());
        controller = new LessonController(w.runner, w.jobs, w.bridge, stage, new LessonPointer(w.map, w.selection, stage.caption(), w.freeArea));
        save = new Action("Save script…", e -> {
            if (controller.isOpen() && w.files.saveScript(controller.player().script().name(), controller.player().script().text()))
                controller.player().markSaved();
        });
        openLesson = new Action("Open lesson…", e -> LessonBrowser.choose(w.root.getScene().getWindow(),
                LessonCatalogue.builtIn().lessons()).ifPresent(this::open));
        openLesson.setGraphic(new FontIcon(Feather.BOOK_OPEN));
        openLesson.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+L"));
        openLesson.setLongText("Choose a lesson of the built-in course (Ctrl+L)");
        openLesson.disabledProperty().bind(w.runner.busyProperty());
        save.setGraphic(new FontIcon(Feather.SAVE));
        save.setLongText("Save the open script, with what was recorded into it");
        // Below this width the two modes drop their words too (icons and tooltips), and the script folds to its strip.
        var narrow = w.root.widthProperty().lessThan(LessonStageView.WIDE_WINDOW_PX);
        w.root.widthProperty().addListener((o, a, px) -> stage.setWindowWidth(px.doubleValue()));
        stage.setWindowWidth(w.root.getWidth());
        List<Node> buttons = new ArrayList<>();
        for (Action a : controller.actions()) {
            // The transport buttons speak through their icons (and tooltips); the two modes need their words.
            var text = controller.transport().contains(a) ? ActionUtils.ActionTextBehavior.HIDE : ActionUtils.ActionTextBehavior.SHOW;
            var b = a == controller.recordAction() ? ActionUtils.createToggleButton(a, text) : ActionUtils.createButton(a, text);
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setId("lesson-" + a.getText().toLowerCase().replace(' ', '-'));
            b.setMnemonicParsing(false);
            b.setFocusTraversable(false);            // Space plays the lesson; it must not also press the focused button
            if (a.getGraphic() instanceof FontIcon icon) { b.graphicProperty().unbind(); b.setGraphic(new FontIcon(icon.getIconCode())); }
            if (text == ActionUtils.ActionTextBehavior.SHOW) b.contentDisplayProperty().bind(javafx.beans.binding.Bindings
                    .when(narrow).then(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY).otherwise(javafx.scene.control.ContentDisplay.LEFT));
            // Next is off while a quiz waits: its tooltip, on a holder, says so ("Answer the quiz first").
            buttons.add(kmemviz.ui.control.Actions.tooltipWhenDisabled(b, a.longTextProperty()));
        }
        buttons.addAll(replayControls());
        stage.setControls(buttons);
        w.files.setScriptOpener(controller::open);
        recordPointing(w);
        w.files.setHeldElsewhere(() -> controller.isOpen() ? controller.player().commandsHeld() : 0);
        LessonKeys.install(w.root, controller);
        w.root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(LessonWiring::isScript))
                e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        w.root.setOnDragDropped(e -> {
            File f = e.getDragboard().getFiles().stream().filter(LessonWiring::isScript).findFirst().orElse(null);
            if (f != null) w.files.open(f);
            e.setDropCompleted(f != null);
            e.consume();
        });
    }

    /**
     * While recording: Undo drops the last recorded line; a click that selects an allocation held in a variable
     * records {@code select VAR}, Zoom to allocation {@code zoom VAR}, Fit {@code zoom all}; opening another script
     * asks before the unsaved recorded lines go.
     */
    private void recordPointing(Wiring w) {
        w.history.setUndoFirst(controller::undoRecorded);
        // CLICKED comes after the map's own release handler has selected (a drag of the map is no click).
        w.map.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            String v = selectedVariable(w);
            if (v != null && controller.isRecording()) controller.recordPointer(new kmemviz.core.cmd.Select(v));
        });
        w.view.onZoomed(whole -> {
            String v = selectedVariable(w);
            if (whole) controller.recordPointer(kmemviz.core.cmd.Zoom.all());
            else if (v != null) controller.recordPointer(kmemviz.core.cmd.Zoom.variable(v));
        });
        controller.setConfirmDrop(n -> {
            var a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    n + " recorded line" + (n == 1 ? " was" : "s were") + " not saved and would be lost. Open the other script anyway?",
                    javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
            a.initOwner(w.root.getScene() == null ? null : w.root.getScene().getWindow());
            a.setHeaderText("Drop the recording?");
            return a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) == javafx.scene.control.ButtonType.OK;
        });
    }

    /** The variable that holds the selected allocation, or null. */
    private static String selectedVariable(Wiring w) {
        int id = w.selection.selectedAllocId();
        return id <= 0 ? null : w.kernel.variableFor(id);
    }

    /** Cancel replay and the replay's speed, shown only while a trace replay is open. */
    private List<Node> replayControls() {
        var cancel = ActionUtils.createButton(controller.cancelReplayAction(), ActionUtils.ActionTextBehavior.SHOW);
        cancel.setId("replay-cancel");
        cancel.setMnemonicParsing(false);
        cancel.setFocusTraversable(false);
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (controller.cancelReplayAction().getGraphic() instanceof FontIcon icon) { cancel.graphicProperty().unbind(); cancel.setGraphic(new FontIcon(icon.getIconCode())); }
        var speed = new javafx.scene.control.ComboBox<Integer>(javafx.collections.FXCollections.observableArrayList(1, 2, 5, 10, 20, 50));
        speed.setId("replay-speed");
        speed.setFocusTraversable(false);
        LazyTooltip.install(speed, "Play: steps of the trace a second (each step is a run of trace lines)");
        speed.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(Integer n) { return n == null ? "" : n + " steps/s"; }

            @Override public Integer fromString(String s) { return Integer.valueOf(s.replace(" steps/s", "").trim()); }
        });
        speed.valueProperty().bindBidirectional(controller.stepsPerSecondProperty());
        // The bar is crowded at 1280x720 in presentation mode: shrunk, the box read "5 ste…".
        speed.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        for (Node n : List.of(cancel, speed)) {
            n.visibleProperty().bind(controller.replayProperty());
            n.managedProperty().bind(controller.replayProperty());
        }
        return List.of(speed, cancel);
    }

    /** Opens a built-in lesson in the player. */
    void open(Lesson lesson) { open(lesson, 0); }

    /** ... at {@code step} (a jump: the quizzes on the way are not asked). */
    void open(Lesson lesson, int step) {
        controller.open(lesson.file(), lesson.text());
        if (step > 0) controller.jumpTo(step);
    }

    private static boolean isScript(File f) { return f.getName().endsWith(".kmv") || f.getName().endsWith(".txt"); }

    /** The Lesson menu: the player's moves (their keys in the text, since the keys are the presenter's) and recording. */
    Menu menu() {
        Menu m = new Menu("Lesson");
        MenuItem browse = ActionUtils.createMenuItem(openLesson);
        browse.setMnemonicParsing(false);
        browse.graphicProperty().unbind();
        browse.setGraphic(new FontIcon(Feather.BOOK_OPEN));
        m.getItems().addAll(browse, new SeparatorMenuItem());
        String[] keys = {"Home", "Left", "Space", "Space", "Right", "B", null, null};
        List<Action> actions = controller.actions();
        for (int i = 0; i < actions.size(); i++) {
            MenuItem item = actions.get(i) == controller.recordAction() ? ActionUtils.createCheckMenuItem(actions.get(i))
                    : ActionUtils.createMenuItem(actions.get(i));
            item.setMnemonicParsing(false);
            item.graphicProperty().unbind();
            item.setGraphic(null);
            if (keys[i] != null) item.textProperty().bind(actions.get(i).textProperty().concat("  (" + keys[i] + ")"));
            m.getItems().add(item);
        }
        MenuItem s = ActionUtils.createMenuItem(save);
        s.graphicProperty().unbind();
        s.setGraphic(null);
        m.getItems().addAll(new SeparatorMenuItem(), s);
        return m;
    }
}
