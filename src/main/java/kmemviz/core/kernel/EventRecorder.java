package kmemviz.core.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.ZoneType;

/**
 * Records a command's events into parallel primitive arrays, so that recording costs no object per event;
 * {@link #events()} turns them into records when someone asks (the log, the animation, a test).
 */
public final class EventRecorder implements MmListener {
    private static final EventKind[] KINDS = EventKind.values();
    private static final ZoneType[] ZONES = ZoneType.values();
    private static final Owner[] OWNERS = Owner.values();
    private static final Watermark[] MARKS = Watermark.values();

    private byte[] kind = new byte[64], zone = new byte[64], order = new byte[64], owner = new byte[64];
    private int[] pfn = new int[64], gfp = new int[64], allocId = new int[64];
    private long[] count = new long[64];
    private final List<KernelReport> reports = new ArrayList<>();
    private final List<String> caches = new ArrayList<>();
    private int size;

    public void clear() {
        size = 0;
        reports.clear();
        caches.clear();
    }

    public int size() { return size; }

    private void add(EventKind k, ZoneType z, int p, int o, int g, Owner w, int id, long c) {
        if (size == kind.length) grow();
        kind[size] = (byte) k.ordinal();
        zone[size] = (byte) (z == null ? -1 : z.ordinal());
        pfn[size] = p;
        order[size] = (byte) o;
        gfp[size] = g;
        owner[size] = (byte) (w == null ? -1 : w.ordinal());
        allocId[size] = id;
        count[size] = c;
        size++;
    }

    private void grow() {
        int n = kind.length * 2;
        kind = Arrays.copyOf(kind, n);
        zone = Arrays.copyOf(zone, n);
        order = Arrays.copyOf(order, n);
        owner = Arrays.copyOf(owner, n);
        pfn = Arrays.copyOf(pfn, n);
        gfp = Arrays.copyOf(gfp, n);
        allocId = Arrays.copyOf(allocId, n);
        count = Arrays.copyOf(count, n);
    }

    @Override public void pagesAllocated(ZoneType z, int p, int o, int g, Owner w, int id) { add(EventKind.ALLOCATED, z, p, o, g, w, id, 0); }

    @Override public void blockTaken(ZoneType z, int p, int o) { add(EventKind.TAKEN, z, p, o, 0, null, 0, 0); }

    @Override public void pagesFreed(ZoneType z, int p, int o) { add(EventKind.FREED, z, p, o, 0, null, 0, 0); }

    @Override public void blockSplit(ZoneType z, int p, int o) { add(EventKind.SPLIT, z, p, o, 0, null, 0, 0); }

    @Override public void buddiesMerged(ZoneType z, int p, int o) { add(EventKind.MERGED, z, p, o, 0, null, 0, 0); }

    @Override public void blockQueued(ZoneType z, int p, int o, boolean tail) { add(EventKind.QUEUED, z, p, o, 0, null, 0, tail ? 1 : 0); }

    @Override public void watermarkCrossed(ZoneType z, Watermark mark, boolean below) {
        add(EventKind.WATERMARK, z, mark.ordinal(), 0, 0, null, 0, below ? 1 : 0);
    }

    @Override public void kswapdWoken(int o, ZoneType highest) { add(EventKind.KSWAPD_WOKEN, highest, 0, o, 0, null, 0, 0); }

    @Override public void pagesReclaimed(ZoneType z, long n, boolean byKswapd) { add(byKswapd ? EventKind.KSWAPD_RECLAIM : EventKind.DIRECT_RECLAIM, z, 0, 0, 0, null, 0, n); }

    @Override public void slabObjectAllocated(String cache, long address, int id) {
        add(EventKind.OBJECT_ALLOCATED, null, caches.size(), 0, 0, null, id, address);
        caches.add(cache);
    }

    @Override public void slabObjectFreed(String cache, long address, int id) {
        add(EventKind.OBJECT_FREED, null, caches.size(), 0, 0, null, id, address);
        caches.add(cache);
    }

    @Override public void pageMapped(long vaddr, int p, int shift) { add(EventKind.MAPPED, null, p, shift, 0, null, 0, vaddr); }

    @Override public void pageUnmapped(long vaddr, int p) { add(EventKind.UNMAPPED, null, p, 12, 0, null, 0, vaddr); }

    @Override public void kmapChanged(int p, long vaddr, boolean mapped) {
        add(mapped ? EventKind.KMAP : EventKind.KUNMAP, null, p, 12, 0, null, 0, vaddr);
    }

    @Override public void tlbFlushed(long start, long end, boolean full) {
        add(EventKind.TLB_FLUSH, null, 0, full ? 1 : 0, 0, null, 0, start);
    }

    @Override public void report(KernelReport r) {
        add(EventKind.REPORT, null, r.pfn(), 0, 0, null, r.allocId(), reports.size());
        reports.add(r);
    }

    public List<MmEvent> events() {
        List<MmEvent> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            EventKind k = KINDS[kind[i]];
            ZoneType z = zone[i] < 0 ? null : ZONES[zone[i]];
            Owner w = owner[i] < 0 ? null : OWNERS[owner[i]];
            Watermark mark = k == EventKind.WATERMARK ? MARKS[pfn[i]] : null;
            KernelReport r = k == EventKind.REPORT ? reports.get((int) count[i]) : null;
            boolean object = k == EventKind.OBJECT_ALLOCATED || k == EventKind.OBJECT_FREED;
            String cache = object ? caches.get(pfn[i]) : null;
            int p = k == EventKind.WATERMARK ? 0 : object ? (int) (count[i] >>> 12) : pfn[i];
            out.add(new MmEvent(k, z, p, order[i], gfp[i], w, allocId[i], count[i], mark, r, cache));
        }
        return out;
    }
}
