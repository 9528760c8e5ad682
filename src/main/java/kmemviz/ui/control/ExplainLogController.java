package kmemviz.ui.control;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.FromLog;
import kmemviz.core.klog.KernelLogReader;
import kmemviz.core.klog.LogExplanation;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.AllocStory;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;

/**
 * File &gt; Explain kernel log…: a pasted (or opened) page allocation failure or OOM report becomes two commands,
 * {@code machine from-log FILE} and the request that failed ({@link FromLog}), run in the background like any machine
 * line, so undo takes them back and a saved session replays them. The explanation ({@link LogExplanation}) and the
 * request's story then show in the story panel.
 * A report with nothing usable is an error and the machine shown stays. A paste is kept in a temporary file, which
 * the machine line names.
 */
public final class ExplainLogController {
    private final CommandRunner runner;
    private final KernelJobs jobs;
    private final Node owner;
    private final AllocStories stories;
    private final ShowExplained showStory;
    private final Action explain;

    /** Shows the request's story (null when none ran) large over the views, with the call and the explanation. */
    @FunctionalInterface
    public interface ShowExplained {
        void show(AllocStory story, String call, LogExplanation.Explained explained);
    }

    /** @param showStory shows the explanation and the request's story large over the views */
    public ExplainLogController(CommandRunner runner, KernelJobs jobs, Node owner, ShowExplained showStory) {
        this.runner = runner;
        this.jobs = jobs;
        this.owner = owner;
        this.stories = runner.kernel().explainAllocations();
        this.showStory = showStory;
        explain = Actions.of("Explain kernel log…", Feather.FILE_TEXT, "Shortcut+Shift+X",
                "Paste a page allocation failure or OOM report (or open a log): rebuild the machine it describes and run the request"
                        + " that failed on it, step by step (Ctrl+Shift+X)", this::ask);
        explain.disabledProperty().bind(runner.busyProperty());
    }

    public Action action() { return explain; }

    private void ask() {
        Dialog<String> d = dialog();
        d.initOwner(window());
        d.showAndWait().filter(t -> !t.isBlank()).ifPresent(text -> explain(text, null));
    }

    /** The dialog: a text area to paste into, and a button that fills it from a file. Its result is the text. */
    public Dialog<String> dialog() {
        Dialog<String> d = new Dialog<>();
        d.setTitle("Explain kernel log");
        d.setHeaderText("Paste a \"page allocation failure\" or \"invoked oom-killer\" report with its Mem-Info block\n"
                + "(dmesg, journalctl or syslog text), or open a log file.");
        TextArea text = new TextArea();
        text.setId("explain-log-text");
        text.setPromptText("kworker/u16:3: page allocation failure: order:4, mode:0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), ...\n"
                + "Mem-Info:\nNode 0 Normal free:24148kB min:65640kB low:129584kB high:193528kB ... present:...kB managed:...kB\n"
                + "lowmem_reserve[]: 0 0 0 0 0\nNode 0 Normal: 4172*4kB (UME) 8*8kB (UM) 5*16kB (U) 0*32kB ... = 16832kB");
        text.setPrefColumnCount(90);
        text.setPrefRowCount(16);
        Label note = new Label("The rest of each zone's memory shows as in use (imported); what the report does not say is listed in the event log.");
        note.setWrapText(true);
        VBox box = new VBox(8, text, note);
        VBox.setVgrow(text, Priority.ALWAYS);
        d.getDialogPane().setContent(box);
        ButtonType open = new ButtonType("Open file…", ButtonBar.ButtonData.LEFT);
        ButtonType go = new ButtonType("Explain", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(open, go, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(go).setId("explain-log-run");
        d.getDialogPane().lookupButton(go).disableProperty().bind(text.textProperty().isEmpty());
        d.getDialogPane().lookupButton(open).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume();                                 // the dialog stays open with the file's text in it
            FileChooser fc = new FileChooser();
            fc.setTitle("Open a kernel log");
            File f = fc.showOpenDialog(d.getDialogPane().getScene().getWindow());
            if (f == null) return;
            try {
                if (f.length() > KernelLogReader.MAX_CHARS) throw new java.io.IOException(f.length() + " bytes; at most " + KernelLogReader.MAX_CHARS);
                text.setText(Files.readString(f.toPath()));
            } catch (java.io.IOException | java.io.UncheckedIOException ex) {
                text.setText("");
                note.setText(f + ": cannot read: " + FileController.describe(ex));
            }
        });
        d.setResultConverter(b -> b == go ? text.getText() : null);
        d.setResizable(true);
        return d;
    }

    /**
     * Rebuilds the machine {@code text} describes and runs its request, in the background; {@code file} names the
     * text on the machine line, or null to keep a paste in a temporary file.
     */
    public void explain(String text, Path file) {
        jobs.run("Explain kernel log", progress -> {
            progress.message("Reading the report and rebuilding its machine…");
            Path where = file;
            if (where == null) {
                where = Files.createTempFile("kmemviz-log-", ".txt");
                Files.writeString(where, text);
            }
            FromLog log = FromLog.of(text, where.toString());
            List<Command> commands = new ArrayList<>(List.of(log.machine()));
            if (log.request() != null) commands.add(log.request());
            KernelJobs.runAll(runner.kernel(), commands, progress);
            return log;
        }, this::show);
    }

    private void show(FromLog log) {
        AllocStory story = log.request() == null ? null : stories.latest();
        showStory.show(story, story == null ? null : LogExplanation.call(log.result()), LogExplanation.explain(log.result(), story));
    }

    private Window window() { return owner.getScene() == null ? null : owner.getScene().getWindow(); }
}
