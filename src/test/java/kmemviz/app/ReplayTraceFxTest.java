package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import kmemviz.core.cmd.Replay;
import kmemviz.core.kernel.GeneratedTraces;
import kmemviz.core.report.Report;
import kmemviz.ui.lesson.HeadlessRuns;
import kmemviz.ui.lesson.LessonController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File > Replay trace…: the trace opens in the lesson player, steps with the clicker's keys and the timeline to the
 * states a headless replay of the same prefix reaches, plays and pauses at the chosen speed, names the trace line in
 * the status, and Cancel replay puts back the model and its history exactly.
 */
class ReplayTraceFxTest extends AppFxTest {
    @TempDir Path dir;
    private LessonController lesson;

    @Override
    void started() {
        lesson = w.lesson.controller;
    }

    /** The /proc files and the other reports, but not {@code --print replay}: a summary is what ran, not state. */
    private static String procFiles(kmemviz.core.kernel.Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (Report r : Report.values()) if (r != Report.events && r != Report.replay) sb.append(r.render(k, List.of()));
        return sb.toString();
    }

    private String headless(String text, int steps) throws Exception {
        long lines = ((Replay) fx(() -> lesson.player().steps().get(steps - 1).command())).lastLine();
        return HeadlessRuns.proc(GeneratedTraces.wholeReplayOfPrefix(dir, "t.trace", text, lines));
    }

    @Test
    void theReplayControlsStepPlayPauseAndCancel(FxRobot robot) throws Exception {
        String text = GeneratedTraces.classroom(600, 3);
        Path file = Files.writeString(dir.resolve("t.trace"), text);
        String before = fx(() -> procFiles(w.kernel));
        var history = fx(() -> w.kernel.history());
        MenuBar bar = (MenuBar) w.root.lookup("#menu-bar");
        assertThat(bar.getMenus().get(0).getItems()).extracting(MenuItem::getText).contains("Replay trace…");

        fx(() -> { w.files.replay(file); return null; });
        AppFixture.idle(w);
        assertThat(fx(() -> lesson.replayProperty().get())).isTrue();
        assertThat(robot.lookup("#replay-cancel").queryButton().isVisible()).isTrue();
        assertThat(fx(() -> lesson.player().size())).isEqualTo(300);        // 600 lines, 2 a step

        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.RIGHT);
        AppFixture.idle(w);
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(3);
        assertThat(w.status.getText()).startsWith("Replay step 3 of 300: t.trace:6: ");
        assertThat(fx(() -> HeadlessRuns.proc(w.kernel))).isEqualTo(headless(text, 3));
        assertThat(fx(() -> procFiles(w.kernel))).isNotEqualTo(before);
        robot.type(KeyCode.LEFT);
        AppFixture.idle(w);
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(2);
        assertThat(fx(() -> HeadlessRuns.proc(w.kernel))).isEqualTo(headless(text, 2));

        fx(() -> { w.lesson.stage.timeline().slider().setValue(120); return null; });
        AppFixture.idle(w);
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(120);
        assertThat(w.status.getText()).startsWith("Replay step 120 of 300: t.trace:240: ");
        assertThat(fx(() -> HeadlessRuns.proc(w.kernel))).isEqualTo(headless(text, 120));

        @SuppressWarnings("unchecked") ComboBox<Integer> speed = (ComboBox<Integer>) robot.lookup("#replay-speed").query();
        fx(() -> { speed.setValue(50); return null; });
        assertThat(fx(() -> lesson.stepsPerSecondProperty().get())).isEqualTo(50);
        robot.clickOn("#lesson-play");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> lesson.player().cursor()) >= 125);
        robot.clickOn("#lesson-pause");
        WaitForAsyncUtils.waitForFxEvents();
        int paused = fx(() -> lesson.player().cursor());
        assertThat(fx(() -> lesson.isPlaying())).isFalse();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);   // paused: nothing runs meanwhile
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(paused);
        assertThat(fx(() -> HeadlessRuns.proc(w.kernel))).isEqualTo(headless(text, paused));
        fx(() -> { w.lesson.stage.timeline().slider().setValue(294); return null; });
        AppFixture.idle(w);
        robot.clickOn("#lesson-play");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> lesson.player().atEnd()));
        AppFixture.idle(w);
        assertThat(w.status.getText()).contains("t.trace:600: ").contains("replay t.trace: ");

        robot.clickOn("#replay-cancel");
        AppFixture.idle(w);
        assertThat(fx(() -> lesson.isOpen())).isFalse();
        assertThat(fx(() -> procFiles(w.kernel))).isEqualTo(before);
        assertThat(fx(() -> w.kernel.history())).isEqualTo(history);
        assertThat(w.status.getText()).isEqualTo("Replay cancelled: the model is as it was before the replay");
    }

    /** A replayed trace's per-CPU list moves reach the Per-CPU lists panel: CPU 1's refilled and freed pages show. */
    @Test
    void theReplayedPerCpuListsShowInThePanel() throws Exception {
        Path file = Files.writeString(dir.resolve("pcp.trace"), kmemviz.core.kernel.TracePcpReplayTest.PCP_TRACE);
        fx(() -> { w.kernel.execute(new kmemviz.core.cmd.ScriptParser("m").parseLine("machine x86_64-8g", 1)); return null; });
        AppFixture.idle(w);
        fx(() -> { w.files.replay(file); return null; });
        AppFixture.idle(w);
        fx(() -> { lesson.jumpTo(12); return null; });
        AppFixture.idle(w);
        assertThat(fx(() -> w.kernel.memory().zones().stream().filter(z -> z.name().equals("Normal")).findFirst().orElseThrow().pcpCount(1)))
                .as("the core's CPU 1 after 12 trace lines").isEqualTo(12);
        assertThat(fx(() -> w.pcp.cpusShown())).as("CPU 1's lists drawn").contains(1);
    }
}
