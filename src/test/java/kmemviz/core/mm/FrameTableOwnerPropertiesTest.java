package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * allocBlock() and freeBlock() write the owner bytes of a small block with one masked store to its group of eight
 * frames: every frame of the block must get the owner and every other frame of the group keep its own, at any order
 * and alignment, and at the table's end when its length is not a multiple of eight. Checked against a plain byte per
 * frame written one at a time.
 */
class FrameTableOwnerPropertiesTest {

    /** One block write: its order, its index among the aligned blocks of that order, an owner (FREE for a free). */
    record Write(int order, int index, Owner owner) {}

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Write> one = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1 << 12),
                Arbitraries.of(Owner.FREE, Owner.PAGES, Owner.SLAB, Owner.USER, Owner.PAGE_TABLE)).as(Write::new);
        return one.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 500)
    void everyBlockWriteSetsExactlyItsOwnFrames(@ForAll @IntRange(min = 64, max = 200) int nrFrames, @ForAll("writes") List<Write> writes) {
        FrameTable table = new FrameTable(nrFrames);
        byte[] reference = new byte[nrFrames];
        Arrays.fill(reference, Owner.HOLE.code());
        for (Write w : writes) {
            int size = 1 << w.order();
            int pfn = w.index() % (nrFrames / size) * size;         // aligned to its order, wholly in the table
            if (w.owner() == Owner.FREE) table.freeBlock(pfn, w.order());
            else table.allocBlock(pfn, w.order(), w.owner(), 0);
            Arrays.fill(reference, pfn, pfn + size, w.owner().code());
            assertThat(table.ownersView()).as("owners after %s at pfn %d", w, pfn).isEqualTo(reference);
        }
    }
}
