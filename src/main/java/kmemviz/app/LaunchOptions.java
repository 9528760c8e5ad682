package kmemviz.app;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * The window's options. The command line reads them (a mixin of {@code KmemvizCli}), so that a bad value exits
 * with status 2 before JavaFX starts; {@link KmemvizApp} reads the same arguments again with {@link #parse}.
 * Closed choices are enums, written in lower case as they are typed: picocli matches and lists the constants' names.
 */
public final class LaunchOptions {
    public enum Theme { light, dark }

    /** The view tab shown at start; a tab is found by the start of its title, or by its id ({@code pcp-tab}). */
    public enum Tab { physical, pcp, slab, mappings, tlb, fragmentation }

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "classroom", converter = ProfileConverter.class,
            completionCandidates = ProfileNames.class,
            description = "Machine to boot in the window (default: ${DEFAULT-VALUE}); the profiles are listed below.")
    Profile profile;

    @Option(names = "--theme", paramLabel = "THEME", defaultValue = "light", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Theme theme;

    @Option(names = "--presentation", description = "Start in presentation mode (larger text, high contrast).")
    boolean presentation;

    @Option(names = "--script", paramLabel = "FILE", description = "A script to run when the window opens.")
    Path script;

    /** How a file manager opens a .kmv file: the installers' file association runs {@code kmemviz FILE}. */
    @Parameters(arity = "0..1", paramLabel = "SCRIPT", converter = ExistingFile.class,
            description = "A script to run when the window opens, as --script does (how a file manager opens a .kmv file).")
    Path opened;

    @Option(names = "--replay", paramLabel = "FILE", converter = ExistingFile.class,
            description = "An ftrace kmem trace to open in the lesson player, as File > Replay trace… does (with --step=N: at step N).")
    Path replay;

    @Option(names = "--tab", paramLabel = "TAB", description = "The view tab shown at start: ${COMPLETION-CANDIDATES}.")
    Tab tab;

    @Option(names = "--select", paramLabel = "VAR",
            description = "Select the allocation a script variable holds once the script has run (for screenshots).")
    String select;

    @Option(names = "--explain", paramLabel = "VAR",
            description = "Once the script has run, show the story of the allocation VAR holds (or last-failure) large over the views (for screenshots).")
    String explain;

    @Option(names = "--compare", description = "Show the TLB tab and run Compare kmalloc vs vmalloc at start.")
    boolean compare;

    @Option(names = "--lesson", paramLabel = "ID", converter = LessonConverter.class,
            description = "Open a built-in lesson in the player at start (kmemviz lessons lists the ids).")
    kmemviz.core.lesson.Lesson lesson;

    @Option(names = "--step", paramLabel = "N", description = "With --lesson or --replay: go to step N at start (for screenshots).")
    Integer step;

    @Option(names = "--fill-screen", description = "Take the whole screen instead of the remembered size.")
    boolean fillScreen;

    /** The options in {@code args}; the command line has checked them already, so an error here is a bug. */
    public static LaunchOptions parse(List<String> args) {
        LaunchOptions options = new LaunchOptions();
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        return options;
    }

    /** The script to run when the window opens: {@code --script}, else the file given as an argument, else null. */
    Path script() {
        return script != null ? script : opened;
    }

    /** One line per built-in profile, name and description, for the help text. */
    public static String profileList() {
        StringBuilder sb = new StringBuilder();
        for (String name : Profiles.BUILT_IN) {
            sb.append(String.format("  %-12s %s%n", name, Profiles.builtIn(name).description()));
        }
        return sb.toString();
    }

    static final class ProfileConverter implements ITypeConverter<Profile> {
        @Override public Profile convert(String name) {
            Profile p = Profiles.builtIn(name);
            if (p == null) throw new TypeConversionException("expected one of " + Profiles.BUILT_IN + " but was '" + name + "'");
            return p;
        }
    }

    /** A bare argument that names no file is most likely a mistyped verb: say so before any window opens. */
    static final class ExistingFile implements ITypeConverter<Path> {
        @Override public Path convert(String name) {
            Path p = Path.of(name);
            if (!java.nio.file.Files.isRegularFile(p)) throw new TypeConversionException("no such script file or verb: '" + name + "'");
            return p;
        }
    }

    static final class LessonConverter implements ITypeConverter<kmemviz.core.lesson.Lesson> {
        @Override public kmemviz.core.lesson.Lesson convert(String id) {
            var catalogue = kmemviz.core.lesson.LessonCatalogue.builtIn();
            return catalogue.byId(id).orElseThrow(() -> new TypeConversionException("no built-in lesson '" + id
                    + "'; the lessons are " + catalogue.lessons().stream().map(kmemviz.core.lesson.Lesson::id).toList()));
        }
    }

    static final class ProfileNames implements Iterable<String> {
        @Override public Iterator<String> iterator() { return Profiles.BUILT_IN.iterator(); }
    }
}
