package kmemviz.ui.control;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.KernelListener;
import kmemviz.core.kernel.VmState;
import kmemviz.core.vm.PageSize;
import kmemviz.ui.view.tlb.TlbShown;
import kmemviz.ui.view.tlb.TlbStatsView;
import kmemviz.ui.view.tlb.TlbView;

/**
 * Plays the TLB events a command produced on the TLB panel at the animator's speed: {@link TlbShown} records
 * them while the core runs; after the command, instant speed copies the core's TLB at once, a slower speed steps
 * through them in at most {@link #MAX_STEPS} batches (hits, fills, evictions and flushes visible as they happen),
 * then copies the core's state as the truth. The timer runs only while events are queued.
 */
public final class TlbPlayer implements KernelListener {
    private static final int MAX_STEPS = 120;
    private final Kernel kernel;
    private final Animator animator;
    private final TlbShown shown;
    private final TlbView view;
    private final TlbStatsView stats;
    private final Timeline timer = new Timeline();
    private volatile VmState seen;
    private volatile boolean rebooted;
    private int cursor, batch = 1;

    public TlbPlayer(Kernel kernel, Animator animator, TlbShown shown, TlbView view, TlbStatsView stats) {
        this.kernel = kernel;
        this.animator = animator;
        this.shown = shown;
        this.view = view;
        this.stats = stats;
        timer.setCycleCount(Timeline.INDEFINITE);
        seen = kernel.vm();
        kernel.addKernelListener(this);
        sync();
    }

    /** After every command, undo or script: play what was recorded, or copy the core. */
    public void commandDone() {
        FxThread.check();
        shown.closeBatch();
        if (newVm()) {                             // a new boot (undo replays): nothing recorded is meaningful
            shown.resetPoints();
            stats.clearChart();
            sync();
            return;
        }
        if (rebooted) {                            // a script's machine line: keep what was recorded after it
            rebooted = false;
            stats.clearChart();
            sync();
            return;
        }
        int pending = shown.nrEvents() - cursor;
        if (pending <= 0 || animator.isInstant() || shown.overflowed()) { sync(); return; }
        batch = Math.max(1, (pending + MAX_STEPS - 1) / MAX_STEPS);
        timer.stop();
        timer.getKeyFrames().setAll(new KeyFrame(Duration.millis(animator.stepMillis()), e -> step()));
        timer.play();
    }

    public boolean playing() { return timer.getStatus() == javafx.animation.Animation.Status.RUNNING; }

    /** Stops any animation and shows the core's TLB. */
    public void sync() {
        timer.stop();
        shown.syncFrom(kernel.vm().tlb());
        cursor = 0;
        view.markDirty();
        stats.update(shown);
    }

    private void step() {
        int end = Math.min(shown.nrEvents(), cursor + batch);
        while (cursor < end) shown.apply(cursor++);
        view.markDirty();
        stats.update(shown, cursor);
        if (cursor >= shown.nrEvents()) sync();
    }

    /**
     * A new machine (or an undo's replay) replaced the VmState. During a script this runs on the Task's thread,
     * which owns the kernel: listening at once keeps the TLB events and the hit rate of the script's later lines.
     */
    @Override public void stateReset() {
        if (newVm()) {
            shown.resetPoints();
            rebooted = true;
        }
    }

    /** Whether the kernel booted a new VmState (a machine line, an undo's replay) since the last look. */
    private boolean newVm() {
        VmState vm = kernel.vm();
        if (vm == seen) return false;
        seen = vm;
        return true;
    }

    // The TLB's events, on the thread that runs the command: recorded by the panel's copy for the animation.

    @Override public void hit(int t, int set, int way, long vpn) { shown.hit(t, set, way, vpn); }

    @Override public void miss(int t, long vpn) { shown.miss(t, vpn); }

    @Override public void fill(int t, int set, int way, long vpn, PageSize size) { shown.fill(t, set, way, vpn, size); }

    @Override public void evict(int t, int set, int way, long vpn, PageSize size) { shown.evict(t, set, way, vpn, size); }

    @Override public void flush(long start, long end, boolean full) { shown.flush(start, end, full); }

    @Override public void walk(long vaddr, PageSize size) { shown.walk(vaddr, size); }

    @Override public void accessDone(long vaddr, int result) { shown.accessDone(vaddr, result); }
}
