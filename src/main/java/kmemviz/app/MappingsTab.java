package kmemviz.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import kmemviz.ui.control.PageWalkController;
import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.Selection;
import kmemviz.ui.view.mapping.MappingView;
import kmemviz.ui.view.mapping.PageWalkView;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The "Mappings" tab: a bar (fit, zoom to the selection, the physical strip's follow and whole-memory toggles, a
 * hint) over the {@link MappingView}, and the page walk (address field, Walk, the walk's table) under it.
 */
final class MappingsTab {
    private MappingsTab() {}

    static Tab of(MappingView mapping, PageWalkController walk, PageWalkView walkView, Selection selection) {
        Button fit = new Button("Fit", new FontIcon(Feather.MAXIMIZE));
        fit.setId("mapping-fit");
        fit.setOnAction(e -> mapping.fit());
        Button toSel = new Button("Zoom to selection", new FontIcon(Feather.CROSSHAIR));
        toSel.setId("mapping-zoom-selection");
        toSel.setOnAction(e -> mapping.zoomToAlloc(selection.selectedAllocId()));
        Label phys = new Label("physical strip");
        phys.getStyleClass().add("group-label");
        ToggleButton follow = new ToggleButton("Follow focus", new FontIcon(Feather.ZOOM_IN));
        follow.setId("mapping-phys-follow");
        follow.selectedProperty().bindBidirectional(mapping.followFocusProperty());
        LazyTooltip.install(follow, 
                "The physical strip zooms to the frames of the selected allocation (or the one hovered on the virtual strip)");
        Button whole = new Button("Whole memory", new FontIcon(Feather.MAXIMIZE_2));
        whole.setId("mapping-phys-whole");
        whole.setOnAction(e -> mapping.showWholeMemory());
        LazyTooltip.install(whole, "Show every frame on the physical strip (stops following the focus)");
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
        Tab tab = new Tab("Mappings", p);
        tab.setId("mappings-tab");
        tab.setClosable(false);
        return tab;
    }
}
