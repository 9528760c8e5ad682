package kmemviz.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import kmemviz.app.FigureExport;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.ui.export.ExportFiles;
import kmemviz.ui.export.ExportFormat;
import kmemviz.ui.export.ExportRegion;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.ExportTheme;
import kmemviz.ui.export.ExportView;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kmemviz export SCRIPT --out DIR [--view ...] [--format png,svg,gif] [--scale 2] [--theme print] [--at STEP]
 * [--region zoom|all|VAR]}: runs a script in the window, drawn headless through Monocle (no display), to a step,
 * and writes one file per view and format with a name that says what it shows ({@code tour-step17-physical@2x.png}).
 * Every option is checked before the script runs: an unknown view, format or theme, a scale outside 1..4, an
 * unwritable folder or a step past the end exits with status 2 and one line, and writes nothing.
 */
@CommandLine.Command(name = "export", mixinStandardHelpOptions = true,
        description = "Run a script headless and write figures of its views: PNG at 1x-4x, SVG, animated GIF of steps.%n"
                + "Exit status: 0 when every file is written, 2 on a bad option or script error (nothing written).")
public final class ExportCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SCRIPT", description = "the script file (the command language; see the README)")
    Path script;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder the files go to (created if missing)")
    Path out;

    @Option(names = "--view", split = ",", paramLabel = "VIEW", converter = ViewConverter.class,
            description = "physical, buddy, slab, mappings, walk, tlb, pcp, frag, window (default physical); window is the"
                    + " whole window: png redrawn at the scale, svg of its controls and each view's drawing in place")
    List<ExportView> views = new ArrayList<>(List.of(ExportView.PHYSICAL));

    @Option(names = "--format", split = ",", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "png, svg, gif (default png)")
    List<ExportFormat> formats = new ArrayList<>(List.of(ExportFormat.PNG));

    @Option(names = "--scale", defaultValue = "1", description = "pixels per view pixel for png and gif, 1 to 4 (default ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--theme", defaultValue = "light", converter = ThemeConverter.class, description = "light, dark or print (default ${DEFAULT-VALUE})")
    ExportTheme theme;

    @Option(names = "--at", paramLabel = "STEP", defaultValue = "-1",
            description = "the number of script commands run before the picture (default: all); a gif ends here")
    int at;

    @Option(names = "--from", paramLabel = "STEP", defaultValue = "0", description = "the first step of a gif (default ${DEFAULT-VALUE})")
    int from;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "800", description = "milliseconds per gif frame (default ${DEFAULT-VALUE})")
    int delayMs;

    @Option(names = "--region", defaultValue = "all", converter = RegionConverter.class,
            description = "all (the whole machine), zoom (as the window opens) or a script variable (an allocation with a margin)")
    ExportRegion region;

    @Option(names = "--size", defaultValue = "1600x1000", paramLabel = "WxH", description = "the window's size (default ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--no-title", negatable = true, defaultValue = "true", description = "a title above the view (default on)")
    boolean title;

    @Option(names = "--no-legend", negatable = true, defaultValue = "true", description = "a legend of the colours shown (default on)")
    boolean legend;

    @Option(names = "--outlines", description = "keep the selection outline (off by default)")
    boolean outlines;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr(), stdout = spec.commandLine().getOut();
        List<ScriptLine> lines;
        try {
            lines = new ScriptParser(script.toString()).parse(Files.readString(script));
        } catch (NoSuchFileException e) {
            return fail(err, script + ": no such file");
        } catch (IOException e) {
            return fail(err, script + ": cannot read: " + e.getMessage());
        } catch (ScriptException e) {
            return fail(err, e.getMessage());
        }
        String problem = check(lines.size());
        if (problem != null) return fail(err, problem);
        int[] wh = parseSize(size);
        if (wh == null) return fail(err, "--size " + size + ": expected WIDTHxHEIGHT, such as 1600x1000, each 400 to 4000");
        List<Command> commands = lines.stream().map(ScriptLine::command).toList();
        int end = at < 0 ? commands.size() : at;
        String base = ExportFiles.baseName(script);
        ExportSettings settings = new ExportSettings(theme, title, legend, region, outlines);
        FigureExport.Result written;
        try {
            written = FigureExport.headless(wh[0], wh[1], commands, new FigureExport.Request(base, at, end, from, settings, scale,
                    delayMs, List.copyOf(new LinkedHashSet<>(views)), List.copyOf(new LinkedHashSet<>(formats)), out));
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(err, "cannot write to " + out + ": " + e.getCause().getMessage());
        }
        for (Path p : written.files()) stdout.println(p);
        int n = written.files().size();
        stdout.printf("exported %d file%s in %d ms (CPU %d ms), after %d ms to open the window and run the script%n",
                n, n == 1 ? "" : "s", written.exportMs(), written.exportCpuMs(), written.scriptMs());
        stdout.flush();
        return 0;
    }

    /** Everything that can be checked before the script runs; null when all is well. */
    private String check(int nrSteps) {
        if (scale < 1 || scale > ExportSettings.MAX_SCALE) return "--scale " + scale + ": outside 1.." + ExportSettings.MAX_SCALE;
        for (ExportView v : views) if (!v.available()) return "--view " + v.cliName() + ": " + v.unavailableReason();
        if (at > nrSteps) return "--at " + at + ": " + script.getFileName() + " has " + nrSteps + " step" + (nrSteps == 1 ? "" : "s");
        if (at < -1) return "--at " + at + ": a step is 0 or more";
        int last = at < 0 ? nrSteps : at;
        if (formats.contains(ExportFormat.GIF) && (from < 0 || from > last))
            return "--from " + from + ": the gif's first step must be 0.." + last;
        if (delayMs < 10 || delayMs > 60_000) return "--delay " + delayMs + ": outside 10..60000 ms";
        try {
            Files.createDirectories(out);
        } catch (IOException | SecurityException e) {
            return "--out " + out + ": cannot create the folder (" + e.getMessage() + ")";
        }
        if (!Files.isDirectory(out) || !Files.isWritable(out)) return "--out " + out + ": not a writable folder";
        return null;
    }

    static int[] parseSize(String s) {
        String[] p = s.split("x");
        try {
            int w = Integer.parseInt(p[0]), h = Integer.parseInt(p[1]);
            return p.length == 2 && w >= 400 && h >= 400 && w <= 4000 && h <= 4000 ? new int[] {w, h} : null;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return 2;
    }

    static final class ViewConverter implements CommandLine.ITypeConverter<ExportView> {
        @Override public ExportView convert(String s) { return convertOrFail(() -> ExportView.parse(s)); }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<ExportFormat> {
        @Override public ExportFormat convert(String s) { return convertOrFail(() -> ExportFormat.parse(s)); }
    }

    static final class ThemeConverter implements CommandLine.ITypeConverter<ExportTheme> {
        @Override public ExportTheme convert(String s) { return convertOrFail(() -> ExportTheme.parse(s)); }
    }

    static final class RegionConverter implements CommandLine.ITypeConverter<ExportRegion> {
        @Override public ExportRegion convert(String s) { return convertOrFail(() -> ExportRegion.parse(s)); }
    }

    /** The parsers' message, which names the bad value and lists the valid ones, becomes picocli's (exit 2). */
    private static <T> T convertOrFail(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
