package kmemviz.core.mm;

import java.util.Arrays;
import java.util.function.ObjLongConsumer;

/**
 * Per-frame state, one primitive array entry per pfn (the model's {@code struct page} array).
 *
 * <ul>
 *   <li>{@code owner}: an {@link Owner} code for every frame.</li>
 *   <li>{@code order}: the block order at the head frame of a free block ({@code PageBuddy} with
 *       {@code page_private}) or of an allocated block; {@link #NOT_HEAD} elsewhere.</li>
 *   <li>{@code next}/{@code prev}: the intrusive free-list links, meaningful only at free-block heads.</li>
 *   <li>{@code allocId}: the allocation a frame belongs to, 0 for none.</li>
 * </ul>
 */
public final class FrameTable {
    public static final int NO_PFN = -1;
    public static final byte NOT_HEAD = -1;

    final byte[] owner;
    final byte[] order;
    final int[] next;
    final int[] prev;
    final int[] allocId;

    FrameTable(int nrFrames) {
        owner = new byte[nrFrames];
        order = new byte[nrFrames];
        next = new int[nrFrames];
        prev = new int[nrFrames];
        allocId = new int[nrFrames];
        Arrays.fill(owner, Owner.HOLE.code());
        Arrays.fill(order, NOT_HEAD);
    }

    public int nrFrames() { return owner.length; }

    public Owner owner(int pfn) { return Owner.of(owner[pfn]); }

    public byte ownerCode(int pfn) { return owner[pfn]; }

    /** The order of the block whose head is {@code pfn}, or {@link #NOT_HEAD}. */
    public int headOrder(int pfn) { return order[pfn]; }

    public int allocId(int pfn) { return allocId[pfn]; }

    /** True for the head of a free block of exactly {@code order}: the kernel's PageBuddy + buddy_order(). */
    boolean isFreeHead(int pfn, int order) {
        return owner[pfn] == OWNER_FREE && this.order[pfn] == order;
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

    void fill(int pfn, int nrPages, Owner who, int id) {
        Arrays.fill(owner, pfn, pfn + nrPages, who.code());
        Arrays.fill(allocId, pfn, pfn + nrPages, id);
    }

    static final byte OWNER_FREE = Owner.FREE.code();

    /**
     * The whole table frozen for a checkpoint, every array as {@link Chunks}: next and prev are copied everywhere,
     * stale links included, so that a restored table is equal to this one entry for entry.
     */
    record Image(int nrFrames, Object[] owner, Object[] order, Object[] next, Object[] prev, Object[] allocId) {
        /** Every chunk with its size in bytes; images share chunks, so the same one comes from several images. */
        void forEachChunk(ObjLongConsumer<Object> action) {
            for (Object[] array : new Object[][] {owner, order, next, prev, allocId})
                for (Object chunk : array) action.accept(chunk, Chunks.bytes(chunk));
        }
    }

    /** This table frozen, sharing the chunks of {@code previous} (or null) that are unchanged. */
    Image image(Image previous) {
        boolean same = previous != null && previous.nrFrames() == nrFrames();
        return new Image(nrFrames(), Chunks.freeze(owner, same ? previous.owner() : null),
                Chunks.freeze(order, same ? previous.order() : null), Chunks.freeze(next, same ? previous.next() : null),
                Chunks.freeze(prev, same ? previous.prev() : null), Chunks.freeze(allocId, same ? previous.allocId() : null));
    }

    /**
     * A table equal to {@code image}: {@code recycled}'s arrays overwritten when it has as many frames (the table being
     * replaced, which saves allocating and zeroing tens of MiB on each undo), otherwise new ones.
     */
    static FrameTable restore(Image image, FrameTable recycled) {
        FrameTable t = recycled != null && recycled.nrFrames() == image.nrFrames() ? recycled : new FrameTable(image.nrFrames());
        Chunks.thaw(image.owner(), t.owner);
        Chunks.thaw(image.order(), t.order);
        Chunks.thaw(image.next(), t.next);
        Chunks.thaw(image.prev(), t.prev);
        Chunks.thaw(image.allocId(), t.allocId);
        return t;
    }
}
