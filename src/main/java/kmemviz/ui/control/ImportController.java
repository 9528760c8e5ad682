package kmemviz.ui.control;

import java.io.File;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.procfs.ProcCapture;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;

/**
 * File &gt; Import machine…: a folder of /proc copies (or /proc files dropped on the views, read from their folder)
 * or this host's /proc becomes the line {@code machine from-proc DIR|live}, read and booted in the background, so
 * that undo, the log and a saved session treat it as any machine line. What the import left out is shown once.
 */
public final class ImportController {
    private final CommandRunner runner;
    private final KernelJobs jobs;
    private final Node owner;
    private final Action importMachine;

    public ImportController(CommandRunner runner, KernelJobs jobs, Node owner) {
        this.runner = runner;
        this.jobs = jobs;
        this.owner = owner;
        importMachine = Actions.of("Import machine…", Feather.DOWNLOAD, "Shortcut+I",
                "Boot a machine that looks like a folder of /proc files: buddyinfo, zoneinfo, pagetypeinfo, ... (Ctrl+I)", this::chooseFolder);
        importMachine.disabledProperty().bind(runner.busyProperty());
        owner.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (procFiles(e).size() > 0) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        owner.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            List<File> files = procFiles(e);
            if (files.isEmpty()) return;
            File folder = files.get(0).getParentFile();
            boolean one = files.stream().allMatch(f -> folder.equals(f.getParentFile()));
            if (one) importFrom(folder.getPath());
            else tell(new Alert(Alert.AlertType.ERROR, "Drop /proc files of one folder: the import reads a machine from one folder."));
            e.setDropCompleted(one);
            e.consume();
        });
    }

    public Action action() { return importMachine; }

    private static List<File> procFiles(DragEvent e) {
        if (!e.getDragboard().hasFiles()) return List.of();
        return e.getDragboard().getFiles().stream().filter(f -> ProcCapture.NAMES.contains(f.getName())).toList();
    }

    private void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Import machine: a folder of files copied from /proc");
        File dir = dc.showDialog(window());
        if (dir != null) importFrom(dir.getPath());
    }

    /** {@code machine from-proc WHERE}: WHERE is a folder or {@code live} (New machine's "This machine"). */
    public void importFrom(String where) {
        String arg = where.equals("live") || !where.contains(" ") ? where : "\"" + where + "\"";
        String line = "machine from-proc " + arg;
        jobs.run(line, progress -> {
            progress.message("Reading " + (where.equals("live") ? "/proc" : where) + "…");
            Command m = new ScriptParser(null).parseLine(line, 1);
            KernelJobs.runAll(runner.kernel(), List.of(m), progress);
            return (Machine) m;
        }, this::showNotes);
    }

    private void showNotes(Machine m) {
        if (m.notes().isEmpty()) return;
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Import machine");
        a.setHeaderText(m.profile().description() + "\nWhat the import could not use or left out (also in the event log):");
        TextArea notes = new TextArea(String.join("\n", m.notes()));
        notes.setEditable(false);
        notes.setWrapText(true);
        notes.setPrefRowCount(Math.min(12, m.notes().size() + 1));
        a.getDialogPane().setContent(notes);
        tell(a);
    }

    private void tell(Alert a) {
        a.initOwner(window());
        a.show();
    }

    private Window window() { return owner.getScene() == null ? null : owner.getScene().getWindow(); }
}
