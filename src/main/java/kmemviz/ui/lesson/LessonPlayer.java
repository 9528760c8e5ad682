package kmemviz.ui.lesson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Expect;
import kmemviz.core.cmd.Note;
import kmemviz.core.cmd.Quiz;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.kernel.Progress;
import kmemviz.core.lesson.QuizAnswer;

/**
 * Plays a {@link LessonScript} on the kernel, one statement at a time, forwards and backwards. Plain Java, no JavaFX:
 * the window, {@code bench player} and the tests drive the same class.
 *
 * <p>Notation: step {@code i} is the i-th statement of the script; the cursor is the number of steps run, so the
 * state shown is the state after steps {@code [0, cursor)}. {@code after[i]} is the kernel's timeline position after
 * step {@code i}, known for the steps {@code [0, known)} that have run since the script was opened; {@code base} is
 * the position when it was opened. Steps that change nothing (note, expect, a refused call) leave the position as
 * it was, so {@code after[i] == after[i - 1]}.
 *
 * <p>Moves: a step that has run before is run again with {@link Kernel#redo()} (the kernel keeps the undone steps
 * for redo), so its events animate as the first time; a new one with {@link Kernel#execute}. Going back, and a jump
 * to a step that has run, is one {@link Kernel#seek}: a checkpoint and at most an interval of replayed commands,
 * whatever the length of the script. A jump past {@code known} seeks to the last known step and runs the rest.
 *
 * <p>Detours: a command that the player did not issue (the toolbar, an undo) takes the kernel off the lesson's
 * timeline. {@link #onTrack()} tells, and {@link #backToLesson()} puts back the lesson's timeline and position with
 * {@link Kernel#rollback}, from the commands the player has applied ({@code applied}), so no copy of the timeline is
 * kept per step. With recording on, the UI hands such a command to {@link #record} instead, and it becomes a line.
 *
 * <p>Single-threaded, like the kernel: the FX thread, or a background job that owns both meanwhile.
 */
public final class LessonPlayer {
    private final Kernel kernel;
    private final LessonScript script;
    private final List<Command> baseTimeline;     // the kernel's timeline up to base, as it was at opening
    private final int base;
    private final List<Command> applied = new ArrayList<>();  // the lesson's commands at positions base+1, base+2, ...
    private int[] after = new int[16];
    private Outcome.Status[] status = new Outcome.Status[16];
    private int known;
    private int cursor;
    private ScriptException stoppedAt;
    private int recordedUnsaved;    // commands recorded into the script since it was opened or saved
    private final java.util.Map<Integer, Boolean> quizRight = new java.util.HashMap<>();  // quiz step -> prediction held

    /** A quiz answered: the student's choice and the one the outcome made right. */
    public record QuizResult(Quiz quiz, String chosen, String correct) {
        public boolean right() { return chosen.equals(correct); }
    }

    /** Opens {@code script} on the kernel's current state, which step 0 starts from and Restart comes back to. */
    public LessonPlayer(Kernel kernel, LessonScript script) {
        this.kernel = kernel;
        this.script = script;
        this.base = kernel.position();
        this.baseTimeline = kernel.history();
        grow(script.steps().size());
        stoppedAt = script.steps().isEmpty() ? script.error() : null;
    }

    public Kernel kernel() { return kernel; }

    public LessonScript script() { return script; }

    public List<ScriptLine> steps() { return script.steps(); }

    /** Steps run: the state shown is the state after steps {@code [0, cursor)}. */
    public int cursor() { return cursor; }

    public int size() { return script.steps().size(); }

    public boolean atEnd() { return cursor >= size(); }

    /** The line (1-based) of the last step run, the one the views show the outcome of; 0 before the first. */
    public int currentLine() { return cursor == 0 ? 0 : steps().get(cursor - 1).line(); }

    /** Why the player stopped at the cursor (a line that failed to run, or could not be read), or null. */
    public ScriptException stoppedAt() { return stoppedAt; }

    /** How step {@code i} last ran (OK, NULL_RESULT, REFUSED, EXPECT_FAILED), or null if it has not run. */
    public Outcome.Status statusOf(int i) { return status[i]; }

    /** The text of the last note before the cursor, or null: the caption over the stage. */
    public Note caption() {
        for (int i = cursor - 1; i >= 0; i--) if (steps().get(i).command() instanceof Note n) return n;
        return null;
    }

