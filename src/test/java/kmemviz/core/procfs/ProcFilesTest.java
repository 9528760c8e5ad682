package kmemviz.core.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import kmemviz.core.report.Report;
import org.junit.jupiter.api.Test;

/**
 * The /proc readers on published captures (each with its source; mailing-list Message-IDs open as
 * lore.kernel.org/r/ID; the captures are quoted in the reference file proc-and-ftrace-formats.md) and on the model's
 * own prints, which must read back to the model's numbers.
 */
class ProcFilesTest {
    private final List<ImportProblem> problems = new ArrayList<>();

    @Test
    void buddyinfoOfTwoNodesFromAMailThatWrappedEveryLine() {
        // SLES 15 (4.12 base), 128 GB, linux-mm 2019-03-29, <3c98c75c-b554-499e-d42e-8b9286f3176b@profihost.ag>:
        // the mail client wrapped each row in two; the reader joins them back.
        String text = """
                Node 0, zone      DMA      1      0      0      0      2      1
                     1      0      1      1      3
                Node 0, zone    DMA32    372    418    403    395    371    322    262    179    114      0      0
                Node 0, zone   Normal  89147  96397  76496  56407  41671  29289  18142  10278   4075      0      0
                Node 1, zone   Normal 113266      0      1      1      1      1      1      1      1      0      0
                """;
        Buddyinfo b = Buddyinfo.parse("buddyinfo", text, problems);
        assertThat(problems).isEmpty();
        assertThat(b.rows()).hasSize(4);
        assertThat(b.rows().get(0).freeBlocks()).containsExactly(1, 0, 0, 0, 2, 1, 1, 0, 1, 1, 3);
        assertThat(b.rows().get(3).node()).isEqualTo(1);
        assertThat(b.rows().get(3).freeBlocks()[0]).isEqualTo(113266);
    }

    @Test
    void pagetypeinfoOfA32BitArmBoardWith13OrdersAndCma() {
        // ARM 4.14, linux-mm 2019-08-21, <CACDBo57u+sgordDvFpTzJ=U4mT8uVz7ZovJ3qSZQCrhdYQTw0A@mail.gmail.com>
        String text = """
                Page block order: 12
                Pages per block:  4096

                Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10     11     12
                Node    0, zone      DMA, type    Unmovable     71    235    137     30     17      7      2      0      0      1      1      0      0
                Node    0, zone  HighMem, type          CMA    261    915    778    204     48     20      5      0      0      0      0      1     13

                Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate
                Node 0, zone      DMA           10           14            4            0            0            0
                Node 0, zone  HighMem            3           32            0            0           57            0
                """;
        Pagetypeinfo p = Pagetypeinfo.parse("pagetypeinfo", text, problems);
        assertThat(problems).isEmpty();
        assertThat(p.pageblockOrder()).isEqualTo(12);
        assertThat(p.blockTypes()).containsExactly("Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate");
        assertThat(p.free()).hasSize(2);
        assertThat(p.free().get(1).type()).isEqualTo("CMA");
        assertThat(p.free().get(1).freeBlocks()).hasSize(13).endsWith(1, 13);
        assertThat(p.blocks().get(1).pageblocks()).containsExactly(3, 32, 0, 0, 57, 0);
    }

    @Test
    void aCappedFreeCountAndAnOldStyleTypeHeader() {
        String text = "Page block order: 9\nPages per block:  512\n\n"
                + "Free pages count per migrate type at order       0      1\n"
                + "Node    0, zone   Normal, type      Movable >100000  12 \r\n"
                + "\nNumber of blocks type     Unmovable  Reclaimable      Movable      Reserve      Isolate \n"
                + "Node 0, zone   Normal            5            1          100            1            0 \n";
        Pagetypeinfo p = Pagetypeinfo.parse("pagetypeinfo", text, problems);
        assertThat(problems).isEmpty();
        assertThat(p.free().get(0).capped()).isTrue();
        assertThat(p.free().get(0).freeBlocks()).containsExactly(100000, 12);
        assertThat(p.blockTypes()).contains("Reserve");
    }

