package kmemviz.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

/**
 * /proc/pagetypeinfo and debugfs's extfrag files of the model laid beside files published from real machines: the
 * columns stand where the real ones stand, and what one file implies about the other holds in both. The kernel's
 * format strings themselves are checked in PagetypeinfoReportTest and ExtfragReportTest (mm/vmstat.c of 6.12.118).
 */
class PublishedCapturesFormatTest {
    /**
     * /proc/pagetypeinfo of a 32-bit ARM board (4.14, 13 orders, CMA), linux-mm 2019-08-21,
     * &lt;CACDBo57u+sgordDvFpTzJ=U4mT8uVz7ZovJ3qSZQCrhdYQTw0A@mail.gmail.com&gt;, as /work/shared/reference/
     * proc-and-ftrace-formats.md (section 3) re-spaces the wrapped mail to the kernel's widths. The format strings
     * are the same in 4.14 and 6.12; the board has two orders more and a CMA column that Debian's amd64 6.12 lacks.
     */
    private static final String[] PANKAJ_4_14 = {
        "Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10     11     12",
        "Node    0, zone      DMA, type    Unmovable     71    235    137     30     17      7      2      0      0      1      1      0      0",
        "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate",
        "Node 0, zone      DMA           10           14            4            0            0            0",
    };

    /**
     * debugfs extfrag files of a two-node x86_64 machine, https://flamingbytes.com/blog/memory-fragmentation
     * (the page collapses runs of spaces, so only the fields are compared, not the padding).
     */
    private static final String[] FLAMINGBYTES_UNUSABLE = {
        "Node 0, zone DMA 0.000 0.000 0.000 0.001 0.001 0.009 0.018 0.035 0.035 0.035 0.173",
        "Node 0, zone DMA32 0.000 0.000 0.000 0.000 0.000 0.001 0.001 0.003 0.007 0.013 0.028",
        "Node 0, zone Normal 0.000 0.007 0.020 0.045 0.096 0.192 0.342 0.552 0.803 1.000 1.000",
    };
    private static final String[] FLAMINGBYTES_EXTFRAG = {
        "Node 0, zone DMA -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000",
        "Node 0, zone DMA32 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000",
        "Node 0, zone Normal -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 0.955 0.978",
    };

    /** A 64 MiB machine with every migrate type in use and Normal fragmented by frees of every other block. */
    private static PhysicalMemory fragmented() {
        PhysicalMemory mem = new PhysicalMemory(Profiles.custom(64 * Profiles.MIB, Map.of("dma", 16 * Profiles.MIB), true));
        List<Integer> held = new ArrayList<>();
        int[] gfps = {Gfp.KERNEL, Gfp.HIGHUSER_MOVABLE, Gfp.KERNEL | Gfp.RECLAIMABLE};
        for (int i = 0; i < 3000; i++) held.add(mem.allocPages(gfps[i % 3], 2, Owner.PAGES, ExecContext.PROCESS));
        for (int i = 0; i < held.size(); i += 2) mem.freePages(held.get(i), 2);
        mem.drainAllPages();
        return mem;
    }

    /** The 1-based columns at which each field of a line ends (its right edge: the fields are right-aligned). */
    private static List<Integer> rightEdges(String line) {
        List<Integer> edges = new ArrayList<>();
        var m = Pattern.compile("\\S+").matcher(line);
        while (m.find()) edges.add(m.end());
        return edges;
    }

    private static String line(String text, String startingWith) {
        return text.lines().filter(l -> l.startsWith(startingWith)).findFirst().orElseThrow(() -> new AssertionError("no line " + startingWith));
    }

    @Test
    void pagetypeinfoColumnsStandWhereTheBoardsDo() {
        String text = PagetypeinfoReport.render(fragmented());
        // The header's order numbers and a free-table row's counts end in the same columns, for the orders both have.
        String header = line(text, "Free pages count");
        assertThat(header).isEqualTo(PANKAJ_4_14[0].substring(0, header.length() - 1) + " ");
        List<Integer> row = rightEdges(line(text, "Node    0, zone      DMA, type    Unmovable"));
        assertThat(row).isEqualTo(rightEdges(PANKAJ_4_14[1]).subList(0, row.size()));
        // The block table: the same names in the same columns up to HighAtomic, then Isolate where the board had CMA.
        List<Integer> names = rightEdges(line(text, "Number of blocks type"));
        assertThat(names).isEqualTo(rightEdges(PANKAJ_4_14[2]).subList(0, names.size()));
        assertThat(line(text, "Number of blocks type")).isEqualTo(PANKAJ_4_14[2].replace("          CMA", "").concat(" "));
        List<Integer> counts = rightEdges(line(text, "Node 0, zone      DMA "));
        assertThat(counts).isEqualTo(rightEdges(PANKAJ_4_14[3]).subList(0, counts.size()));
    }

    /** Fields of a debugfs extfrag line: "Node", "N,", "zone", the zone, then one index per order. */
    private static final Pattern UNUSABLE_LINE = Pattern.compile("Node \\d+, zone +\\w+( \\d\\.\\d{3}){11} ?");
    private static final Pattern EXTFRAG_LINE = Pattern.compile("Node \\d+, zone +\\w+( +-?\\d+\\.-?\\d{3}){11} ?");

    /**
     * The two files of one machine agree: an order whose extfrag index is -1.000 has a free block of that order or
     * more, so not all of the free memory is unusable for it (unusable below 1.000), and the other way round.
     */
    private static void assertTheFilesAgree(List<String> unusable, List<String> extfrag) {
        assertThat(unusable).hasSameSizeAs(extfrag);
        for (int z = 0; z < unusable.size(); z++) {
            String[] u = unusable.get(z).trim().split(" +"), e = extfrag.get(z).trim().split(" +");
            assertThat(u[3]).isEqualTo(e[3]);
            for (int order = 0; order < 11; order++)
                assertThat(e[4 + order].equals("-1.000")).as("%s order %d", u[3], order).isEqualTo(!u[4 + order].equals("1.000"));
        }
    }

    @Test
    void extfragFilesHaveThePublishedFieldsAndAgreeWithEachOtherAsThePublishedOnesDo() {
        assertTheFilesAgree(List.of(FLAMINGBYTES_UNUSABLE), List.of(FLAMINGBYTES_EXTFRAG));
        for (String l : FLAMINGBYTES_UNUSABLE) assertThat(l).matches(UNUSABLE_LINE);
        for (String l : FLAMINGBYTES_EXTFRAG) assertThat(l).matches(EXTFRAG_LINE);

        PhysicalMemory mem = fragmented();
        List<String> unusable = ExtfragReport.unusableIndex(mem).lines().toList();
        List<String> extfrag = ExtfragReport.extfragIndex(mem).lines().toList();
        for (String l : unusable) assertThat(l).matches(UNUSABLE_LINE);
        for (String l : extfrag) assertThat(l).matches(EXTFRAG_LINE);
        assertThat(extfrag).as("some zone is fragmented for some order").anyMatch(l -> !l.endsWith("-1.000 "));
        assertTheFilesAgree(unusable, extfrag);
    }
}
