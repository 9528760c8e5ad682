package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An image shares every chunk the table did not mark as written with the image before it, so a write without its mark
 * leaves a stale chunk in the image. The machine has hundreds of chunks (the classroom machine has one, where no mark
 * can be missed), and free-list neighbours of a block lie in other chunks than the block itself.
 */
class FrameTableTest {

    @Test
    void aBuddyBlockFitsInOneChunk() {
        // allocBlock() and freeBlock() mark one chunk for a whole block, which holds while every order's block is at most a chunk.
        assertThat(1 << BuddyAllocator.MAX_PAGE_ORDER).isLessThanOrEqualTo(Chunks.CHUNK);
    }

    @Test
    void everyImageEqualsTheTableItWasTakenFrom() {
        PhysicalMemory mem = new PhysicalMemory(Profiles.builtIn("i386-1g"));
        int[] pfn = new int[1_024], order = new int[pfn.length];
        Arrays.fill(pfn, FrameTable.NO_PFN);
        SplittableRandom rnd = new SplittableRandom(7);
        FrameTable frozen = FrameTable.restore(mem.frames().image(), null);
        // A few operations per image, so that few chunks are marked and a missing mark is not hidden by another.
        for (int round = 0; round < 3_000; round++) {
            for (int i = rnd.nextInt(3); i >= 0; i--) {
                int slot = rnd.nextInt(pfn.length);
                if (pfn[slot] == FrameTable.NO_PFN) {
                    order[slot] = rnd.nextInt(6);
                    pfn[slot] = mem.allocPages(Gfp.KERNEL, order[slot], Owner.PAGES, ExecContext.PROCESS);
                } else {
                    mem.freePages(pfn[slot], order[slot]);
                    pfn[slot] = FrameTable.NO_PFN;
                }
            }
            FrameTable live = mem.frames();
            frozen = FrameTable.restore(live.image(), frozen);
            assertThat(frozen.state).as("owner and order after round " + round).isEqualTo(live.state);
            assertThat(frozen.links).as("links after round " + round).isEqualTo(live.links);
            assertThat(frozen.allocId).as("allocId after round " + round).isEqualTo(live.allocId);
        }
    }

    @Test
    void aFreeAfterARestoreClearsTheIdsThatTheRestoredChunksHold() {
        // A free skips the id stores of a chunk the table believes holds no id; a restore must renew that belief for
        // every chunk it copies, here into a table recycled from an image taken before the allocation named any.
        PhysicalMemory mem = new PhysicalMemory(Profiles.builtIn("i386-1g"));
        PhysicalMemory.Snapshot before = mem.snapshot();
        Allocation a = mem.allocBlock(Api.ALLOC_PAGES, "alloc_pages", Gfp.KERNEL, 2, Owner.PAGES, ExecContext.PROCESS, "test", null,
                4L * Profile.PAGE_SIZE);
        PhysicalMemory.Snapshot after = mem.snapshot();
        PhysicalMemory restored = PhysicalMemory.restore(after, PhysicalMemory.restore(before, null));
        assertThat(restored.frames().allocId(a.pfn() + 3)).isEqualTo(a.id());
        restored.freeBlock(restored.allocations().get(a.id()));
        assertThat(restored.frames().allocId(a.pfn() + 3)).isZero();
        assertThat(restored.invariants().check()).isEmpty();
    }
}
