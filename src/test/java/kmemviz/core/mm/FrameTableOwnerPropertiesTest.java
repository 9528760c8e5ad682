package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The frame table keeps a block's owner at its head only; the other frames of a block hold whatever owner they had
 * before, and a frame in no block keeps its own. Every reader must see the owner of the frame's block: ownerCode() of
 * one frame, owners() and copyOwners() from any frame, mid-block included. Checked against a plain byte per frame,
 * after the table was cut into one random layout of blocks and frames in no block and then into another, so that the
 * second layout's blocks lie over the stale owners of the first.
 */
class FrameTableOwnerPropertiesTest {

    private static final Owner[] HELD = {Owner.PAGES, Owner.SLAB, Owner.USER, Owner.PAGE_TABLE, Owner.TASK_STACK};
    private static final Owner[] NO_BLOCK = {Owner.HOLE, Owner.RESERVED, Owner.IMPORTED};

    /** A block ({@code order} &gt;= 0) or a frame in no block (order -1); {@code pcp}: a free block on a per-CPU list. */
    record Piece(int pfn, int order, Owner owner, boolean pcp) {}

    @Property(tries = 300)
    void everyFrameReadsItsBlocksOwner(@ForAll @IntRange(min = 64, max = 300) int nrFrames, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FrameTable table = new FrameTable(nrFrames);
        List<Piece> first = layout(nrFrames, rnd);
        write(table, first);
        for (Piece p : first) if (p.order() >= 0) table.clearHead(p.pfn());
        List<Piece> second = layout(nrFrames, rnd);
        write(table, second);

        byte[] reference = new byte[nrFrames];
        for (Piece p : second) Arrays.fill(reference, p.pfn(), p.pfn() + (1 << Math.max(0, p.order())), p.owner().code());
        for (int pfn = 0; pfn < nrFrames; pfn++) assertThat(table.ownerCode(pfn)).as("owner of pfn %d", pfn).isEqualTo(reference[pfn]);
        assertThat(table.owners()).isEqualTo(reference);
        for (int i = 0; i < 20; i++) {
            int from = rnd.nextInt(nrFrames + 1), to = from + rnd.nextInt(nrFrames - from + 1);
            byte[] copy = new byte[nrFrames];
            Arrays.fill(copy, (byte) -7);
            table.copyOwners(from, to, copy);
            byte[] expected = new byte[nrFrames];
            Arrays.fill(expected, (byte) -7);
            System.arraycopy(reference, from, expected, from, to - from);
            assertThat(copy).as("owners copied from %d to %d", from, to).isEqualTo(expected);
        }
        for (Piece p : second) {
            if (p.order() < 0) {
                assertThat(table.headOrder(p.pfn())).as("pfn %d in no block", p.pfn()).isEqualTo(FrameTable.NOT_HEAD);
                continue;
            }
            assertThat(table.headOrder(p.pfn())).as("order at %s", p).isEqualTo(p.order());
            assertThat(table.onPcpList(p.pfn())).as("on a per-CPU list: %s", p).isEqualTo(p.pcp());
            boolean buddy = p.owner() == Owner.FREE && !p.pcp();
            assertThat(table.buddyOrder(p.pfn())).as("buddy order at %s", p).isEqualTo(buddy ? p.order() : -1);
            assertThat(table.isFreeHead(p.pfn(), p.order())).as("free head: %s", p).isEqualTo(buddy);
            assertThat(table.blockHead(p.pfn() + (1 << p.order()) - 1)).as("head of the last frame of %s", p).isEqualTo(p.pfn());
        }
    }

    /** Frames in no block and aligned blocks of order 0 to 5, each free, free on a per-CPU list or held. */
    private static List<Piece> layout(int nrFrames, SplittableRandom rnd) {
        List<Piece> pieces = new ArrayList<>();
        for (int pfn = 0; pfn < nrFrames; ) {
            int order = rnd.nextInt(-1, 6);
            while (order > 0 && ((pfn & ((1 << order) - 1)) != 0 || pfn + (1 << order) > nrFrames)) order--;
            Piece p = switch (order < 0 ? 3 : rnd.nextInt(3)) {
                case 0 -> new Piece(pfn, order, Owner.FREE, false);
                case 1 -> new Piece(pfn, order, Owner.FREE, true);
                case 2 -> new Piece(pfn, order, HELD[rnd.nextInt(HELD.length)], false);
                default -> new Piece(pfn, -1, NO_BLOCK[rnd.nextInt(NO_BLOCK.length)], false);
            };
            pieces.add(p);
            pfn += 1 << Math.max(0, order);
        }
        return pieces;
    }

    /** Each piece as the allocator writes it: fill() for a frame in no block, the block writes for the others. */
    private static void write(FrameTable table, List<Piece> pieces) {
        for (Piece p : pieces) {
            if (p.order() < 0) {
                table.fill(p.pfn(), 1, p.owner(), 0);
            } else if (p.owner() != Owner.FREE) {
                table.allocBlock(p.pfn(), p.order(), p.owner(), 0);
            } else {
                table.freeBlock(p.pfn(), p.order());
                if (p.pcp()) table.setPcpHead(p.pfn(), p.order());
                else table.setFreeHead(p.pfn(), p.order());
            }
        }
    }
}
