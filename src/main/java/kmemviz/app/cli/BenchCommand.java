package kmemviz.app.cli;

import picocli.CommandLine.Command;

/** {@code kmemviz bench core|...}: workloads that print their figures as {@code NAME VALUE UNIT} lines. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchCoreCommand.class, BenchSlabCommand.class, BenchTlbCommand.class, BenchRenderCommand.class, BenchHistoryCommand.class, BenchStartupCommand.class, BenchFxCommand.class, BenchPlayerCommand.class, BenchReplayCommand.class},
        description = "Run a benchmark and print one NAME VALUE UNIT line per figure.")
public final class BenchCommand implements Runnable {
    @Override public void run() {
        System.out.println("usage: kmemviz bench core|slab|tlb|render|history|startup|fx|player|replay (see kmemviz bench --help)");
    }
}
