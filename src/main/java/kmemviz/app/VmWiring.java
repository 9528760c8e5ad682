package kmemviz.app;

import kmemviz.ui.control.PageWalkController;
import kmemviz.ui.control.TlbController;
import kmemviz.ui.control.TlbTrack;
import kmemviz.ui.control.VmApiChoices;
import kmemviz.ui.view.mapping.MappingInput;
import kmemviz.ui.view.mapping.MappingView;
import kmemviz.ui.view.mapping.PageWalkView;
import kmemviz.ui.view.tlb.TlbShown;
import kmemviz.ui.view.tlb.TlbStatsView;
import kmemviz.ui.view.tlb.TlbView;

/**
 * The virtual-memory side of the window: the views and controllers of the "Mappings" tab (virtual strip, physical
 * strip, lines, page walk) and the "TLB" tab (grids, counters, chart, workloads, comparison), built from the main
 * {@link Wiring}'s kernel, runner and selection, and connected to its events. {@link MappingsTab} and
 * {@link TlbTab} lay them out.
 */
public final class VmWiring {
    public final MappingView mapping;
    public final MappingInput mappingInput;
    public final PageWalkView walkView = new PageWalkView();
    public final PageWalkController walk;
    public final TlbShown tlbShown = new TlbShown();
    public final TlbView tlbView;
    public final TlbStatsView tlbStats = new TlbStatsView();
    public final TlbTrack tlbTrack;
    public final TlbController tlb;

    VmWiring(Wiring w) {
        mapping = new MappingView(w.kernel, w.shown, w.selection, w.map);
        mapping.setId("mapping-view");
        mapping.setAnimate(() -> !w.animator.isInstant());
        walk = new PageWalkController(w.runner, walkView, mapping);
        mappingInput = new MappingInput(mapping, w.selection, walk::pick);
        tlbView = new TlbView(tlbShown, mapping::model, w.shown, w.map);
        tlbView.setId("tlb-view");
        tlbView.setAllocationNames(id -> {
            var a = w.kernel.memory().allocations().get(id);
            return a == null ? null : a.call();
        });
        new kmemviz.ui.view.tlb.TlbInput(tlbView);
        tlbTrack = new TlbTrack(w.kernel, tlbShown, tlbView, tlbStats);
        w.animator.addTrack(tlbTrack);
        tlb = new TlbController(w.runner, w.jobs, w.selection, tlbStats);
        w.bridge.afterEveryJob(mapping);            // reads and paints the mappings a job leaves on the job's thread
        w.bridge.subscribe(kmemviz.core.kernel.KernelListener.afterEveryChange(() -> {
            mapping.refresh();
            walk.refresh();
            tlb.refresh();
        }));
        // vmalloc() and vzalloc() have no gfp_t argument: the picker is shown as unused while they are chosen.
        w.alloc.api().valueProperty().addListener((o, a, b) -> {
            boolean ignored = b != null && VmApiChoices.ignoresGfp(b);
            w.gfp.presets().setDisable(ignored);
            w.gfp.bits().setDisable(ignored);
        });
        w.themes.presentationProperty().addListener((o, a, b) -> mapping.setFontScale(b ? 1.35 : 1));
        mapping.setFontScale(w.themes.presentationProperty().get() ? 1.35 : 1);
    }
}
