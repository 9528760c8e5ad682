package kmemviz.core.kernel;

import java.util.Arrays;
import kmemviz.core.vm.PageSize;
import kmemviz.core.vm.Tlb;

/**
 * The TLB events of one command as the kernel's {@link EventRecorder} recorded them, in the order the {@link Tlb}
 * reported them: parallel primitive arrays, no object per event. Read-only once the command is over; the
 * {@link Outcome} carries it so that the TLB panel plays it without listening to the TLB itself.
 *
 * <p>Event {@code i} is a {@link Kind}; {@link #tlb}, {@link #set} and {@link #way} name the entry (HIT, FILL,
 * EVICT; MISS names only the structure); {@link #address} is the entry's vpn in units of its page size (HIT, MISS,
 * FILL, EVICT) or a virtual address (FLUSH_PAGE, WALK). Apart from the events, every access's result is kept, with
 * the number of events recorded when it ended, so that a hit-rate chart can be drawn in step with the events.
 *
 * <p>A command that touches millions of pages would record tens of millions of events: beyond
 * {@value #MAX_EVENTS} the events stop ({@link #overflowed()}; the panel then shows the result at once), while
 * the access results, one byte and one int each, go on to the end.
 */
public final class TlbEvents {
    public enum Kind { HIT, MISS, FILL, EVICT, FLUSH_PAGE, FLUSH_ALL, WALK }

    /** Above this many events a command's TLB events are not kept (an animation of them could not be watched anyway). */
    public static final int MAX_EVENTS = 1 << 18;
    /** A command that used no TLB. */
    public static final TlbEvents NONE = new TlbEvents(new Builder());
    private static final Kind[] KINDS = Kind.values();
    private static final PageSize[] SIZES = PageSize.values();

    private final byte[] kind, tlb, way, size;
    private final int[] set;
    private final long[] address;
    private final int nrEvents;
    private final boolean overflowed;
    private final byte[] accessResult;
    private final int[] accessEnd;
    private final int nrAccesses;

    private TlbEvents(Builder b) {
        nrEvents = b.nrEvents;
        kind = Arrays.copyOf(b.kind, nrEvents);
        tlb = Arrays.copyOf(b.tlb, nrEvents);
        way = Arrays.copyOf(b.way, nrEvents);
        size = Arrays.copyOf(b.size, nrEvents);
        set = Arrays.copyOf(b.set, nrEvents);
        address = Arrays.copyOf(b.address, nrEvents);
        overflowed = b.overflowed;
        nrAccesses = b.nrAccesses;
        accessResult = Arrays.copyOf(b.accessResult, nrAccesses);
        accessEnd = Arrays.copyOf(b.accessEnd, nrAccesses);
    }

    /** The number of events kept. */
    public int size() { return nrEvents; }

    /** True when the command had more than {@link #MAX_EVENTS} events and the later ones were not kept. */
    public boolean overflowed() { return overflowed; }

    public Kind kind(int i) { return KINDS[kind[i]]; }

    /** The structure, an index into {@link Tlb#structures()}. */
    public int tlb(int i) { return tlb[i]; }

    public int set(int i) { return set[i]; }

    public int way(int i) { return way[i]; }

    /** The vpn (HIT, MISS, FILL, EVICT) or the virtual address (FLUSH_PAGE, WALK). */
    public long address(int i) { return address[i]; }

    /** The page size of the entry (FILL, EVICT) or of the walk's leaf (WALK); null otherwise. */
    public PageSize pageSize(int i) { return size[i] < 0 ? null : SIZES[size[i]]; }

    /** The number of accesses the command made (all of them, also past {@link #MAX_EVENTS}). */
    public int nrAccesses() { return nrAccesses; }

    /** How access {@code a} ended: {@link Tlb#L1_HIT}, {@link Tlb#STLB_HIT} or {@link Tlb#WALK}. */
    public int accessResult(int a) { return accessResult[a]; }

    /** How many events had been kept when access {@code a} ended. */
    public int accessEnd(int a) { return accessEnd[a]; }

    /** The recording in progress, reused from command to command. Thread of the command. */
    static final class Builder {
        private byte[] kind = new byte[64], tlb = new byte[64], way = new byte[64], size = new byte[64];
        private int[] set = new int[64];
        private long[] address = new long[64];
        private int nrEvents;
        private boolean overflowed;
        private byte[] accessResult = new byte[64];
        private int[] accessEnd = new int[64];
        private int nrAccesses;

        void clear() {
            nrEvents = nrAccesses = 0;
            overflowed = false;
        }

        /** What was recorded since {@link #clear()}; {@link #NONE} when nothing was. */
        TlbEvents freeze() { return nrEvents == 0 && nrAccesses == 0 && !overflowed ? NONE : new TlbEvents(this); }

        void add(Kind k, int t, int s, int w, long addr, PageSize ps) {
            if (nrEvents == MAX_EVENTS) { overflowed = true; return; }
            if (nrEvents == kind.length) {
                int n = nrEvents * 2;
                kind = Arrays.copyOf(kind, n);
                tlb = Arrays.copyOf(tlb, n);
                way = Arrays.copyOf(way, n);
                size = Arrays.copyOf(size, n);
                set = Arrays.copyOf(set, n);
                address = Arrays.copyOf(address, n);
            }
            kind[nrEvents] = (byte) k.ordinal();
            tlb[nrEvents] = (byte) t;
            set[nrEvents] = s;
            way[nrEvents] = (byte) w;
            address[nrEvents] = addr;
            size[nrEvents] = (byte) (ps == null ? -1 : ps.ordinal());
            nrEvents++;
        }

        void accessDone(int result) {
            if (nrAccesses == accessResult.length) {
                accessResult = Arrays.copyOf(accessResult, nrAccesses * 2);
                accessEnd = Arrays.copyOf(accessEnd, nrAccesses * 2);
            }
            accessResult[nrAccesses] = (byte) result;
            accessEnd[nrAccesses] = nrEvents;
            nrAccesses++;
        }
    }
}
