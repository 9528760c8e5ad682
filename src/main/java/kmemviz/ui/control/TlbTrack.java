package kmemviz.ui.control;

import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.KernelListener;
import kmemviz.core.kernel.VmState;
import kmemviz.core.vm.PageSize;
import kmemviz.ui.view.tlb.TlbShown;
import kmemviz.ui.view.tlb.TlbStatsView;
import kmemviz.ui.view.tlb.TlbView;

/**
 * The TLB panel's part of the {@link Animator}: {@link TlbShown} records the TLB events the kernel reports while a
 * command runs, and the animator plays them in step with the command's memory events, at the same speed, paused
 * and stepped with them (hits, fills, evictions and flushes visible as they happen); settling copies the core's
 * TLB as the truth. A command with too many events to keep ({@link TlbShown#overflowed()}) shows the result at once.
 */
public final class TlbTrack implements KernelListener, Animator.Track {
    private final Kernel kernel;
    private final TlbShown shown;
    private final TlbView view;
    private final TlbStatsView stats;
    private volatile VmState seen;
    private volatile boolean rebooted;
    private int cursor;

    public TlbTrack(Kernel kernel, TlbShown shown, TlbView view, TlbStatsView stats) {
        this.kernel = kernel;
        this.shown = shown;
        this.view = view;
        this.stats = stats;
        seen = kernel.vm();
        kernel.addKernelListener(this);
        sync();
    }

    /** After a command: the number of TLB events to play, or 0 when there is nothing to animate. */
    @Override public int begin() {
        FxThread.check();
        if (newBoot()) return 0;
        int pending = shown.nrEvents() - cursor;
        return shown.overflowed() ? 0 : Math.max(0, pending);
    }

    @Override public void step(int n) {
        int end = Math.min(shown.nrEvents(), cursor + n);
        while (cursor < end) shown.apply(cursor++);
        view.markDirty();
        stats.update(shown, cursor);
    }

    /** Shows the core's TLB: the animation is over, skipped, or the state was replaced. */
    @Override public void settle() {
        newBoot();
        sync();
    }

    /** Closes the hit-rate batch of the command just run; true (and the chart starts again) after a new machine. */
    private boolean newBoot() {
        shown.closeBatch();
        VmState vm = kernel.vm();
        if (vm != seen) {                          // a new boot (undo replays): nothing recorded is meaningful
            seen = vm;
            shown.resetPoints();
            stats.clearChart();
            return true;
        }
        if (rebooted) {                            // a script's machine line: keep what was recorded after it
            rebooted = false;
            stats.clearChart();
            return true;
        }
        return false;
    }

    /** Shows the core's TLB and forgets the recorded events. */
    public void sync() {
        shown.syncFrom(kernel.vm().tlb());
        cursor = 0;
        view.markDirty();
        stats.update(shown);
    }

    /**
     * A new machine (or an undo's replay) replaced the VmState. During a script this runs on the Task's thread,
     * which owns the kernel: the chart starts again at once, so that it keeps the hit rate of the script's later lines.
     */
    @Override public void stateReset() {
        VmState vm = kernel.vm();
        if (vm != seen) {
            seen = vm;
            shown.resetPoints();
            rebooted = true;
        }
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
