package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import kmemviz.core.kernel.Kernel;
import kmemviz.ui.lesson.HeadlessRuns;
import kmemviz.ui.lesson.LessonController;
import kmemviz.ui.lesson.LessonScript;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson player in the window: keys, buttons, the timeline and recording reach the states a headless run does. */
class LessonPlayerFxTest extends AppFxTest {
    private LessonController lesson;

    @Override
    void started() {
        lesson = w.lesson.controller;
    }

    static String proc(Kernel k) { return HeadlessRuns.proc(k); }

    static String headless(String text, int steps) { return HeadlessRuns.after(text, steps); }

    private String openTour() throws Exception {
        String text = Files.readString(Path.of("assets/scripts/tour.kmv"));
        fx(() -> { lesson.open("tour.kmv", text); return null; });
        return text;
    }

    @Test
    void clickerKeysStepForwardAndBackAndHomeRestarts(FxRobot robot) throws Exception {
        String text = openTour();
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.PAGE_DOWN);
        robot.type(KeyCode.RIGHT);
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(3);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 3));
        robot.type(KeyCode.LEFT);
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(2);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 2));
        robot.type(KeyCode.PAGE_UP);
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.HOME);
        assertThat(fx(() -> lesson.player().cursor())).isZero();
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 0));
        robot.type(KeyCode.B);
        assertThat(fx(() -> w.lesson.stage.blank().isVisible())).isTrue();
    }

    @Test
    void aClickOnAScriptLineAndTheTimelineJumpThere(FxRobot robot) throws Exception {
        String text = openTour();
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node cell = robot.lookup("#script-lines .list-cell").<javafx.scene.control.ListCell<?>>match(
                c -> c.getText() != null && c.getText().contains("alloc_pages(GFP_KERNEL | __GFP_DMA, 2)")).query();
        var bounds = cell.localToScreen(cell.getBoundsInLocal());
        robot.clickOn(new javafx.geometry.Point2D(bounds.getMinX() + 60, bounds.getCenterY()));   // a long line's cell is wider than the pane
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(4);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 4));
        fx(() -> { w.lesson.stage.timeline().slider().setValue(11); return null; });
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(11);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 11));
    }

    @Test
    void playRunsToTheEndAndShowsTheLastNote(FxRobot robot) throws Exception {
        String text = openTour();
        int steps = fx(() -> lesson.player().size());
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> !lesson.isPlaying()));
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(steps);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, steps));
        assertThat(fx(() -> w.lesson.stage.caption().text())).startsWith("Blocks of orders 0-5");
    }

    @Test
    void aDetourThroughTheToolbarEndsWithTheModelWhereTheLessonWas(FxRobot robot) throws Exception {
        String text = openTour();
        for (int i = 0; i < 5; i++) robot.type(KeyCode.RIGHT);
        robot.clickOn("#lesson-try-it-yourself");
        robot.clickOn("#allocate");
        robot.clickOn("#allocate");
        assertThat(fx(() -> w.lesson.stage.bannerText())).contains("lesson waits at step 5");
        robot.clickOn("#back-to-lesson");
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 5));
        robot.type(KeyCode.RIGHT);
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(6);
        assertThat(fx(() -> w.kernel.history().size())).isEqualTo(7);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(text, 6));
    }

    /**
     * Every built-in lesson through the window: next at every step (a quiz answered with its first choice), then
     * previous at every step, each compared with a headless run of the same prefix; jumps on the large machine
     * go through the background runner, which the test waits for.
     */
    @Test
    void everyLessonReachesTheHeadlessStateAtEveryStepForwardsAndBack() throws Exception {
        for (kmemviz.core.lesson.Lesson l : kmemviz.core.lesson.LessonCatalogue.builtIn().lessons()) {
            LessonScript script = new LessonScript(l.file(), l.text());
            String[] expected = HeadlessRuns.afterEachStep(script);
            fx(() -> { lesson.open(l.file(), l.text()); return null; });
            while (!fx(() -> lesson.player().atEnd())) {
                fx(() -> {
                    var quiz = lesson.player().pendingQuiz();
                    if (quiz != null) lesson.answer(quiz.choices().get(0));
                    else lesson.next();
                    return null;
                });
                idle();
                int at = fx(() -> lesson.player().cursor());
                assertThat(fx(() -> lesson.player().stoppedAt())).as("%s step %d", l.id(), at).isNull();
                assertThat(fx(() -> proc(w.kernel))).as("%s after next to step %d", l.id(), at).isEqualTo(expected[at]);
            }
            while (fx(() -> lesson.player().cursor()) > 0) {
                fx(() -> { lesson.previous(); return null; });
                idle();
                int at = fx(() -> lesson.player().cursor());
                assertThat(fx(() -> proc(w.kernel))).as("%s after previous to step %d", l.id(), at).isEqualTo(expected[at]);
            }
        }
    }

    /** Waits until no background job owns the kernel. */
    private void idle() throws Exception {
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> !w.runner.busyProperty().get()));
    }

    @Test
    void aQuizWaitsForItsAnswerThenShowsTheOutcomeAndTheScore(FxRobot robot) throws Exception {
        String text = "machine classroom\nquiz \"Will alloc_pages(GFP_KERNEL, 10) succeed?\" yes|no\n"
                + "p = alloc_pages(GFP_KERNEL, 10)\nnote \"It *failed*: `MAX_PAGE_ORDER` is 10 but the machine is 4 MiB\"\n";
        fx(() -> { lesson.open("q.kmv", text); return null; });
        assertThat(robot.lookup("#lesson-score").queryLabeled().getText()).as("before an answer").isEqualTo("1 quiz question");
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.RIGHT);                      // the quiz waits: Right does not run the step
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(1);
        // Next is disabled, so its own tooltip never shows: its holder's says why
        var next = robot.lookup("#lesson-next").queryButton();
        assertThat(fx(next::isDisabled)).isTrue();
        robot.moveTo(next);                 // the holder builds its tooltip on the first hover
        var tip = (javafx.scene.control.Tooltip) fx(() -> next.getParent().getProperties().get("javafx.scene.control.Tooltip"));
        assertThat(tip).as("a tooltip on the disabled Next's holder").isNotNull();
        assertThat(tip.getText()).startsWith("Answer the quiz first");
        assertThat(fx(() -> w.bridge.statusProperty().get())).as("the status line, not \"pause\"").isEqualTo("Quiz: choose an answer on the stage, then step 2 runs");
        robot.clickOn("#quiz-choice-yes");
        assertThat(fx(() -> w.lesson.stage.quiz().verdict())).isEqualTo("\u2717 It was no, not yes.");
        assertThat(robot.lookup("#lesson-score").queryLabeled().getText()).isEqualTo("Quiz: 0 of 1 right");
        robot.type(KeyCode.RIGHT);
        assertThat(fx(() -> w.lesson.stage.quiz().isVisible())).isFalse();
        assertThat(fx(() -> w.lesson.stage.caption().text())).isEqualTo("It failed: MAX_PAGE_ORDER is 10 but the machine is 4 MiB");
    }

    @Test
    void toolbarActionsRecordedIntoAScriptReplayToTheSameState(FxRobot robot) throws Exception {
        fx(() -> { lesson.startRecording(); return null; });
        robot.clickOn("#allocate");
        robot.clickOn("#allocate");
        robot.clickOn("#free");
        String script = fx(() -> lesson.player().script().text());
        assertThat(script.lines()).hasSize(4).first().asString().startsWith("machine classroom");
        LessonScript saved = new LessonScript("rec.kmv", script);
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(headless(script, saved.steps().size()));
    }

    /**
     * Recording goes on through an Undo (it drops the last recorded line, the free, and its command), records a click
     * on an allocation, Zoom to allocation and Fit as select and zoom lines, and a kmalloc and a vmalloc; the file
     * saved and opened again reaches the same state.
     */
    @Test
    void undoDropsTheLastRecordedLineAndSelectZoomKmallocAndVmallocAreRecordedAndSavedToAFileThatReplays(
            FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        fx(() -> { lesson.startRecording(); return null; });
        robot.clickOn("#allocate");
        robot.clickOn("#free");
        robot.clickOn("#undo");
        assertThat(fx(() -> lesson.player().script().lines())).as("the free went out of the script")
                .hasSize(2).last().asString().contains("alloc_pages");
        assertThat(fx(() -> lesson.isRecording())).as("still recording after the undo").isTrue();
        String p = fx(() -> lesson.player().script().lines().get(1).split(" = ")[0].trim());
        assertThat(fx(() -> w.kernel.canRedo())).as("the undone free is no redo step: it is no longer the lesson's").isFalse();

        var g = fx(() -> { w.selection.clear(); w.root.applyCss(); w.root.layout(); return w.map.geometry(); });
        int pfn = fx(() -> w.kernel.variables().get(p).pfn());
        robot.clickOn(fx(() -> w.map.localToScreen(g.cellX(pfn) + g.cellPx() / 2.0, g.cellY(pfn) + g.cellPx() / 2.0)));
        fx(() -> { w.view.zoomToAllocationAction().handle(new javafx.event.ActionEvent()); return null; });
        fx(() -> { w.view.fitAction().handle(new javafx.event.ActionEvent()); return null; });
        fx(() -> { w.alloc.api().setValue(kmemviz.ui.control.SlabApiChoices.ALL.get(0)); return null; });
        robot.clickOn("#size").write("100");
        robot.clickOn("#allocate");
        fx(() -> { w.alloc.api().setValue(kmemviz.ui.control.VmApiChoices.ALL.get(0)); return null; });
        robot.doubleClickOn("#size").write("20000");
        robot.clickOn("#allocate");
        idle();
        String script = fx(() -> lesson.player().script().text());
        assertThat(script.lines().skip(2)).as(script).hasSize(5)
                .startsWith("select " + p, "zoom " + p, "zoom all")
                .anyMatch(l -> l.contains("kmalloc(")).anyMatch(l -> l.contains("vmalloc("));
        String before = fx(() -> proc(w.kernel));
        assertThat(before).isEqualTo(headless(script, new LessonScript("rec.kmv", script).steps().size()));

        java.io.File file = dir.resolve("rec.kmv").toFile();
        assertThat(fx(() -> w.files.writeScript(file, lesson.player().script().text()))).isTrue();
        assertThat(fx(() -> w.bridge.statusProperty().get())).as("the confirmation").isEqualTo("Saved the script to " + file);
        fx(() -> { lesson.player().markSaved(); w.files.open(file); return null; });
        assertThat(fx(() -> lesson.player().script().text())).isEqualTo(script);
        fx(() -> { lesson.jumpTo(lesson.player().size()); return null; });
        idle();
        assertThat(fx(() -> proc(w.kernel))).isEqualTo(before);
    }

    @Test
    void openingAnotherScriptAsksBeforeUnsavedRecordedLinesAreDropped(FxRobot robot) throws Exception {
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        fx(() -> { lesson.setConfirmDrop(n -> { asked.add(n); return false; }); lesson.startRecording(); return null; });
        robot.clickOn("#allocate");
        fx(() -> { lesson.open("other.kmv", "machine classroom\n"); return null; });
        assertThat(asked).as("asked once, about one line").containsExactly(1);
        assertThat(fx(() -> lesson.player().script().name())).as("refused: the recording stays").isEqualTo("recording.kmv");
    }
}
