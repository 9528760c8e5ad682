package kmemviz.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** {@code kmemviz run FILE OPTIONS...} on a script written into a test's folder, keeping what the last run printed. */
final class ScriptRun {
    private final Path dir;
    private StringWriter out = new StringWriter(), err = new StringWriter();

    ScriptRun(Path dir) { this.dir = dir; }

    /** Writes {@code script} to demo.kmv and runs it; returns the exit code. */
    int run(String script, String... options) throws Exception {
        out = new StringWriter();
        err = new StringWriter();
        Path file = dir.resolve("demo.kmv");
        Files.writeString(file, script);
        CommandLine cl = new CommandLine(new RunCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] args = new String[options.length + 1];
        args[0] = file.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        return cl.execute(args);
    }

    String out() { return out.toString(); }

    String err() { return err.toString(); }
}
