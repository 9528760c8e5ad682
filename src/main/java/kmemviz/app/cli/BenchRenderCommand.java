package kmemviz.app.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Zone;
import kmemviz.core.cmd.Vmalloc;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.frames.FrameMapPainter;
import kmemviz.ui.view.mapping.MappingModel;
import kmemviz.ui.view.mapping.MappingPainter;
import kmemviz.ui.view.mapping.MappingPalette;
import kmemviz.ui.view.mapping.VirtualAxis;
import kmemviz.ui.view.frames.MapGeometry;
import kmemviz.ui.view.frames.MapPalette;
import kmemviz.ui.view.ShownMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmemviz bench render}: paints the frame map of x86_64-16g (about 4.4 million frames) with the same
 * painter the window uses, into an offscreen int[] (no display), and prints the median of many repaints in the
 * {@code NAME VALUE UNIT} form: the whole machine fitted into a view, and the rows repainted after one
 * alloc_pages(GFP_KERNEL, 0).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Time the frame-map painter on x86_64-16g without a display.")
public final class BenchRenderCommand implements Callable<Integer> {
    @Option(names = "--width", description = "View width in pixels (default ${DEFAULT-VALUE}).")
    int width = 1100;

    @Option(names = "--height", description = "View height in pixels (default ${DEFAULT-VALUE}).")
    int height = 760;

    @Option(names = "--repeats", description = "Measured repaints per figure (default ${DEFAULT-VALUE}).")
    int repeats = 60;

    @Override
    public Integer call() {
        Kernel kernel = new Kernel(Profiles.builtIn("x86_64-16g"));
        ShownMemory shown = new ShownMemory();
        shown.resetFrom(kernel.memory());
        var bands = kernel.memory().zones().stream().filter(z -> z.spannedPages() > 0).toList();
        FrameMapPainter painter = new FrameMapPainter(shown.owners(), shown.allocIds(), shown.freeOrders(),
                bands.stream().mapToInt(Zone::startPfn).toArray(), bands.stream().mapToInt(z -> z.type().ordinal()).toArray());
        MapPalette palette = palette();
        MapGeometry g = MapGeometry.fit(shown.nrFrames(), width, height);
        int[] argb = new int[width * height];

        double full = median(() -> painter.paintAll(g, palette, false, argb));

        Outcome out = kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 0, ""));
        int lo = Integer.MAX_VALUE, hi = 0;
        for (MmEvent e : out.events()) {
            int[] r = shown.apply(e);
            if (r != null) { lo = Math.min(lo, r[0]); hi = Math.max(hi, r[1]); }
        }
        shown.settle();
        int[] rows = FrameMapPainter.screenRows(g, lo, hi);
        double alloc = median(() -> painter.paintRows(g, palette, false, argb, rows[0], rows[1]));

        System.out.printf("map_full_repaint_ms %.3f ms%n", full);
        System.out.printf("map_alloc_repaint_ms %.4f ms%n", alloc);
        System.out.printf("# %d frames in a %dx%d view (%s), %d repaints each; the allocation repainted %d row(s)%n",
                shown.nrFrames(), width, height, g.describeScale(), repeats, rows[1] - rows[0]);
        mappingView(kernel, shown, palette);
        return 0;
    }

    /**
     * The mapping view with at least 10,000 mapped pages (vmalloc areas of 64 KiB between short-lived page blocks,
     * so that their frames scatter, plus the blocks kept), zoomed out: the painter's work for one repaint.
     */
    private void mappingView(Kernel kernel, ShownMemory shown, MapPalette palette) {
        for (int i = 0; kernel.vm().vmalloc().usedPages() < 10_000; i++) {
            kernel.execute(new AllocPages("b" + i, AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, i % 3, ""));
            if (i % 2 == 0) kernel.execute(new kmemviz.core.cmd.FreePages(kmemviz.core.cmd.Target.variable("b" + i), i % 3, false));
            kernel.execute(new Vmalloc("v" + i, Vmalloc.Flavor.VMALLOC, 64 << 10, Gfp.KERNEL, ""));
        }
        shown.resetFrom(kernel.memory());
        MappingModel model = MappingModel.of(kernel);
        MappingPainter painter = new MappingPainter();
        MappingPainter.Frame frame = new MappingPainter.Frame(width, height, 1, 0);
        VirtualAxis axis = VirtualAxis.of(model.parts(), frame.axisWidth());
        MappingPalette pal = new MappingPalette(palette, 0xffffffff, 0xffe4e9ef, 0xfff3f5f7, 0xff1f2328, 0xff656d76, 0xffd00000,
                new int[] {0xffb9c4cf, 0xff7fb8d8, 0xff3a78a8}, 0x186b7785, 0xff111111, 0xffd55e00);
        int[] columns = painter.physicalColumns(shown.owners(), shown.nrFrames(), (int) frame.physWidth(), palette).clone();
        DrawList out = new DrawList();
        double ms = median(() -> painter.paint(model, axis, frame, MappingPainter.Focus.NONE, shown.owners(), columns, pal, out));
        System.out.printf("mapping_view_repaint_ms %.3f ms%n", ms);
        System.out.printf("# %d mapped pages in %d areas, zoomed out in a %dx%d view: %d draw calls, %d lines of %.0f px in all"
                + " (painter only: the Canvas then draws these calls)%n",
                model.nrLines(), model.nrAreas(), width, height, out.size(), out.nrLines(), out.lineLengthPx());
    }

    private double median(Runnable paint) {
        for (int i = 0; i < 20; i++) paint.run();
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            paint.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }

    /** The light theme's colours (kmemviz.css), hard-wired because the bench has no CSS. */
    static MapPalette palette() {
        int[] owner = {0xffdde3ea, 0xffa7adb4, 0xff4a4f55, 0xff56b4e9, 0xff009e73, 0xffe69f00, 0xfff0e442, 0xff0072b2,
                0xffcc79a7, 0xffd55e00, 0xff882255};
        if (owner.length != Owner.values().length) throw new IllegalStateException("palette out of step with Owner");
        int[] tint = {0xffe8b980, 0xff9cc3e4, 0xffa9d3ae, 0xffcdb1dd, 0xffd0d0d0, 0xffd0d0d0};
        return new MapPalette(owner, MapPalette.hueWheel(12, 0.65, 0.85), tint, 0xffffffff, 0xff6b7785);
    }
}
