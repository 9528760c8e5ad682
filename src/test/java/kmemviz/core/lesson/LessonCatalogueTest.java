package kmemviz.core.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import kmemviz.core.cmd.ScriptParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCatalogueTest {
    @Test
    void aLessonTakesItsNumberAndIdFromTheFileNameAndItsTitleAndSummaryFromTheHeaders() {
        Lesson l = Lesson.of("07-gfp-kernel-vs-atomic.kmv", "# title: GFP_KERNEL versus GFP_ATOMIC\n"
                + "#   summary:   Sleeping, reclaim and reserves.  \n# title-like: not a header\nmachine classroom\n# title: too late\n");
        assertThat(l.number()).isEqualTo(7);
        assertThat(l.id()).isEqualTo("gfp-kernel-vs-atomic");
        assertThat(l.title()).isEqualTo("GFP_KERNEL versus GFP_ATOMIC");
        assertThat(l.summary()).isEqualTo("Sleeping, reclaim and reserves.");
    }

    @Test
    void aBadFileNameOrAMissingHeaderNamesTheFile() {
        assertThatThrownBy(() -> Lesson.of("buddy.kmv", "# title: t\n# summary: s\n"))
                .hasMessage("buddy.kmv: a lesson file is named NN-ID.kmv, such as 02-buddy-allocator.kmv");
        assertThatThrownBy(() -> Lesson.of("01-Stack.kmv", "# title: t\n# summary: s\n")).hasMessageStartingWith("01-Stack.kmv:");
        assertThatThrownBy(() -> Lesson.of("01-stack.kmv", "# summary: s\nmachine classroom\n# title: t\n"))
                .hasMessage("01-stack.kmv: no '# title: ...' line before the first statement");
        assertThatThrownBy(() -> Lesson.of("01-stack.kmv", "# title: t\n"))
                .hasMessage("01-stack.kmv: no '# summary: ...' line before the first statement");
    }

    @Test
    void twoLessonsWithOneIdOrOneNumberAreRefused() {
        Lesson a = Lesson.of("01-stack.kmv", "# title: t\n# summary: s\n");
        assertThatThrownBy(() -> new LessonCatalogue(List.of(a, Lesson.of("02-stack.kmv", "# title: t\n# summary: s\n"))))
                .hasMessage("02-stack.kmv: another lesson has the id stack");
        assertThatThrownBy(() -> new LessonCatalogue(List.of(a, Lesson.of("01-heap.kmv", "# title: t\n# summary: s\n"))))
                .hasMessageContaining("another lesson has the number 1");
    }

    @Test
    void insideAJarTheLessonsAreReadThroughTheJarsFileSystem(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[]{"lessons/02-heap.kmv", "lessons/01-stack.kmv", "lessons/notes.txt"}) {
                out.putNextEntry(new JarEntry(name));
                out.write(("# title: " + name + "\n# summary: s\nmachine classroom\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        LessonCatalogue c = LessonCatalogue.at(new URL("jar:" + jar.toUri() + "!/lessons"));
        assertThat(c.lessons()).extracting(Lesson::id).containsExactly("stack", "heap");
        assertThat(c.byId("heap").orElseThrow().title()).isEqualTo("lessons/02-heap.kmv");
    }

    @Test
    void theBuiltInCourseIsTheLessonsOfTheIssuesInOrder() {
        assertThat(LessonCatalogue.builtIn().lessons()).extracting(Lesson::id).containsExactly("kernel-stack",
                "buddy-allocator", "kmalloc-caches", "kzalloc-kcalloc", "freeing-wrongly", "gfp-flags",
                "kernel-vs-atomic", "sleeping-in-atomic", "zone-modifiers", "kmalloc-or-vmalloc", "fragmentation",
                "tlb", "high-memory", "per-cpu-lists", "migrate-types", "compaction");
    }

    @Test
    void theBuiltInCourseIsInOrderAndEveryLessonParses() {
        List<Lesson> lessons = LessonCatalogue.builtIn().lessons();
        assertThat(lessons).isNotEmpty();
        assertThat(lessons).extracting(Lesson::number).isSorted();
        for (Lesson l : lessons) {
            assertThat(new ScriptParser(l.file()).parse(l.text())).as(l.file()).isNotEmpty();
            assertThat(LessonCatalogue.builtIn().byId(l.id())).contains(l);
        }
        assertThat(LessonCatalogue.builtIn().byId("no-such-lesson")).isEmpty();
    }

    /** The course's contract: each lesson narrates, asks at least one quiz and pins its outcome with expect lines. */
    @Test
    void everyLessonHasNarrationAQuizAndExpects() {
        for (Lesson l : LessonCatalogue.builtIn().lessons()) {
            List<kmemviz.core.cmd.Command> commands = new ScriptParser(l.file()).parse(l.text()).stream()
                    .map(kmemviz.core.cmd.ScriptLine::command).toList();
            assertThat(commands).as(l.file() + ": a note").anyMatch(kmemviz.core.cmd.Note.class::isInstance);
            assertThat(commands).as(l.file() + ": a quiz").anyMatch(kmemviz.core.cmd.Quiz.class::isInstance);
            assertThat(commands).as(l.file() + ": an expect").anyMatch(kmemviz.core.cmd.Expect.class::isInstance);
        }
    }
}
