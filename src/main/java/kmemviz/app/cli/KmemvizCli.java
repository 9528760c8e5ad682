package kmemviz.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import kmemviz.app.LaunchOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The entry point: with no verb it opens the window; each verb is its own class and needs no display. */
@Command(name = "kmemviz", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "How the Linux kernel hands out physical and virtual memory.",
        footerHeading = "%nProfiles:%n", usageHelpWidth = 100)   // wide enough for a profile's line
public final class KmemvizCli implements Callable<Integer> {
    /** The verbs, in the order the help lists them. */
    private static final List<Class<?>> VERBS = List.of(RunCommand.class, LessonsCommand.class, ExportCommand.class,
            GfpCommand.class, ExplainLogCommand.class, BenchCommand.class, CommandLine.HelpCommand.class);

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin LaunchOptions launch;

    /** Picocli has checked the options; the window reads the same arguments again. */
    @Override
    public Integer call() {
        kmemviz.app.StartupWarmup.start(launch);       // the model boots beside the toolkit's start, on the second core
        javafx.application.Application.launch(kmemviz.app.KmemvizApp.class,
                spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        return 0;
    }

    /**
     * The command line as {@link #main} runs it: the profiles in the help's footer, and bad input reported in one
     * line (picocli's message, which names the option and lists the valid values) with exit status 2, without the
     * usage text that would bury it.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new KmemvizCli());
        for (Class<?> verb : VERBS) cli.addSubcommand(verb);
        cli.getCommandSpec().usageMessage().footer(LaunchOptions.profileList());
        return reportingBadInputInOneLine(cli);
    }

    /**
     * The command line for {@code args}: without the verbs when the arguments can only open the window. Picocli reads
     * the annotations of every verb and its options when it is given them, about 200 ms of CPU before the window can
     * start; a verb, a file, a separate option value or a help request takes the whole command line.
     */
    static CommandLine commandLineFor(String... args) {
        return opensWindow(args) ? reportingBadInputInOneLine(new CommandLine(new KmemvizCli())) : commandLine();
    }

    /** Whether {@code args} can only open the window: each is an option, {@code --name} or {@code --name=value}, but help and version. */
    static boolean opensWindow(String... args) {
        for (String a : args) {
            if (!a.startsWith("--") || a.equals("--") || a.equals("--help") || a.equals("--version")) return false;
        }
        return true;
    }

    private static CommandLine reportingBadInputInOneLine(CommandLine cli) {
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli;
    }

    public static void main(String... args) {
        kmemviz.app.StartupTrace.mark("main");
        if (opensWindow(args)) kmemviz.app.StartupWarmup.preload();    // beside picocli's reading of the options
        kmemviz.app.ClassPathWarning.drop();                              // export and bench start the toolkit too
        System.exit(commandLineFor(args).execute(args));
    }
}
