package kmemviz.ui.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.KernelReport;
import kmemviz.ui.view.frames.FrameMapView;
import kmemviz.ui.view.ShownMemory;

/**
 * The one player of recorded events: it plays a command's events on the views, in order, at the chosen speed.
 * Each step applies one memory event (or batch) to {@link ShownMemory} (the map and the buddy panel follow) and
 * flashes the frames it concerns, and plays the next batch of every {@link Track} (the TLB panel's events) in
 * step with it. Speed 1 is instant (no animation). Paused, events wait for {@link #step()}. A new command
 * finishes the running animation at once. The timer runs only while events are queued and playing. The core is
 * never slowed down: it has finished the command before the first step plays.
 */
public final class Animator {
    /** Another panel's recorded events, played in step with the memory events. FX thread. */
    public interface Track {
        /** Command {@code out} is over: how many of its events this track has to play (0: nothing to animate). */
        int begin(Outcome out);

        /** Plays the next {@code n} events. */
        void step(int n);

        /** Shows the core's state: the events are played, skipped or no longer meaningful. */
        void settle();
    }

    /** Above this many events a command plays in batches, so a large one still takes a bounded time. */
    private static final int MAX_STEPS = 120;
    private final ShownMemory shown;
    private final FrameMapView map;
    private final Deque<MmEvent> queue = new ArrayDeque<>();
    private final List<Track> tracks = new ArrayList<>();
    private int[] trackPending = new int[0], trackBatch = new int[0];
    /** About one second a step: one split or merge is readable from the back row. */
    public static final double DEFAULT_SPEED = 0.22;
    /** Steps that are not the buddy allocator's (mappings, slab objects, watermarks) go by faster. */
    private static final double MINOR_STEP = 0.3;
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", DEFAULT_SPEED);
    /** {@link #playedProperty()} once a command has played out (or was skipped). */
    public static final int PLAYED_OUT = Integer.MAX_VALUE;
    private final ReadOnlyIntegerWrapper played = new ReadOnlyIntegerWrapper(this, "played", PLAYED_OUT);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused", false);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final StringProperty current = new SimpleStringProperty(this, "current", "");
    private final PauseTransition timer = new PauseTransition();
    private boolean needsFullSync;
    private int batch = 1;

    public Animator(ShownMemory shown, FrameMapView map) {
        this.shown = shown;
        this.map = map;
        timer.setOnFinished(e -> {
            step();
            if (playing.get() && !paused.get()) start();
        });
        paused.addListener((o, a, p) -> { if (p) timer.stop(); else if (!queue.isEmpty() || tracksPending()) start(); });
        speed.addListener((o, a, b) -> { if ((!queue.isEmpty() || tracksPending()) && !paused.get()) start(); });
    }

    /**
     * How many events of the latest command the views show: 0 when it starts playing, {@link #PLAYED_OUT} when it is over.
     * The log reveals its lines by it, so the text never runs ahead of the picture.
     */
    public ReadOnlyIntegerProperty playedProperty() { return played.getReadOnlyProperty(); }

    /** 0 is slowest (2.5 s a step), 1 is instant. */
    public DoubleProperty speedProperty() { return speed; }

    public BooleanProperty pausedProperty() { return paused; }

    /** True while events are queued (playing or paused mid-command). */
    public ReadOnlyBooleanProperty playingProperty() { return playing.getReadOnlyProperty(); }

    /** The event being shown, for the status bar. */
    public StringProperty currentProperty() { return current; }

    public boolean isInstant() { return speed.get() >= 0.999; }

    /** Plays {@code t}'s events with every command's from now on. */
    public void addTrack(Track t) {
        tracks.add(t);
        trackPending = Arrays.copyOf(trackPending, tracks.size());
        trackBatch = Arrays.copyOf(trackBatch, tracks.size());
    }

    /** Queues a command's events; plays them now if instant. Call {@link #finish()} first for a new command. */
    public void play(Outcome out) {
        FxThread.check();
        // Settling copies the core's counts, which already include this command: only settle an older animation.
        // The tracks keep theirs: their recording already holds this command's events after the older ones.
        if (!queue.isEmpty()) {
            shown.applyAll(queue);
            settleMemory();
            map.endSpotlight();
        }
        played.set(0);
        for (MmEvent e : out.events()) {
            queue.add(e);
            if (e.kind() == EventKind.DIRECT_RECLAIM || e.kind() == EventKind.KSWAPD_RECLAIM
                    || (e.kind() == EventKind.REPORT && e.report().kind() == KernelReport.Kind.OOM_KILL)) needsFullSync = true;
        }
        batch = batchFor(queue.size());
        int total = queue.size();
        for (int i = 0; i < tracks.size(); i++) {
            trackPending[i] = tracks.get(i).begin(out);
            trackBatch[i] = batchFor(trackPending[i]);
            total += trackPending[i];
        }
        if (isInstant() || total == 0) finish();
        else {
            playing.set(true);
            spotlightBuddySteps();
            if (!paused.get()) { step(); start(); }
            else current.set("paused: " + total + " events to step through (Step: F10)");
        }
    }

