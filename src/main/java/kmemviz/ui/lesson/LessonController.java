package kmemviz.ui.lesson;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.Note;
import kmemviz.core.cmd.Pause;
import kmemviz.core.cmd.Quiz;
import kmemviz.core.kernel.KernelListener;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.kernel.Progress;
import kmemviz.ui.control.CommandRunner;
import kmemviz.ui.control.JobProgress;
import kmemviz.ui.control.KernelBridge;
import kmemviz.ui.control.KernelJobs;
import kmemviz.ui.view.lesson.LessonStageView;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The lesson player's controls: open a script, step it forwards and back, play it, jump on the timeline or the
 * script, branch off to try things and come back, record what the toolbar does. The moves are the
 * {@link LessonPlayer}'s; a jump that runs many new steps, or any seek on a machine whose views take long to reset,
 * goes to the background through {@link KernelJobs}. Commands from elsewhere (the toolbar, undo) are heard on the
 * bridge: recorded into the script, or they start a detour. FX thread.
 *
 * <p>A script whose every step is a part of one trace ({@code replay FILE lines A-B}, as File > Replay trace… writes
 * it) plays as a replay: at a fixed number of steps a second ({@link #stepsPerSecondProperty()}), with the trace line
 * the current step reached in the status line, and Cancel replay, which puts the model, its history and its redo
 * steps back as they were when the replay was opened.
 */
public final class LessonController {
    /** More new steps than this in one jump run in the background, with progress and Cancel. */
    static final int FOREGROUND_STEPS = 200;

    private final CommandRunner runner;
    private final KernelJobs jobs;
    private final LessonStageView view;
    private final LessonPlayback playback;
    private final LessonPresenter presenter;
    private static final String NEXT_HELP = "Next step (Right, Page Down)";
    /** The replay's pace at opening: the timeline moves visibly, and a 200-step trace plays in 40 s. */
    static final int DEFAULT_STEPS_PER_SECOND = 5;

    private final Action next, previous, play, pause, restart, blank, record, tryIt, back, cancelReplay;
    private final javafx.beans.property.ReadOnlyBooleanWrapper replay = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "replay");
    // An object property, so that a ComboBox binds to it directly (a binding to asObject()'s wrapper is weak and lost).
    private final javafx.beans.property.ObjectProperty<Integer> stepsPerSecond =
            new javafx.beans.property.SimpleObjectProperty<>(this, "stepsPerSecond", DEFAULT_STEPS_PER_SECOND);
    private kmemviz.core.kernel.Kernel.Mark openedAt;       // where Cancel replay goes back to
    private LessonPlayer player;
    private boolean driving, detour;
    private LessonPlayer.QuizResult answered;     // shown over the stage until the next move

    public LessonController(CommandRunner runner, KernelJobs jobs, KernelBridge bridge, LessonStageView view, LessonPointer pointer) {
        this.runner = runner;
        this.jobs = jobs;
        this.view = view;
        playback = new LessonPlayback(runner.animator(), this::playStep);
        next = action("Next", Feather.CHEVRON_RIGHT, NEXT_HELP, this::next);
        previous = action("Previous", Feather.CHEVRON_LEFT, "Previous step: undo it (Left, Page Up)", this::previous);
        play = action("Play", Feather.PLAY, "Play the lesson at the animation speed (Space)", playback::play);
        pause = action("Pause", Feather.PAUSE, "Pause the lesson (Space)", playback::pause);
        restart = action("Restart", Feather.SKIP_BACK, "Back to the start of the lesson (Home)", this::restart);
        blank = action("Blank", Feather.EYE_OFF, "Blank the stage, so the room looks at you (B)", view.blank()::toggle);
        record = new Action("Record", e -> refresh());
        record.setGraphic(new FontIcon(Feather.CIRCLE));
        record.setLongText("Record: every action of the toolbar becomes a line of the script at the current step");
        tryIt = action("Try it yourself", Feather.TOOL, "Leave the lesson here and use the toolbar; come back with Back to the lesson", this::tryIt);
        back = action("Back to the lesson", Feather.CORNER_UP_LEFT, "Put the model back exactly where the lesson was", this::backToLesson);
        cancelReplay = action("Cancel replay", Feather.X_CIRCLE,
                "Stop the replay and put the model back as it was before it was opened", this::cancelReplay);
        stepsPerSecond.addListener((o, a, n) -> { if (replay.get() && n != null) playback.setStepsPerSecond(n); });
        presenter = new LessonPresenter(view, pointer, back);
        view.script().setOnJump(line -> { if (player != null) jumpTo(player.stepForLine(line)); });
        view.timeline().setOnJump(this::jumpTo);
        view.quiz().setOnAnswer(this::answer);
        bridge.subscribe(new KernelListener() {
            @Override public void commandExecuted(Outcome out) { fromElsewhere(out); }

            @Override public void stateReset() { fromElsewhere(null); }
        });
        runner.busyProperty().addListener((o, a, busy) -> { if (!busy) driving = false; refresh(); });
        playback.playingProperty().addListener((o, a, p) -> refresh());
        refresh();
    }

    private static Action action(String text, Feather icon, String help, Runnable r) {
        Action a = new Action(text, e -> r.run());
        a.setGraphic(new FontIcon(icon));
        a.setLongText(help);
        return a;
    }

    /** The player's buttons, in the order of the bar under the views. */
    public List<Action> actions() { return List.of(restart, previous, play, pause, next, blank, tryIt, record); }

    public Action recordAction() { return record; }

    /** Cancel replay: shown while a trace replay is open. */
    public Action cancelReplayAction() { return cancelReplay; }

    /** Whether the open script is a trace replay in parts. */
    public javafx.beans.property.ReadOnlyBooleanProperty replayProperty() { return replay.getReadOnlyProperty(); }

    /** How many steps a second Play runs in a replay. */
    public javafx.beans.property.ObjectProperty<Integer> stepsPerSecondProperty() { return stepsPerSecond; }

    /** Restart, previous, play, pause, next and blank: the buttons a presenter knows by their icons. */
    public List<Action> transport() { return List.of(restart, previous, play, pause, next, blank); }

    public boolean isOpen() { return player != null; }

    public LessonPlayer player() { return player; }

    public boolean isPlaying() { return playback.isPlaying(); }

    /** Opens {@code text} in the player at the current state; nothing runs until the first step. */
    public void open(String name, String text) {
        if (player != null && player.recordedUnsaved() > 0 && !confirmDrop.test(player.recordedUnsaved())) return;
        playback.pause();
        openedAt = runner.kernel().mark();
        player = new LessonPlayer(runner.kernel(), new LessonScript(name, text));
        replay.set(!player.steps().isEmpty()
                && player.steps().stream().allMatch(l -> l.command() instanceof kmemviz.core.cmd.Replay r && !r.whole()));
        playback.setStepsPerSecond(replay.get() ? stepsPerSecond.get() : 0);
        detour = false;
        answered = null;
        presenter.opened();
        view.blank().setVisible(false);
        refresh();
    }

    /** The next step; a quiz waits for its answer (the buttons), so the room predicts before it sees. */
    public void next() {
        if (player != null && player.pendingQuiz() != null && !detour) return;
        runSteps(player == null ? "" : "step " + (player.cursor() + 1), LessonPlayer::next, out -> {});
    }

    /** The student's prediction: the quiz runs with the step it asks about, and the view shows whether it held. */
    public void answer(String choice) {
        if (player == null || player.pendingQuiz() == null) return;
        runSteps("the quiz's step", (p, progress) -> p.answer(choice, progress), result -> {
            answered = result;
            if (result != null) view.quiz().answered(result.chosen(), result.correct());
        });
    }

    public void previous() { if (player != null) jumpTo(player.previousTarget()); }

    public void restart() { jumpTo(0); }

    public void togglePlay() { if (playback.isPlaying()) playback.pause(); else playback.play(); }

    public void toggleBlank() { view.blank().toggle(); }

    /** The state after steps [0, target): a seek, or new steps run (in the background when many). */
    public void jumpTo(int target) {
        if (player == null || runner.busyProperty().get()) return;
        playback.pause();
        int steps = Math.max(0, Math.min(player.size(), target));
        if (!player.newStepsTo(steps, FOREGROUND_STEPS) && !jobs.replayIsLong()) {
            move(p -> p.jumpTo(steps, Progress.NONE));
            return;
        }
        LessonPlayer p = player;
        driving = true;
        runner.animator().finish();
        jobs.run("jump to step " + steps, progress -> { p.jumpTo(steps, coreProgress(progress)); return null; }, x -> {
            presenter.pointAfterMove(p);           // the lesson's select and zoom, as after a jump in the foreground
            refresh();
        });
    }

    /**
     * Leaves the replay: the model, its history and redo steps as when it was opened ({@link kmemviz.core.kernel.Kernel#rollback},
     * a checkpoint and at most a span of trace lines), and the player closes.
     */
    public void cancelReplay() {
        if (player == null || !replay.get() || runner.busyProperty().get()) return;
        playback.pause();
        runner.animator().finish();
        kmemviz.core.kernel.Kernel.Mark m = openedAt;
        driving = true;
        if (jobs.replayIsLong()) {
            jobs.run("cancel the replay", p -> { runner.kernel().rollback(m); return null; }, x -> closeReplay());
        } else {
            try {
                runner.kernel().rollback(m);
            } finally {
                driving = false;
            }
            closeReplay();
        }
    }

    private void closeReplay() {
        player = null;
        replay.set(false);
        playback.setStepsPerSecond(0);
        refresh();
        jobs.tell("Replay cancelled: the model is as it was before the replay");
    }

    private void tryIt() {
        playback.pause();
        detour = true;
        record.setSelected(false);
        refresh();
    }

    public void backToLesson() {
        detour = false;
        move(LessonPlayer::backToLesson);
    }

    private void move(Consumer<LessonPlayer> m) { move((p, progress) -> { m.accept(p); return null; }, x -> {}); }

    /** A move on the FX thread; {@code then} gets its result before the stage shows the new state. */
    private <T> void move(BiFunction<LessonPlayer, Progress, T> m, Consumer<T> then) {
        if (player == null || runner.busyProperty().get()) return;
        runner.animator().finish();
        detour = false;
        answered = null;
        driving = true;
        T result;
        try {
            result = m.apply(player, Progress.NONE);
        } finally {
            driving = false;
        }
        then.accept(result);
        presenter.pointAfterMove(player);
        refresh();
    }

    /**
     * A move that runs steps ({@link #next}, a quiz's {@link #answer}): on the FX thread, its events played as the
     * commands run; or, when one of its commands can outlast a frame ({@link KernelJobs#isLong}: a touch of 10,000
     * accesses or more, a large vmalloc, compaction on a large machine), as a background job titled {@code title},
     * with progress and Cancel, which leaves the lesson and the model as they were. Play goes on after such a step,
     * and stops when it is cancelled. {@code then} gets the move's result on the FX thread, before the stage is shown.
     */
    private <T> void runSteps(String title, BiFunction<LessonPlayer, Progress, T> steps, Consumer<T> then) {
        if (player == null || runner.busyProperty().get()) return;
        LessonPlayer p = player;
        if (p.commandsOfNextMove().stream().noneMatch(jobs::isLong)) {
            move(steps, then);
            return;
        }
        boolean wasPlaying = playback.isPlaying();
        playback.pause();
        runner.animator().finish();
        detour = false;
        answered = null;
        driving = true;
        jobs.run(title + ": " + p.nextCommand().text(), progress -> steps.apply(p, coreProgress(progress)), r -> {
            then.accept(r);
            presenter.pointAfterMove(p);
            refresh();
            if (wasPlaying && p == player) playback.play();
        });
    }

    /** One step of Play; false when play must stop (the end, an error, a pause just run, a quiz next). */
    private boolean playStep() {
        if (player == null || player.atEnd() || detour || runner.busyProperty().get() || player.pendingQuiz() != null) return false;
        Command c = player.nextCommand();
        next();
        if (player.stoppedAt() != null || c instanceof Pause) return false;
        if (c instanceof Note n) playback.reading(n.message().length());
        return !player.atEnd() && player.pendingQuiz() == null;
    }

    /** A command or reset the player did not cause: recorded, or the start of a detour. */
    private void fromElsewhere(Outcome out) {
        if (player == null || driving) return;
        if (out != null && record.isSelected() && !detour) player.record(out);
        else if (!player.onTrack()) {
            playback.pause();
            detour = true;
        }
        refresh();
    }

    /**
     * Undo while recording drops the line before the cursor (and its command), instead of leaving the lesson: true
     * when it did. Not recording, or on a detour, Undo is the kernel's.
     */
    public boolean undoRecorded() {
        if (player == null || !record.isSelected() || detour || runner.busyProperty().get()) return false;
        runner.animator().finish();
        driving = true;
        try {
            if (!player.unrecord()) return false;
        } finally {
            driving = false;
        }
        presenter.pointAfterMove(player);
        refresh();
        return true;
    }

    /** A selection or zoom of the map while recording becomes a line ({@code select p}, {@code zoom p}, {@code zoom all}). */
    public void recordPointer(kmemviz.core.cmd.LessonCommand c) {
        if (player != null && record.isSelected() && !detour && !runner.busyProperty().get()) runner.execute(c);
    }

    public boolean isRecording() { return player != null && record.isSelected() && !detour; }

    /** Asked before {@link #open} drops recorded lines that were not saved, with their number; true lets it go on. */
    public void setConfirmDrop(java.util.function.IntPredicate confirm) { confirmDrop = confirm; }

    private java.util.function.IntPredicate confirmDrop = n -> true;

    /** Starts recording; with no script open, a new one that begins with a fresh machine like the current one. */
    public void startRecording() {
        if (player == null) {
            Command machine = null;
            for (Command c : runner.kernel().history()) if (c instanceof Machine) machine = c;
            open("recording.kmv", machine.text() + "\n");
            next();
        }
        record.setSelected(true);
        refresh();
    }

    private static Progress coreProgress(JobProgress p) {
        return new Progress() {
            @Override public void progress(long done, long total) { p.progress(done, total); }

            @Override public boolean cancelled() { return p.cancelled(); }
        };
    }

    /** Makes every part of the stage show the player's state. */
    public void refresh() {
        view.setOpen(player != null);
        boolean busy = runner.busyProperty().get(), open = player != null;
        for (Action a : List.of(next, previous, restart, play, blank, tryIt, record, cancelReplay)) a.setDisabled(!open || busy);
        play.setDisabled(!open || busy || playback.isPlaying() || player.atEnd());
        pause.setDisabled(!playback.isPlaying());
        next.setDisabled(!open || busy || player.atEnd());
        previous.setDisabled(!open || busy || player.cursor() == 0);
        tryIt.setDisabled(!open || busy || detour);
        if (!open) return;
        Quiz q = detour || player.stoppedAt() != null ? null : player.pendingQuiz();
        boolean quizWaits = answered == null && q != null;
        if (quizWaits) next.setDisabled(true);
        next.setLongText(quizWaits ? "Answer the quiz first: Next runs once a choice is clicked" : NEXT_HELP);
        // The status line said the step before the question ("pause"); it says what the stage waits for. "Quiz at step
        // 18" beside the timeline's "step 17 of 33" read as two counts: the quiz asks about the step that runs next.
        if (quizWaits) jobs.tell("Quiz: choose an answer on the stage, then step " + (player.cursor() + 1) + " runs");
        presenter.show(player, detour, record.isSelected(), answered != null);
        if (replay.get() && !busy && !detour) tellReplayStep();
    }

    /**
     * The status line of a replay: the step, and the trace line it reached with the event on it; at the end, the
     * summary comes before that line, which is as long as the trace made it and would push the summary out of sight.
     */
    private void tellReplayStep() {
        String where = runner.kernel().replayPartWhere();
        var summary = runner.kernel().lastReplay();
        jobs.tell(String.format("Replay step %,d of %,d: ", player.cursor(), player.size())
                + (player.cursor() == 0 || where == null ? "no line applied yet"
                        : player.atEnd() && summary != null ? summary.headline() + "; last line " + where : where));
    }

}