    /** The quiz the next step asks, or null: the student answers it with {@link #answer} before the step runs. */
    public Quiz pendingQuiz() { return nextCommand() instanceof Quiz q ? q : null; }

    /**
     * Answers the pending quiz: runs it and the steps after it up to the first state-changing command, whose outcome
     * gives the answer ({@link QuizAnswer}), and keeps score. Null, and {@link #stoppedAt()} set, when a step fails
     * or the outcome has no fact the quiz asks about.
     */
    public QuizResult answer(String choice) { return answer(choice, Progress.NONE); }

    /**
     * {@link #answer(String)} with its steps reporting to {@code progress} (a large touch reports accesses done).
     * Cancelled, the player is as it was and throws CancellationException; the caller rolls the kernel back.
     */
    public QuizResult answer(String choice, Progress progress) {
        Quiz q = pendingQuiz();
        if (q == null) throw new IllegalStateException("no quiz is waiting at step " + cursor);
        if (!q.choices().contains(choice)) throw new IllegalArgumentException(choice + " is not one of " + q.choices());
        if (progress == Progress.NONE) return answerSteps(q, choice, progress);
        Saved saved = save();
        try {
            return answerSteps(q, choice, progress);
        } catch (CancellationException e) {
            restore(saved);
            throw e;
        }
    }

    private QuizResult answerSteps(Quiz q, String choice, Progress progress) {
        int quizStep = cursor;
        nextSteps(progress);
        Outcome out = null;
        while (stoppedAt == null && !atEnd()) {
            out = nextSteps(progress);
            if (out == null || stoppedAt != null || out.command().changesState()) break;
        }
        if (stoppedAt != null) return null;
        try {
            if (out == null || !out.command().changesState()) throw new IllegalArgumentException("no state-changing command follows the quiz");
            String correct = QuizAnswer.answer(q, out, kernel.profile());
            quizRight.put(quizStep, choice.equals(correct));
            return new QuizResult(q, choice, correct);
        } catch (IllegalArgumentException | IllegalStateException e) {
            ScriptLine line = steps().get(quizStep);
            stoppedAt = new ScriptException(script.name(), line.line(), line.column(), e.getMessage());
            return null;
        }
    }

    /** Predictions that held, of the quizzes answered (the last answer to each counts). */
    public int quizzesRight() { return (int) quizRight.values().stream().filter(b -> b).count(); }

    public int quizzesAnswered() { return quizRight.size(); }

    /** The quizzes of the script, answered or not. */
    public int quizzes() { return (int) steps().stream().filter(l -> l.command() instanceof Quiz).count(); }

    /** The command the next {@link #next()} runs, or null at the end. */
    public Command nextCommand() { return atEnd() ? null : steps().get(cursor).command(); }

    /**
     * The commands the next move runs: the step at the cursor (its expects only check), or with a quiz waiting the
     * steps {@link #answer} runs, up to the first that changes the state. The controller runs them in the background
     * when one of them can outlast a frame.
     */
    public List<Command> commandsOfNextMove() {
        List<Command> out = new ArrayList<>();
        for (int i = cursor; i < size(); i++) {
            Command c = steps().get(i).command();
            out.add(c);
            if (i > cursor && c.changesState() || pendingQuiz() == null) break;
        }
        return out;
    }

    /**
     * Runs the step at the cursor and the expects that follow it (they check what it did). Returns the step's
     * outcome; when a line fails to run the player stops at it with the state as before it ({@link #stoppedAt()}).
     */
    public Outcome next() { return next(Progress.NONE); }

    /**
     * {@link #next()} with the step reporting to {@code progress} (a large touch reports accesses done and stops when
     * it is cancelled). Cancelled, the player is as it was and throws CancellationException; the caller rolls the
     * kernel back, as KernelJobs does.
     */
    public Outcome next(Progress progress) {
        if (progress == Progress.NONE) return nextSteps(progress);     // nothing can cancel it: no copy of the state
        Saved saved = save();
        try {
            return nextSteps(progress);
        } catch (CancellationException e) {
            restore(saved);
            throw e;
        }
    }

