package kmemviz.ui.view;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.mm.CompactResult;
import kmemviz.core.mm.ZoneType;

/**
 * What the views show of the latest compact_zone() run, as far as its recorded events have played: where the
 * migration scanner (from the zone's start) and the free scanner (from its end) stand, the pages moved so far, the
 * last runs of moved pages, and how the run ended. {@link ShownMemory} feeds it the COMPACT_* events it replays, so
 * it lags the core exactly as the frame map does. FX thread only.
 *
 * <p>Moves are kept as a ring of the last {@link #MAX_MOVES} runs (old pfn, new pfn, pages) in int arrays: a
 * compaction of a large zone moves thousands of runs, and a picture can only show the latest few anyway.
 */
public final class ShownCompaction {
    public static final int MAX_MOVES = 48;
    private ZoneType zone;
    private int order;
    private int migratePfn = -1, freePfn = -1;
    private boolean running;
    private CompactResult result;
    private long nrMigrated, nrIsolated;
    private final int[] moveFrom = new int[MAX_MOVES], moveTo = new int[MAX_MOVES], moveNrPages = new int[MAX_MOVES];
    private int nrMoves;
    private boolean changed;

    /** Follows one replayed event; other kinds are ignored. */
    void apply(MmEvent e) {
        switch (e.kind()) {
            case COMPACT_BEGIN -> {
                zone = e.zone();
                order = e.order();
                migratePfn = e.pfn();
                freePfn = (int) e.count();
                running = true;
                result = null;
                nrMigrated = 0;
                nrIsolated = 0;
                nrMoves = 0;
            }
            case COMPACT_SCANNERS -> {
                migratePfn = e.pfn();
                freePfn = (int) e.count();
            }
            case COMPACT_FREE_ISOLATED -> nrIsolated += e.nrPages();
            case COMPACT_MIGRATED -> {
                int slot = nrMoves++ % MAX_MOVES;
                moveFrom[slot] = (int) e.count();
                moveTo[slot] = e.pfn();
                moveNrPages[slot] = e.nrPages();
                nrMigrated += e.nrPages();
            }
            case COMPACT_END -> {
                running = false;
                result = e.compactResult();
                nrMigrated = e.count();
            }
            default -> { return; }
        }
        changed = true;
    }

    /** The events of the last compact_zone() run among {@code events} (its COMPACT_* events), or none. */
    public static List<MmEvent> lastRun(List<MmEvent> events) {
        int begin = -1;
        for (int i = 0; i < events.size(); i++) if (events.get(i).kind() == EventKind.COMPACT_BEGIN) begin = i;
        if (begin < 0) return List.of();
        List<MmEvent> out = new ArrayList<>();
        for (MmEvent e : events.subList(begin, events.size())) if (e.kind().name().startsWith("COMPACT_")) out.add(e);
        return out;
    }

    /** A new machine or a replayed state: no run to show. */
    void clear() {
        zone = null;
        running = false;
        result = null;
        migratePfn = freePfn = -1;
        nrMigrated = nrIsolated = 0;
        nrMoves = 0;
        changed = true;
    }

    /** True once after each change, so that the listeners hear one notice for a batch of events. */
    boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }

    /** The zone of the latest run, or null when none ran since the machine booted (or was replayed). */
    public ZoneType zone() { return zone; }

    /** The requested order, -1 for compact_memory (a whole-zone run). */
    public int order() { return order; }

    public int migratePfn() { return migratePfn; }

    public int freePfn() { return freePfn; }

    /** Between COMPACT_BEGIN and COMPACT_END. */
    public boolean running() { return running; }

    /** How the run ended, or null while it runs (or when none ran). */
    public CompactResult result() { return result; }

    /** Pages moved so far (the core's count once the run ended). */
    public long nrMigrated() { return nrMigrated; }

    /** Pages the free scanner took off the free lists so far. */
    public long nrIsolated() { return nrIsolated; }

    /** How many runs of moved pages are kept, at most {@link #MAX_MOVES}. */
    public int nrMovesKept() { return Math.min(nrMoves, MAX_MOVES); }

    /** The {@code i}-th kept run, oldest first: its first old pfn. */
    public int moveFrom(int i) { return moveFrom[slot(i)]; }

    public int moveTo(int i) { return moveTo[slot(i)]; }

    public int moveNrPages(int i) { return moveNrPages[slot(i)]; }

    private int slot(int i) {
        if (i < 0 || i >= nrMovesKept()) throw new IndexOutOfBoundsException("move " + i + " of " + nrMovesKept());
        return (nrMoves - nrMovesKept() + i) % MAX_MOVES;
    }
}
