package kmemviz.ui.view.frames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kmemviz.core.mm.BuddyAllocator;

/**
 * One zone's free lists as the animation has them: the first {@link #SHOWN} blocks of each order's list (the
 * kernel's free_area[order].free_list, as chips in the free-area panel) and the moves of the last event, so a
 * painter can show a block leaving one list and joining another.
 *
 * <p>No event is interpreted here: after each event the frames it touched are compared with the shown copy's free
 * orders (a head pfn holds its block's order, else -1). A shown block whose order changed left its list; a head not
 * yet on its order's list joined it, at the head (where __add_to_free_list() puts a block by default). A block that
 * joins with none leaving in the same event (the upper half expand() splits off) comes from where the last block
 * left (the block taken to be split). Only the displayed prefix is kept, so an event costs its own frames plus
 * {@code NR_PAGE_ORDERS x SHOWN}; {@link #load} takes the core's lists when the animation settles.
 */
public final class FreeLists {
    /** Blocks shown per order; the rest of the list is a count. */
    public static final int SHOWN = 5;
    /** Off the lists: allocated, being split, or merged into another block. */
    public static final int OFF = -1;
    /** Above this many frames an event (a large run of pages) is not diffed; the lists catch up when it settles. */
    private static final int MAX_DIFF_FRAMES = 4096;
    private static final int NR = BuddyAllocator.NR_PAGE_ORDERS;

    /** A block's way from slot {@code fromSlot} of list {@code fromOrder} to slot {@code toSlot} of {@code toOrder}; OFF for none. */
    public record Move(int pfn, int fromOrder, int fromSlot, int toOrder, int toSlot) {}

    private final int[][] pfns = new int[NR][SHOWN];
    private final int[] len = new int[NR];
    private final long[] nrFree = new long[NR];
    private final List<Move> moves = new ArrayList<>();
    private int zoneLo, zoneHi, lastLeftOrder = OFF, lastLeftSlot = OFF;

    /** Empties the lists for the zone of frames [lo, hi). */
    public void reset(int lo, int hi) {
        zoneLo = lo;
        zoneHi = hi;
        Arrays.fill(len, 0);
        Arrays.fill(nrFree, 0);
        moves.clear();
        lastLeftOrder = lastLeftSlot = OFF;
    }

    /** The list of {@code order} as the core has it: its first blocks (at most SHOWN are kept) and its length; no moves. */
    public void load(int order, int[] firstPfns, long nrFreeBlocks) {
        len[order] = Math.min(SHOWN, firstPfns.length);
        System.arraycopy(firstPfns, 0, pfns[order], 0, len[order]);
        nrFree[order] = nrFreeBlocks;
        moves.clear();
        lastLeftOrder = lastLeftSlot = OFF;
    }

    /** Characters of the longest head pfn in the zone as a chip spells it ("0x3f0", "0x23ffff"). */
    public int pfnChars() { return String.format("0x%x", Math.max(0, zoneHi - 1)).length(); }

    /** nr_free of {@code order} as the animation has it. */
    public void setNrFree(int order, long n) { nrFree[order] = n; }

    /** After an event changed frames [lo, hi) of the shown copy, whose free orders are {@code freeOrder} (by pfn). */
    public void touched(byte[] freeOrder, int lo, int hi) {
        int from = Math.max(lo, zoneLo), to = Math.min(hi, zoneHi);
        if (from >= to || to - from > MAX_DIFF_FRAMES) return;
        moves.clear();
        int[][] before = new int[NR][];
        for (int o = 0; o < NR; o++) before[o] = Arrays.copyOf(pfns[o], len[o]);
        List<Move> left = new ArrayList<>();
        for (int o = 0; o < NR; o++) {
            len[o] = 0;
            for (int i = 0; i < before[o].length; i++) {
                int p = before[o][i];
                if (p >= from && p < to && freeOrder[p] != o) left.add(new Move(p, o, i, OFF, OFF));
                else pfns[o][len[o]++] = p;
            }
        }
        List<int[]> joined = new ArrayList<>();
        for (int p = from; p < to; p++) {
            int o = freeOrder[p];
            if (o < 0 || indexOf(o, p) >= 0) continue;
            System.arraycopy(pfns[o], 0, pfns[o], 1, Math.min(len[o], SHOWN - 1));
            pfns[o][0] = p;
            len[o] = Math.min(SHOWN, len[o] + 1);
            joined.add(new int[] {p, o});
        }
        for (int[] j : joined) {
            Move l = left.stream().filter(m -> m.pfn() == j[0]).findFirst().orElse(null);
            if (l != null) left.remove(l);
            moves.add(l != null ? new Move(j[0], l.fromOrder(), l.fromSlot(), j[1], indexOf(j[1], j[0]))
                    : new Move(j[0], lastLeftOrder, lastLeftSlot, j[1], indexOf(j[1], j[0])));
        }
        for (Move l : left) {
            moves.add(l);
            lastLeftOrder = l.fromOrder();
            lastLeftSlot = l.fromSlot();
        }
        for (int o = 0; o < NR; o++)                               // the blocks that moved up or down their own list
            for (int i = 0; i < before[o].length; i++) {
                int now = indexOf(o, before[o][i]);
                if (now >= 0 && now != i) moves.add(new Move(before[o][i], o, i, o, now));
            }
    }

    private int indexOf(int order, int pfn) {
        for (int i = 0; i < len[order]; i++) if (pfns[order][i] == pfn) return i;
        return -1;
    }

    /** How many blocks of {@code order} are shown. */
    public int shown(int order) { return len[order]; }

    /** The pfn in slot {@code slot} of the list of {@code order}. */
    public int pfn(int order, int slot) { return pfns[order][slot]; }

    public long nrFree(int order) { return nrFree[order]; }

    /** The moves of the last event. */
    public List<Move> moves() { return List.copyOf(moves); }

    /** The move of {@code pfn} into the list of {@code order} in the last event, or null if it stayed where it was. */
    public Move moveTo(int order, int pfn) {
        for (Move m : moves) if (m.pfn() == pfn && m.toOrder() == order) return m;
        return null;
    }

    /** The animation is over: no block is on its way. */
    public void clearMoves() { moves.clear(); }
}