    @Test
    void vmallocinfoOfA32BitArmBoard() {
        // linux-mm 2017-08-01, <6f3c8e69-b2af-d23c-b226-805faf7efd89@huawei.com>
        String text = """
                0xec79b000-0xec7fa000  389120 ftl_add_mtd+0x4d0/0x754 pages=94 vmalloc
                0xec800000-0xecbe1000 4067328 kbox_proc_mem_write+0x104/0x1c4 phys=8b520000 ioremap
                0xece7c000-0xece7e000    8192 unpurged vm_area
                0xece7e000-0xece83000   20480 vm_map_ram
                """;
        Vmallocinfo v = Vmallocinfo.parse("vmallocinfo", text, problems);
        assertThat(problems).isEmpty();
        assertThat(v.areas()).hasSize(4);
        assertThat(v.areas().get(0).pages()).isEqualTo(94);
        assertThat(v.areas().get(0).caller()).isEqualTo("ftl_add_mtd+0x4d0/0x754");
        assertThat(v.areas().get(1).phys()).isEqualTo("8b520000");
        assertThat(v.areas().get(2).flags()).containsExactly("unpurged");
        assertThat(v.areas().get(3).flags()).containsExactly("vm_map_ram");
    }

    @Test
    void meminfoWithNineDigitValuesAndUnknownLabels() {
        // numactl issue 210 (github.com/numactl/numactl/issues/210): values wider than the 8-column field
        Meminfo m = Meminfo.parse("meminfo", "MemTotal:       601685376 kB\nHugePages_Total:       0\nION_heap:          12 kB\nnot a line\n", problems);
        assertThat(m.get("MemTotal")).isEqualTo(601685376);
        assertThat(m.get("HugePages_Total")).isZero();
        assertThat(m.get("ION_heap")).isEqualTo(12);
        assertThat(problems).singleElement().hasToString("meminfo:4: not a meminfo line: \"not a line\" (expected \"Label: value kB\")");
    }

    @Test
    void zoneinfoPastedWithGrepAndPasteKeepsHeaderAndValueOnOneLine() {
        // nvdimm list 2022-02-03, <20220203022241.GA27120@swarm08>: `grep -E "Node|spanned" | paste`
        Zoneinfo z = Zoneinfo.parse("zoneinfo", "Node 0, zone   Device\t        spanned  66060288\nNode 2, zone   Normal\t        spanned  65011712\n", problems);
        assertThat(problems).isEmpty();
        assertThat(z.zones()).extracting(Zoneinfo.Zone::name).containsExactly("Device", "Normal");
        assertThat(z.zones().get(1).get("spanned")).isEqualTo(65011712);
        assertThat(z.zones().get(0).populated()).isFalse();
    }

    /** Every /proc print of the model reads back to the model's own numbers. */
    @Test
    void theModelsOwnPrintsReadBack() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-16g"));
        for (var line : new ScriptParser("t").parse("p = alloc_pages(GFP_KERNEL, 3)\nq = kmalloc(100, GFP_KERNEL)\nv = vmalloc(1MiB)")) k.execute(line.command());

        Buddyinfo b = Buddyinfo.parse("buddyinfo", Report.buddyinfo.render(k, List.of()), problems);
        Zoneinfo z = Zoneinfo.parse("zoneinfo", Report.zoneinfo.render(k, List.of()), problems);
        Meminfo m = Meminfo.parse("meminfo", Report.meminfo.render(k, List.of()), problems);
        Slabinfo s = Slabinfo.parse("slabinfo", Report.slabinfo.render(k, List.of()), problems);
        Vmallocinfo v = Vmallocinfo.parse("vmallocinfo", Report.vmallocinfo.render(k, List.of()), problems);
        assertThat(problems).isEmpty();

        List<Zone> populated = k.memory().zones().stream().filter(zone -> zone.presentPages() > 0).toList();
        assertThat(b.rows()).hasSize(populated.size());
        for (int i = 0; i < populated.size(); i++) {
            Zone zone = populated.get(i);
            assertThat(b.rows().get(i).zone()).isEqualTo(zone.name());
            long free = 0;
            for (int o = 0; o < b.rows().get(i).freeBlocks().length; o++) free += b.rows().get(i).freeBlocks()[o] << o;
            assertThat(free).as(zone.name()).isEqualTo(zone.freePages());
            Zoneinfo.Zone printed = z.zones().stream().filter(p -> p.name().equals(zone.name())).findFirst().orElseThrow();
            assertThat(printed.get("free")).isEqualTo(zone.freePages());
            assertThat(printed.get("managed")).isEqualTo(zone.managedPages());
            assertThat(printed.get("start_pfn")).isEqualTo(zone.startPfn());
        }
        assertThat(m.get("MemTotal")).isPositive();
        assertThat(s.caches()).anySatisfy(c -> assertThat(c.name()).isEqualTo("kmalloc-128"));
        assertThat(v.areas()).anySatisfy(a -> assertThat(a.size()).isEqualTo((1 << 20) + 4096));
    }
}
