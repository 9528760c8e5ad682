package kmemviz.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

/**
 * The pageblock types and the per-pageblock counts of {@link ShownMemory}, kept from the events alone (no
 * {@link ShownMemory#settle()}), against a recount from the core: the types of the pageblocks, and for each pageblock
 * the allocated frames whose allocation's migrate type is another, and the free frames on a per-CPU list of another
 * type (not on the buddy lists, where every free frame has its pageblock's type).
 */
class ShownMemoryMigrateTypeTest {
    private final Kernel kernel = new Kernel(Profiles.builtIn("x86_64-16g"));
    private final ShownMemory shown = new ShownMemory();

    ShownMemoryMigrateTypeTest() { shown.resetFrom(kernel.memory()); }

    private Outcome play(String line) {
        List<ScriptLine> lines = new ScriptParser("test.kmv").parse(line);
        Outcome out = kernel.execute(lines.get(0).command());
        assertThat(out.ok()).as(line).isTrue();
        for (MmEvent e : out.events()) shown.apply(e);
        return out;
    }

    @Test
    void theFirstUnmovableAllocationClaimsAMovablePageblockAndTheShownCopyHearsIt() {
        int order = shown.pageblockOrder();
        assertThat(order).isEqualTo(9);
        Outcome out = play("a = alloc_pages(GFP_KERNEL, 0)");

        List<MmEvent> changes = out.events().stream().filter(e -> e.kind() == EventKind.PAGEBLOCK_TYPE_CHANGED).toList();
        assertThat(changes).isNotEmpty().allSatisfy(e -> {
            assertThat(e.pfn() % (1 << order)).isZero();
            assertThat(e.nrPages()).isEqualTo(1 << order);
            assertThat(e.pageblockType()).isEqualTo(MigrateType.UNMOVABLE);
            assertThat(e.describe()).contains("is now Unmovable (was Movable)");
        });
        for (MmEvent e : changes)
            assertThat(shown.pageblockTypes()[e.pfn() >> order]).isEqualTo((byte) MigrateType.UNMOVABLE.ordinal());
        assertLevelWithCore();
    }

