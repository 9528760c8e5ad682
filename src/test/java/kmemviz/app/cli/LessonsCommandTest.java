package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import kmemviz.core.lesson.Lesson;
import kmemviz.core.lesson.LessonCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kmemviz lessons} and {@code kmemviz run ID}, and how run answers and counts quizzes. */
class LessonsCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int execute(String... args) {
        CommandLine cl = KmemvizCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void lessonsPrintsIdTitleAndSummaryOfEachLessonInCourseOrder() {
        assertThat(execute("lessons")).isZero();
        String[] lines = out.toString().split(System.lineSeparator());
        var lessons = LessonCatalogue.builtIn().lessons();
        assertThat(lines).hasSize(lessons.size());
        for (int i = 0; i < lines.length; i++) {
            Lesson l = lessons.get(i);
            assertThat(lines[i]).matches(l.id() + " *  " + java.util.regex.Pattern.quote(l.title() + "  -  " + l.summary()));
        }
    }

    @Test
    void runTakesTheIdOfABuiltInLessonAndCountsItsQuizzes() {
        assertThat(execute("run", "buddy-allocator")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("02-buddy-allocator.kmv: ").contains(" expects held, 2 quizzes answered, ");
    }

    @Test
    void anUnknownIdSaysWhereTheLessonsAreListed() {
        assertThat(execute("run", "buddy")).isEqualTo(2);
        assertThat(err.toString()).contains("buddy: no such file, nor a built-in lesson (kmemviz lessons lists them)");
    }

    @Test
    void aQuizIsAnsweredByRunningTheStepAfterIt() throws Exception {
        Path file = dir.resolve("quiz.kmv");
        Files.writeString(file, "machine classroom\nquiz \"Which zone?\" DMA|Normal\nnote \"not yet\"\n"
                + "p = alloc_pages(GFP_KERNEL, 0)\nquiz \"OK?\" yes|no\nq = alloc_pages(GFP_KERNEL, 11)\n");
        assertThat(execute("run", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo("quiz.kmv: 6 commands run, no expects, 2 quizzes answered, 1 failure reported by "
                + "the kernel (1 allocation returned NULL, 0 calls refused); the kernel printed 1 WARNING"   // order 11 > MAX_PAGE_ORDER
                + System.lineSeparator());
    }

    @Test
    void aQuizThatItsStepCannotAnswerIsAScriptErrorAtTheQuizLine() throws Exception {
        Path file = dir.resolve("quiz.kmv");
        Files.writeString(file, "machine classroom\nquiz \"Which cache?\" kmalloc-8|kmalloc-16\np = kmalloc(100, GFP_KERNEL)\n");
        assertThat(execute("run", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":2: the answer, kmalloc-128 (from p = kmalloc(100, GFP_KERNEL)), "
                + "is not one of the quiz's choices kmalloc-8|kmalloc-16");
    }
}
