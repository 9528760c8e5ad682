package kmemviz.ui.control;

import javafx.scene.input.KeyCombination;
import kmemviz.core.cmd.Command;
import kmemviz.core.kernel.Kernel;
import kmemviz.ui.view.EventLogView;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Undo and Redo: the kernel restores its nearest checkpoint and replays the few commands after it; the actions name
 * the command they take back or repeat. On a large machine the views' full reset afterwards outlasts a frame, so
 * there it runs as a background job.
 */
public final class HistoryController {
    private final CommandRunner runner;
    private final KernelJobs jobs;
    private final EventLogView log;
    private final Action undo = new Action("Undo", e -> undo());
    private final Action redo = new Action("Redo", e -> redo());

    public HistoryController(CommandRunner runner, KernelJobs jobs, EventLogView log) {
        this.runner = runner;
        this.jobs = jobs;
        this.log = log;
        undo.setGraphic(new FontIcon(Feather.ROTATE_CCW));
        undo.setAccelerator(KeyCombination.keyCombination("Shortcut+Z"));
        redo.setGraphic(new FontIcon(Feather.ROTATE_CW));
        redo.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+Z"));
        runner.busyProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    public Action undoAction() { return undo; }

    public Action redoAction() { return redo; }

    /** Asked first by Undo; true when it took the undo (the lesson player, recording, drops its last line). */
    public void setUndoFirst(java.util.function.BooleanSupplier first) { undoFirst = first; }

    private java.util.function.BooleanSupplier undoFirst = () -> false;

    public void undo() {
        Kernel k = runner.kernel();
        if (runner.busyProperty().get()) return;
        if (undoFirst.getAsBoolean()) { refresh(); return; }
        if (!k.canUndo()) return;
        runner.animator().finish();
        String text = k.undoable().text();
        Runnable logged = () -> {
            log.append(EventLogView.Kind.RESULT, "undone: " + text);
            jobs.tell("Undone: " + text);           // not the undone command's own outcome, still on the status line
            refresh();
        };
        if (!jobs.replayIsLong()) {
            k.undo();
            logged.run();
        } else jobs.run("undo " + text, p -> { k.undo(); p.checkCancelled(); return null; }, x -> logged.run());
    }

    public void redo() {
        Kernel k = runner.kernel();
        if (runner.busyProperty().get() || !k.canRedo()) return;
        runner.animator().finish();
        if (!jobs.replayIsLong()) {
            k.redo();
            refresh();
        } else jobs.run("redo " + k.redoable().text(), p -> { k.redo(); p.checkCancelled(); return null; }, x -> refresh());
    }

    /** Names the next undo and redo in the menu and tooltips. */
    public void refresh() {
        Kernel k = runner.kernel();
        boolean busy = runner.busyProperty().get();
        Command u = k.undoable(), r = k.redoable();
        undo.setDisabled(busy || u == null);
        redo.setDisabled(busy || r == null);
        undo.setText(u == null ? "Undo" : "Undo " + shorten(u.text()));
        redo.setText(r == null ? "Redo" : "Redo " + shorten(r.text()));
        undo.setLongText(u == null ? "Nothing to undo (Ctrl+Z)" : "Undo " + u.text() + " (Ctrl+Z)");
        redo.setLongText(r == null ? "Nothing to redo (Ctrl+Shift+Z)" : "Redo " + r.text() + " (Ctrl+Shift+Z)");
    }

    private static String shorten(String s) { return s.length() > 60 ? s.substring(0, 57) + "…" : s; }
}