    @Test
    void movableAndUnmovableAllocationsMixedKeepTheCountsOfEveryPageblockWithoutASettle() {
        List<String> script = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            script.add("k" + i + " = alloc_pages(GFP_KERNEL, " + (i % 4) + ")");
            script.add("m" + i + " = alloc_pages(GFP_HIGHUSER_MOVABLE, " + (i % 3) + ")");
            script.add("r" + i + " = alloc_pages(GFP_KERNEL | __GFP_RECLAIMABLE, 0)");
        }
        for (int i = 0; i < 40; i += 2) script.add("__free_pages(k" + i + ", " + (i % 4) + ")");
        script.add("p = user_process(\"hog\", 64MiB)");
        for (String line : script) play(line);
        assertThat(assertLevelWithCore()).as("mixed pageblocks").isPositive();
    }

    @Test
    void anAllocationOrPagesOnAPerCpuListOfAnotherTypeThanTheirPageblockMarkItMixed() {
        play("m = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)");
        int pfn = kernel.memory().allocations().all().stream().filter(a -> a.isBlock()).mapToInt(a -> a.pfn()).max().orElseThrow();
        int block = pfn >> shown.pageblockOrder(), start = block << shown.pageblockOrder();
        // rmqueue_pcplist() refilled CPU 0's Movable order-0 list with a batch from this Movable pageblock.
        int onList = 0;
        for (int p = start; p < start + (1 << shown.pageblockOrder()); p++) {
            short code = shown.pcpLists()[p];
            if (code == ShownMemory.NO_PCP) continue;
            onList++;
            assertThat(ShownMemory.pcpCpu(code)).isZero();
            assertThat(shown.pcpType(ShownMemory.pcpPindex(code))).isEqualTo(MigrateType.MOVABLE);
            assertThat(shown.frameTypes()[p]).isEqualTo((byte) MigrateType.MOVABLE.ordinal());
        }
        assertThat(onList).as("the rest of the batch").isPositive();
        assertThat(shown.frameTypes()[pfn]).isEqualTo((byte) MigrateType.MOVABLE.ordinal());
        assertThat(shown.foreignPages(block)).isZero();

        // Nothing but the events: the pageblock turning Unmovable makes the page and every page left on the Movable
        // list foreign.
        shown.apply(new MmEvent(EventKind.PAGEBLOCK_TYPE_CHANGED, null, start, shown.pageblockOrder(), 1 << shown.pageblockOrder(),
                MigrateType.MOVABLE.ordinal(), null, 0, MigrateType.UNMOVABLE.ordinal(), null, null, null, null));
        assertThat(shown.foreignPages(block)).isEqualTo(1 + onList);
    }

    /**
     * Every pageblock's type and count of foreign frames equal what a scan of the core finds, and every frame's
     * per-CPU list; returns the mixed pageblocks.
     */
    private int assertLevelWithCore() {
        BuddyAllocator buddy = kernel.memory().buddy();
        int order = shown.pageblockOrder(), n = shown.nrFrames();
        int[] foreign = new int[(n >> order) + 1];
        byte[] owners = kernel.memory().frames().owners();
        int[] ids = kernel.memory().frames().allocIdsView();
        // The core's per-CPU lists, walked: each frame's list code and the list's type.
        short[] list = new short[n];
        byte[] listType = new byte[n];
        for (var z : kernel.memory().zones()) {
            if (!z.hasPcp()) continue;
            for (int cpu = 0; cpu < kernel.memory().profile().nrCpus(); cpu++)
                for (int i = 0; i < z.pcpNrLists(); i++)
                    for (int p = z.pcpListHead(cpu, i); p != kmemviz.core.mm.FrameTable.NO_PFN; p = buddy.nextFree(p))
                        for (int q = p; q < p + (1 << z.pcpListOrder(i)); q++) {
                            list[q] = ShownMemory.pcpCode(cpu, i);
                            listType[q] = (byte) z.pcpListType(i).ordinal();
                        }
        }
        for (int p = 0; p < n; p++) {
            Owner o = Owner.of(owners[p]);
            assertThat(shown.pcpLists()[p]).as("per-CPU list of pfn 0x%x", p).isEqualTo(list[p]);
            if (list[p] != ShownMemory.NO_PCP) {
                assertThat(shown.frameTypes()[p]).as("type of pcp pfn 0x%x", p).isEqualTo(listType[p]);
                if (listType[p] != buddy.pageblockType(p).ordinal()) foreign[p >> order]++;
                continue;
            }
            if (o == Owner.FREE || o == Owner.HOLE || o == Owner.RESERVED) {
                assertThat(shown.frameTypes()[p]).isEqualTo(ShownMemory.NO_TYPE);
                continue;
            }
            // Frames of no allocation (boot's page tables, say) by owner: user memory and page cache are movable.
            var a = ids[p] > 0 ? kernel.memory().allocations().get(ids[p]) : null;
            int t = buddy.gfpMigratetype(a != null ? a.gfp() : o == Owner.USER || o == Owner.PAGE_CACHE ? Gfp.MOVABLE : 0);
            assertThat(shown.frameTypes()[p]).as("type of pfn 0x%x", p).isEqualTo((byte) t);
            if (t != buddy.pageblockType(p).ordinal()) foreign[p >> order]++;
        }
        int mixed = 0;
        for (int b = 0; b << order < n; b++) {
            assertThat(shown.pageblockTypes()[b]).as("pageblock %d", b).isEqualTo((byte) buddy.pageblockType(b << order).ordinal());
            assertThat(shown.foreignPages(b)).as("foreign pages of pageblock %d", b).isEqualTo(foreign[b]);
            if (foreign[b] > 0) mixed++;
        }
        return mixed;
    }
}
