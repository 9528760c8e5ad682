package kmemviz.core.kernel;

import java.util.Arrays;
import kmemviz.core.cmd.Command;
import kmemviz.core.mm.CompactResult;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.ZoneType;
import kmemviz.core.vm.PageSize;

/**
 * Delivers each event and notice to a fixed first listener (the kernel's {@link EventRecorder}), then to every
 * subscriber in subscription order. A subscriber that throws is caught: the others hear
 * {@link KernelListener#subscriberFailed} naming it, and it still gets the next event. Only a command issued
 * from a listener ({@link ReentrantCommandException}) goes through, since that is a bug the caller must see.
 *
 * <p>Subscribers sit in an array replaced on each change, so delivering an event allocates nothing (no iterator)
 * and a subscriber may subscribe or leave while an event is being delivered.
 */
public final class EventFanOut implements KernelListener {
    private final KernelListener first;
    private volatile KernelListener[] subscribers = new KernelListener[0];

    /** {@code first} hears everything before the subscribers and is trusted not to throw. */
    public EventFanOut(KernelListener first) { this.first = first; }

    public synchronized void subscribe(KernelListener l) {
        KernelListener[] s = Arrays.copyOf(subscribers, subscribers.length + 1);
        s[s.length - 1] = l;
        subscribers = s;
    }

    public synchronized void unsubscribe(KernelListener l) {
        KernelListener[] s = subscribers;
        for (int i = 0; i < s.length; i++) {
            if (s[i] != l) continue;
            KernelListener[] t = new KernelListener[s.length - 1];
            System.arraycopy(s, 0, t, 0, i);
            System.arraycopy(s, i + 1, t, i, s.length - i - 1);
            subscribers = t;
            return;
        }
    }

    private void failed(KernelListener who, RuntimeException e) {
        if (e instanceof ReentrantCommandException) throw e;
        String name = String.valueOf(who);
        first.subscriberFailed(name, e);
        for (KernelListener l : subscribers) {
            if (l == who) continue;
            try {
                l.subscriberFailed(name, e);
            } catch (RuntimeException ignored) {
                // A subscriber that cannot hear of a failure is not reported again: that could go round forever.
            }
        }
    }

    // ---- MmListener ----

