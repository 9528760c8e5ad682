package kmemviz.app;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import kmemviz.ui.control.TlbController;
import kmemviz.ui.view.tlb.TlbStatsView;
import kmemviz.ui.view.tlb.TlbView;

/** The "TLB" tab: the workload buttons and the TLB grids on the left, the counters, chart and comparison on the right. */
final class TlbTab {
    private TlbTab() {}

    static Tab of(TlbController tlb, TlbView tlbView, TlbStatsView tlbStats) {
        Button[] b = tlb.buttons();
        // A FlowPane, not a ToolBar: a narrow window wraps the buttons instead of hiding them in an overflow menu.
        Label on = new Label("Workload on the selected allocation:");
        on.getStyleClass().add("group-label");
        // Each button in a holder, so that a disabled one (a job runs; Compare with no room) still shows its tooltip.
        Node[] h = java.util.Arrays.stream(b).map(kmemviz.ui.control.Actions::tooltipWhenDisabled).toArray(Node[]::new);
        FlowPane bar = new FlowPane(6, 4, on, h[0], h[1], h[2], tlb.strideField(),
                new Separator(Orientation.VERTICAL), h[3], h[4], new Separator(Orientation.VERTICAL), h[5]);
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
        Tab tab = new Tab("TLB", split);
        tab.setId("tlb-tab");
        tab.setClosable(false);
        return tab;
    }
}
