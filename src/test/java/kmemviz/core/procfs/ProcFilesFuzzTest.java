package kmemviz.core.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import kmemviz.testing.Mutator;
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
        MEMINFO("MemTotal:        1000 kB\nMemFree:          500 kB\nHugePages_Total:       0\n",
                (t, p) -> Meminfo.parse("meminfo", t, p)),
        SLABINFO("slabinfo - version: 2.1\n# name <active_objs>\nkmalloc-64          5632   5632     64   64    1 : tunables    0    0    0 : slabdata     88     88      0\n",
                (t, p) -> Slabinfo.parse("slabinfo", t, p)),
        VMALLOCINFO("0xec79b000-0xec7fa000  389120 ftl_add_mtd+0x4d0/0x754 pages=94 vmalloc N0=94\n"
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
}
