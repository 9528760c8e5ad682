package kmemviz.ui.control;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import kmemviz.core.kernel.EventFanOut;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.KernelListener;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.KernelReport;
import kmemviz.ui.view.AfterJob;
import kmemviz.ui.view.EventLogView;
import kmemviz.ui.view.InspectorView;
import kmemviz.ui.view.ShownCompaction;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.KernelReportPanel;

/**
 * The kernel's subscriber on the UI side: it takes each outcome onto the FX thread and hands it on in a fixed
 * order. First the views: the animator plays its events, the log writes it, the status line says what happened,
 * failures and BUG reports show in the report panel (one at a time), the inspector refreshes. Then the UI subscribers of
 * {@link #subscribe}, in subscription order: {@code commandExecuted} (or {@code stateReset}), then {@code report}
 * for each WARNING, BUG or failure report of the command. A subscriber that throws, here or on the kernel's path,
 * becomes an ERROR line in the log naming it; the others still hear the notice.
 *
 * <p>While a script runs in a Task it is detached: the log lines and reports of its outcomes are gathered on the
 * Task's thread, and added when the task hands the kernel back, with one full repaint ({@code stateReset} to the UI
 * subscribers), spread over three frames ({@link #attach}).
 */
public final class KernelBridge implements KernelListener {
    private final Kernel kernel;
    private final ShownMemory shown;
    private final Animator animator;
    private final EventLogView log;
    private final InspectorView inspector;
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    // What a background job's commands left for the views, gathered on its thread so that the hand-back only adds it.
    // Only the last lines: 10,000 commands log some 100,000, and adding them all cost the hand-back about 70 ms.
    private static final int MAX_LOG_LINES_PER_JOB = 5_000;
    private final java.util.ArrayDeque<EventLogView.Entry> logWhileDetached = new java.util.ArrayDeque<>();
    private int logLinesDropped;
    private final List<KernelReport> reportsWhileDetached = new ArrayList<>();
    private int commandsWhileDetached;
    private final List<String> failuresWhileDetached = new ArrayList<>();
    // The COMPACT_* events of the job's latest compaction run, shown (not played) when it hands the kernel back.
    private List<MmEvent> compactionWhileDetached = List.of();
    private final EventFanOut subscribers = new EventFanOut(new KernelListener() {
        @Override public void subscriberFailed(String subscriber, RuntimeException failure) { KernelBridge.this.subscriberFailed(subscriber, failure); }
    });
    private KernelReportPanel reportPanel;
    private volatile boolean detached;
    private final List<AfterJob> afterJobs = new ArrayList<>();
    // A job's AfterJob work, from detach() (FX thread) to capture() (the job's thread), and its results to attach().
    // Plain fields suffice, as for KernelJobs' captured state: the runner's executor starts the job after detach(), and
    // its hand-back to the FX thread comes after capture(); both hand-overs order the writes before the reads.
    private List<AfterJob.Work> jobWork = List.of();
    private List<AfterJob.Result> jobResults = List.of();
    private final ModelTime modelTime = new ModelTime();

    public KernelBridge(Kernel kernel, ShownMemory shown, Animator animator, EventLogView log, InspectorView inspector) {
        this.kernel = kernel;
        this.shown = shown;
        this.animator = animator;
        this.log = log;
        this.inspector = inspector;
        kernel.addKernelListener(this);
        shown.resetFrom(kernel.memory());
        animator.playedProperty().addListener((o, a, n) -> log.revealUpTo(n.intValue()));
        // The inspector shows the finished allocation when the picture has finished too, not while it still splits.
        animator.playingProperty().addListener((o, a, playing) -> { inspector.holdProperty().set(playing); });
    }

    public StringProperty statusProperty() { return status; }

    /** The FX thread's time in this bridge's hand-overs from the kernel to the views (for {@code bench fx}). */
    public ModelTime modelTime() { return modelTime; }

    /** Where the kernel's reports appear over the views; null in tests that do not want them. */
    public void setReportPanel(KernelReportPanel panel) { reportPanel = panel; }

    /** Work of a view that a job's thread does at the job's end, so that the hand-back only shows its result. */
    public void afterEveryJob(AfterJob view) { afterJobs.add(view); }

    /** Hears every command and reset after the views, on the FX thread (controllers refresh their state and texts). */
    public void subscribe(KernelListener l) { subscribers.subscribe(l); }

    @Override public void commandExecuted(Outcome out) {
        if (detached) {                        // the job's thread
            for (EventLogView.Entry line : EventLogView.entriesOf(out)) {
                logWhileDetached.addLast(line);
                if (logWhileDetached.size() > MAX_LOG_LINES_PER_JOB) { logWhileDetached.removeFirst(); logLinesDropped++; }
            }
            for (MmEvent e : out.events())
                if (e.kind() == EventKind.REPORT && e.report().kind() != KernelReport.Kind.NOTE) reportsWhileDetached.add(e.report());
            List<MmEvent> run = ShownCompaction.lastRun(out.events());
            if (!run.isEmpty()) compactionWhileDetached = run;
            commandsWhileDetached++;
            return;
        }
        FxThread.check();
        modelTime.run(() -> {
            animator.play(out);
            log.log(out, animator.playedProperty().get());
            status.set(out.message());
            for (MmEvent e : out.events())
                if (e.kind() == EventKind.REPORT && e.report().kind() != KernelReport.Kind.NOTE) notify(e.report());
            inspector.refresh();
            subscribers.commandExecuted(out);
            reported(out);
        });
    }

