package kmemviz.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point: with no verb it opens the window; each verb is its own class and needs no display. */
@Command(name = "kmemviz", mixinStandardHelpOptions = true, version = "kmemviz 0.1.0",
        description = "How the Linux kernel hands out physical and virtual memory.",
        subcommands = {RunCommand.class, GfpCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class KmemvizCli implements Callable<Integer> {
    @CommandLine.Option(names = "--profile", description = "Machine to boot in the window (default: classroom).")
    String profile = "classroom";

    @CommandLine.Option(names = "--theme", description = "light or dark.")
    String theme = "light";

    @CommandLine.Option(names = "--presentation", description = "Start in presentation mode (larger text, high contrast).")
    boolean presentation;

    @CommandLine.Option(names = "--script", description = "A script to run when the window opens.")
    String script;

    @CommandLine.Option(names = "--tab", description = "The view tab shown at start: physical, slab, mappings or tlb.")
    String tab;

    @CommandLine.Option(names = "--select", paramLabel = "VAR",
            description = "Select the allocation a script variable holds once the script has run (for screenshots).")
    String select;

    @CommandLine.Option(names = "--compare", description = "Show the TLB tab and run Compare kmalloc vs vmalloc at start.")
    boolean compare;

    @CommandLine.Option(names = "--fill-screen", description = "Take the whole screen instead of the remembered size.")
    boolean fillScreen;

    @Override
    public Integer call() {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--profile=" + profile, "--theme=" + theme));
        if (presentation) args.add("--presentation");
        if (fillScreen) args.add("--fill-screen");
        if (script != null) args.add("--script=" + script);
        if (tab != null) args.add("--tab=" + tab);
        if (select != null) args.add("--select=" + select);
        if (compare) args.add("--compare");
        javafx.application.Application.launch(kmemviz.app.KmemvizApp.class, args.toArray(String[]::new));
        return 0;
    }

    public static void main(String... args) {
        kmemviz.app.StartupTrace.mark("main");
        System.exit(new CommandLine(new KmemvizCli()).execute(args));
    }
}
