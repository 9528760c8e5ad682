package kmemviz.core.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.MachineName;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code machine from-proc}: a capture imported and printed again gives the same bytes. The 6.12 captures are the
 * model's own prints of a fragmented x86_64-8g (free blocks of every order and of three migrate types, pages on the
 * per-CPU lists), which is the format mm/vmstat.c of 6.12.118 prints; the other captures are written from them in
 * the documented layouts of other kernels (reference proc-and-ftrace-formats.md): 4.x without HighAtomic and with
 * Reserve and without promo, 6.x with CMA, a populated Device zone, CRLF line ends, a second node. The published
 * capture is prometheus/procfs's fixture (source and licence in its SOURCE.md).
 */
class ProcImportTest {
    private static final List<String> PRINTED = List.of("buddyinfo", "zoneinfo", "pagetypeinfo");

    /** buddyinfo, zoneinfo and pagetypeinfo of a fragmented machine, as its reports print them. */
    private static Map<String, String> fragmentedCapture() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        Random random = new Random(7);
        String[] gfps = {"GFP_KERNEL", "GFP_HIGHUSER_MOVABLE", "GFP_KERNEL | __GFP_RECLAIMABLE", "GFP_ATOMIC"};
        int[] orders = {0, 0, 0, 1, 2, 3, 4, 9};
        StringBuilder script = new StringBuilder();
        int[] order = new int[600];
        for (int i = 0; i < order.length; i++) {
            order[i] = orders[random.nextInt(orders.length)];
            script.append("p").append(i).append(" = alloc_pages(").append(gfps[random.nextInt(gfps.length)]).append(", ").append(order[i]).append(")\n");
        }
        for (int i = 0; i < order.length; i++) if (i % 3 != 0) script.append("__free_pages(p").append(i).append(", ").append(order[i]).append(")\n");
        for (ScriptLine line : new ScriptParser("frag").parse(script.toString())) k.execute(line.command());
        return prints(k);
    }

    private static Map<String, String> prints(Kernel k) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("buddyinfo", Report.buddyinfo.render(k, List.of()));
        out.put("zoneinfo", Report.zoneinfo.render(k, List.of()));
        out.put("pagetypeinfo", Report.pagetypeinfo.render(k, List.of()));
        return out;
    }

    private static ProcCapture capture(Map<String, String> files) { return new ProcCapture("test", files, List.of()); }

    /** Imports into a running kernel, as the machine line does, and checks the model's own invariants. */
    private static Kernel imported(ProcImport.Result r) {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        k.execute(new Machine(r.profile(), "machine from-proc test", r.zones(), List.of()));
        assertThat(k.checkInvariants()).isEmpty();
        return k;
    }

    private static List<String> notes(ProcImport.Result r) { return r.notes().stream().map(ImportProblem::toString).toList(); }

    @Test
    void aCaptureOfThe612LayoutPrintsBackByteForByte() {
        Map<String, String> capture = fragmentedCapture();
        assertThat(capture.get("pagetypeinfo")).contains("type  Reclaimable     ").doesNotContain("Reclaimable      0      0      0      0      0      0      0      0      0      0      0 \nNode    0, zone   Normal, type   HighAtomic");
        ProcImport.Result r = ProcImport.of(capture(capture));
        assertThat(r.notes()).isEmpty();
        assertThat(prints(imported(r))).isEqualTo(capture);
    }

    @Test
    void aFolderWithCrlfLineEndsReadsAsWithLf(@TempDir Path dir) throws IOException {
        Map<String, String> capture = fragmentedCapture();
        for (var e : capture.entrySet()) Files.writeString(dir.resolve(e.getKey()), e.getValue().replace("\n", "\r\n"));
        Files.writeString(dir.resolve("slabinfo"), "");        // root-only, copied without root
        List<ScriptLine> lines = new ScriptParser(dir.resolve("s.kmv").toString()).parse("machine from-proc .\n");
        Machine m = (Machine) lines.get(0).command();
        assertThat(m.text()).isEqualTo("machine from-proc .");
        assertThat(m.notes()).contains("slabinfo: empty (a root-only file copied without root?)", "meminfo: not in the folder");
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        k.execute(m);
        assertThat(prints(k)).isEqualTo(capture);
    }

    @Test
    void aSecondNodeIsLeftOutWithANote() {
        Map<String, String> capture = fragmentedCapture();
        Map<String, String> twoNodes = new LinkedHashMap<>(capture);
        twoNodes.put("buddyinfo", capture.get("buddyinfo") + "Node 1, zone   Normal     10      5      3      0      0      0      0      0      0      0    100 \n");
        twoNodes.put("zoneinfo", capture.get("zoneinfo") + "Node 1, zone   Normal\n  pages free     102520\n        min      100\n        low      200\n"
                + "        high     300\n        spanned  2097152\n        present  2097152\n        managed  2000000\n"
                + "        protection: (0, 0, 0, 0, 0)\n  start_pfn:           2359296\n");
        ProcImport.Result r = ProcImport.of(capture(twoNodes));
        assertThat(notes(r)).containsExactly("zoneinfo: node 1 left out: the model has one node, so node 0 is imported");
        assertThat(prints(imported(r))).isEqualTo(capture);
    }

    @Test
    void a4xCaptureWithReserveAndWithoutHighAtomicOrPromoKeepsItsCounts() {
        Map<String, String> capture = fragmentedCapture();
        Map<String, String> old = new LinkedHashMap<>(capture);
        old.put("zoneinfo", capture.get("zoneinfo").lines().filter(l -> !l.matches("\\s+(boost|promo|cma)\\s.*"))
                .collect(Collectors.joining("\n", "", "\n")));
        old.put("pagetypeinfo", oldPagetypeinfo(capture.get("pagetypeinfo")));
        ProcImport.Result r = ProcImport.of(capture(old));
        assertThat(notes(r)).anyMatch(n -> n.contains("migrate type Reserve is not in the model"))
                .contains("zoneinfo: no promo watermark (kernel before 6.1): each zone's set to high + (high - low)");
        Map<String, String> back = prints(imported(r));
        assertThat(back.get("buddyinfo")).isEqualTo(capture.get("buddyinfo"));
        assertThat(back.get("pagetypeinfo")).isEqualTo(capture.get("pagetypeinfo"));
        List<ImportProblem> problems = new ArrayList<>();
        Zoneinfo was = Zoneinfo.parse("zoneinfo", old.get("zoneinfo"), problems), is = Zoneinfo.parse("zoneinfo", back.get("zoneinfo"), problems);
        for (int i = 0; i < was.zones().size(); i++)
            for (String key : List.of("free", "min", "low", "high", "spanned", "present", "managed", "start_pfn"))
                assertThat(is.zones().get(i).get(key)).as(was.zones().get(i).name() + " " + key).isEqualTo(was.zones().get(i).get(key));
    }

    /** The types in the order of kernels before 4.4 (Unmovable, Reclaimable, Movable, Reserve, Isolate), Reserve empty. */
    private static String oldPagetypeinfo(String text) {
        List<ImportProblem> problems = new ArrayList<>();
        Pagetypeinfo p = Pagetypeinfo.parse("pagetypeinfo", text, problems);
        String[] types = {"Unmovable", "Reclaimable", "Movable", "Reserve", "Isolate"};
        StringBuilder out = new StringBuilder(text.substring(0, text.indexOf("Node")));
        for (String zone : p.free().stream().map(Pagetypeinfo.FreeRow::zone).distinct().toList())
            for (String type : types) {
                out.append(String.format("Node %4d, zone %8s, type %12s ", 0, zone, type));
                long[] counts = p.free().stream().filter(f -> f.zone().equals(zone) && f.type().equals(type)).findFirst()
                        .map(Pagetypeinfo.FreeRow::freeBlocks).orElse(new long[11]);
                for (long c : counts) out.append(String.format("%6d ", c));
                out.append('\n');
            }
        out.append(String.format("\n%-23s", "Number of blocks type "));
        for (String t : types) out.append(String.format("%12s ", t));
        out.append('\n');
        for (Pagetypeinfo.BlockRow b : p.blocks()) {
            out.append(String.format("Node %d, zone %8s ", 0, b.zone()));
            long[] v = b.pageblocks();                          // 6.12's order: Unmovable, Movable, Reclaimable, HighAtomic, Isolate
            for (long c : new long[] {v[0], v[2], v[1], v[3], v[4]}) out.append(String.format("%12d ", c));
            out.append('\n');
        }
        return out.toString();
    }

    @Test
    void cmaBlocksOfA6xCaptureCountAsMovable() {
        Map<String, String> capture = fragmentedCapture();
        Map<String, String> cma = new LinkedHashMap<>(capture);
        UnaryOperator<String> withCma = t -> t
                .replace("Node    0, zone   Normal, type      Isolate ",
                        "Node    0, zone   Normal, type          CMA      0      0      0      0      0      0      0      0      0      0      4 \n"
                        + "Node    0, zone   Normal, type      Isolate ")
                .replace("  HighAtomic      Isolate \n", "  HighAtomic          CMA      Isolate \n");
        String ti = withCma.apply(capture.get("pagetypeinfo"));
        // 4 of Normal's Movable order-10 blocks, and their 8 pageblocks, move to CMA.
        String movableRow = ti.lines().filter(l -> l.startsWith("Node    0, zone   Normal, type      Movable")).findFirst().orElseThrow();
        long movable10 = Long.parseLong(movableRow.strip().substring(movableRow.strip().lastIndexOf(' ') + 1));
        ti = ti.replace(movableRow, movableRow.substring(0, movableRow.length() - 7) + String.format("%6d ", movable10 - 4));
        for (String blockRow : ti.lines().filter(l -> l.startsWith("Node 0, zone ")).toList()) {
            String zone = blockRow.substring(0, "Node 0, zone   Normal ".length());
            String[] w = blockRow.substring(zone.length()).trim().split("\\s+");
            int moved = zone.contains("Normal") ? 8 : 0;
            ti = ti.replace(blockRow, String.format("%s%12s %12d %12s %12s %12d %12s ", zone, w[0], Long.parseLong(w[1]) - moved, w[2], w[3], moved, w[4]));
        }
        cma.put("pagetypeinfo", ti);
        ProcImport.Result r = ProcImport.of(capture(cma));
        assertThat(notes(r)).singleElement().asString().contains("migrate type CMA is not in the model");
        assertThat(prints(imported(r))).isEqualTo(capture);
    }

    @Test
    void aPopulatedDeviceZoneIsImportedEmpty() {
        Map<String, String> capture = fragmentedCapture();
        Map<String, String> device = new LinkedHashMap<>(capture);
        String zi = capture.get("zoneinfo");
        int at = zi.indexOf("Node 0, zone   Device");
        String block = zi.substring(at);
        device.put("zoneinfo", zi.substring(0, at) + block.replace("spanned  0", "spanned  262144").replace("present  0", "present  262144")
                + "  start_pfn:           4194304\n");
        ProcImport.Result r = ProcImport.of(capture(device));
        assertThat(notes(r)).containsExactly("zoneinfo: zone Device imported as empty: ZONE_DEVICE memory is not the buddy allocator's");
        assertThat(prints(imported(r))).isEqualTo(capture);
    }

    @Test
    void aPublishedCaptureKeepsItsZonesAndFreeBlocks() throws IOException {
        Path dir = Path.of("src/test/resources/kmemviz/procfs/prometheus-procfs");
        ProcImport.Result r = ProcImport.of(ProcCapture.folder(dir));
        // Its buddyinfo was not read with its zoneinfo: DMA's free blocks (3973 pages) exceed DMA's managed pages (3956).
        assertThat(notes(r)).anyMatch(n -> n.startsWith("zoneinfo: zone DMA32: pages free 204252, the free blocks add up to"))
                .anyMatch(n -> n.contains("no promo watermark"))
                .contains("buddyinfo: zone DMA: no room for 17 pages of free blocks in their pageblocks; left out");
        Map<String, String> back = prints(imported(r));
        // The fixture lost procfs's trailing space on each row; the numbers and their columns are the kernel's.
        List<String> rows = Files.readAllLines(dir.resolve("buddyinfo"));
        assertThat(back.get("buddyinfo").replace(" \n", "\n").lines().skip(1)).containsExactlyElementsOf(rows.subList(1, 3));
        for (Zoneinfo.Zone[] pair : zonesCapturedAndPrinted(dir, back.get("zoneinfo"))) {
            Zoneinfo.Zone a = pair[0], b = pair[1];
            for (String key : List.of("min", "low", "high", "spanned", "present", "managed", "start_pfn"))
                assertThat(b.get(key)).as(a.name() + " " + key).isEqualTo(a.get(key));
            assertThat(b.protection()).as(a.name() + " protection").isEqualTo(a.protection());
            assertThat(b.pagesets().stream().map(p -> p.count() + "/" + p.high()).toList()).as(a.name() + " pagesets")
                    .isEqualTo(a.pagesets().stream().map(p -> p.count() + "/" + p.high()).toList());
        }
    }

    @Test
    void nothingUsableIsAClearErrorAndTheMachineStays(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ProcImport.of(capture(Map.of("buddyinfo", fragmentedCapture().get("buddyinfo")))))
                .hasMessageStartingWith("nothing usable in test: no zoneinfo");
        Files.writeString(dir.resolve("zoneinfo"), "not a zoneinfo\n");
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        String before = Report.buddyinfo.render(k, List.of());
        ScriptParser parser = new ScriptParser("s.kmv");
        assertThatThrownBy(() -> parser.parse("machine from-proc " + dir + "\n"))
                .isInstanceOf(ScriptException.class).hasMessageContaining("nothing usable in " + dir)
                .hasMessageContaining("buddyinfo: not in the folder");
        assertThat(Report.buddyinfo.render(k, List.of())).isEqualTo(before);
    }

    @Test
    void undoAndRedoCrossTheImport() {
        Map<String, String> capture = fragmentedCapture();
        ProcImport.Result r = ProcImport.of(capture(capture));
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        String classroom = Report.buddyinfo.render(k, List.of());
        k.execute(new Machine(r.profile(), "machine from-proc test", r.zones(), List.of()));
        for (ScriptLine line : new ScriptParser("t").parse("p = alloc_pages(GFP_KERNEL, 5)\nq = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)\n"))
            k.execute(line.command());
        String after = Report.pagetypeinfo.render(k, List.of());
        assertThat(after).isNotEqualTo(capture.get("pagetypeinfo"));
        k.undo();
        k.undo();
        assertThat(prints(k)).isEqualTo(capture);
        k.undo();
        assertThat(Report.buddyinfo.render(k, List.of())).isEqualTo(classroom);
        k.redo();
        k.redo();
        k.redo();
        assertThat(Report.pagetypeinfo.render(k, List.of())).isEqualTo(after);
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void thisHostsProcImports() {
        assumeTrue(Files.isReadable(Path.of("/proc/zoneinfo")), "this system has a readable /proc/zoneinfo");
        ProcImport.Result r = ProcImport.of(ProcCapture.live());
        assertThat(r.profile().description()).startsWith("This machine: ");
        assertThat(imported(r).memory().zones()).anyMatch(z -> z.isPopulated() && z.freePages() > 0);
    }

    @Test
    void moreUnmovableFreeBlocksThanUnmovablePageblocksHoldAreLeftOutWithTheirLine() {
        Map<String, String> capture = prints(new Kernel(Profiles.builtIn("x86_64-8g")));
        String ti = capture.get("pagetypeinfo");
        String unmovable = "Node    0, zone   Normal, type    Unmovable ", movable = "Node    0, zone   Normal, type      Movable ";
        List<String> lines = ti.lines().toList();
        String unmovableRow = lines.stream().filter(l -> l.startsWith(unmovable)).findFirst().orElseThrow();
        String movableRow = lines.stream().filter(l -> l.startsWith(movable)).findFirst().orElseThrow();
        int unmovableLine = lines.indexOf(unmovableRow) + 1;
        assertThat(unmovableRow).endsWith("      0 ");                 // boot: no Unmovable pageblock, no Unmovable block
        long movable10 = Long.parseLong(movableRow.strip().substring(movableRow.strip().lastIndexOf(' ') + 1));
        // 5 order-10 blocks moved from the Movable row to the Unmovable one: the counts of pageblocks stay.
        Map<String, String> contradictory = new LinkedHashMap<>(capture);
        contradictory.put("pagetypeinfo", ti
                .replace(unmovableRow, unmovableRow.substring(0, unmovableRow.length() - 7) + String.format("%6d ", 5))
                .replace(movableRow, movableRow.substring(0, movableRow.length() - 7) + String.format("%6d ", movable10 - 5)));
        ProcImport.Result r = ProcImport.of(capture(contradictory));
        assertThat(notes(r)).contains("pagetypeinfo:" + unmovableLine + ": zone Normal: no room for 5120 pages of Unmovable free "
                + "blocks in the zone's 0 Unmovable pageblocks (files read at different moments?); left out");
        Map<String, String> back = prints(imported(r));
        assertThat(back.get("pagetypeinfo")).isEqualTo(contradictory.get("pagetypeinfo").replace(
                unmovableRow.substring(0, unmovableRow.length() - 7) + String.format("%6d ", 5), unmovableRow));
    }
    /**
     * This project's build host (Linux 6.18, x86_64; host-6.x/SOURCE.md): DMA's first pageblock holds the BIOS hole
     * and an Unmovable order-8 block, the other seven are Movable and wholly free (an order 9 and three order 10).
     * DMA and DMA32 do not change while the files are read, so their rows come back as captured.
     */
    @Test
    void aHostsDmaZonesComeBackAsCaptured() throws IOException {
        Path dir = Path.of("src/test/resources/kmemviz/procfs/host-6.x");
        ProcImport.Result r = ProcImport.of(ProcCapture.folder(dir));
        assertThat(notes(r)).noneMatch(n -> n.contains("zone DMA:"));
        Map<String, String> back = prints(imported(r));
        for (String file : List.of("buddyinfo", "pagetypeinfo")) {
            List<String> dmaRows = Files.readAllLines(dir.resolve(file)).stream().filter(l -> l.matches("Node +0, zone +DMA,? .*")).toList();
            assertThat(dmaRows).as(file).isNotEmpty();
            assertThat(back.get(file).lines().toList()).as(file).containsAll(dmaRows);
        }
    }

    /**
     * This project's build host read at one moment (Linux 6.18 under Firecracker; host-6.18-firecracker/SOURCE.md):
     * buddyinfo and pagetypeinfo come back byte for byte, and every zoneinfo field the model prints has the host's
     * value. Normal counts fewer pageblocks than it spans (offline sections), and DMA32 has all its managed pages
     * free, so only its reserved pages keep its small free blocks apart.
     */
    @Test
    void aHostReadAtOneMomentComesBackAsCaptured() throws IOException {
        Path dir = Path.of("src/test/resources/kmemviz/procfs/host-6.18-firecracker");
        ProcImport.Result r = ProcImport.of(ProcCapture.folder(dir));
        assertThat(notes(r)).noneMatch(n -> n.contains("no room") || n.contains("pages free") || n.contains("pageblocks per type"))
                .contains("pagetypeinfo: zone Normal: 5504 pageblocks counted of the 10752 its present memory spans: 82 memory "
                        + "sections kept offline (not counted, not managed), placed at the top of the zone");
        assertThat(MachineName.of(r.profile())).isEqualTo("Imported from host-6.18-firecracker (24 GiB)");
        Map<String, String> back = prints(imported(r));
        for (String file : List.of("buddyinfo", "pagetypeinfo")) assertThat(back.get(file)).as(file).isEqualTo(Files.readString(dir.resolve(file)));
        for (Zoneinfo.Zone[] pair : zonesCapturedAndPrinted(dir, back.get("zoneinfo"))) {
            Zoneinfo.Zone a = pair[0], b = pair[1];
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.values()).containsKeys("free", "min", "low", "high", "promo", "spanned", "present", "managed");
            for (String key : b.values().keySet()) assertThat(b.get(key)).as(a.name() + " " + key).isEqualTo(a.get(key));
            assertThat(b.protection()).as(a.name() + " protection").isEqualTo(a.protection());
            assertThat(b.pagesets()).as(a.name() + " pagesets").isEqualTo(a.pagesets());
        }
    }

    /**
     * The pagetypeinfo printed in the kernel's Documentation/filesystems/proc.rst (linux-source-6.12, GPL-2.0), a
     * kernel before 4.4 with the Reserve type, imported with a zoneinfo written for its two zones in the layout of
     * those kernels (no managed, no promo): the free blocks per order and the pageblocks come back, Reserve's counted
     * as Movable.
     */
    @Test
    void theKernelDocumentationsPagetypeinfoWithReserveImports() {
        String published = """
                Page block order: 9
                Pages per block:  512

                Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10
                Node    0, zone      DMA, type    Unmovable      0      0      0      1      1      1      1      1      1      1      0
                Node    0, zone      DMA, type  Reclaimable      0      0      0      0      0      0      0      0      0      0      0
                Node    0, zone      DMA, type      Movable      1      1      2      1      2      1      1      0      1      0      2
                Node    0, zone      DMA, type      Reserve      0      0      0      0      0      0      0      0      0      1      0
                Node    0, zone      DMA, type      Isolate      0      0      0      0      0      0      0      0      0      0      0
                Node    0, zone    DMA32, type    Unmovable    103     54     77      1      1      1     11      8      7      1      9
                Node    0, zone    DMA32, type  Reclaimable      0      0      2      1      0      0      0      0      1      0      0
                Node    0, zone    DMA32, type      Movable    169    152    113     91     77     54     39     13      6      1    452
                Node    0, zone    DMA32, type      Reserve      1      2      2      2      2      0      1      1      1      1      0
                Node    0, zone    DMA32, type      Isolate      0      0      0      0      0      0      0      0      0      0      0

                Number of blocks type     Unmovable  Reclaimable      Movable      Reserve      Isolate
                Node 0, zone      DMA            2            0            5            1            0
                Node 0, zone    DMA32           41            6          967            2            0
                """;
        List<ImportProblem> problems = new ArrayList<>();
        Pagetypeinfo doc = Pagetypeinfo.parse("pagetypeinfo", published, problems);
        assertThat(problems).isEmpty();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pagetypeinfo", published);
        StringBuilder zoneinfo = new StringBuilder();
        long start = 0;
        for (Pagetypeinfo.BlockRow row : doc.blocks()) {
            long pages = java.util.Arrays.stream(row.pageblocks()).sum() * 512, free = 0;
            for (Pagetypeinfo.FreeRow f : doc.free())
                if (f.zone().equals(row.zone())) for (int o = 0; o < f.freeBlocks().length; o++) free += f.freeBlocks()[o] << o;
            zoneinfo.append("Node 0, zone ").append(String.format("%8s", row.zone())).append("\n  pages free     ").append(free)
                    .append("\n        min      100\n        low      125\n        high     150\n        scanned  0\n        spanned  ")
                    .append(pages).append("\n        present  ").append(pages).append("\n        protection: (0, 0, 0, 0)")
                    .append("\n  all_unreclaimable: 0\n  start_pfn:         ").append(start).append("\n");
            start += pages;
        }
        files.put("zoneinfo", zoneinfo.toString());
        ProcImport.Result r = ProcImport.of(capture(files));
        assertThat(notes(r)).anyMatch(n -> n.contains("Reserve")).noneMatch(n -> n.contains("no room"));
        Pagetypeinfo back = Pagetypeinfo.parse("pagetypeinfo", prints(imported(r)).get("pagetypeinfo"), problems);
        for (String zone : List.of("DMA", "DMA32")) {
            assertThat(perOrder(back, zone, null)).as(zone).containsExactly(perOrder(doc, zone, null));
            assertThat(perOrder(back, zone, "Movable")).as(zone + " Movable").containsExactly(
                    java.util.stream.IntStream.range(0, 11).mapToLong(o -> perOrder(doc, zone, "Movable")[o] + perOrder(doc, zone, "Reserve")[o]).toArray());
            assertThat(perOrder(back, zone, "Unmovable")).containsExactly(perOrder(doc, zone, "Unmovable"));
            assertThat(perOrder(back, zone, "Reclaimable")).containsExactly(perOrder(doc, zone, "Reclaimable"));
        }
    }

    /** The free blocks per order of one zone, of one type or (type null) of all. */
    private static long[] perOrder(Pagetypeinfo p, String zone, String type) {
        long[] out = new long[11];
        for (Pagetypeinfo.FreeRow f : p.free())
            if (f.zone().equals(zone) && (type == null || f.type().equals(type)))
                for (int o = 0; o < Math.min(11, f.freeBlocks().length); o++) out[o] += f.freeBlocks()[o];
        return out;
    }

    /** Each zone of {@code dir}'s captured zoneinfo beside the same zone of the model's print of it. */
    private static List<Zoneinfo.Zone[]> zonesCapturedAndPrinted(Path dir, String printed) throws IOException {
        List<ImportProblem> problems = new ArrayList<>();
        Zoneinfo was = Zoneinfo.parse("zoneinfo", Files.readString(dir.resolve("zoneinfo")), problems);
        Zoneinfo is = Zoneinfo.parse("zoneinfo", printed, problems);
        assertThat(is.zones()).hasSameSizeAs(was.zones());
        List<Zoneinfo.Zone[]> pairs = new ArrayList<>();
        for (int i = 0; i < was.zones().size(); i++) pairs.add(new Zoneinfo.Zone[] {was.zones().get(i), is.zones().get(i)});
        return pairs;
    }
}