    private Outcome nextSteps(Progress progress) {
        backToLesson();
        if (atEnd()) {
            stoppedAt = script.error();
            return null;
        }
        stoppedAt = null;
        Outcome main = runStep(cursor, progress);
        if (stoppedAt != null) return main;
        cursor++;
        while (!atEnd() && steps().get(cursor).command() instanceof Expect && stoppedAt == null) {
            runStep(cursor, Progress.NONE);
            if (stoppedAt == null) cursor++;
        }
        if (atEnd() && stoppedAt == null) stoppedAt = script.error();
        return main;
    }

    /** Back to the state before the last step that {@link #next()} ran (expects go back with their step). */
    public void previous() { jumpTo(previousTarget(), Progress.NONE); }

    /** Where {@link #previous()} goes: before the last step run, skipping back over its expects. */
    public int previousTarget() {
        int target = Math.max(0, cursor - 1);
        while (target > 0 && steps().get(target).command() instanceof Expect) target--;
        return target;
    }

    public void restart() { jumpTo(0, Progress.NONE); }

    /**
     * Puts the state after steps {@code [0, target)}: one seek if they have run, else a seek and the rest run in
     * order, reported to {@code progress}. Stops early at a line that fails. Cancelled, the player is as it was and
     * the caller rolls the kernel back (as KernelJobs does).
     */
    public void jumpTo(int target, Progress progress) {
        if (target < 0 || target > size()) throw new IndexOutOfBoundsException("step " + target + " is outside the script's " + size() + " steps");
        backToLesson();
        stoppedAt = null;
        if (target <= known) {
            seekBefore(target);
            cursor = target;
            return;
        }
        Saved saved = save();
        try {
            seekBefore(known);
            cursor = known;
            int from = cursor;
            while (cursor < target) {
                if (progress.cancelled()) throw new CancellationException("jump to step " + target + " cancelled at step " + cursor);
                runStep(cursor, Progress.NONE);
                if (stoppedAt != null) return;
                cursor++;
                progress.progress(cursor - from, target - from);
            }
            if (atEnd()) stoppedAt = script.error();
        } catch (CancellationException e) {
            restore(saved);
            throw e;
        }
    }

    /** The player's own state, so that a cancelled move leaves it as it was (the kernel is rolled back apart). */
    private record Saved(int cursor, int known, List<Command> applied, int[] after, Outcome.Status[] status,
                         ScriptException stoppedAt, java.util.Map<Integer, Boolean> quizRight) {}

    private Saved save() {
        return new Saved(cursor, known, List.copyOf(applied), after.clone(), status.clone(), stoppedAt, java.util.Map.copyOf(quizRight));
    }

    private void restore(Saved s) {
        cursor = s.cursor();
        known = s.known();
        applied.clear();
        applied.addAll(s.applied());
        after = s.after();
        status = s.status();
        stoppedAt = s.stoppedAt();
        quizRight.clear();
        quizRight.putAll(s.quizRight());
    }

    /** Whether the steps that {@link #jumpTo} would run exceed {@code limit}: such a jump belongs in the background. */
    public boolean newStepsTo(int target, int limit) { return target - Math.max(known, 0) > limit; }

    /** The cursor a click on {@code line} jumps to: the state after that line has run. */
    public int stepForLine(int line) { return script.stepsThrough(line); }

    /**
     * Whether the kernel stands where the lesson left it: same position, same last command, same steps to redo.
     * Checked on the neighbours of the position, which any command or undo from outside changes.
     */
    public boolean onTrack() {
        int p = positionBefore(cursor);
        if (kernel.position() != p || kernel.historySize() != base + 1 + applied.size()) return false;
        if (!Objects.equals(kernel.undoable(), p == 0 ? null : commandAt(p))) return false;
        return p + 1 >= kernel.historySize() || Objects.equals(kernel.redoable(), commandAt(p + 1));
    }

    /** Ends a detour: the lesson's timeline and position come back exactly, whatever ran meanwhile. */
    public void backToLesson() {
        if (onTrack()) return;
        List<Command> timeline = new ArrayList<>(base + 1 + applied.size());
        timeline.addAll(baseTimeline.subList(0, base + 1));
        timeline.addAll(applied);
        kernel.rollback(new Kernel.Mark(timeline, positionBefore(cursor)));
    }

