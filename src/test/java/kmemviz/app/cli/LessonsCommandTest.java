package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import kmemviz.core.lesson.Lesson;
import kmemviz.core.lesson.LessonCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kmemviz lessons} and {@code kmemviz run ID}, and how run answers and counts quizzes. */
class LessonsCommandTest {
    @TempDir Path dir;
    private final CliRun cli = new CliRun();

    @Test
    void lessonsPrintsIdTitleAndSummaryOfEachLessonInCourseOrder() {
        assertThat(cli.run("lessons")).isZero();
        String[] lines = cli.out().split(System.lineSeparator());
        var lessons = LessonCatalogue.builtIn().lessons();
        assertThat(lines).hasSize(lessons.size());
        for (int i = 0; i < lines.length; i++) {
            Lesson l = lessons.get(i);
            assertThat(lines[i]).matches(l.id() + " *  " + java.util.regex.Pattern.quote(l.title() + "  -  " + l.summary()));
        }
    }

    @Test
    void runTakesTheIdOfABuiltInLessonAndCountsItsQuizzes() {
        assertThat(cli.run("run", "buddy-allocator")).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("02-buddy-allocator.kmv: ").contains(" expects held, 2 quizzes answered, ");
    }

    @Test
    void anUnknownIdSaysWhereTheLessonsAreListed() {
        assertThat(cli.run("run", "buddy")).isEqualTo(2);
        assertThat(cli.err()).contains("buddy: no such file, nor a built-in lesson (kmemviz lessons lists them)");
    }

    @Test
    void aQuizIsAnsweredByRunningTheStepAfterIt() throws Exception {
        Path file = dir.resolve("quiz.kmv");
        Files.writeString(file, "machine classroom\nquiz \"Which zone?\" DMA|Normal\nnote \"not yet\"\n"
                + "p = alloc_pages(GFP_KERNEL, 0)\nquiz \"OK?\" yes|no\nq = alloc_pages(GFP_KERNEL, 11)\n");
        assertThat(cli.run("run", file.toString())).isZero();
        assertThat(cli.out()).isEqualTo("quiz.kmv: 6 commands run, no expects, 2 quizzes answered, 1 failure reported by "
                + "the kernel (1 allocation returned NULL, 0 calls refused); the kernel printed 1 WARNING"   // order 11 > MAX_PAGE_ORDER
                + System.lineSeparator());
    }

    @Test
    void aQuizThatItsStepCannotAnswerIsAScriptErrorAtTheQuizLine() throws Exception {
        Path file = dir.resolve("quiz.kmv");
        Files.writeString(file, "machine classroom\nquiz \"Which cache?\" kmalloc-8|kmalloc-16\np = kmalloc(100, GFP_KERNEL)\n");
        assertThat(cli.run("run", file.toString())).isEqualTo(2);
        assertThat(cli.err()).contains(file + ":2:1: the answer, kmalloc-128 (from p = kmalloc(100, GFP_KERNEL)), "
                + "is not one of the quiz's choices kmalloc-8|kmalloc-16");
    }
}
