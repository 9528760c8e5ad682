package kmemviz.core.mm;

import java.util.Arrays;
import java.util.List;

/**
 * Per-frame state, one primitive array entry per pfn (the model's {@code struct page} array).
 *
 * <ul>
 *   <li>{@code state}: one byte per frame, an owner in the high nibble and an order in the low one. The order is
 *       the block order at the head frame of a free block ({@code PageBuddy} with {@code page_private}), of an
 *       allocated block or of a block on a per-CPU list, and {@link #NO_ORDER} elsewhere. The owner is the block's,
 *       kept at its head only, as the order is: the other frames of a block hold a stale owner that no reader
 *       sees ({@link #ownerCode} resolves a frame through its block's head). A frame in no block, such as a hole,
 *       a reserved frame or an imported one, keeps its own owner. A block on a per-CPU list has the owner
 *       {@link #PCP_OWNER}: its frames are FREE, but it is not PageBuddy.</li>
 *   <li>{@code links}: the intrusive free-list links, meaningful only at free-block heads: next at
 *       {@link #nextSlot}, prev beside it at {@link #prevSlot}, so that unlinking a block reads one cache line.</li>
 *   <li>{@code allocId}: the allocation a frame belongs to, 0 for none.</li>
 * </ul>
 *
 * <p>For checkpoints the table remembers the last {@link Image} it was frozen into or restored from ({@code base}) and
 * which {@link Chunks chunks} of {@code Chunks.CHUNK} frames were written since ({@code dirty}, one boolean per chunk), so
 * that freezing copies only written chunks and restoring writes only the chunks that differ. Every write to the arrays
 * therefore goes with {@link #touch}.
 */
public final class FrameTable {
    public static final int NO_PFN = -1;
    public static final byte NOT_HEAD = -1;
    /**
     * Added to the order at the head of a block on a per-CPU list by {@link #order}: its frames are FREE but it is
     * not a buddy (not PageBuddy), so page_is_buddy() and the free lists never see it.
     */
    static final byte ON_PCP = 0x40;

    /*
     * Why one byte per frame, owner at the head only: freeing a random old block in `bench core` wrote the owner
     * byte of every frame of it (a read-modify-write of a group of eight, which missed the cache: 8% of that bench's
     * samples) and then read its buddy's order and owner from two arrays. Now a free writes one byte and the merge
     * test reads one, as the kernel's PageBuddy and page_private sit in one struct page. In paired runs of that bench
     * (one JVM, 20 alternated rounds) this measured 22% faster than an owner byte per frame beside an order array;
     * the owner at the head only but in its own array 13% faster; owner and order in two bytes side by side, still
     * written for every frame, 2 to 5% slower (twice the bytes per frame to bring into the cache).
     */
    final byte[] state;
    /** The order nibble of a frame that heads no block. */
    static final int NO_ORDER = 0xF;
    /** The owner nibble of the head of a block on a per-CPU list. */
    static final int PCP_OWNER = 0xF;
    final int[] links;
    final int[] allocId;
    // dirty[c]: chunk c was written since the table last equalled base. A boolean, not a bit, so that marking is one
    // store with no load: a few KiB for millions of frames, and touch() runs several times per allocation.
    private final boolean[] dirty;
    // mayHoldIds[c]: some frame of chunk c may name an allocation; false only when every allocId of the chunk is 0.
    // Set with every id written, cleared only where a whole chunk is known (restore), so that freeing a block in a
    // chunk without ids skips the id stores: they would miss the cache (the id array is the table's largest after
    // the links) to write the zeros that are already there. Blocks of the bare page allocator name no allocation.
    private final boolean[] mayHoldIds;
    private Image base;           // null until the first freeze or restore: then every chunk counts as written

    FrameTable(int nrFrames) {
        dirty = new boolean[(nrFrames + Chunks.CHUNK - 1) >>> Chunks.SHIFT];
        mayHoldIds = new boolean[dirty.length];
        state = new byte[nrFrames];
        links = new int[2 * nrFrames];
        allocId = new int[nrFrames];
        Arrays.fill(state, entry(Owner.HOLE.code(), NO_ORDER));
    }

    private static byte entry(int owner, int order) { return (byte) (owner << 4 | order); }

    private static int ownerNibble(byte entry) { return (entry & 0xFF) >>> 4; }

    private static int orderNibble(byte entry) { return entry & NO_ORDER; }

