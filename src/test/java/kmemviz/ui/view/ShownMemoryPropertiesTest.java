package kmemviz.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random page, user-memory, slab and vmalloc commands on the classroom machine: after each, the recorded events
 * (runs of pages, with the blocks a command queued and took again left out) replayed on {@link ShownMemory}
 * without settling leave it exactly where the core is, with the per-CPU lists off (the classroom's default) and on.
 * Commands whose events do not locate their pages (reclaim, the OOM killer) resynchronise, as the player does.
 */
class ShownMemoryPropertiesTest {
    @Provide
    Arbitrary<List<String>> scripts() {
        Arbitrary<String> v = Arbitraries.of("a", "b", "c", "d");
        Arbitrary<Integer> order = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> kib = Arbitraries.integers().between(1, 900);
        return Arbitraries.oneOf(
                Combinators.combine(v, order).as((x, o) -> x + " = alloc_pages(GFP_KERNEL, " + o + ")"),
                Combinators.combine(v, order).as((x, o) -> "__free_pages(" + x + ", " + o + ")"),
                Combinators.combine(v, kib).as((x, k) -> x + " = user_process(\"p\", " + k + "KiB)"),
                v.map(x -> "exit_process(" + x + ")"),
                Combinators.combine(v, kib).as((x, k) -> x + " = page_cache(\"f\", " + k + "KiB)"),
                v.map(x -> "drop_cache(" + x + ")"),
                Combinators.combine(v, kib).as((x, k) -> x + " = vmalloc(" + k + "KiB)"),
                v.map(x -> "vfree(" + x + ")"),
                Combinators.combine(v, Arbitraries.integers().between(1, 9000)).as((x, n) -> x + " = kmalloc(" + n + ", GFP_KERNEL)"),
                v.map(x -> "kfree(" + x + ")")).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 150)
    void replayedEventsLeaveTheShownCopyWhereTheCoreIs(@ForAll("scripts") List<String> script) {
        replay(new Kernel(Profiles.builtIn("classroom")), script);
    }

    /** Four CPUs' lists on the classroom's 1024 frames: small batches, so refills and drains come often. */
    @Property(tries = 150)
    void withPerCpuListsReplayedEventsLeaveTheShownCopyWhereTheCoreIs(@ForAll("scripts") List<String> script) {
        replay(new Kernel(Profiles.builtIn("classroom").withAllocator(true, true, 4)), script);
    }

    private static void replay(Kernel kernel, List<String> script) {
        ShownMemory shown = new ShownMemory();
        shown.resetFrom(kernel.memory());
        for (String line : script) {
            Outcome out = kernel.execute(new ScriptParser("random.kmv").parse(line).get(0).command());
            for (MmEvent e : out.events()) shown.apply(e);
            if (out.events().stream().anyMatch(ShownMemoryPropertiesTest::unlocated)) shown.resyncAll();
            assertSameAsCore(shown, kernel.memory(), line);
        }
    }

    private static boolean unlocated(MmEvent e) {
        return e.kind() == EventKind.DIRECT_RECLAIM || e.kind() == EventKind.KSWAPD_RECLAIM
                || e.kind() == EventKind.REPORT && e.report().kind() == KernelReport.Kind.OOM_KILL;
    }

    static long pcpPages(PhysicalMemory mem, int zoneIdx) {
        Zone zone = mem.zones().get(zoneIdx);
        if (!zone.hasPcp()) return 0;
        long n = 0;
        for (int cpu = 0; cpu < mem.profile().nrCpus(); cpu++) n += zone.pcpCount(cpu);
        return n;
    }

    static void assertSameAsCore(ShownMemory shown, PhysicalMemory mem, String after) {
        FrameTable f = mem.frames();
        int n = f.nrFrames();
        byte[] freeOrder = new byte[n];
        for (int p = 0; p < n; p++) freeOrder[p] = (byte) f.buddyOrder(p);
        assertThat(shown.owners()).as("owners after %s", after).isEqualTo(Arrays.copyOf(f.owners(), n));
        assertThat(shown.allocIds()).as("allocation ids after %s", after).isEqualTo(Arrays.copyOf(f.allocIdsView(), n));
        assertThat(shown.freeOrders()).as("free block heads after %s", after).isEqualTo(freeOrder);
        for (int z = 0; z < mem.zones().size(); z++) {
            assertThat(shown.freePages(z)).as("free pages of zone %d after %s", z, after).isEqualTo(mem.zones().get(z).freePages());
            assertThat(shown.pcpPages(z)).as("per-CPU pages of zone %d after %s", z, after).isEqualTo(pcpPages(mem, z));
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++)
                assertThat(shown.nrFree(z, o)).as("nr_free of zone %d order %d after %s", z, o, after).isEqualTo(mem.zones().get(z).nrFree(o));
        }
    }
}
