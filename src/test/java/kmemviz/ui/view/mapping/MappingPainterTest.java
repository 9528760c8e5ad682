package kmemviz.ui.view.mapping;

import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.frames.MapPalette;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.FreePages;
import kmemviz.core.cmd.Target;
import kmemviz.core.cmd.Vmalloc;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profiles;
import kmemviz.core.procfs.ProcCapture;
import kmemviz.core.procfs.ProcImport;
import kmemviz.core.report.Report;
import org.junit.jupiter.api.Test;

class MappingPainterTest {
    private static final int HIGHLIGHT = 0xff111111;
    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
    private final MappingPainter painter = new MappingPainter();
    private final DrawList out = new DrawList();

    private MappingPalette palette() {
        int[] owner = new int[Owner.values().length];
        for (int i = 0; i < owner.length; i++) owner[i] = 0xff000000 | (i * 0x151515);
        MapPalette map = new MapPalette(owner, new int[] {0xff888888}, new int[6], 0xffffffff, 0xff000000);
        return new MappingPalette(map, 0xffffffff, 0xffeeeeee, 0xfff5f5f5, 0xff000000, 0xff777777, 0xffd00000,
                new int[] {0xff010101, 0xff020202, 0xff030303}, 0x10000000, HIGHLIGHT, 0xffd55e00);
    }

    private void paint(MappingModel m, MappingPainter.Frame f, MappingPainter.Focus focus) {
        byte[] owners = kernel.memory().frames().owners();
        VirtualAxis axis = VirtualAxis.of(m.parts(), f.axisWidth());
        int[] cols = painter.physicalColumns(owners, m.nrFrames(), (int) f.physWidth(), palette.map());
        painter.paint(m, axis, f, focus, owners, cols, palette, out);
    }

    private final MappingPalette palette = palette();

    private int vmalloc(String v, long bytes) {
        return kernel.execute(new Vmalloc(v, Vmalloc.Flavor.VMALLOC, bytes, Gfp.KERNEL, "")).allocation().id();
    }

    private static MappingPainter.Focus selected(int id) {
        return new MappingPainter.Focus(0, id, 0, false, new int[0], new String[0], -1);
    }

    @Test
    void aSelectedVmallocGetsOneLinePerPageToItsFrames() {
        int id = vmalloc("v", 32 << 10);
        MappingModel m = MappingModel.of(kernel);
        MappingPainter.Frame f = new MappingPainter.Frame(1000, 600, 1, 0);
        paint(m, f, selected(id));
        int[] lines = out.linesOfColour(HIGHLIGHT);
        int[] pfns = kernel.memory().allocations().get(id).pages().toArray();
        assertThat(lines).hasSize(8);
        for (int i = 0; i < 8; i++)
            assertThat(f.pfnAt(out.coord(lines[i], 2), m.nrFrames())).isEqualTo(pfns[i]);
    }