    public int nrFrames() { return state.length; }

    public Owner owner(int pfn) { return Owner.of(ownerCode(pfn)); }

    /** The owner of {@code pfn}: its block's, kept at the block's head, or its own when it is in no block. */
    public byte ownerCode(int pfn) {
        int head = blockHead(pfn);
        return headOwner(state[head == NO_PFN ? pfn : head]);
    }

    /**
     * The owner in {@code pfn}'s own entry, for a walk that goes block by block: its block's at a head, its own for
     * a frame in no block, stale for the other frames of a block.
     */
    byte entryOwner(int pfn) { return headOwner(state[pfn]); }

    /** The owner an entry names for its frames: FREE for a block on a per-CPU list. */
    private static byte headOwner(byte entry) {
        int who = ownerNibble(entry);
        return who == PCP_OWNER ? OWNER_FREE : (byte) who;
    }

    /** The order byte as it reads: an order, ON_PCP plus an order on a per-CPU list, or NOT_HEAD. */
    byte order(int pfn) {
        byte e = state[pfn];
        int o = orderNibble(e);
        return o == NO_ORDER ? NOT_HEAD : (byte) (ownerNibble(e) == PCP_OWNER ? ON_PCP + o : o);
    }

    /** Makes {@code pfn} the head of a free block of {@code order} (PageBuddy, when it is on a free list). */
    void setFreeHead(int pfn, int order) { state[pfn] = entry(OWNER_FREE, order); }

    /** Makes {@code pfn} the head of a block of {@code order} on a per-CPU list. */
    void setPcpHead(int pfn, int order) { state[pfn] = entry(PCP_OWNER, order); }

    /** Makes {@code pfn} the head of a block of {@code order} that {@code who} holds. */
    void setHead(int pfn, int order, Owner who) { state[pfn] = entry(who.code(), order); }

    /** {@code pfn} heads no block any more: it is inside a merged block, or its block is being freed. */
    void clearHead(int pfn) { state[pfn] |= NO_ORDER; }

    /** The order of the block whose head is {@code pfn} (free, allocated or on a per-CPU list), or {@link #NOT_HEAD}. */
    public int headOrder(int pfn) {
        int o = orderNibble(state[pfn]);
        return o == NO_ORDER ? NOT_HEAD : o;
    }

    /** True for the head of a block on a per-CPU list: neither free in the buddy lists nor allocated. */
    public boolean onPcpList(int pfn) {
        byte e = state[pfn];
        return ownerNibble(e) == PCP_OWNER && orderNibble(e) != NO_ORDER;
    }

    public int allocId(int pfn) { return allocId[pfn]; }

    /**
     * True for the head of a free block of exactly {@code order}: the kernel's PageBuddy + buddy_order(). Owner and
     * order are one byte, so both are tested with one compare: an allocated head carries its order too, and a
     * separate owner test after a matching order went either way and mispredicted in bench core's merge checks.
     */
    boolean isFreeHead(int pfn, int order) {
        return state[pfn] == entry(OWNER_FREE, order);
    }

    /** buddy_order() of a PageBuddy head: the order of the free block in the buddy lists headed here, else -1. */
    public int buddyOrder(int pfn) {
        byte e = state[pfn];
        int o = orderNibble(e);
        return ownerNibble(e) == OWNER_FREE && o != NO_ORDER ? o : -1;
    }

    /**
     * Copies the owners of frames {@code from} to {@code to} (exclusive) into {@code into} at the same pfns, a piece
     * at a time: only the first frame may lie inside a block (found through its head); after it, each step skips a
     * whole block or a run of frames in no block with one owner, so every frame it reaches is a head or in no block.
     * Neighbouring pieces of one owner are filled together: most of a machine is a few long runs (free order-10
     * blocks, a hole), so the first copy, before the JIT has compiled anything, makes a few long fills, not one per
     * block of 1,024 frames.
     */
    public void copyOwners(int from, int to, byte[] into) {
        if (from >= to) return;
        int head = blockHead(from);
        int p = head == NO_PFN ? from : head, runFrom = from;
        byte run = headOwner(state[p]);
        while (p < to) {
            byte e = state[p];
            int end;
            if (orderNibble(e) == NO_ORDER) {
                // frames in no block with this entry: a vectorized compare of the table with itself one frame on
                int same = p + 1 < to ? Arrays.mismatch(state, p, to - 1, state, p + 1, to) : 0;
                end = same < 0 ? to : p + same + 1;
            } else {
                end = p + (1 << orderNibble(e));
            }
            byte who = headOwner(e);
            if (who != run) {
                fill(into, runFrom, p, run);
                runFrom = p;
                run = who;
            }
            p = end;
        }
        fill(into, runFrom, to, run);
    }

