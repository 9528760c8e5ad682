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
import kmemviz.core.cmd.Quiz;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.lesson.Lesson;
import kmemviz.core.lesson.LessonCatalogue;
import kmemviz.core.lesson.QuizAnswer;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.StoryText;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kmemviz run SCRIPT|LESSON [--print buddyinfo,zoneinfo,vmstat,events,allocations] [--explain VAR|last-failure]}: a script or a built-in lesson,
 * headless. A quiz is answered by running the step after it. Without {@code --print} it ends with one summary line:
 * commands run, expects held, quizzes answered, failures the kernel reported.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a script or a built-in lesson headless and print the named reports after it.%n"
                + "Each quiz is answered by running the step after it.%n"
                + "Without --print, a summary line: commands run, expects held, quizzes answered, failures reported by the kernel and the reports it printed.%n"
                + "Exit status: 0 when every expect holds, 1 when one fails, 2 on a script error.")
public final class RunCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SCRIPT", description = "the script file (the command language; see the README), "
            + "or the id of a built-in lesson (see 'kmemviz lessons')")
    String script;

    @Option(names = "--print", split = ",", paramLabel = "REPORT",
            description = "reports to print after the script: ${COMPLETION-CANDIDATES}")
    List<Report> reports = new ArrayList<>();

    @Option(names = "--explain", paramLabel = "VAR",
            description = "after the script, tell step by step how the page allocator served the allocation VAR holds "
                    + "(for a slab object, its slab's pages), or the last one that failed with 'last-failure'")
    String explain;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Path file = Path.of(script);
        String name, text;
        try {
            if (Files.exists(file) || script.contains("/") || script.endsWith(".kmv")) {
                name = file.toString();
                text = Files.readString(file);
            } else {
                Lesson lesson = LessonCatalogue.builtIn().byId(script).orElse(null);
                if (lesson == null) {
                    err.println(script + ": no such file, nor a built-in lesson (kmemviz lessons lists them)");
                    return 2;
                }
                name = lesson.file();
                text = lesson.text();
            }
        } catch (NoSuchFileException e) {
            err.println(script + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println(script + ": cannot read: " + e.getMessage());
            return 2;
        }
        List<ScriptLine> lines;
        try {
            lines = new ScriptParser(name).parse(text);
        } catch (ScriptException e) {
            err.println(e.getMessage());
            return 2;
        }
        Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
        AllocStories stories = explain == null ? null : kernel.explainAllocations();
        List<MmEvent> events = new ArrayList<>();
        List<ScriptLine> unanswered = new ArrayList<>();
        int expects = 0, failed = 0, quizzes = 0, returnedNull = 0, refused = 0;
        java.util.EnumMap<KernelReport.Kind, Integer> printed = new java.util.EnumMap<>(KernelReport.Kind.class);
        for (ScriptLine line : lines) {
            Outcome o = kernel.execute(line.command());
            events.addAll(o.events());
            for (MmEvent e : o.events())
                if (e.kind() == EventKind.REPORT && e.report().kind() != KernelReport.Kind.NOTE) printed.merge(e.report().kind(), 1, Integer::sum);
            if (line.command() instanceof Expect) expects++;
            if (line.command() instanceof Quiz) unanswered.add(line);
            if (line.command().printsResult()) out.println(o.message());
            // What an import could not use, on stderr, so that --print's output stays the file it imitates.
            if (line.command() instanceof kmemviz.core.cmd.Machine m) for (String note : m.notes()) err.println(line.where(name) + ": " + note);
            if (line.command().changesState()) {
                for (ScriptLine quiz : unanswered) {
                    try {
                        QuizAnswer.answer((Quiz) quiz.command(), o, kernel.profile());
                        quizzes++;
                    } catch (IllegalArgumentException e) {
                        err.println(quiz.where(name) + ": " + e.getMessage());
                        return 2;
                    }
                }
                unanswered.clear();
            }
            switch (o.status()) {
                case ERROR -> {
                    err.println(line.where(name) + ": " + o.message());
                    return 2;
                }
                case EXPECT_FAILED -> {
                    err.println(line.where(name) + ": " + o.message());
                    failed++;
                }
                case NULL_RESULT -> returnedNull++;
                case REFUSED -> refused++;
                case OK -> { }
            }
        }
        if (reports.isEmpty() && explain == null) out.println(summary(Path.of(name).getFileName(), lines.size(), expects - failed, expects,
                quizzes, returnedNull, refused) + printedReports(printed));
        for (Report r : reports) out.print(r.render(kernel, events));
        if (explain != null) {
            try {
                out.print(StoryText.render(ExplainTarget.story(kernel, stories, explain, name)));
            } catch (IllegalArgumentException e) {
                out.flush();
                err.println(e.getMessage());
                return 2;
            }
        }
        out.flush();
        return failed > 0 ? 1 : 0;
    }

    /**
     * The line printed when no report is asked for, such as {@code tour.kmv: 21 commands run, 2 of 2 expects held,
     * 1 failure reported by the kernel (1 allocation returned NULL, 0 calls refused)}; a script with quizzes adds
     * {@code 3 quizzes answered} after the expects.
     */
    /**
     * What the kernel printed besides its return values, e.g. {@code ; the kernel printed 2 BUG reports, 1 WARNING}: a
     * lesson's sleeping-function BUG succeeds as a call, so the failure count alone would say nothing of it.
     */
    private static String printedReports(java.util.Map<KernelReport.Kind, Integer> printed) {
        if (printed.isEmpty()) return "";
        List<String> parts = new ArrayList<>();
        printed.forEach((kind, n) -> parts.add(n + " " + switch (kind) {
            case ALLOC_FAILURE -> "page allocation failure" + plural(n);
            case WARNING -> "WARNING" + plural(n);
            case BUG -> "BUG report" + plural(n);
            case OOM_KILL -> "OOM kill" + plural(n);
            case NOTE -> throw new IllegalStateException("notes are not counted");
        }));
        return "; the kernel printed " + String.join(", ", parts);
    }

    private static String summary(Path file, int commands, int held, int expects, int quizzes, int returnedNull, int refused) {
        int failures = returnedNull + refused;
        return file + ": " + commands + " command" + plural(commands) + " run, "
                + (expects == 0 ? "no expects" : held + " of " + expects + " expect" + plural(expects) + " held") + ", "
                + (quizzes == 0 ? "" : quizzes + " quiz" + (quizzes == 1 ? "" : "zes") + " answered, ")
                + failures + " failure" + plural(failures) + " reported by the kernel"
                + (failures == 0 ? "" : " (" + returnedNull + " allocation" + plural(returnedNull) + " returned NULL, "
                        + refused + " call" + plural(refused) + " refused)");
    }

    private static String plural(int n) { return n == 1 ? "" : "s"; }
}
