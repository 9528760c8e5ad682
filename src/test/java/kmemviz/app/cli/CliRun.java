package kmemviz.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** {@code kmemviz ARGS...} as the launcher parses and runs it, keeping what the last run printed. */
final class CliRun {
    private StringWriter out = new StringWriter(), err = new StringWriter();

    /** Runs the command line; returns its exit code. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = KmemvizCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    String out() { return out.toString(); }

    String err() { return err.toString(); }
}