    /**
     * Arrays.fill() by doubling copies: the first copy of a machine's owners runs before the JIT has compiled the
     * fill loop, and interpreted it stored one byte at a time (some 25 ms for x86_64-16g's 4.4 million frames, against
     * 0.5 ms compiled); arraycopy is native from the start.
     */
    private static void fill(byte[] a, int from, int to, byte v) {
        if (from >= to) return;
        a[from] = v;
        for (int n = 1; n < to - from; n <<= 1) System.arraycopy(a, from, a, from + n, Math.min(n, to - from - n));
    }

    /** Every frame's owner, a copy indexed by pfn. */
    public byte[] owners() {
        byte[] out = new byte[nrFrames()];
        copyOwners(0, out.length, out);
        return out;
    }

    public int[] allocIdsView() { return allocId; }

    /**
     * The head pfn of the block (free or allocated) containing {@code pfn}: the lowest aligned head whose order
     * covers it, found in at most NR_PAGE_ORDERS steps.
     */
    public int blockHead(int pfn) {
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
            int head = pfn & ~((1 << o) - 1);
            int k = orderNibble(state[head]);
            if (k != NO_ORDER && k >= o) return head;
        }
        return NO_PFN;
    }

    /**
     * Sets owner and allocation id of any range of frames in no block, such as boot's RAM and reservations, or the
     * pages compaction isolates: each frame keeps its own owner.
     */
    void fill(int pfn, int nrPages, Owner who, int id) {
        byte e = entry(who.code(), NO_ORDER);
        for (int p = pfn, end = pfn + nrPages; p < end; p++) {
            state[p] = e;
            allocId[p] = id;
        }
        for (int c = pfn >>> Chunks.SHIFT, last = (pfn + nrPages - 1) >>> Chunks.SHIFT; c <= last; c++) {
            dirty[c] = true;
            if (id != 0) mayHoldIds[c] = true;
        }
    }

    /**
     * Marks a block taken off a free or per-CPU list (or imported frames) as the head of {@code who}'s block of
     * {@code order}, of allocation {@code id}. A block of order &lt;= MAX_PAGE_ORDER is aligned to its size, which is
     * at most a chunk (Chunks.SHIFT &gt;= MAX_PAGE_ORDER), so it lies in one chunk and one mark covers every frame of it.
     */
    void allocBlock(int pfn, int order, Owner who, int id) {
        int end = pfn + (1 << order);
        setHead(pfn, order, who);
        // Free frames name no allocation (InvariantChecker checks it), so a block without one, such as the bare page
        // allocator's, leaves its ids as they are.
        if (id != 0) {
            for (int p = pfn; p < end; p++) allocId[p] = id;
            mayHoldIds[pfn >>> Chunks.SHIFT] = true;
        }
        touch(pfn);
    }

    /** Sets one frame's allocation id (0 for none), as page migration moves it to the new frame. */
    void setAllocId(int pfn, int id) {
        allocId[pfn] = id;
        if (id != 0) mayHoldIds[pfn >>> Chunks.SHIFT] = true;
        touch(pfn);
    }

    /**
     * Marks a block FREE and naming no allocation, in one chunk as {@link #allocBlock}: its head, left heading
     * nothing, for the caller to queue the block (on a free list after merging, or on a per-CPU list), whose head's
     * entry then names it FREE for every frame of it. Its ids are cleared only if
     * its chunk may hold any ({@code mayHoldIds}, in the cache, unlike the ids): reading the head's id first to skip
     * the stores measured no faster in `bench core`, since that read misses the cache as the stores do.
     */
    void freeBlock(int pfn, int order) {
        int end = pfn + (1 << order);
        state[pfn] = FREE_NOT_HEAD;
        if (mayHoldIds[pfn >>> Chunks.SHIFT]) for (int p = pfn; p < end; p++) allocId[p] = 0;
        touch(pfn);
    }

    /** The index in {@code links} of the next block after {@code pfn} on its free list. */
    static int nextSlot(int pfn) { return pfn << 1; }

    /** The index in {@code links} of the block before {@code pfn} on its free list. */
    static int prevSlot(int pfn) { return pfn << 1 | 1; }

    int next(int pfn) { return links[nextSlot(pfn)]; }

    int prev(int pfn) { return links[prevSlot(pfn)]; }

    /** Marks the chunk of {@code pfn} as written; a few instructions, so the hot path can afford it. */
    void touch(int pfn) {
        dirty[pfn >>> Chunks.SHIFT] = true;
    }

    /** links has two entries per frame, so its chunk c holds frames of the table's chunk c / 2. */
    private boolean isLinksChunkDirty(int chunk) { return isDirty(chunk >>> 1); }

    private boolean isDirty(int chunk) { return base == null || dirty[chunk]; }

    static final byte OWNER_FREE = Owner.FREE.code();
    private static final byte FREE_NOT_HEAD = entry(OWNER_FREE, NO_ORDER);

    static {
        if (Owner.values().length > PCP_OWNER) throw new AssertionError("an owner code must fit a nibble below PCP_OWNER");
    }

    /**
     * The whole table frozen for a checkpoint, every array as {@link Chunks}: the links are copied everywhere,
     * stale links included, so that a restored table is equal to this one entry for entry.
     */
    record Image(int nrFrames, Object[] state, Object[] links, Object[] allocId) {
        /**
         * The bytes of the distinct chunks of {@code images}, each counted once however many images share it. Shared
         * chunks sit at the same position, so each position is scanned across the images, without hashing: a few
         * reference compares per position, since images next to each other share most chunks.
         */
        static long distinctBytes(List<Image> images) {
            long bytes = 0;
            Object[] distinct = new Object[images.size()];
            for (int a = 0; a < ARRAYS; a++) {
                int positions = 0;
                for (Image i : images) positions = Math.max(positions, i.array(a).length);
                for (int c = 0; c < positions; c++) {
                    int n = 0;
                    for (Image i : images) {
                        Object[] array = i.array(a);
                        if (c >= array.length || (n > 0 && distinct[n - 1] == array[c])) continue;
                        if (!contains(distinct, n, array[c])) {
                            distinct[n++] = array[c];
                            bytes += Chunks.bytes(array[c]);
                        }
                    }
                }
            }
            return bytes;
        }

        private static final int ARRAYS = 3;

        private Object[] array(int a) {
            return switch (a) {
                case 0 -> state;
                case 1 -> links;
                default -> allocId;
            };
        }

        private static boolean contains(Object[] items, int n, Object x) {
            for (int i = 0; i < n; i++) if (items[i] == x) return true;
            return false;
        }
    }

    /** This table frozen: the chunks not written since the last freeze or restore are shared with that image. */
    Image image() {
        Image b = base;
        Image frozen = new Image(nrFrames(), Chunks.freeze(state, b == null ? null : b.state(), this::isDirty),
                Chunks.freeze(links, b == null ? null : b.links(), this::isLinksChunkDirty),
                Chunks.freeze(allocId, b == null ? null : b.allocId(), this::isDirty));
        equalNow(frozen);
        return frozen;
    }

    /**
     * A table equal to {@code image}. {@code recycled} (or null), the table being replaced, is reused when it has as
     * many frames, and then only its chunks that differ from the image are written: those written since its base, and
     * those where its base and the image hold different chunks (equal chunks are the same array).
     */
    static FrameTable restore(Image image, FrameTable recycled) {
        FrameTable t = recycled != null && recycled.nrFrames() == image.nrFrames() ? recycled : new FrameTable(image.nrFrames());
        Image b = t.base;
        Chunks.thaw(image.state(), b == null ? null : b.state(), t::isDirty, t.state);
        Chunks.thaw(image.links(), b == null ? null : b.links(), t::isLinksChunkDirty, t.links);
        Chunks.thaw(image.allocId(), b == null ? null : b.allocId(), t::isDirty, t.allocId);
        for (int c = 0; c < t.mayHoldIds.length; c++)
            if (b == null || t.isDirty(c) || b.allocId()[c] != image.allocId()[c]) t.mayHoldIds[c] = Chunks.anyNonZero((int[]) image.allocId()[c]);
        t.equalNow(image);
        return t;
    }

    private void equalNow(Image image) {
        base = image;
        Arrays.fill(dirty, false);
    }
}
