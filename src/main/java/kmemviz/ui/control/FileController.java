package kmemviz.ui.control;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.Replay;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Profiles;
import kmemviz.core.kernel.TraceParts;
import kmemviz.ui.export.ExportFiles;
import kmemviz.ui.export.ExportFormat;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.FigureLayout;
import kmemviz.ui.export.ImageFiles;
import kmemviz.ui.export.Raster;
import kmemviz.ui.export.fx.FigureFiles;
import kmemviz.ui.export.fx.FigureRenderer;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;

/**
 * The File menu: a new machine, running a script (a background job that owns the kernel meanwhile, see {@link KernelJobs}),
 * saving the session as a script, exporting a view (PNG, SVG or a GIF of steps, through {@link ExportDialog}; the file is written
 * by the background runner), copying the showing view to the clipboard, quitting.
 */
public final class FileController {
    private final CommandRunner runner;
    private final KernelJobs jobs;
    private final Node mapArea;
    private final Action newMachine, openScript, replayTrace, saveSession, export, copyImage, quit;
    private FigureCapture figures;
    private java.util.function.BiConsumer<String, String> opener = this::runScript;

    public FileController(CommandRunner runner, KernelJobs jobs, Node mapArea) {
        this.runner = runner;
        this.jobs = jobs;
        this.mapArea = mapArea;
        newMachine = Actions.of("New machine…", Feather.CPU, "Shortcut+N", "Boot a built-in machine profile (Ctrl+N)", this::newMachine);
        openScript = Actions.of("Open script…", Feather.FOLDER, "Shortcut+O", "Open a .kmv script or lesson to play it step by step (Ctrl+O)", this::openScript);
        replayTrace = Actions.of("Replay trace…", Feather.ACTIVITY, "Shortcut+Shift+R",
                "Apply an ftrace kmem trace (trace, trace_pipe or trace-cmd report text) to this machine as one undoable step (Ctrl+Shift+R)",
                this::replayTrace);
        saveSession = Actions.of("Save session as script…", Feather.SAVE, "Shortcut+S", "Write the commands so far as a .kmv script (Ctrl+S)", this::saveSession);
        export = Actions.of("Export…", Feather.IMAGE, "Shortcut+E",
                "Save the view that is showing (or another) as PNG at 1x-4x, as SVG, or as a GIF of steps (Ctrl+E)", this::export);
        copyImage = Actions.of("Copy image", Feather.COPY, "Shortcut+Shift+E", "Copy the view that is showing as a picture (Ctrl+Shift+E)",
                this::copyImage);
        quit = Actions.of("Quit", Feather.LOG_OUT, "Shortcut+Q", "Close Kmemviz (Ctrl+Q); asks first when commands are not saved", this::quit);
        for (Action a : List.of(newMachine, openScript, replayTrace, saveSession, export, copyImage)) a.disabledProperty().bind(runner.busyProperty());
        jobs.onFailure(message -> error("The task stopped", message));
    }

    /** New, open, replay, save, export, copy image, quit: the File menu in order. */
    public List<Action> actions() { return List.of(newMachine, openScript, replayTrace, saveSession, export, copyImage, quit); }

    /** The views to export; until set, Export and Copy image do nothing. */
    public void setFigures(FigureCapture figures) { this.figures = figures; }

    /** The history's length when it was last saved or a script ran to its end: what a script file already holds. */
    private int savedHistorySize = 1;

    /** Commands since the last save or script, which Quit would lose. */
    public int unsavedCommands() { return Math.max(0, runner.kernel().history().size() - savedHistorySize - heldElsewhere.getAsInt()); }

    /** Commands of the history that a script file holds besides the session's save: an open lesson's steps. */
    private java.util.function.IntSupplier heldElsewhere = () -> 0;

    /** Where {@link #unsavedCommands()} learns how many commands an open script holds (the lesson player). */
    public void setHeldElsewhere(java.util.function.IntSupplier held) { heldElsewhere = held; }

    private void quit() { if (mayClose()) Platform.exit(); }

