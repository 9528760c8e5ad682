package kmemviz.core.kernel;

import java.util.List;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.ZoneType;

/** Sends each event to the recorder first, then to the registered listeners. */
record EventFanOut(EventRecorder recorder, List<MmListener> listeners) implements MmListener {
    @Override public void pagesAllocated(ZoneType z, int p, int o, int g, Owner w, int id) {
        recorder.pagesAllocated(z, p, o, g, w, id);
        for (MmListener l : listeners) l.pagesAllocated(z, p, o, g, w, id);
    }

    @Override public void blockTaken(ZoneType z, int p, int o) {
        recorder.blockTaken(z, p, o);
        for (MmListener l : listeners) l.blockTaken(z, p, o);
    }

    @Override public void pagesFreed(ZoneType z, int p, int o) {
        recorder.pagesFreed(z, p, o);
        for (MmListener l : listeners) l.pagesFreed(z, p, o);
    }

    @Override public void blockSplit(ZoneType z, int p, int o) {
        recorder.blockSplit(z, p, o);
        for (MmListener l : listeners) l.blockSplit(z, p, o);
    }

    @Override public void buddiesMerged(ZoneType z, int p, int o) {
        recorder.buddiesMerged(z, p, o);
        for (MmListener l : listeners) l.buddiesMerged(z, p, o);
    }

    @Override public void blockQueued(ZoneType z, int p, int o, boolean tail) {
        recorder.blockQueued(z, p, o, tail);
        for (MmListener l : listeners) l.blockQueued(z, p, o, tail);
    }

    @Override public void watermarkCrossed(ZoneType z, Watermark m, boolean below) {
        recorder.watermarkCrossed(z, m, below);
        for (MmListener l : listeners) l.watermarkCrossed(z, m, below);
    }

    @Override public void kswapdWoken(int o, ZoneType z) {
        recorder.kswapdWoken(o, z);
        for (MmListener l : listeners) l.kswapdWoken(o, z);
    }

    @Override public void pagesReclaimed(ZoneType z, long n, boolean k) {
        recorder.pagesReclaimed(z, n, k);
        for (MmListener l : listeners) l.pagesReclaimed(z, n, k);
    }

    @Override public void slabObjectAllocated(String cache, long address, int id) {
        recorder.slabObjectAllocated(cache, address, id);
        for (MmListener l : listeners) l.slabObjectAllocated(cache, address, id);
    }

    @Override public void slabObjectFreed(String cache, long address, int id) {
        recorder.slabObjectFreed(cache, address, id);
        for (MmListener l : listeners) l.slabObjectFreed(cache, address, id);
    }

    @Override public void pageMapped(long vaddr, int p, int shift) {
        recorder.pageMapped(vaddr, p, shift);
        for (MmListener l : listeners) l.pageMapped(vaddr, p, shift);
    }

    @Override public void pageUnmapped(long vaddr, int p) {
        recorder.pageUnmapped(vaddr, p);
        for (MmListener l : listeners) l.pageUnmapped(vaddr, p);
    }

    @Override public void kmapChanged(int p, long vaddr, boolean mapped) {
        recorder.kmapChanged(p, vaddr, mapped);
        for (MmListener l : listeners) l.kmapChanged(p, vaddr, mapped);
    }

    @Override public void tlbFlushed(long start, long end, boolean full) {
        recorder.tlbFlushed(start, end, full);
        for (MmListener l : listeners) l.tlbFlushed(start, end, full);
    }

    @Override public void report(KernelReport r) {
        recorder.report(r);
        for (MmListener l : listeners) l.report(r);
    }
}
