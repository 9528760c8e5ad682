package kmemviz.core.mm;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Frozen copies of the frame table's big arrays, cut into chunks of {@link #CHUNK} entries so that copies taken one
 * after another share every chunk that did not change. Commands touch the frames near the free-list heads, so a
 * checkpoint taken a few hundred commands after the previous one costs the few chunks they wrote, not the whole array,
 * and restoring one writes only the chunks that differ.
 *
 * <p>A frozen array is an {@code Object[]} of {@code byte[]} or {@code int[]} chunks, the last one possibly short.
 * Chunks are never written after they are made, so sharing them is safe.
 */
final class Chunks {
    /** 1,024 entries: one 4 KiB page of ints; finer chunks share more but cost more references per copy. */
    static final int SHIFT = 10;
    static final int CHUNK = 1 << SHIFT;

    private Chunks() {}

    /**
     * Copies {@code live} ({@code byte[]} or {@code int[]}) chunk by chunk. A chunk that {@code written} does not
     * name is equal to that of {@code base} (null: none), which is shared; so is a written chunk found equal to it.
     */
    static Object[] freeze(Object live, Object[] base, IntPredicate written) {
        int length = Array.getLength(live);
        int n = (length + CHUNK - 1) >>> SHIFT;
        Object[] out = new Object[n];
        for (int c = 0; c < n; c++) {
            int from = c << SHIFT, to = Math.min(length, from + CHUNK);
            if (base != null && (!written.test(c) || sameRange(live, from, to, base[c]))) out[c] = base[c];
            else out[c] = copyRange(live, from, to);
        }
        return out;
    }

    /**
     * Writes a frozen array into {@code into}, which has the length it was frozen from and equals {@code base} (null:
     * nothing known) except in the chunks {@code written} names: only chunks that may differ are copied.
     */
    static void thaw(Object[] chunks, Object[] base, IntPredicate written, Object into) {
        for (int c = 0; c < chunks.length; c++)
            if (base == null || written.test(c) || base[c] != chunks[c])
                System.arraycopy(chunks[c], 0, into, c << SHIFT, Array.getLength(chunks[c]));
    }

    /** Whether an int chunk holds anything but zeros. */
    static boolean anyNonZero(int[] chunk) {
        for (int v : chunk) if (v != 0) return true;
        return false;
    }

    /** A chunk's heap size: its entries and an array header. */
    static long bytes(Object chunk) {
        return 16 + (long) Array.getLength(chunk) * (chunk instanceof int[] ? Integer.BYTES : Byte.BYTES);
    }

    private static boolean sameRange(Object live, int from, int to, Object chunk) {
        if (Array.getLength(chunk) != to - from) return false;
        return live instanceof byte[] b ? Arrays.equals(b, from, to, (byte[]) chunk, 0, to - from)
                : Arrays.equals((int[]) live, from, to, (int[]) chunk, 0, to - from);
    }

    private static Object copyRange(Object live, int from, int to) {
        return live instanceof byte[] b ? Arrays.copyOfRange(b, from, to) : Arrays.copyOfRange((int[]) live, from, to);
    }
}
