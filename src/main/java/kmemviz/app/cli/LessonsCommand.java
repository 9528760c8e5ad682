package kmemviz.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import kmemviz.core.lesson.Lesson;
import kmemviz.core.lesson.LessonCatalogue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code kmemviz lessons}: the built-in course, one line a lesson, {@code ID  TITLE  -  SUMMARY}, in course order. */
@Command(name = "lessons", mixinStandardHelpOptions = true,
        description = "List the built-in lessons: id, title and summary. 'kmemviz run ID' runs one headless.")
public final class LessonsCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Lesson> lessons = LessonCatalogue.builtIn().lessons();
        int idWidth = lessons.stream().mapToInt(l -> l.id().length()).max().orElse(0);
        for (Lesson l : lessons) out.println(String.format("%-" + idWidth + "s  %s  -  %s", l.id(), l.title(), l.summary()));
        out.flush();
        return 0;
    }
}