    /**
     * Zooms the map onto the blocks the queued buddy steps split, take, merge or free, for the time they play: on a
     * large machine an order-3 block is a few pixels among millions of frames. The map zooms only when that makes the
     * cells much larger, and {@link #settle} zooms back. Not for a batched command: its steps go by too fast to follow.
     */
    private void spotlightBuddySteps() {
        if (batch > 1) return;
        int lo = Integer.MAX_VALUE, hi = 0;
        for (MmEvent e : queue) {
            int size = 1 << e.order();
            switch (e.kind()) {
                case SPLIT -> { lo = Math.min(lo, e.pfn() - size); hi = Math.max(hi, e.pfn() + size); }
                case MERGED, TAKEN, QUEUED, ALLOCATED, FREED -> {
                    lo = Math.min(lo, e.pfn());
                    hi = Math.max(hi, e.pfn() + Math.max(size, e.nrPages()));
                }
                default -> { }
            }
        }
        if (lo < hi) map.spotlight(Math.max(0, lo), hi);
    }

    private static int batchFor(int events) { return Math.max(1, (events + MAX_STEPS - 1) / MAX_STEPS); }

    private boolean tracksPending() {
        for (int p : trackPending) if (p > 0) return true;
        return false;
    }

    /** Plays the next event (or batch); settles when none is left. */
    public void step() {
        if (queue.isEmpty() && !tracksPending()) { settle(); return; }
        for (int i = 0; i < tracks.size(); i++) {
            int n = Math.min(trackBatch[i], trackPending[i]);
            if (n == 0) continue;
            tracks.get(i).step(n);
            trackPending[i] -= n;
        }
        if (queue.isEmpty()) {
            int left = 0;
            for (int p : trackPending) left += p;
            current.set(left == 0 ? "" : left + " more events");
            if (left == 0 && (paused.get() || isInstant())) settle();
            return;
        }
        int lo = Integer.MAX_VALUE, hi = 0;
        boolean failure = false;
        String text = "", callout = null;
        for (int i = 0; i < batch && !queue.isEmpty(); i++) {
            MmEvent e = queue.poll();
            text = e.describe();
            int[] r = shown.apply(e);
            if (e.kind() == EventKind.SPLIT && isQueueingOf(queue.peek(), e)) {    // expand() queues the half it split off:
                shown.apply(queue.poll());                                          // one step, not a second one
                played.set(played.get() + 1);
            }
            played.set(played.get() + 1);
            if (batch == 1) callout = StepCallout.of(e, shown);
            if (e.kind() == EventKind.SPLIT && r != null) r = new int[] {e.pfn() - (1 << e.order()), e.pfn() + (1 << e.order())};
            if (e.kind() == EventKind.REPORT) {
                failure = true;
                if (e.report().pfn() >= 0) r = new int[] {e.report().pfn(), e.report().pfn() + 1};
            }
            if (r != null) { lo = Math.min(lo, r[0]); hi = Math.max(hi, r[1]); }
        }
        current.set(text + (queue.isEmpty() ? "" : "   (" + queue.size() + " more)"));
        if (lo < hi) map.flash(lo, hi, failure, callout);
        // Paused, the last step stays on screen (its call-out says where merging stopped) until the next Step settles.
        if (queue.isEmpty() && !tracksPending() && isInstant()) settle();
    }

    /** Applies whatever is queued at once and brings the views level with the core. */
    public void finish() {
        shown.applyAll(queue);
        settle();
    }

    private static boolean isQueueingOf(MmEvent next, MmEvent split) {
        return next != null && next.kind() == EventKind.QUEUED && next.pfn() == split.pfn() && next.order() == split.order();
    }

    private void settle() {
        timer.stop();
        played.set(PLAYED_OUT);
        settleMemory();
        settleTracks();
        map.flash(0, 0, false);
        map.endSpotlight();
        playing.set(false);
    }

    private void settleMemory() {
        if (needsFullSync) shown.resyncAll();
        else shown.settle();
        needsFullSync = false;
    }

    private void settleTracks() {
        Arrays.fill(trackPending, 0);
        for (Track t : tracks) t.settle();
    }

    /** Drops queued events without applying them (the state was replaced); the tracks show the core's state. */
    public void cancel() {
        queue.clear();
        played.set(PLAYED_OUT);
        timer.stop();
        needsFullSync = false;
        settleTracks();
        map.flash(0, 0, false);
        map.endSpotlight();
        playing.set(false);
    }

    /** Waits for the next step: a full step for the buddy allocator's events, a shorter one for the others. */
    private void start() {
        timer.stop();
        MmEvent next = queue.peek();
        boolean buddyStep = next != null && switch (next.kind()) {
            case SPLIT, MERGED, TAKEN, QUEUED, ALLOCATED, FREED, COMPACT_FREE_ISOLATED, COMPACT_MIGRATED, REPORT -> true;
            default -> false;
        };
        timer.setDuration(Duration.millis(stepMillis() * (buddyStep ? 1 : MINOR_STEP)));
        timer.playFromStart();
    }

    /** From 2500 ms at speed 0 down to 40 ms near 1, on a log scale so the slider feels even. */
    double stepMillis() {
        return 2500 * Math.pow(40 / 2500.0, Math.min(1, speed.get()));
    }
}