    @Override public void stateReset() {
        if (detached) {                        // a seek, an undo or a rollback in the job: its runs so far are gone
            compactionWhileDetached = List.of();
            return;
        }
        FxThread.check();
        modelTime.run(() -> {
            animator.cancel();
            shown.resetFrom(kernel.memory());
            inspector.refresh();
            subscribers.stateReset();
        });
    }

    /** A subscriber threw: an ERROR line in the log, or kept for {@link #attach} while a Task owns the kernel. */
    @Override public void subscriberFailed(String subscriber, RuntimeException failure) {
        String text = "internal error: " + subscriber + " failed on an event and was skipped: " + failure;
        if (detached) {
            synchronized (failuresWhileDetached) { failuresWhileDetached.add(text); }
            return;
        }
        FxThread.check();
        log.append(EventLogView.Kind.ERROR, text);
    }

    /** Hands the kernel to a Task: nothing here touches the views until {@link #attach}. */
    public void detach() {
        animator.finish();
        detached = true;
        shown.detach();
        jobWork = afterJobs.stream().map(AfterJob::beforeJob).toList();
    }

    /**
     * The views' copy of the kernel's state as the job leaves it, for {@link #attach}. Called by the job's own
     * thread at its end (after any rollback), so that the FX thread does not copy the frames; the views'
     * {@link AfterJob} work runs here too.
     */
    public ShownMemory.Capture capture() {
        jobResults = jobWork.stream().map(AfterJob.Work::compute).toList();
        return shown.capture(kernel.memory());
    }

    /**
     * The Task is over: show {@code state} (from {@link #capture()}), log what the job did, let the UI subscribers
     * refresh, then run {@code then}. FX thread. Each of the three goes in a frame of its own ({@code nextFrame}), as
     * their layouts add up: after a script of 10,000 commands on x86_64-16g the map's repaint, the log's new lines and
     * the controllers' refresh took some 50 ms of one frame together. The caller keeps the kernel's controls busy
     * until {@code release}, which runs first in the last frame, so that no command comes in between and the
     * subscribers refresh with the controls free, as they would after a command.
     */
    public void attach(ShownMemory.Capture state, java.util.function.Consumer<Runnable> nextFrame, Runnable release, Runnable then) {
        FxThread.check();
        modelTime.run(() -> {
            detached = false;
            shown.resetFrom(state);
            for (AfterJob.Result r : jobResults) r.show();
            jobResults = List.of();
            shown.showCompaction(compactionWhileDetached);   // where the job's last run left its scanners
            compactionWhileDetached = List.of();
            animator.cancel();                     // the tracks (the TLB panel) show the core's state after the task
        });
        nextFrame.accept(() -> modelTime.run(() -> {
            logDetached();
            nextFrame.accept(() -> modelTime.run(() -> {
                release.run();
                inspector.refresh();
                subscribers.stateReset();
                for (KernelReport r : reportsWhileDetached) subscribers.report(r);   // a script's reports: the views show each,
                KernelReport last = reportsWhileDetached.isEmpty() ? null : reportsWhileDetached.get(reportsWhileDetached.size() - 1);
                reportsWhileDetached.clear();  // and one pop-up says the last
                if (last != null) notify(last);
                then.run();
            }));
        }));
    }

    /** Adds what the job's commands logged while detached, and says in the status line how many ran. */
    private void logDetached() {
        if (logLinesDropped > 0)
            log.append(EventLogView.Kind.RESULT, String.format("… %,d earlier lines of this task are not shown (Save session writes every command)", logLinesDropped));
        log.appendAll(List.copyOf(logWhileDetached));
        logWhileDetached.clear();
        logLinesDropped = 0;
        synchronized (failuresWhileDetached) {
            for (String text : failuresWhileDetached) log.append(EventLogView.Kind.ERROR, text);
            failuresWhileDetached.clear();
        }
        if (commandsWhileDetached > 0) status.set(String.format("%,d command%s run", commandsWhileDetached, commandsWhileDetached == 1 ? "" : "s"));
        commandsWhileDetached = 0;
    }

    private void reported(Outcome out) {
        for (MmEvent e : out.events())
            if (e.kind() == EventKind.REPORT && e.report().kind() != KernelReport.Kind.NOTE) subscribers.report(e.report());
    }

    private void notify(KernelReport r) {
        if (reportPanel != null) reportPanel.show(r);
    }
}
