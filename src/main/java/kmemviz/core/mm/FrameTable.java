package kmemviz.core.mm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Per-frame state, one primitive array entry per pfn (the model's {@code struct page} array).
 *
 * <ul>
 *   <li>{@code owner}: an {@link Owner} code for every frame.</li>
 *   <li>{@code order}: the block order at the head frame of a free block ({@code PageBuddy} with
 *       {@code page_private}) or of an allocated block; {@link #NOT_HEAD} elsewhere.</li>
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
     * Added to the order at the head of a block on a per-CPU list: its frames are FREE but it is not a buddy
     * (not PageBuddy), so page_is_buddy() and the free lists never see it.
     */
    static final byte ON_PCP = 0x40;

    final byte[] owner;
    final byte[] order;
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
        owner = new byte[nrFrames];
        order = new byte[nrFrames];
        links = new int[2 * nrFrames];
        allocId = new int[nrFrames];
        Arrays.fill(owner, Owner.HOLE.code());
        Arrays.fill(order, NOT_HEAD);
    }

    public int nrFrames() { return owner.length; }

    public Owner owner(int pfn) { return Owner.of(owner[pfn]); }

    public byte ownerCode(int pfn) { return owner[pfn]; }

    /** The order of the block whose head is {@code pfn} (free, allocated or on a per-CPU list), or {@link #NOT_HEAD}. */
    public int headOrder(int pfn) {
        int o = order[pfn];
        return o >= ON_PCP ? o - ON_PCP : o;
    }

    /** True for the head of a block on a per-CPU list: neither free in the buddy lists nor allocated. */
    public boolean onPcpList(int pfn) { return order[pfn] >= ON_PCP; }

    public int allocId(int pfn) { return allocId[pfn]; }

    /**
     * True for the head of a free block of exactly {@code order}: the kernel's PageBuddy + buddy_order(). Both tests
     * are made, with one branch on the pair: an allocated head carries its order too, so after a matching order the
     * owner test went either way, and its branch mispredicted in bench core's merge checks (about 5% of that bench).
     */
    boolean isFreeHead(int pfn, int order) {
        return this.order[pfn] == order & owner[pfn] == OWNER_FREE;
    }

    /** buddy_order() of a PageBuddy head: the order of the free block in the buddy lists headed here, else -1. */
    public int buddyOrder(int pfn) {
        int o = order[pfn];
        return owner[pfn] == OWNER_FREE && o >= 0 && o < ON_PCP ? o : -1;
    }

    /** Direct read access for painters that walk millions of frames; never written from outside the core. */
    public byte[] ownersView() { return owner; }

    public int[] allocIdsView() { return allocId; }

    /**
     * The head pfn of the block (free or allocated) containing {@code pfn}: the lowest aligned head whose order
     * covers it, found in at most NR_PAGE_ORDERS steps.
     */
    public int blockHead(int pfn) {
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
            int head = pfn & ~((1 << o) - 1);
            if (order[head] >= o) return head;
        }
        return NO_PFN;
    }

    /** Sets owner and allocation id of any range of frames, such as boot's RAM and reservations. */
    void fill(int pfn, int nrPages, Owner who, int id) {
        for (int p = pfn, end = pfn + nrPages; p < end; p++) {
            owner[p] = who.code();
            allocId[p] = id;
        }
        for (int c = pfn >>> Chunks.SHIFT, last = (pfn + nrPages - 1) >>> Chunks.SHIFT; c <= last; c++) {
            dirty[c] = true;
            if (id != 0) mayHoldIds[c] = true;
        }
    }

    /**
     * Marks a block taken off a free or per-CPU list as {@code who}'s, of allocation {@code id}. A block of order
     * &lt;= MAX_PAGE_ORDER is aligned to its size, which is at most a chunk (Chunks.SHIFT &gt;= MAX_PAGE_ORDER), so it
     * lies in one chunk and one mark covers every frame of it.
     */
    void allocBlock(int pfn, int order, Owner who, int id) {
        int end = pfn + (1 << order);
        fillOwner(pfn, order, who.code());
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
     * Marks a block FREE and naming no allocation, in one chunk as {@link #allocBlock}. Its ids are cleared only if
     * its chunk may hold any ({@code mayHoldIds}, in the cache, unlike the ids): reading the head's id first to skip
     * the stores measured no faster in `bench core`, since that read misses the cache as the stores do.
     */
    void freeBlock(int pfn, int order) {
        int end = pfn + (1 << order);
        fillOwner(pfn, order, OWNER_FREE);
        if (mayHoldIds[pfn >>> Chunks.SHIFT]) for (int p = pfn; p < end; p++) allocId[p] = 0;
        touch(pfn);
    }

    // Little-endian whatever the platform, so that byte i of an aligned group of eight is bits 8i to 8i + 7 below.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The owner bytes of a block aligned to its order. Up to order 3 the block lies in one aligned group of eight
     * frames, which is read, merged under a mask of the block's bytes and written back: one load and one store
     * whatever the order, with no branch on it. A switch on the order (one store of 1, 2, 4 or 8 bytes) mispredicted
     * on bench core's random orders 0 to 3, once per alloc and once per free: in paired runs of that bench the masked
     * write measured 5 to 15% faster (writing no owner at all, 11 to 27%). Larger blocks are filled 8 bytes at a time.
     */
    private void fillOwner(int pfn, int order, byte code) {
        long eight = (code & 0xFFL) * 0x0101010101010101L;          // the byte in each of eight lanes
        int group = pfn & ~(Long.BYTES - 1);
        if (order <= 3 && group + Long.BYTES <= owner.length) {
            long mask = (-1L >>> (Long.SIZE - (Byte.SIZE << order))) << ((pfn - group) * Byte.SIZE);
            long word = (long) LONGS.get(owner, group);
            LONGS.set(owner, group, word & ~mask | eight & mask);
        } else if (order < 3) {
            for (int p = pfn, end = pfn + (1 << order); p < end; p++) owner[p] = code;    // the table's last frames
        } else {
            for (int p = pfn, end = pfn + (1 << order); p < end; p += Long.BYTES) LONGS.set(owner, p, eight);
        }
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

    /**
     * The whole table frozen for a checkpoint, every array as {@link Chunks}: the links are copied everywhere,
     * stale links included, so that a restored table is equal to this one entry for entry.
     */
    record Image(int nrFrames, Object[] owner, Object[] order, Object[] links, Object[] allocId) {
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

        private static final int ARRAYS = 4;

        private Object[] array(int a) {
            return switch (a) {
                case 0 -> owner;
                case 1 -> order;
                case 2 -> links;
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
        Image frozen = new Image(nrFrames(), Chunks.freeze(owner, b == null ? null : b.owner(), this::isDirty),
                Chunks.freeze(order, b == null ? null : b.order(), this::isDirty),
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
        Chunks.thaw(image.owner(), b == null ? null : b.owner(), t::isDirty, t.owner);
        Chunks.thaw(image.order(), b == null ? null : b.order(), t::isDirty, t.order);
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
