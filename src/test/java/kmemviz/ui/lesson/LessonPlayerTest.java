package kmemviz.ui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.kernel.Progress;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LessonPlayerTest {
    /** The example scripts and every lesson of the built-in course, as (name, text). */
    static Stream<org.junit.jupiter.params.provider.Arguments> scripts() throws IOException {
        Stream<org.junit.jupiter.params.provider.Arguments> files = Files.list(Path.of("assets/scripts"))
                .filter(p -> p.toString().endsWith(".kmv")).sorted()
                .map(p -> org.junit.jupiter.params.provider.Arguments.of(p.getFileName().toString(), read(p)));
        return Stream.concat(files, kmemviz.core.lesson.LessonCatalogue.builtIn().lessons().stream()
                .map(l -> org.junit.jupiter.params.provider.Arguments.of(l.file(), l.text())));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String headless(LessonScript script, int steps) { return HeadlessRuns.afterEachStep(script)[steps]; }

    static Command line(String text) { return new ScriptParser("ui").parseLine(text, 1); }

    static String proc(Kernel k) { return HeadlessRuns.proc(k); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void everyMoveReachesTheStateOfRunningThePrefixHeadless(String name, String text) {
        LessonScript script = new LessonScript(name, text);
        assertThat(script.error()).isNull();
        LessonPlayer player = new LessonPlayer(new Kernel(Profiles.builtIn("classroom")), script);
        String[] expected = HeadlessRuns.afterEachStep(script);

        while (!player.atEnd()) {                     // next, step by step
            player.next();
            assertThat(player.stoppedAt()).isNull();
            assertThat(proc(player.kernel())).as("after next to step %d", player.cursor()).isEqualTo(expected[player.cursor()]);
        }
        while (player.cursor() > 0) {                 // previous, back to the start
            player.previous();
            assertThat(proc(player.kernel())).as("after previous to step %d", player.cursor()).isEqualTo(expected[player.cursor()]);
        }
        java.util.List<Integer> targets = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, expected.length).boxed().toList());
        java.util.Collections.shuffle(targets, new java.util.Random(7));
        for (int target : targets) {                  // a jump to every step, in shuffled order
            player.jumpTo(target, Progress.NONE);
            assertThat(proc(player.kernel())).as("after a jump to step %d", target).isEqualTo(expected[target]);
        }
    }

    @Test
    void aQuizIsAnsweredByTheNextStateChangingStepAndKeepsScore() {
        LessonScript script = new LessonScript("q.kmv", "machine classroom\n"
                + "quiz \"Which zone will it come from?\" DMA|DMA32|Normal\nnote \"watch\"\np = alloc_pages(GFP_KERNEL | __GFP_DMA, 0)\n"
                + "quiz \"Will it succeed?\" yes|no\nq = alloc_pages(GFP_KERNEL, 10)\n");
        LessonPlayer player = new LessonPlayer(new Kernel(Profiles.builtIn("classroom")), script);
        player.next();
        assertThat(player.pendingQuiz().question()).isEqualTo("Which zone will it come from?");
        LessonPlayer.QuizResult first = player.answer("Normal");
        assertThat(first.correct()).isEqualTo("DMA");
        assertThat(first.right()).isFalse();
        assertThat(player.cursor()).isEqualTo(4);          // the quiz, the note and the allocation ran
        assertThat(player.answer("no").right()).isTrue();
        assertThat(player.quizzesRight()).isEqualTo(1);
        assertThat(player.quizzesAnswered()).isEqualTo(2);
    }

    @Test
    void aQuizWhoseStepGivesNoSuchFactStopsThePlayerAtTheQuiz() {
        LessonScript script = new LessonScript("q.kmv", "p = kmalloc(100, GFP_KERNEL)\n"
                + "quiz \"Which zone?\" DMA|Normal\nkfree(p)\n");
        LessonPlayer player = new LessonPlayer(new Kernel(Profiles.builtIn("classroom")), script);
        player.next();
        assertThat(player.answer("DMA")).isNull();
        assertThat(player.stoppedAt().getMessage()).startsWith("q.kmv:2:1: ");
    }

    @Test
    void aJumpToTheEndOfANewScriptRunsItAndMarksEachExpect() {
        LessonScript script = new LessonScript("t.kmv", "p = alloc_pages(GFP_KERNEL, 2)\nexpect p != NULL\nexpect p == NULL\n");
        LessonPlayer player = new LessonPlayer(new Kernel(Profiles.builtIn("classroom")), script);
        player.jumpTo(3, Progress.NONE);
        assertThat(player.statusOf(1)).isEqualTo(Outcome.Status.OK);
        assertThat(player.statusOf(2)).isEqualTo(Outcome.Status.EXPECT_FAILED);
        assertThat(player.atEnd()).isTrue();
    }

    @Test
    void aLineThatFailsToRunStopsThePlayerThereWithTheStateBeforeIt() {
        LessonScript script = new LessonScript("t.kmv", "p = alloc_pages(GFP_KERNEL, 2)\n  kfree(nosuch)\nq = alloc_pages(GFP_KERNEL, 0)\n");
        LessonPlayer player = new LessonPlayer(new Kernel(Profiles.builtIn("classroom")), script);
        String before = headless(script, 1);
        player.jumpTo(3, Progress.NONE);
        assertThat(player.cursor()).isEqualTo(1);
        assertThat(player.stoppedAt().getMessage()).startsWith("t.kmv:2:3: ");
        assertThat(proc(player.kernel())).isEqualTo(before);
    }

    @Test
    void anUnreadableLineStopsThePlayerAfterTheLinesBeforeIt() {
        LessonScript script = new LessonScript("t.kmv", "p = alloc_pages(GFP_KERNEL, 2)\np = alloc_pages(GFP_NOPE, 2)\n");
        LessonPlayer player = new LessonPlayer(new Kernel(Profiles.builtIn("classroom")), script);
        assertThat(script.steps()).hasSize(1);
        player.next();
        assertThat(player.atEnd()).isTrue();
        assertThat(player.stoppedAt().getMessage()).startsWith("t.kmv:2:");
        assertThat(player.stoppedAt().line()).isEqualTo(2);
        assertThat(player.currentLine()).isEqualTo(1);
    }

    @Test
    void backToTheLessonUndoesADetourExactly() {
        LessonScript script = new LessonScript("t.kmv", "p = alloc_pages(GFP_KERNEL, 2)\nq = alloc_pages(GFP_KERNEL, 3)\nr = alloc_pages(GFP_KERNEL, 0)\n");
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        LessonPlayer player = new LessonPlayer(k, script);
        player.jumpTo(3, Progress.NONE);
        player.jumpTo(1, Progress.NONE);
        String atStep1 = proc(k);
        k.execute(line("x = alloc_pages(GFP_KERNEL, 5)"));     // the student tries something
        k.undo();
        k.undo();
        assertThat(player.onTrack()).isFalse();
        player.backToLesson();
        assertThat(player.onTrack()).isTrue();
        assertThat(proc(k)).isEqualTo(atStep1);
        player.next();                                // the steps after come back by redo, as before the detour
        player.next();
        assertThat(proc(k)).isEqualTo(headless(script, 3));
    }

    @Test
    void aDetourAtTheLastStepRunEndsWhereTheLessonWasAndTheLessonGoesOn() throws IOException {
        String text = Files.readString(Path.of("assets/scripts/tour.kmv"));
        LessonScript script = new LessonScript("tour.kmv", text);
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        LessonPlayer player = new LessonPlayer(k, script);
        for (int i = 0; i < 5; i++) player.next();
        k.execute(line("p1 = alloc_pages(GFP_KERNEL, 0)"));
        k.execute(line("p2 = alloc_pages(GFP_KERNEL, 0)"));
        player.backToLesson();
        assertThat(proc(k)).isEqualTo(headless(script, 5));
        player.next();
        assertThat(proc(k)).isEqualTo(headless(script, 6));
    }

    @Test
    void aRecordedCommandBecomesALineAtTheCursorAndTheSavedScriptReplaysToTheSameState() {
        LessonScript script = new LessonScript("t.kmv", "machine classroom\np = alloc_pages(GFP_KERNEL, 2)\nq = alloc_pages(GFP_KERNEL, 3)\n");
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        LessonPlayer player = new LessonPlayer(k, script);
        player.jumpTo(3, Progress.NONE);
        player.jumpTo(2, Progress.NONE);
        player.record(k.execute(line("alloc_pages(GFP_KERNEL, 1)")));
        assertThat(script.lines()).containsExactly("machine classroom", "p = alloc_pages(GFP_KERNEL, 2)",
                "alloc_pages(GFP_KERNEL, 1)", "q = alloc_pages(GFP_KERNEL, 3)");
        assertThat(player.cursor()).isEqualTo(3);
        player.next();
        LessonScript saved = new LessonScript("t.kmv", script.text());
        assertThat(proc(k)).isEqualTo(headless(saved, saved.steps().size()));
    }
}
