package kmemviz.ui.control;

import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.KernelListener;
import kmemviz.core.kernel.VmState;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.kernel.TlbEvents;
import kmemviz.ui.view.tlb.TlbShown;
import kmemviz.ui.view.tlb.TlbStatsView;
import kmemviz.ui.view.tlb.TlbView;

/**
 * The TLB panel's part of the {@link Animator}: it plays the TLB events the kernel's recorder kept for a command
 * ({@link Outcome#tlbEvents()}) in step with the command's memory events, at the same speed, paused and stepped
 * with them (hits, fills, evictions and flushes visible as they happen); settling copies the core's TLB as the
 * truth. A command with too many events to keep ({@link TlbEvents#overflowed()}) shows the result at once.
 * Commands run while the views are detached (a script, Compare) are not played, but their accesses still go into
 * the hit-rate chart.
 */
public final class TlbTrack implements KernelListener, Animator.Track {
    private final Kernel kernel;
    private final TlbShown shown;
    private final TlbView view;
    private final TlbStatsView stats;
    private volatile VmState seen;
    private volatile boolean rebooted;
    private TlbEvents playing = TlbEvents.NONE;
    private int cursor;
    private Outcome begun;

    public TlbTrack(Kernel kernel, TlbShown shown, TlbView view, TlbStatsView stats) {
        this.kernel = kernel;
        this.shown = shown;
        this.view = view;
        this.stats = stats;
        seen = kernel.vm();
        kernel.addKernelListener(this);
        sync();
    }

    /** After a command: the number of its TLB events to play, or 0 when there is nothing to animate. */
    @Override public int begin(Outcome out) {
        FxThread.check();
        begun = out;
        while (cursor < playing.size()) shown.apply(playing, cursor++);   // an older command's, not played to the end
        boolean fresh = newBoot();
        playing = out.tlbEvents();
        cursor = 0;
        shown.addAccesses(playing);
        shown.closeBatch(playing.size());
        return fresh || playing.overflowed() ? 0 : playing.size();
    }

    @Override public void step(int n) {
        int end = Math.min(playing.size(), cursor + n);
        while (cursor < end) shown.apply(playing, cursor++);
        view.markDirty();
        stats.update(shown, cursor);
    }

    /** Shows the core's TLB: the animation is over, skipped, or the state was replaced. */
    @Override public void settle() {
        newBoot();
        sync();
    }

    /** True (and the chart starts again) after a new machine. */
    private boolean newBoot() {
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

    /** Shows the core's TLB and forgets the events being played. */
    public void sync() {
        shown.closeBatch(0);
        shown.syncFrom(kernel.vm().tlb());
        playing = TlbEvents.NONE;
        cursor = 0;
        view.markDirty();
        stats.update(shown);
    }

    /**
     * A command ran, heard after the {@link KernelBridge} handed it to the animator ({@link #begin}). One the
     * animator was not given ran while the views were detached, on the thread that owns the kernel: its accesses
     * go into the chart, which is plotted when the views follow again.
     */
    @Override public void commandExecuted(Outcome out) {
        if (out != begun) shown.addAccesses(out.tlbEvents());
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
}
