package kmemviz.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import kmemviz.core.cmd.Expect;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kmemviz run SCRIPT [--print buddyinfo,zoneinfo,events,allocations]}: a script, headless. Without
 * {@code --print} it ends with one summary line: commands run, expects held, failures the kernel reported.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a script headless and print the named reports after it.%n"
                + "Without --print, a summary line: commands run, expects held, failures reported by the kernel.%n"
                + "Exit status: 0 when every expect holds, 1 when one fails, 2 on a script error.")
public final class RunCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SCRIPT", description = "the script file (the command language; see the README)")
    Path script;

    @Option(names = "--print", split = ",", paramLabel = "REPORT",
            description = "reports to print after the script: ${COMPLETION-CANDIDATES}")
    List<Report> reports = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        String text;
        try {
            text = Files.readString(script);
        } catch (NoSuchFileException e) {
            err.println(script + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println(script + ": cannot read: " + e.getMessage());
            return 2;
        }
        List<ScriptLine> lines;
        try {
            lines = new ScriptParser(script.toString()).parse(text);
        } catch (ScriptException e) {
            err.println(e.getMessage());
            return 2;
        }
        Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
        List<MmEvent> events = new ArrayList<>();
        int expects = 0, failed = 0, returnedNull = 0, refused = 0;
        for (ScriptLine line : lines) {
            Outcome o = kernel.execute(line.command());
            events.addAll(o.events());
            if (line.command() instanceof Expect) expects++;
            if (line.command().printsResult()) out.println(o.message());
            switch (o.status()) {
                case ERROR -> {
                    err.println(script + ":" + line.line() + ": " + o.message());
                    return 2;
                }
                case EXPECT_FAILED -> {
                    err.println(script + ":" + line.line() + ": " + o.message());
                    failed++;
                }
                case NULL_RESULT -> returnedNull++;
                case REFUSED -> refused++;
                case OK -> { }
            }
        }
        if (reports.isEmpty()) out.println(summary(lines.size(), expects - failed, expects, returnedNull, refused));
        for (Report r : reports) out.print(r.render(kernel, events));
        out.flush();
        return failed > 0 ? 1 : 0;
    }

    /**
     * The line printed when no report is asked for, such as {@code tour.kmv: 21 commands run, 2 of 2 expects held,
     * 1 failure reported by the kernel (1 allocation returned NULL, 0 calls refused)}.
     */
    private String summary(int commands, int held, int expects, int returnedNull, int refused) {
        int failures = returnedNull + refused;
        return script.getFileName() + ": " + commands + " command" + plural(commands) + " run, "
                + (expects == 0 ? "no expects" : held + " of " + expects + " expect" + plural(expects) + " held") + ", " + failures + " failure" + plural(failures) + " reported by the kernel"
                + (failures == 0 ? "" : " (" + returnedNull + " allocation" + plural(returnedNull) + " returned NULL, "
                        + refused + " call" + plural(refused) + " refused)");
    }

    private static String plural(int n) { return n == 1 ? "" : "s"; }
}
