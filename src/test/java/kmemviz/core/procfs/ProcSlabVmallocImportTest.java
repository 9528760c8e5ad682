package kmemviz.core.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import kmemviz.core.report.Report;
import kmemviz.core.slab.KmemCache;
import kmemviz.core.vm.VmapArea;
import org.junit.jupiter.api.Test;

/**
 * slabinfo, vmallocinfo and meminfo in {@code machine from-proc}: the model's own prints of a machine with caches,
 * objects and vmalloc areas come back byte for byte, with the free memory unchanged; hashed and zeroed addresses,
 * CRLF, the 2.6 formats and broken rows are warnings naming file and line. The published capture is
 * prometheus/procfs's fixture (SOURCE.md beside it).
 */
class ProcSlabVmallocImportTest {
    private static final List<String> PRINTED = List.of("buddyinfo", "zoneinfo", "pagetypeinfo", "slabinfo", "vmallocinfo", "meminfo");

    /** A machine with a cache of its own, kmalloc objects in several caches, some freed, and two vmalloc areas. */
    private static Map<String, String> busyCapture() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        StringBuilder script = new StringBuilder("c = kmem_cache_create(\"widget\", 300)\nv = vmalloc(1MiB)\nw = vmalloc(3MiB)\n");
        for (int i = 0; i < 400; i++) script.append("k").append(i).append(" = kmalloc(").append(24 + (i % 7) * 100).append(", GFP_KERNEL)\n");
        for (int i = 0; i < 90; i++) script.append("o").append(i).append(" = kmem_cache_alloc(c, GFP_KERNEL)\n");
        for (int i = 0; i < 400; i += 3) script.append("kfree(k").append(i).append(")\n");
        for (ScriptLine line : new ScriptParser("busy").parse(script.toString())) k.execute(line.command());
        return prints(k);
    }

    private static Map<String, String> prints(Kernel k) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : PRINTED) out.put(name, Report.valueOf(name).render(k, List.of()));
        return out;
    }

    private static Kernel boot(ProcImport.Result r) {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        k.execute(new Machine(r.profile(), "machine from-proc test", r.zones(), List.of(), r.slabCaches(), r.vmapAreas()));
        assertThat(k.checkInvariants()).isEmpty();
        return k;
    }

    private static List<String> notes(ProcImport.Result r) { return r.notes().stream().map(ImportProblem::toString).toList(); }

    private static ProcImport.Result of(Map<String, String> files) { return ProcImport.of(new ProcCapture("test", files, List.of())); }

    @Test
    void slabinfoVmallocinfoAndMeminfoPrintBackByteForByte() {
        Map<String, String> capture = busyCapture();
        assertThat(capture.get("slabinfo")).contains("widget").contains("kmalloc-128");
        assertThat(capture.get("vmallocinfo").lines()).hasSize(3);      // the 3 MiB area's pages[] has an area of its own
        ProcImport.Result r = of(capture);
        assertThat(notes(r)).isEmpty();
        Kernel k = boot(r);
        assertThat(prints(k)).isEqualTo(capture);
        KmemCache widget = k.slab().allocator().cache("widget");
        assertThat(widget.activeObjs()).isEqualTo(90);
        assertThat(k.memory().frames().owner(widget.slabHeadPfn(widget.slabSlots()[0]))).isEqualTo(Owner.SLAB);
    }

    @Test
    void importedObjectsAndAreasCanBeFreed() {
        Kernel k = boot(of(busyCapture()));
        KmemCache widget = k.slab().allocator().cache("widget");
        long phys = (long) widget.slabHeadPfn(widget.slabSlots()[0]) << 12;
        long free = freeAndPcp(k);
        VmapArea area = k.vm().vmalloc().areas().get(0);
        for (ScriptLine line : new ScriptParser("t").parse(String.format("kfree(0x%x)%nvfree(0x%x)%n", 0xffff888000000000L + phys, area.start())))
            assertThat(k.execute(line.command()).message()).doesNotContain("refused");
        assertThat(widget.activeObjs()).isEqualTo(89);
        assertThat(k.vm().vmalloc().areas()).hasSize(2);
        assertThat(freeAndPcp(k)).isEqualTo(free + area.nrPages());
        assertThat(k.checkInvariants()).isEmpty();
    }

    private static long freeAndPcp(Kernel k) {
        long pages = 0;
        for (Zone z : k.memory().zones()) {
            pages += z.freePages();
            if (z.hasPcp()) for (int cpu = 0; cpu < k.profile().nrCpus(); cpu++) pages += z.pcpCount(cpu);
        }
        return pages;
    }

    @Test
    void hashedOrZeroedAddressesArePlacedInFileOrder() {
        Map<String, String> capture = busyCapture();
        capture.put("vmallocinfo", "0x00000000c6e3a5d1-0x000000003b8f2e10  8192 acpi_os_map_iomem+0x1af/0x1f0 phys=0x00000000fed00000 ioremap\r\n"
                + "0x0000000062a1f7c4-0x00000000d2b7a901  1052672 alloc_large_system_hash+0x16b/0x2a0 pages=256 vmalloc vpages N0=256\r\n"
                + "0x0000000000000000-0x0000000000000000   12288 bpf_prog_alloc_no_stats+0x4a/0x1a0 pages=2 vmalloc N0=2\r\n"
                + "0x0000000000000000-0x0000000000000000    8192 unpurged vm_area\r\n");
        capture.remove("meminfo");
        ProcImport.Result r = of(capture);
        assertThat(notes(r)).contains("vmallocinfo: 1 unpurged (lazily freed) area left out: the model frees a range at once")
                .anyMatch(n -> n.startsWith("vmallocinfo: addresses hashed (%pK, kptr_restrict=0), zeroed"));
        Kernel k = boot(r);
        List<VmapArea> areas = k.vm().vmalloc().areas();
        assertThat(areas).extracting(VmapArea::caller).containsExactly("acpi_os_map_iomem+0x1af/0x1f0",
                "alloc_large_system_hash+0x16b/0x2a0", "bpf_prog_alloc_no_stats+0x4a/0x1a0");
        assertThat(areas.get(0).start()).isEqualTo(k.vm().layout().vmallocStart());
        assertThat(areas.get(1).start()).isEqualTo(areas.get(0).end());
        assertThat(k.vm().vmalloc().pagesOf(areas.get(0).start())).isEmpty();          // an ioremap: a reservation
        assertThat(k.vm().vmalloc().pagesOf(areas.get(1).start())).hasSize(256);
        assertThat(Report.vmallocinfo.render(k, List.of())).contains(" 8192 acpi_os_map_iomem+0x1af/0x1f0 phys=0x00000000fed00000 ioremap\n")
                .contains(" pages=256 vmalloc vpages N0=256\n");
        assertThat(prints(k).get("buddyinfo")).isEqualTo(capture.get("buddyinfo"));
    }

    @Test
    void oldFormatsBrokenRowsAndDisagreementsAreWarningsWithTheirLines() {
        Map<String, String> capture = busyCapture();
        capture.put("slabinfo", "slabinfo - version: 2.0\r\n"
                + "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <batchcount> <limit> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\r\n"
                + "ext3_inode_cache    3000   3010    512    7    1 : tunables   54   27    0 : slabdata    430    430      0\r\n"
                + "dentry_cache        4000   4002    136   29    1 : tunables  120   60    0 : slabdata    138    138      0 : globalstat 1 2 3\r\n"
                + "size-64             500    531 64 59 1 : tunables  120   60\r\n"
                + "iwl_cmd_pool:0000:04:00.0      0    128    512   32    4 : tunables    0    0    0 : slabdata      4      4      0\r\n"
                + "kmalloc-64          9999     64     64   64    1 : tunables    0    0    0 : slabdata      1      1      0\r\n");
        capture.put("meminfo", "MemTotal:        1000 kB\nMemFree:  lots\nSlab:   7 kB\n");
        ProcImport.Result r = of(capture);
        assertThat(notes(r)).contains("slabinfo:5: not a slabinfo row: \"size-64             500    531 64 59 1 : tunables  120   60\" "
                        + "(expected NAME and 5 counts, \": tunables\" 3, \": slabdata\" 3)",
                "slabinfo:7: cache kmalloc-64: 9999 active objects but room for 64 in 1 slabs; 64 imported",
                "meminfo:2: not a meminfo line: \"MemFree:  lots\" (expected \"Label: value kB\")")
                .anyMatch(n -> n.startsWith("slabinfo:3: cache ext3_inode_cache: 7 objects per slab of 1 pages is not SLUB's layout"))
                .anyMatch(n -> n.startsWith("meminfo:1: MemTotal 1000 kB, but node 0's managed pages (zoneinfo) give 8215552 kB"))
                .anyMatch(n -> n.startsWith("meminfo:3: Slab 7 kB, but slabinfo's slabs"));
        Kernel k = boot(r);
        assertThat(k.slab().allocator().cache("dentry_cache").activeObjs()).isEqualTo(4000);
        assertThat(k.slab().allocator().cache("iwl_cmd_pool:0000:04:00.0").numSlabs()).isEqualTo(4);
        assertThat(k.slab().allocator().cache("ext3_inode_cache").activeObjs()).isEqualTo(3000);
        assertThat(prints(k).get("buddyinfo")).isEqualTo(capture.get("buddyinfo"));
    }

    @Test
    void thePublishedCapturesSlabinfoFillsItsCaches() throws IOException {
        Path dir = Path.of("src/test/resources/kmemviz/procfs/prometheus-procfs");
        ProcImport.Result r = ProcImport.of(ProcCapture.folder(dir));
        assertThat(r.slabCaches()).hasSize(300);
        Kernel k = boot(r);
        String back = Report.slabinfo.render(k, List.of());
        // Every row of the fixture is in the model's print with its counts, in the fixture's order.
        List<String> rows = Files.readAllLines(dir.resolve("slabinfo")).subList(2, 302);
        List<String> printed = back.lines().filter(l -> rows.stream().anyMatch(row -> row.split("\\s+")[0].equals(l.split("\\s+")[0]))).toList();
        assertThat(printed).hasSize(300);
        for (int i = 0; i < rows.size(); i++)
            assertThat(printed.get(i).split("\\s+")).as(rows.get(i)).containsExactly(rows.get(i).split("\\s+"));
        assertThat(notes(r)).anyMatch(n -> n.startsWith("meminfo:"));
    }
}
