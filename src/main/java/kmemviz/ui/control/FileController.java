package kmemviz.ui.control;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.Profiles;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;

/**
 * The File menu: a new machine, running a script (a background job that owns the kernel meanwhile, see {@link KernelJobs}),
 * saving the session as a script, exporting the map as PNG, quitting.
 */
public final class FileController {
    private final CommandRunner runner;
    private final KernelJobs jobs;
    private final Node mapArea;
    private final Action newMachine, openScript, saveSession, exportPng, quit;

    public FileController(CommandRunner runner, KernelJobs jobs, Node mapArea) {
        this.runner = runner;
        this.jobs = jobs;
        this.mapArea = mapArea;
        newMachine = Actions.of("New machine…", Feather.CPU, "Shortcut+N", "Boot a built-in machine profile (Ctrl+N)", this::newMachine);
        openScript = Actions.of("Open script…", Feather.FOLDER, "Shortcut+O", "Run a .kmv script (Ctrl+O)", this::openScript);
        saveSession = Actions.of("Save session as script…", Feather.SAVE, "Shortcut+S", "Write the commands so far as a .kmv script (Ctrl+S)", this::saveSession);
        exportPng = Actions.of("Export map as PNG…", Feather.IMAGE, "Shortcut+E", "Save the map and its legend as a PNG picture (Ctrl+E)", this::exportPng);
        quit = Actions.of("Quit", Feather.LOG_OUT, "Shortcut+Q", "Close Kmemviz (Ctrl+Q); asks first when commands are not saved", this::quit);
        for (Action a : List.of(newMachine, openScript, saveSession)) a.disabledProperty().bind(runner.busyProperty());
        jobs.onFailure(message -> error("The task stopped", message));
    }

    /** The history's length when it was last saved or a script ran to its end: what a script file already holds. */
    private int savedHistorySize = 1;

    /** Commands since the last save or script, which Quit would lose. */
    public int unsavedCommands() { return Math.max(0, runner.kernel().history().size() - savedHistorySize); }

    private void quit() {
        int n = unsavedCommands();
        if (n == 0) { Platform.exit(); return; }
        javafx.scene.control.ButtonType save = new javafx.scene.control.ButtonType("Save…"),
                quitAnyway = new javafx.scene.control.ButtonType("Quit without saving");
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, String.format("%d command%s since the last save would be lost. "
                + "Save the session as a script first?", n, n == 1 ? "" : "s"), save, quitAnyway, javafx.scene.control.ButtonType.CANCEL);
        a.initOwner(window());
        a.setHeaderText("Quit Kmemviz?");
        a.showAndWait().ifPresent(b -> {
            if (b == quitAnyway) Platform.exit();
            else if (b == save && saveSession()) Platform.exit();
        });
    }

    public List<Action> actions() { return List.of(newMachine, openScript, saveSession, exportPng, quit); }

    private Window window() { return mapArea.getScene() == null ? null : mapArea.getScene().getWindow(); }

    private void newMachine() {
        List<MachineChoice> choices = Profiles.BUILT_IN.stream().map(MachineChoice::of).toList();
        MachineChoice current = choices.stream().filter(c -> c.name().equals(runner.kernel().profile().name())).findFirst()
                .orElse(choices.get(0));
        ChoiceDialog<MachineChoice> d = new ChoiceDialog<>(current, choices);
        d.initOwner(window());
        d.setTitle("New machine");
        d.setHeaderText("Boot a new machine (the history so far stays undoable)");
        d.setContentText("Profile:");
        d.showAndWait().ifPresent(c -> boot(c.name()));
    }

    /** A built-in profile as the New machine dialog lists it: its name and what machine it is. */
    record MachineChoice(String name, String description) {
        static MachineChoice of(String name) { return new MachineChoice(name, Profiles.builtIn(name).description()); }

        @Override public String toString() { return name + " — " + description; }
    }

    /** Boots a built-in profile: {@code machine NAME}; a machine of millions of frames boots in the background. */
    public void boot(String profile) {
        Machine m = new Machine(Profiles.builtIn(profile), "machine " + profile);
        if (m.profile().endPfn() < KernelJobs.LARGE_MACHINE_FRAMES) runner.execute(m);
        else jobs.run("machine " + profile, p -> { KernelJobs.runAll(runner.kernel(), List.of(m), p); return null; }, null);
    }

    private void openScript() {
        FileChooser fc = chooser("Open script", "Kmemviz scripts", "*.kmv", "*.txt");
        File f = fc.showOpenDialog(window());
        if (f == null) return;
        try {
            runScript(f.getName(), Files.readString(f.toPath()));
        } catch (IOException e) {
            error("Cannot read " + f, describe(e));
        }
    }

    /** Parses a script on the FX thread (errors are shown with line and column), then runs it in the background. */
    public void runScript(String name, String text) { runScript(name, text, null); }

    /** Runs a script in the background; {@code onDone} (may be null) runs on the FX thread once the views follow again. */
    public void runScript(String name, String text, Runnable onDone) {
        List<ScriptLine> lines;
        try {
            lines = new ScriptParser(name).parse(text);
        } catch (ScriptException e) {
            error("Script error in " + name, e.getMessage());
            return;
        }
        List<Command> commands = lines.stream().map(ScriptLine::command).toList();
        jobs.run("script " + name, p -> { KernelJobs.runAll(runner.kernel(), commands, p); return null; }, x -> {
            savedHistorySize = runner.kernel().history().size();       // the script file holds what it ran
            if (onDone != null) onDone.run();
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
            savedHistorySize = runner.kernel().history().size();
            jobs.tell("Saved the session (" + savedHistorySize + " commands) to " + f);
            return true;
        } catch (IOException e) {
            error("Cannot write " + f, describe(e));
            return false;
        }
    }

    private void exportPng() {
        FileChooser fc = chooser("Export map as PNG", "PNG pictures", "*.png");
        fc.setInitialFileName("kmemviz-map.png");
        File f = fc.showSaveDialog(window());
        if (f == null) return;
        try {
            writePng(mapArea.snapshot(null, null), f);
            jobs.tell("Exported the map to " + f);
        } catch (IOException e) {
            error("Cannot write " + f, describe(e));
        }
    }

    /**
     * An I/O failure in words: Java's own messages are "Input length = 1" for a file that is not UTF-8 text, or just
     * the path for a missing one.
     */
    public static String describe(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException)
            return "not a text file: a script is plain UTF-8 text, one command a line";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** PNG without javafx.swing: pixels to a BufferedImage, then ImageIO. */
    public static void writePng(WritableImage img, File f) throws IOException {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        int[] argb = new int[w * h];
        PixelReader r = img.getPixelReader();
        r.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        bi.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(bi, "png", f);
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
