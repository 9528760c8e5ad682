package kmemviz.core.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any capture the model prints itself imports: random allocations and frees of every migrate type, on every
 * built-in profile with migrate types on and off, printed as buddyinfo, zoneinfo and pagetypeinfo, imported with
 * {@code machine from-proc}, pass the invariant checker (each free block on its pageblock's type list among them)
 * and print back the same bytes, with no note.
 */
class ProcImportRoundTripPropertiesTest {
    private static final String[] PROFILES = {"classroom", "i386-1g", "x86_64-8g", "x86_64-16g"};
    private static final String[] GFPS = {"GFP_KERNEL", "GFP_HIGHUSER_MOVABLE", "GFP_KERNEL | __GFP_RECLAIMABLE",
        "GFP_ATOMIC", "GFP_USER", "GFP_KERNEL | __GFP_DMA"};

    /**
     * A sample the property found: x86_64-8g's DMA zone starts at pfn 1, and its free Unmovable order-10 block
     * needs an aligned pair of whole pageblocks; the layout looked for the pair's alignment at pfn 1, 513, ...
     * and found none, so the block was left out.
     */
    @Example
    void anOrder10BlockInAZoneStartingAtPfn1FindsItsAlignedPageblocks() {
        theModelsOwnPrintsImportCleanlyAndPrintBack(2, true, 14, -30708L);
    }

    /**
     * A sample the property found: x86_64-8g's Normal zone has 2496 managed pageblocks for 1243 free Movable order-10
     * blocks, an order-9 one and small ones, with Unmovable and Reclaimable order-9 blocks beside. The layout gave
     * each type single pageblocks by room, so Movable's last whole pageblocks had buddies holding other types' free
     * order-9 blocks (they would merge), and its order-9 block found no room. Half blocks now come first, each on a
     * pageblock whose buddy keeps a page in use.
     */
    @Example
    void anOrder9BlockFindsAPageblockWhoseBuddyIsNotWhollyFree() {
        theModelsOwnPrintsImportCleanlyAndPrintBack(2, true, 81, 223L);
    }

    @Property(tries = 40)
    void theModelsOwnPrintsImportCleanlyAndPrintBack(@ForAll @IntRange(min = 0, max = 3) int profile,
                                                    @ForAll boolean migratetypes,
                                                    @ForAll @IntRange(min = 0, max = 120) int steps, @ForAll long seed) {
        Kernel source = new Kernel(Profiles.builtIn("classroom"));
        run(source, script(PROFILES[profile], migratetypes, steps, new Random(seed)));
        Map<String, String> capture = prints(source);

        ProcImport.Result r = ProcImport.of(new ProcCapture("test", capture, List.of()));
        Kernel imported = new Kernel(Profiles.builtIn("classroom"));
        imported.execute(new Machine(r.profile(), "machine from-proc test", r.zones(), List.of()));

        assertThat(r.notes()).as("notes").isEmpty();
        assertThat(imported.checkInvariants()).as("invariants").isEmpty();
        assertThat(prints(imported)).isEqualTo(capture);
    }

    /** A machine line, then allocations of random orders and types, about a third of them freed again. */
    private static String script(String profile, boolean migratetypes, int steps, Random random) {
        StringBuilder s = new StringBuilder("machine " + profile + " migratetypes=" + (migratetypes ? "on" : "off") + "\n");
        int[] order = new int[steps];
        boolean[] freed = new boolean[steps];
        for (int i = 0; i < steps; i++) {
            order[i] = random.nextInt(4) == 0 ? random.nextInt(11) : random.nextInt(4);
            s.append("p").append(i).append(" = alloc_pages(").append(GFPS[random.nextInt(GFPS.length)]).append(" | __GFP_NOWARN, ")
                    .append(order[i]).append(")\n");
            if (i > 0 && random.nextInt(3) == 0) {
                int victim = random.nextInt(i);
                if (freed[victim]) continue;
                freed[victim] = true;
                s.append("__free_pages(p").append(victim).append(", ").append(order[victim]).append(")\n");
            }
        }
        return s.toString();
    }

    private static void run(Kernel k, String script) {
        for (ScriptLine line : new ScriptParser("property").parse(script)) k.execute(line.command());
    }

    private static Map<String, String> prints(Kernel k) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Report report : List.of(Report.buddyinfo, Report.zoneinfo, Report.pagetypeinfo)) out.put(report.name(), report.render(k, List.of()));
        return out;
    }
}