    /**
     * A command that the UI ran while recording (the kernel was on the lesson at the cursor before it): it becomes a
     * line in front of the step at the cursor, and the cursor moves past it. A command that failed to run is not kept.
     */
    public void record(Outcome out) {
        if (out.status() == Outcome.Status.ERROR) return;
        Command c = out.command();
        int p = positionBefore(cursor);
        boolean changed = kernel.position() != p;
        script.insertBefore(cursor, c.text());
        grow(size());
        System.arraycopy(after, cursor, after, cursor + 1, size() - 1 - cursor);
        System.arraycopy(status, cursor, status, cursor + 1, size() - 1 - cursor);
        recordedUnsaved++;
        if (changed) {
            applied.subList(p - base, applied.size()).clear();
            applied.add(c);
            known = cursor + 1;               // the kernel dropped the steps it kept for redo
        } else if (known > cursor) known++;
        after[cursor] = kernel.position();
        status[cursor] = out.status();
        cursor++;
    }

    /**
     * Undo while recording: the line before the cursor goes out of the script and, if it changed the model, its
     * command out of the kernel's timeline (not kept for redo: it is no longer the lesson's), and the cursor moves
     * back over it. Steps after the cursor that had run run again when reached. False at step 0.
     */
    public boolean unrecord() {
        if (cursor == 0) return false;
        int i = cursor - 1, before = positionBefore(i);
        boolean changed = after[i] != before;
        script.remove(i);
        System.arraycopy(after, i + 1, after, i, size() - i);
        System.arraycopy(status, i + 1, status, i, size() - i);
        cursor = i;
        if (recordedUnsaved > 0) recordedUnsaved--;
        if (changed) {
            applied.subList(before - base, applied.size()).clear();
            known = i;                          // the later steps ran on the removed command: they run anew
        } else if (known > i) known--;
        stoppedAt = null;
        backToLesson();
        return true;
    }

    /** Lines recorded since the script was opened or last saved: what closing it without saving would lose. */
    public int recordedUnsaved() { return recordedUnsaved; }

    /** The script was written to a file: its recorded lines are kept. */
    public void markSaved() { recordedUnsaved = 0; }

    /**
     * How many commands of the kernel's history the script holds: the lesson's commands still in the history after
     * its start, less the recorded ones not saved yet. A lesson only watched (its file holds every step) leaves
     * nothing to save; a detour's commands and unsaved recorded lines are not held.
     */
    public int commandsHeld() {
        List<Command> h = kernel.history();
        int n = 0;
        while (n < applied.size() && base + 1 + n < h.size() && h.get(base + 1 + n).equals(applied.get(n))) n++;
        return Math.max(0, n - recordedUnsaved);
    }

    /**
     * Runs step {@code i}. A redo cannot report progress (the kernel's redo runs the command whole), so a cancel
     * during it is seen just after it; a new command reports and stops early.
     */
    private Outcome runStep(int i, Progress progress) {
        Command c = steps().get(i).command();
        int before = kernel.position();
        boolean redo = i < known && after[i] == before + 1;
        Outcome out = redo ? kernel.redo() : kernel.execute(c, progress);
        if (progress.cancelled()) throw new CancellationException("step " + (i + 1) + " (line " + steps().get(i).line() + ") cancelled");
        if (out.status() == Outcome.Status.ERROR) {
            ScriptLine line = steps().get(i);
            stoppedAt = new ScriptException(script.name(), line.line(), line.column(), out.message());
            return out;
        }
        if (!redo && kernel.position() != before) {
            applied.subList(before - base, applied.size()).clear();
            applied.add(c);
            known = i + 1;
        }
        after[i] = kernel.position();
        status[i] = out.status();
        if (i >= known) known = i + 1;
        return out;
    }


    private int positionBefore(int step) { return step == 0 ? base : after[step - 1]; }

    private Command commandAt(int position) {
        return position <= base ? baseTimeline.get(position) : applied.get(position - base - 1);
    }

    private void seekBefore(int step) {
        int p = positionBefore(step);
        if (kernel.position() != p) kernel.seek(p);
    }

    private void grow(int n) {
        if (n <= after.length) return;
        int len = Math.max(n, after.length * 2);
        after = Arrays.copyOf(after, len);
        status = Arrays.copyOf(status, len);
    }
}