    /** The window's close button: asks as Quit does, and keeps the window open unless the answer lets it close. */
    public void closeRequested(javafx.stage.WindowEvent e) { if (!mayClose()) e.consume(); }

    /** Whether the window may close: nothing unsaved, or the user saved the session or chose to lose it. */
    private boolean mayClose() {
        int n = unsavedCommands();
        if (n == 0) return true;
        javafx.scene.control.ButtonType save = new javafx.scene.control.ButtonType("Save…"),
                quitAnyway = new javafx.scene.control.ButtonType("Quit without saving");
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, String.format("%d command%s since the last save would be lost. "
                + "Save the session as a script first?", n, n == 1 ? "" : "s"), save, quitAnyway, javafx.scene.control.ButtonType.CANCEL);
        a.initOwner(window());
        a.setHeaderText("Quit Kmemviz?");
        var answer = a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL);
        return answer == quitAnyway || answer == save && saveSession();
    }

    private Window window() { return mapArea.getScene() == null ? null : mapArea.getScene().getWindow(); }

    /** Where New machine's "This machine" goes: {@code machine from-proc live} (ImportController). */
    public void setImporter(Consumer<String> importer) { this.importer = importer; }

    private Consumer<String> importer;

    private void newMachine() {
        List<MachineDialog.Entry> entries = MachineDialog.standardEntries();
        if (importer != null) entries.add(entries.size() - 1, MachineDialog.Entry.thisMachine(() -> importer.accept("live")));
        new MachineDialog(window(), entries, runner.kernel().profile().name()).showAndWait().ifPresent(this::boot);
    }

    /** Boots a built-in profile: {@code machine NAME}. */
    public void boot(String profile) { boot(new Machine(Profiles.builtIn(profile), "machine " + profile)); }

    /** Boots {@code m}; a machine of millions of frames boots in the background. */
    private void boot(Machine m) {
        if (m.profile().endPfn() < KernelJobs.LARGE_MACHINE_FRAMES) runner.execute(m);
        else jobs.run(m.text(), p -> { KernelJobs.runAll(runner.kernel(), List.of(m), p); return null; }, null);
    }

    /** Where an opened script goes, as (file name, text): the lesson player once it is wired; else it runs at once. */
    public void setScriptOpener(java.util.function.BiConsumer<String, String> opener) { this.opener = opener; }

    private void openScript() {
        FileChooser fc = chooser("Open script", "Kmemviz scripts", "*.kmv", "*.txt");
        File f = fc.showOpenDialog(window());
        if (f != null) open(f);
    }

    /** Reads a script file (File > Open, a file dropped on the window) and hands it to the opener. */
    public void open(File f) {
        try {
            String text = Files.readString(f.toPath());
            remember(f);
            opener.accept(f.getName(), text);
        } catch (java.nio.charset.MalformedInputException e) {
            error("Cannot open " + f.getName(), f + " is not a text file: a script is UTF-8 text, one statement a line.");
        } catch (IOException e) {
            recent.remove(f.toPath());
            refreshRecent();
            error("Cannot read " + f, describe(e));
        }
    }

    // ---- File > Open recent ----

    private RecentScripts recent = RecentScripts.user();
    private final javafx.scene.control.Menu openRecent = new javafx.scene.control.Menu("Open recent");

    /** Keeps the recent list in {@code scripts} instead of the user's preferences (tests pass a node of their own). */
    public void setRecentScripts(RecentScripts scripts) {
        recent = scripts;
        refreshRecent();
    }

    /** File > Open recent: the scripts opened or saved lately, newest first; one opens as File > Open would. */
    public javafx.scene.control.Menu openRecentMenu() {
        openRecent.setId("open-recent");
        openRecent.disableProperty().bind(runner.busyProperty());
        refreshRecent();
        return openRecent;
    }

    private void remember(File script) {
        recent.add(script.toPath());
        refreshRecent();
    }

    private void refreshRecent() {
        openRecent.getItems().clear();
        for (java.nio.file.Path p : recent.paths()) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(p.getFileName() + "  —  " + p.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open(p.toFile()));
            openRecent.getItems().add(item);
        }
        if (openRecent.getItems().isEmpty()) {
            javafx.scene.control.MenuItem none = new javafx.scene.control.MenuItem("No scripts opened yet");
            none.setDisable(true);
            openRecent.getItems().add(none);
        }
    }

    /** Asks where to save {@code text} (a script the player recorded) and writes it; whether it was written. */
    public boolean saveScript(String initialName, String text) {
        FileChooser fc = chooser("Save script", "Kmemviz scripts", "*.kmv");
        fc.setInitialFileName(initialName);
        File f = fc.showSaveDialog(window());
        return f != null && writeScript(f, text);
    }

    /** Writes {@code text} (a script the player recorded) to {@code f}; whether it was written. */
    public boolean writeScript(File f, String text) {
        try {
            Files.writeString(f.toPath(), text);
            remember(f);
            jobs.tell("Saved the script to " + f);
            return true;
        } catch (IOException e) {
            error("Cannot write " + f, describe(e));
            return false;
        }
    }

    /** Parses and runs a script in the background; a script error is shown, with line and column, when the views follow. */
    public void runScript(String name, String text) { runScript(name, text, null); }

    /**
     * Runs a script in the background; {@code onDone} (may be null) runs on the FX thread once the views follow
     * again, unless the script had an error. Parsing is part of the job: 10,000 lines take some 100 ms.
     *
     * <p>Every compaction the script runs plays in the window when the script reaches it, its scanners and moved
     * pages on the map and in the fragmentation panel, its log lines with them: the job stops at the first command
     * that compacted (a {@code compact} line, or an allocation whose slow path compacted), takes it back, and hands
     * the kernel back; the window runs that command again (a redo, so its events are the same) and plays it, and once
     * its animation is over the script goes on in a new job. Cancel, in any part, puts the model back as it was
     * before the script.
     */
    public void runScript(String name, String text, Runnable onDone) {
        Kernel.Mark before = runner.kernel().mark();
        jobs.run("script " + name, p -> {
            List<Command> commands;
            try {
                commands = new ScriptParser(name).parse(text).stream().map(ScriptLine::command).toList();
            } catch (ScriptException e) {
                return new ScriptRun(e, List.of());          // nothing ran
            }
            return runUntilCompaction(commands, p);
        }, r -> afterScriptPart(name, r, before, onDone));
    }

    /**
     * Runs {@code commands} on the worker up to the first that compacted, which it takes back, and returns the
     * commands left (that one first). On a machine whose compaction outlasts a frame ({@link KernelJobs#replayIsLong()})
     * the window could not play it without stalling: the script runs through, and the views show where the last
     * compaction ended.
     */
    private ScriptRun runUntilCompaction(List<Command> commands, JobProgress p) {
        Kernel k = runner.kernel();
        for (int i = 0; i < commands.size(); i++) {
            p.checkCancelled();
            int position = k.position();
            Outcome out = k.execute(commands.get(i), KernelJobs.coreProgress(p));   // a replay line reports and cancels too
            p.progress(i + 1, commands.size());
            p.message(String.format("%,d of %,d: %s", i + 1, commands.size(), out.command().text()));
            if (k.position() == position + 1 && compacted(out) && !jobs.replayIsLong()) {
                k.undo();                        // kept for redo: the window runs it again and plays it
                return new ScriptRun(null, commands.subList(i, commands.size()));
            }
        }
        p.checkCancelled();                      // a cancel during the last command takes the whole script back too
        return new ScriptRun(null, List.of());
    }

    private static boolean compacted(Outcome out) {
        for (kmemviz.core.kernel.MmEvent e : out.events()) if (e.kind() == kmemviz.core.kernel.EventKind.COMPACT_BEGIN) return true;
        return false;
    }

    /** FX thread, the kernel handed back: play the compaction the part stopped at, then run the rest. */
    private void afterScriptPart(String name, ScriptRun r, Kernel.Mark before, Runnable onDone) {
        if (r.error() != null) {
            error("Script error in " + name, r.error().getMessage());
            return;
        }
        Runnable done = () -> {
            savedHistorySize = runner.kernel().history().size();   // the script file holds what it ran
            if (onDone != null) onDone.run();
        };
        if (r.rest().isEmpty()) {
            done.run();
            return;
        }
        runner.kernel().redo();                  // the bridge plays its events, as for a command typed now
        List<Command> rest = r.rest().subList(1, r.rest().size());
        if (rest.isEmpty()) {
            done.run();
            return;
        }
        // The controls stay off until the rest runs: a command typed meanwhile would land inside the script.
        runner.busyProperty().set(true);
        whenAnimated(() -> {
            runner.busyProperty().set(false);
            jobs.run("script " + name, before, p -> runUntilCompaction(rest, p), next -> afterScriptPart(name, next, before, onDone));
        });
    }

    /** Runs {@code then} once the animator has played out (at once if it is not playing). */
    private void whenAnimated(Runnable then) {
        javafx.beans.property.ReadOnlyBooleanProperty playing = runner.animator().playingProperty();
        if (!playing.get()) {
            then.run();
            return;
        }
        playing.addListener(new javafx.beans.value.ChangeListener<>() {
            @Override public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) return;
                playing.removeListener(this);
                then.run();
            }
        });
    }

    /** What a part of a script's job leaves: its parse error, or the commands left (the first to play in the window). */
    private record ScriptRun(ScriptException error, List<Command> rest) {}

    private void replayTrace() {
        FileChooser fc = chooser("Replay an ftrace kmem trace", "Trace text", "*.txt", "*.trace", "*.dat.txt", "*");
        File f = fc.showOpenDialog(window());
        if (f != null) replay(f.toPath());
    }

    /**
     * Opens a trace in the lesson player as a replay: its lines are counted in the background (progress and cancel),
     * cut into steps ({@link TraceParts}), and the player plays them with its timeline, Play at a speed, and Cancel
     * replay. With no player wired (never in the window), the trace runs at once as one step.
     */
    public void replay(java.nio.file.Path trace) { replay(trace, null); }

    /** ... and once it is open in the player, {@code then} (may be null) runs on the FX thread. */
    public void replay(java.nio.file.Path trace, Runnable then) {
        java.nio.file.Path file = trace.toAbsolutePath();
        if (opener == null) {
            runScript(trace.getFileName().toString(), new Replay(file).text() + "\n");
            return;
        }
        jobs.run("read " + trace.getFileName(), p -> TraceParts.of(file, KernelJobs.coreProgress(p)), parts -> {
            opener.accept(parts.scriptPath().toString(), parts.script());
            jobs.tell(String.format("Replay of %s: %,d lines in %,d steps of %,d lines. Play, step or jump on the timeline.",
                    trace.getFileName(), parts.lines(), parts.steps(), parts.linesPerStep()));
            if (then != null) then.run();
        });
    }

    /** @return whether the session was written */
    private boolean saveSession() {
        FileChooser fc = chooser("Save session as script", "Kmemviz scripts", "*.kmv");
        fc.setInitialFileName("session.kmv");
        File f = fc.showSaveDialog(window());
        if (f == null) return false;
        String text = runner.kernel().history().stream().map(Command::text).collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.writeString(f.toPath(), text);
            remember(f);
            savedHistorySize = runner.kernel().history().size();
            jobs.tell(String.format("Saved the session (%,d command%s) to %s", savedHistorySize, savedHistorySize == 1 ? "" : "s", f));
            return true;
        } catch (IOException e) {
            error("Cannot write " + f, describe(e));
            return false;
        }
    }

    private void export() {
        if (figures == null) return;
        var choice = new ExportDialog(window(), figures.showing(), runner.kernel().position()).showAndWait();
        if (choice.isEmpty()) return;
        ExportDialog.Choice c = choice.get();
        FileChooser fc = chooser("Export " + c.view().title(), c.format().name() + " files", "*." + c.format().extension());
        fc.setInitialFileName(ExportFiles.fileName("kmemviz", -1, c.view(), c.format(), c.scale(), c.settings().theme()));
        File f = fc.showSaveDialog(window());
        if (f != null) export(c, f);
    }

    /**
     * Writes what the dialog chose into {@code f}. The figure, or for a GIF each step's frame, is drawn here on the
     * FX thread, since drawing borrows the window; the background runner encodes and writes it, with progress, and
     * a cancel leaves no file. FX thread.
     */
    public void export(ExportDialog.Choice c, File f) {
        FxThread.check();
        BackgroundJob<File> write;
        try {
            if (c.format() == ExportFormat.GIF) {
                List<Raster> frames = frames(c);
                write = p -> {
                    p.message("Writing " + f.getName() + ", " + frames.size() + " frames");
                    ExportFiles.writeAtomically(f.toPath(), out -> {
                        try (ImageFiles.GifSequence gif = new ImageFiles.GifSequence(out, c.steps().delayMs())) {
                            for (int i = 0; i < frames.size(); i++) {
                                p.checkCancelled();
                                gif.add(frames.get(i));
                                p.progress(i + 1, frames.size());
                            }
                        }
                    });
                    return f;
                };
            } else {
                ExportFiles.Content content = figures.capture(c.view(), c.settings(), "",
                        fig -> FigureFiles.encode(fig, c.settings(), c.format(), c.scale()));
                write = p -> {
                    p.message("Writing " + f.getName());
                    ExportFiles.writeAtomically(f.toPath(), content);
                    p.progress(1, 1);
                    return f;
                };
            }
        } catch (IllegalArgumentException e) {
            error("Cannot export " + c.view().title(), e.getMessage());
            return;
        }
        jobs.background().submit("Exporting " + f.getName(), write, new BackgroundRunner.Done<File>() {
            @Override public void succeeded(File written) { jobs.tell("Exported " + c.view().title() + " to " + written); }

            @Override public void cancelled() { }

            @Override public void failed(Throwable e) { error("Cannot write " + f, describe(e)); }
        });
    }

    /**
     * One picture per step of the chosen range: the kernel seeks each step (a checkpoint and a few commands replayed,
     * no log lines or animation) and goes back to where it stood afterwards, also when a capture throws.
     */
    private List<Raster> frames(ExportDialog.Choice c) {
        Kernel k = runner.kernel();
        int back = k.position();
        if (c.steps().to() > k.historySize() - 1)
            throw new IllegalArgumentException("step " + c.steps().to() + " is past the history's last step, " + (k.historySize() - 1));
        runner.animator().finish();
        List<Raster> frames = new ArrayList<>(c.steps().frames());
        try {
            for (int step = c.steps().from(); step <= c.steps().to(); step++) {
                k.seek(step);
                frames.add(figures.capture(c.view(), c.settings(), "step " + step,
                        fig -> FigureRenderer.render(fig, FigureLayout.of(fig, c.settings()), c.scale())));
            }
        } finally {
            k.seek(back);
        }
        return frames;
    }

    /** The showing view as on screen (light theme, no title or legend), at 1x, onto the clipboard. */
    private void copyImage() {
        if (figures == null) return;
        ExportSettings bare = ExportSettings.BARE;
        Raster r = figures.capture(figures.showing(), bare, "", fig -> FigureRenderer.render(fig, FigureLayout.of(fig, bare), 1));
        ClipboardContent content = new ClipboardContent();
        content.putImage(FigureRenderer.image(r));
        Clipboard.getSystemClipboard().setContent(content);
    }

    /**
     * An I/O failure in words: Java's own messages are "Input length = 1" for a file that is not UTF-8 text, or just
     * the path for a missing one.
     */
    public static String describe(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException)
            return "not a text file: scripts, traces and kernel logs are plain UTF-8 text";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** What went wrong, for a dialog or the status line: a file error as {@link #describe(IOException)} words it. */
    public static String describe(Throwable t) {
        if (t instanceof IOException e) return describe(e);
        if (t instanceof java.io.UncheckedIOException e) return describe(e.getCause());
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static FileChooser chooser(String title, String what, String... patterns) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
        return fc;
    }

    private void error(String header, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.initOwner(window());
        a.setHeaderText(header);
        a.show();
    }
}