    @Override public void pagesAllocated(ZoneType z, int p, int o, int g, Owner w, int id) {
        first.pagesAllocated(z, p, o, g, w, id);
        for (KernelListener l : subscribers) try { l.pagesAllocated(z, p, o, g, w, id); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void blockTaken(ZoneType z, int p, int o) {
        first.blockTaken(z, p, o);
        for (KernelListener l : subscribers) try { l.blockTaken(z, p, o); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void pagesFreed(ZoneType z, int p, int o) {
        first.pagesFreed(z, p, o);
        for (KernelListener l : subscribers) try { l.pagesFreed(z, p, o); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void blockSplit(ZoneType z, int p, int o) {
        first.blockSplit(z, p, o);
        for (KernelListener l : subscribers) try { l.blockSplit(z, p, o); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void buddiesMerged(ZoneType z, int p, int o) {
        first.buddiesMerged(z, p, o);
        for (KernelListener l : subscribers) try { l.buddiesMerged(z, p, o); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void blockQueued(ZoneType z, int p, int o, boolean tail) {
        first.blockQueued(z, p, o, tail);
        for (KernelListener l : subscribers) try { l.blockQueued(z, p, o, tail); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void pageblockTypeChanged(ZoneType z, int p, int o, MigrateType from, MigrateType to) {
        first.pageblockTypeChanged(z, p, o, from, to);
        for (KernelListener l : subscribers) try { l.pageblockTypeChanged(z, p, o, from, to); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void pcpAdded(ZoneType z, int cpu, int p, int o, int pindex) {
        first.pcpAdded(z, cpu, p, o, pindex);
        for (KernelListener l : subscribers) try { l.pcpAdded(z, cpu, p, o, pindex); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void pcpRemoved(ZoneType z, int cpu, int p, int o, int pindex) {
        first.pcpRemoved(z, cpu, p, o, pindex);
        for (KernelListener l : subscribers) try { l.pcpRemoved(z, cpu, p, o, pindex); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void watermarkCrossed(ZoneType z, Watermark m, boolean below) {
        first.watermarkCrossed(z, m, below);
        for (KernelListener l : subscribers) try { l.watermarkCrossed(z, m, below); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void watermarkBoostRemoved(ZoneType z, long removed, long left) {
        first.watermarkBoostRemoved(z, removed, left);
        for (KernelListener l : subscribers) try { l.watermarkBoostRemoved(z, removed, left); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void kswapdWoken(int o, ZoneType z) {
        first.kswapdWoken(o, z);
        for (KernelListener l : subscribers) try { l.kswapdWoken(o, z); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void pagesReclaimed(ZoneType z, long n, boolean k) {
        first.pagesReclaimed(z, n, k);
        for (KernelListener l : subscribers) try { l.pagesReclaimed(z, n, k); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void compactionBegin(ZoneType z, int o, int m, int f) {
        first.compactionBegin(z, o, m, f);
        for (KernelListener l : subscribers) try { l.compactionBegin(z, o, m, f); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void compactionScanners(ZoneType z, int m, int f) {
        first.compactionScanners(z, m, f);
        for (KernelListener l : subscribers) try { l.compactionScanners(z, m, f); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void freePageIsolated(ZoneType z, int p, int o) {
        first.freePageIsolated(z, p, o);
        for (KernelListener l : subscribers) try { l.freePageIsolated(z, p, o); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void pageMigrated(ZoneType z, int from, int to, Owner w, int id) {
        first.pageMigrated(z, from, to, w, id);
        for (KernelListener l : subscribers) try { l.pageMigrated(z, from, to, w, id); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void compactionEnd(ZoneType z, int o, CompactResult r, int n) {
        first.compactionEnd(z, o, r, n);
        for (KernelListener l : subscribers) try { l.compactionEnd(z, o, r, n); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void kcompactdWoken(int o, ZoneType z) {
        first.kcompactdWoken(o, z);
        for (KernelListener l : subscribers) try { l.kcompactdWoken(o, z); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void slabObjectAllocated(String cache, long address, int id) {
        first.slabObjectAllocated(cache, address, id);
        for (KernelListener l : subscribers) try { l.slabObjectAllocated(cache, address, id); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void slabObjectFreed(String cache, long address, int id) {
        first.slabObjectFreed(cache, address, id);
        for (KernelListener l : subscribers) try { l.slabObjectFreed(cache, address, id); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void pageMapped(long vaddr, int p, int shift) {
        first.pageMapped(vaddr, p, shift);
        for (KernelListener l : subscribers) try { l.pageMapped(vaddr, p, shift); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void pageUnmapped(long vaddr, int p) {
        first.pageUnmapped(vaddr, p);
        for (KernelListener l : subscribers) try { l.pageUnmapped(vaddr, p); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void kmapChanged(int p, long vaddr, boolean mapped) {
        first.kmapChanged(p, vaddr, mapped);
        for (KernelListener l : subscribers) try { l.kmapChanged(p, vaddr, mapped); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void tlbFlushed(long start, long end, boolean full) {
        first.tlbFlushed(start, end, full);
        for (KernelListener l : subscribers) try { l.tlbFlushed(start, end, full); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void report(KernelReport r) {
        first.report(r);
        for (KernelListener l : subscribers) try { l.report(r); } catch (RuntimeException e) { failed(l, e); }
    }

    // ---- TlbListener ----

    @Override public void hit(int t, int set, int way, long vpn) {
        first.hit(t, set, way, vpn);
        for (KernelListener l : subscribers) try { l.hit(t, set, way, vpn); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void miss(int t, long vpn) {
        first.miss(t, vpn);
        for (KernelListener l : subscribers) try { l.miss(t, vpn); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void fill(int t, int set, int way, long vpn, PageSize size) {
        first.fill(t, set, way, vpn, size);
        for (KernelListener l : subscribers) try { l.fill(t, set, way, vpn, size); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void evict(int t, int set, int way, long vpn, PageSize size) {
        first.evict(t, set, way, vpn, size);
        for (KernelListener l : subscribers) try { l.evict(t, set, way, vpn, size); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void flush(long start, long end, boolean full) {
        first.flush(start, end, full);
        for (KernelListener l : subscribers) try { l.flush(start, end, full); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void walk(long vaddr, PageSize size) {
        first.walk(vaddr, size);
        for (KernelListener l : subscribers) try { l.walk(vaddr, size); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void accessDone(long vaddr, int result) {
        first.accessDone(vaddr, result);
        for (KernelListener l : subscribers) try { l.accessDone(vaddr, result); } catch (RuntimeException e) { failed(l, e); }
    }

    // ---- command-level notices ----

    @Override public void commandExecuted(Outcome out) {
        first.commandExecuted(out);
        for (KernelListener l : subscribers) try { l.commandExecuted(out); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void undone(Command c) {
        first.undone(c);
        for (KernelListener l : subscribers) try { l.undone(c); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void stateReset() {
        first.stateReset();
        for (KernelListener l : subscribers) try { l.stateReset(); } catch (RuntimeException e) { failed(l, e); }
    }

    @Override public void subscriberFailed(String subscriber, RuntimeException failure) {
        first.subscriberFailed(subscriber, failure);
        for (KernelListener l : subscribers) try { l.subscriberFailed(subscriber, failure); } catch (RuntimeException ignored) { }
    }
}
