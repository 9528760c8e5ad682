package kmemviz.core.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import kmemviz.testing.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 100,000 mutations of a capture per /proc reader ({@link Mutator}): no exception escapes, and every problem names a line of the input.
 */
class ProcFilesFuzzTest {
    enum File {
        BUDDYINFO("Node 0, zone      DMA      1      0      0      0      2      1      1      0      1      1      3 \n"
                + "Node 0, zone   Normal  89147  96397  76496  56407  41671  29289  18142  10278   4075      0      0 \n",
                (t, p) -> Buddyinfo.parse("buddyinfo", t, p)),
        PAGETYPEINFO("Page block order: 9\nPages per block:  512\n\nFree pages count per migrate type at order       0      1\n"
                + "Node    0, zone   Normal, type    Unmovable      3 >100000 \n\nNumber of blocks type     Unmovable      Movable\n"
                + "Node 0, zone   Normal            5          100 \n", (t, p) -> Pagetypeinfo.parse("pagetypeinfo", t, p)),
        ZONEINFO("Node 0, zone   Normal\n  per-node stats\n      nr_inactive_anon 12\n  pages free     3\n        min      4\n"
                + "        spanned  100\n        protection: (0, 0, 0)\n      nr_free_pages 3\n  pagesets\n    cpu: 0\n"
                + "              count: 1\n              high:  2\n              batch: 3\n  vm stats threshold: 4\n  start_pfn:           5\n",
                (t, p) -> Zoneinfo.parse("zoneinfo", t, p)),
        MEMINFO("MemTotal:        1000 kB\nMemFree:          500 kB\r\nSlab:             40 kB\nVmallocUsed:       8 kB\n"
                + "HugePages_Total:       0\n",
                (t, p) -> Meminfo.parse("meminfo", t, p)),
        SLABINFO("slabinfo - version: 2.1\n# name <active_objs>\nkmalloc-64          5632   5632     64   64    1 : tunables    0    0    0 : slabdata     88     88      0\n"
                + "iwl_cmd_pool:0000:04:00.0      0    128    512   32    4 : tunables    0    0    0 : slabdata      4      4      0\r\n"
                + "dentry_cache        4000   4002    136   29    1 : tunables  120   60    0 : slabdata    138    138      0 : globalstat 1 2\n",
                (t, p) -> Slabinfo.parse("slabinfo", t, p)),
        VMALLOCINFO("0xec79b000-0xec7fa000  389120 ftl_add_mtd+0x4d0/0x754 pages=94 vmalloc N0=94\n"
                + "0x00000000c6e3a5d1-0x000000003b8f2e10    8192 acpi_os_map_iomem+0x1af/0x1f0 phys=0x00000000fed00000 ioremap\r\n"
                + "0xffffc90000000000-0xffffc90000005000   20480 vm_map_ram\n"
                + "0xece7c000-0xece7e000    8192 unpurged vm_area\n", (t, p) -> Vmallocinfo.parse("vmallocinfo", t, p));

        final String seed;
        final BiFunction<String, List<ImportProblem>, Object> reader;

        File(String seed, BiFunction<String, List<ImportProblem>, Object> reader) {
            this.seed = seed;
            this.reader = reader;
        }
    }

    @ParameterizedTest
    @EnumSource(File.class)
    void mutatedCapturesNeverThrowAndEveryProblemNamesALine(File file) {
        Mutator mutator = new Mutator(file.ordinal() * 7919L + 2026, List.of(file.seed), " \t\n\r:,=()>-x0123456789abcdefNodezone");
        int withProblems = 0;
        for (int i = 0; i < 100_000; i++) {
            String text = mutator.next();
            List<ImportProblem> problems = new ArrayList<>();
            try {
                file.reader.apply(text, problems);
            } catch (RuntimeException ex) {
                fail("mutation " + i + " threw " + ex + " on:\n" + text);
            }
            long lines = text.lines().count() + 1;
            for (ImportProblem p : problems) if (p.line() < 0 || p.line() > lines) fail(p + " is outside the input:\n" + text);
            if (!problems.isEmpty()) withProblems++;
        }
        // The mutations must reach the problem paths, or the fuzzing proves little.
        assertThat(withProblems).isGreaterThan(5_000);
    }

    /**
     * The import behind the readers: mutated slabinfo, vmallocinfo and meminfo beside a 16 MiB machine's zoneinfo,
     * imported (the layouts, the placement of areas, the checks against meminfo), every 10th also booted (the slabs
     * and areas taken from the in-use memory). Fewer inputs than the readers get, since each import boots a machine
     * to check its free blocks.
     */
    @Test
    void mutatedSlabVmallocAndMeminfoNeverBreakAnImport() {
        Kernel source = new Kernel(Profiles.builtIn("classroom"));
        for (ScriptLine line : new ScriptParser("seed").parse("machine custom 16MiB\nc = kmem_cache_create(\"widget\", 300)\no = kmem_cache_alloc(c, GFP_KERNEL)\n"
                + "p = kmalloc(100, GFP_KERNEL)\nv = vmalloc(64KiB)\n")) source.execute(line.command());
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of("zoneinfo", "buddyinfo", "pagetypeinfo", "slabinfo", "vmallocinfo", "meminfo"))
            files.put(name, Report.valueOf(name).render(source, List.of()));
        List<String> seeds = List.of(File.SLABINFO.seed + files.get("slabinfo"), File.VMALLOCINFO.seed + files.get("vmallocinfo"),
                File.MEMINFO.seed + files.get("meminfo"));
        Mutator mutator = new Mutator(4242, seeds, " \t\n\r:,=()>-x0123456789abcdefkmalloc");
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        for (int i = 0; i < 400; i++) {
            String name = List.of("slabinfo", "vmallocinfo", "meminfo").get(i % 3);
            Map<String, String> capture = new LinkedHashMap<>(files);
            String text = mutator.next();
            capture.put(name, text);
            try {
                ProcImport.Result r = ProcImport.of(new ProcCapture("fuzz", capture, List.of()));
                for (ImportProblem p : r.notes())
                    if (p.file().equals(name) && (p.line() < 0 || p.line() > text.lines().count() + 1)) fail(p + " is outside the input:\n" + text);
                if (i % 10 == 0) k.execute(new Machine(r.profile(), "machine from-proc fuzz", r.zones(), List.of(), r.slabCaches(), r.vmapAreas()));
            } catch (RuntimeException ex) {
                fail("mutation " + i + " of " + name + " threw " + ex + " on:\n" + text, ex);
            }
            if (i % 100 == 0) assertThat(k.checkInvariants()).as("after mutation " + i).isEmpty();
        }
    }
}
