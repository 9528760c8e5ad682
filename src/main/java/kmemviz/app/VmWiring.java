package kmemviz.app;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
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
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The virtual-memory side of the window: the "Mappings" tab (virtual strip, physical strip, lines, page walk) and
 * the "TLB" tab (grids, counters, chart, workloads, comparison), built from the main {@link Wiring}'s kernel,
 * runner and selection. Like Wiring, layout only.
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
    public final Tab mappingsTab, tlbTab;
    private final kmemviz.ui.view.Selection selection;

    VmWiring(Wiring w) {
        selection = w.selection;
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
        w.bridge.subscribe(kmemviz.core.kernel.KernelListener.afterEveryChange(() -> {
            mapping.refresh();
            walk.refresh();
        }));
        // vmalloc() and vzalloc() have no gfp_t argument: the picker is shown as unused while they are chosen.
        w.alloc.api().valueProperty().addListener((o, a, b) -> {
            boolean ignored = b != null && VmApiChoices.ignoresGfp(b);
            w.gfp.presets().setDisable(ignored);
            w.gfp.bits().setDisable(ignored);
        });
        w.themes.presentationProperty().addListener((o, a, b) -> mapping.setFontScale(b ? 1.35 : 1));
        mapping.setFontScale(w.themes.presentationProperty().get() ? 1.35 : 1);
        mappingsTab = new Tab("Mappings", mappingsPane());
        mappingsTab.setId("mappings-tab");
        mappingsTab.setClosable(false);
        tlbTab = new Tab("TLB", tlbPane());
        tlbTab.setId("tlb-tab");
        tlbTab.setClosable(false);
    }

    public List<Tab> tabs() { return List.of(mappingsTab, tlbTab); }

    private BorderPane mappingsPane() {
        Button fit = new Button("Fit", new FontIcon(Feather.MAXIMIZE));
        fit.setId("mapping-fit");
        fit.setOnAction(e -> mapping.fit());
        Button toSel = new Button("Zoom to selection", new FontIcon(Feather.CROSSHAIR));
        toSel.setId("mapping-zoom-selection");
        toSel.setOnAction(e -> mapping.zoomToAlloc(selection.selectedAllocId()));
        Label phys = new Label("physical strip");
        phys.getStyleClass().add("group-label");
        javafx.scene.control.ToggleButton follow = new javafx.scene.control.ToggleButton("Follow focus", new FontIcon(Feather.ZOOM_IN));
        follow.setId("mapping-phys-follow");
        follow.selectedProperty().bindBidirectional(mapping.followFocusProperty());
        follow.setTooltip(new javafx.scene.control.Tooltip(
                "The physical strip zooms to the frames of the selected allocation (or the one hovered on the virtual strip)"));
        Button whole = new Button("Whole memory", new FontIcon(Feather.MAXIMIZE_2));
        whole.setId("mapping-phys-whole");
        whole.setOnAction(e -> mapping.showWholeMemory());
        whole.setTooltip(new javafx.scene.control.Tooltip("Show every frame on the physical strip (stops following the focus)"));
        Label hint = new Label("Hover: follow lines · click: select, walk a page · wheel: zoom · drag: pan");
        hint.getStyleClass().add("size-hint");
        hint.setMinWidth(0);
        ToolBar bar = new ToolBar(fit, toSel, new Separator(), phys, follow, whole, new Separator(), hint);
        Label title = new Label("Page walk");
        title.getStyleClass().add("pane-title");
        HBox field = new HBox(8, title, walk.address(), walk.walkButton(), walk.error());
        field.setAlignment(Pos.CENTER_LEFT);
        field.setPadding(new Insets(4, 8, 0, 8));
        VBox walkPane = new VBox(field, walkView);
        walkPane.getStyleClass().add("walk-pane");
        BorderPane p = new BorderPane(mapping);
        p.setTop(bar);
        p.setBottom(walkPane);
        return p;
    }

    private SplitPane tlbPane() {
        Button[] b = tlb.buttons();
        // A FlowPane, not a ToolBar: a narrow window wraps the buttons instead of hiding them in an overflow menu.
        Label on = new Label("Workload on the selected allocation:");
        on.getStyleClass().add("group-label");
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(6, 4, on, b[0], b[1], b[2], tlb.strideField(),
                new Separator(Orientation.VERTICAL), b[3], b[4], new Separator(Orientation.VERTICAL), b[5]);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("tlb-toolbar");
        ScrollPane grids = new ScrollPane(tlbView);
        grids.setFitToWidth(true);
        grids.setFitToHeight(true);
        VBox left = new VBox(bar, tlb.message(), grids);
        VBox.setVgrow(grids, Priority.ALWAYS);
        tlb.message().setPadding(new Insets(2, 8, 2, 8));
        ScrollPane right = new ScrollPane(tlbStats);
        right.setFitToWidth(true);
        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.62);
        return split;
    }
}
