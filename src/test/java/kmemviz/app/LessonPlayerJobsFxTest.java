package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import kmemviz.core.cmd.Command;
import kmemviz.core.mm.Profiles;
import kmemviz.core.vm.TlbStats;
import kmemviz.core.vm.Workload;
import kmemviz.ui.control.CallingThreadRunner;
import kmemviz.ui.control.KernelJobs;
import kmemviz.ui.lesson.HeadlessRuns;
import kmemviz.ui.lesson.LessonController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lesson player's steps go through the one background runner when they can outlast a frame: a touch of many
 * accesses runs as a job that reports accesses done and can be cancelled, leaving the lesson at the same step and
 * the model, its history and the TLB as they were; ordinary steps run at once. The synchronous runner stands in for
 * the worker, so the cancel lands at a chosen progress report.
 */
@ExtendWith(ApplicationExtension.class)
class LessonPlayerJobsFxTest {
    /** 256 KiB touched one byte at a time: 262,144 accesses, four progress reports of {@link Workload#CHUNK}. */
    private static final long ACCESSES = 4096L << 6;
    private static final String SCRIPT = """
            p = alloc_pages(GFP_KERNEL, 6)
            touch p stride=1
            note "Every byte of p touched."
            q = alloc_pages(GFP_KERNEL, 0)
            """;

    private final CallingThreadRunner calling = new CallingThreadRunner();
    private Wiring w;
    private LessonController lesson;

    @Start
    void start(Stage stage) {
        w = new Wiring(Profiles.builtIn("classroom"), calling);
        w.animator.speedProperty().set(1.0);
        Scene scene = new Scene(w.root(), 1200, 800);
        w.themes.install(scene);
        stage.setScene(scene);
        stage.show();
        lesson = w.lesson.controller;
    }

    @Test
    void aLargeTouchStepRunsAsAJobThatCancelsBackToTheSameStepAndThenRunsWhole() throws Exception {
        boolean[] busySeen = {false};
        List<Double> progress = new ArrayList<>();
        fx(() -> {
            lesson.open("touch.kmv", SCRIPT);
            w.runner.busyProperty().addListener((o, was, now) -> busySeen[0] |= now);
            calling.progressProperty().addListener((o, was, now) -> { if (now.doubleValue() > 0) progress.add(now.doubleValue()); });
            lesson.next();
            return null;
        });
        assertThat(busySeen[0]).as("the allocation is an ordinary step: it ran at once").isFalse();
        assertThat(ACCESSES).isGreaterThanOrEqualTo(KernelJobs.LONG_TOUCH_ACCESSES);
        List<Command> historyBefore = List.copyOf(w.kernel.history());
        TlbStats statsBefore = fx(() -> w.kernel.vm().tlb().stats());

        fx(() -> { calling.cancelAfter(2); lesson.next(); return null; });
        assertThat(busySeen[0]).as("touch p stride=1 (%d accesses) ran as a job", ACCESSES).isTrue();
        assertThat(progress).as("accesses done of total, from the core").startsWith(
                (double) Workload.CHUNK / ACCESSES, 2.0 * Workload.CHUNK / ACCESSES);
        assertThat(fx(() -> lesson.player().cursor())).as("cancelled: the lesson stays before the touch").isEqualTo(1);
        assertThat(fx(() -> lesson.player().onTrack())).as("no detour: the model is where the lesson left it").isTrue();
        assertThat(w.kernel.history()).isEqualTo(historyBefore);
        assertThat(fx(() -> w.kernel.vm().tlb().stats())).isEqualTo(statsBefore);
        assertThat(fx(() -> w.status.getText())).startsWith("Cancelled step 2: touch p stride=1");
        assertThat(fx(() -> w.runner.busyProperty().get())).isFalse();

        fx(() -> { lesson.next(); return null; });              // not cancelled: it runs whole
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(2);
        assertThat(fx(() -> w.kernel.vm().tlb().stats().accesses())).isEqualTo(statsBefore.accesses() + ACCESSES);
        assertThat(fx(() -> HeadlessRuns.proc(w.kernel))).isEqualTo(HeadlessRuns.after(SCRIPT, 2));
        fx(() -> { lesson.previous(); lesson.next(); return null; });   // run again: a redo, in the background too
        assertThat(fx(() -> lesson.player().cursor())).isEqualTo(2);
        assertThat(fx(() -> HeadlessRuns.proc(w.kernel))).isEqualTo(HeadlessRuns.after(SCRIPT, 2));
    }

    @Test
    void playGoesOnAfterABackgroundStepToTheEnd() throws Exception {
        fx(() -> { lesson.open("touch.kmv", SCRIPT); lesson.togglePlay(); return null; });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> lesson.player().atEnd() && !lesson.isPlaying()));
        assertThat(fx(() -> w.kernel.vm().tlb().stats().accesses())).isEqualTo(ACCESSES);
        assertThat(fx(() -> HeadlessRuns.proc(w.kernel))).isEqualTo(HeadlessRuns.after(SCRIPT, 4));
    }

    @Test
    void lesson16sCompactStepPlaysItsScannersOnTheMapStepByStep() throws Exception {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("assets/lessons/16-compaction.kmv"));
        fx(() -> {
            lesson.open("16-compaction.kmv", text);
            int compact = 0;
            while (!(lesson.player().steps().get(compact).command() instanceof kmemviz.core.cmd.Compact)) compact++;
            lesson.jumpTo(compact);
            w.animator.speedProperty().set(0.5);
            w.animator.pausedProperty().set(true);
            lesson.next();
            return null;
        });
        assertThat(fx(() -> w.animator.playingProperty().get())).as("the compaction waits to be stepped").isTrue();
        for (int i = 0; i < 200 && fx(() -> w.shown.compaction().nrMovesKept()) == 0; i++) fx(() -> { w.animator.step(); return null; });
        assertThat(fx(() -> w.shown.compaction().running())).isTrue();
        kmemviz.ui.view.DrawList map = fx(() -> w.map.overlayDrawList());
        assertThat(map.indexOfText("migrate →")).isNotNegative();
        assertThat(map.indexOfText("← free")).isNotNegative();
        fx(() -> { w.animator.finish(); return null; });
        assertThat(fx(() -> w.map.overlayDrawList()).indexOfText("scanners met")).isNotNegative();
        fx(() -> { w.animator.pausedProperty().set(false); w.animator.speedProperty().set(1.0); return null; });
    }
}
