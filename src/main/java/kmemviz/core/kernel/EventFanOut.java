package kmemviz.core.kernel;

import java.util.List;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.ZoneType;

/** Sends each event to every listener in order; the kernel keeps its recorder first. */
record EventFanOut(List<MmListener> listeners) implements MmListener {
    @Override public void pagesAllocated(ZoneType z, int p, int o, int g, Owner w, int id) {
        for (MmListener l : listeners) l.pagesAllocated(z, p, o, g, w, id);
    }

    @Override public void blockTaken(ZoneType z, int p, int o) {
        for (MmListener l : listeners) l.blockTaken(z, p, o);
    }

    @Override public void pagesFreed(ZoneType z, int p, int o) {
        for (MmListener l : listeners) l.pagesFreed(z, p, o);
    }

    @Override public void blockSplit(ZoneType z, int p, int o) {
        for (MmListener l : listeners) l.blockSplit(z, p, o);
    }

    @Override public void buddiesMerged(ZoneType z, int p, int o) {
        for (MmListener l : listeners) l.buddiesMerged(z, p, o);
    }

    @Override public void blockQueued(ZoneType z, int p, int o, boolean tail) {
        for (MmListener l : listeners) l.blockQueued(z, p, o, tail);
    }

    @Override public void watermarkCrossed(ZoneType z, Watermark m, boolean below) {
        for (MmListener l : listeners) l.watermarkCrossed(z, m, below);
    }

    @Override public void kswapdWoken(int o, ZoneType z) {
        for (MmListener l : listeners) l.kswapdWoken(o, z);
    }

    @Override public void pagesReclaimed(ZoneType z, long n, boolean k) {
        for (MmListener l : listeners) l.pagesReclaimed(z, n, k);
    }

    @Override public void slabObjectAllocated(String cache, long address, int id) {
        for (MmListener l : listeners) l.slabObjectAllocated(cache, address, id);
    }

    @Override public void slabObjectFreed(String cache, long address, int id) {
        for (MmListener l : listeners) l.slabObjectFreed(cache, address, id);
    }

    @Override public void pageMapped(long vaddr, int p, int shift) {
        for (MmListener l : listeners) l.pageMapped(vaddr, p, shift);
    }

    @Override public void pageUnmapped(long vaddr, int p) {
        for (MmListener l : listeners) l.pageUnmapped(vaddr, p);
    }

    @Override public void kmapChanged(int p, long vaddr, boolean mapped) {
        for (MmListener l : listeners) l.kmapChanged(p, vaddr, mapped);
    }

    @Override public void tlbFlushed(long start, long end, boolean full) {
        for (MmListener l : listeners) l.tlbFlushed(start, end, full);
    }

    @Override public void report(KernelReport r) {
        for (MmListener l : listeners) l.report(r);
    }
}
