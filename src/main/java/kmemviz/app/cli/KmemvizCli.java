package kmemviz.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point: with no verb it opens the window; each verb is its own class and needs no display. */
@Command(name = "kmemviz", mixinStandardHelpOptions = true, version = "kmemviz 0.1.0",
        description = "How the Linux kernel hands out physical and virtual memory.",
        subcommands = {RunCommand.class, GfpCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class KmemvizCli implements Callable<Integer> {

    @Override
    public Integer call() {
        javafx.application.Application.launch(kmemviz.app.KmemvizApp.class);
        return 0;
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new KmemvizCli()).execute(args));
    }
}
