package kmemviz.core.mm;

import java.util.Arrays;

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
        // One loop over both arrays: most blocks are a few pages, where two Arrays.fill calls cost more in
        // range checks and loop set-up than in stores.
        byte code = who.code();
        for (int p = pfn, end = pfn + nrPages; p < end; p++) {
            owner[p] = code;
            allocId[p] = id;
        }
    }

    static final byte OWNER_FREE = Owner.FREE.code();
}