    @Test
    void anAllocPagesBlockMapsStraightThroughTheDirectMap() {
        var out1 = kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 2, ""));
        MappingModel m = MappingModel.of(kernel);
        int area = m.areasOf(out1.allocation().id())[0];
        assertThat(m.areaKind(area)).isEqualTo(MappingModel.Kind.DIRECT);
        assertThat(m.areaStart(area)).isEqualTo(kernel.vm().directMapAddress(out1.allocation().pfn()));
        int pfn = out1.allocation().pfn();
        assertThat(m.pfnsOf(out1.allocation().id())).containsExactly(pfn, pfn + 1, pfn + 2, pfn + 3);
    }

    @Test
    void hitTestingFindsTheAreaAndItsGuardPageButNotTheGapAfter() {
        int id = vmalloc("v", 16 << 10);
        MappingModel m = MappingModel.of(kernel);
        int area = m.areasOf(id)[0];
        long start = m.areaStart(area);
        assertThat(m.areaAt(start)).isEqualTo(area);
        assertThat(m.areaAt(start + (4 << 12) + 10)).isEqualTo(area);              // the guard page
        assertThat(m.areaGuardBytes(area)).isEqualTo(4096);
        assertThat(m.areaAt(start - 1)).isNotEqualTo(area);
    }

    @Test
    void zoomedOutManyMappingsStayWithinTheLineBudget() {
        for (int i = 0; i < 40; i++) {
            kernel.execute(new AllocPages("b" + i, AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 0, ""));
            if (i % 2 == 0) kernel.execute(new FreePages(Target.variable("b" + i), 0, false));
            vmalloc("v" + i, 32 << 10);
        }
        MappingModel m = MappingModel.of(kernel);
        assertThat(m.nrLines()).isGreaterThan(320);
        paint(m, new MappingPainter.Frame(1000, 600, 1, 0), MappingPainter.Focus.NONE);
        assertThat(out.lineLengthPx()).isLessThan(MappingPainter.LINE_BUDGET_PX + 2000);
        assertThat(out.linesOfColour(HIGHLIGHT)).isEmpty();
    }

    @Test
    void physicalStripXAndPfnAtAreInverse() {
        MappingPainter.Frame f = new MappingPainter.Frame(1014, 600, 1, 0);
        int n = 1 << 20;
        for (int pfn : new int[] {0, 12345, n - 1}) assertThat(f.pfnAt(f.physX(pfn, n) + 0.5 * f.physWidth() / n, n)).isEqualTo(pfn);
        assertThat(f.pfnAt(2, n)).isEqualTo(-1);
    }

    @Test
    void zoomedToItsFramesASelectedVmallocsLinesEndOnSeparateFrames() {
        int id = vmalloc("v", 64 << 10);
        MappingModel m = MappingModel.of(kernel);
        int[] pfns = m.pfnsOf(id);
        int lo = java.util.Arrays.stream(pfns).min().orElseThrow(), hi = java.util.Arrays.stream(pfns).max().orElseThrow();
        PhysicalWindow r = PhysicalWindow.around(lo, hi, m.nrFrames());
        MappingPainter.Frame f = new MappingPainter.Frame(1000, 600, 1, 0, r.lo(), r.hi());
        paint(m, f, selected(id));
        int[] lines = out.linesOfColour(HIGHLIGHT);
        assertThat(lines).hasSize(16);
        java.util.Set<Long> ends = new java.util.HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            assertThat(f.pfnAt(out.coord(lines[i], 2), m.nrFrames())).isEqualTo(pfns[i]);
            ends.add(Math.round(out.coord(lines[i], 2)));
        }
        assertThat(ends).hasSize(16);                           // each frame is its own pixel column, or several
        assertThat(f.framePx(m.nrFrames())).isGreaterThan(10);
    }

    @Test
    void aZoomedPhysicalStripIsLabelledWithItsPfnRangeAndScale() {
        int id = vmalloc("v", 64 << 10);
        MappingModel m = MappingModel.of(kernel);
        MappingPainter.Frame f = new MappingPainter.Frame(1000, 600, 1, 0, 0x100, 0x200);
        paint(m, f, selected(id));
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < out.size(); i++) if (out.op(i) == DrawList.TEXT) texts.add(out.text(i));
        assertThat(texts).anyMatch(t -> t.startsWith("physical memory, zoomed: pfn 0x100 … 0x1ff  (256 of 1,024 frames)") && t.endsWith("1 frame ≈ 4 px"));
    }

    @Test
    void lastAllocatedFindsTheLastFrameThatIsNotFreeInAnyRangeAsAPlainScanDoes() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] owners = new byte[random.nextInt(80)];
            for (int i = 0; i < owners.length; i++)
                owners[i] = random.nextInt(6) == 0 ? (byte) (1 + random.nextInt(Owner.values().length - 1)) : Owner.FREE.code();
            int lo = owners.length == 0 ? 0 : random.nextInt(owners.length), hi = lo + random.nextInt(owners.length - lo + 1);
            int expected = -1;
            for (int p = lo; p < hi; p++) if (owners[p] != Owner.FREE.code()) expected = p;
            assertThat(MappingPainter.lastAllocated(owners, lo, hi)).as("round %d, [%d, %d)", round, lo, hi).isEqualTo(expected);
        }
    }

    @Test
    void anImportedIoremapIsLabelledForWhatItIsInTheMutedColourNotAsAGuard() {
        Map<String, String> capture = new LinkedHashMap<>();
        for (Report r : List.of(Report.buddyinfo, Report.zoneinfo, Report.pagetypeinfo)) capture.put(r.name(), r.render(kernel, List.of()));
        // A framebuffer's ioremap (4 MiB and its guard page), then a vmalloc'ed area with its pages; addresses hashed.
        capture.put("vmallocinfo", "0x00000000c6e3a5d1-0x000000003b8f2e10 4198400 pci_iomap+0x3e/0x60 phys=0x00000000e0000000 ioremap\n"
                + "0x000000001c2d3e4f-0x000000005a6b7c8d   16384 module_alloc+0x5c/0x80 pages=3 vmalloc\n");
        ProcImport.Result r = ProcImport.of(new ProcCapture("test", capture, List.of()));
        kernel.execute(new Machine(r.profile(), "machine from-proc test", r.zones(), List.of(), r.slabCaches(), r.vmapAreas()));
        MappingModel m = MappingModel.of(kernel);
        MappingPainter.Frame f = new MappingPainter.Frame(1600, 600, 1, 0);
        paint(m, f, selected(0));

        int label = out.indexOfText("ioremap (no pages)");
        assertThat(label).isNotNegative();
        assertThat(out.colour(label)).isEqualTo(palette.muted());
        assertThat(out.indexOfText("guard")).isNegative();            // the vmalloc area's guard page is too narrow to name
        int ioremap = m.areaAt(r.vmapAreas().get(0).start());
        assertThat(m.areaKind(ioremap)).isEqualTo(MappingModel.Kind.NO_PAGES);
        double x0 = f.screenX(VirtualAxis.of(m.parts(), f.axisWidth()).x(m.areaStart(ioremap)));
        for (int i : out.opsOfColour(DrawList.FILL_RECT, palette.guard()))
            assertThat(out.coord(i, 0) < x0 - 1 || out.coord(i, 0) > out.coord(label, 0)).as("a guard fill over the ioremap").isTrue();
    }
}
