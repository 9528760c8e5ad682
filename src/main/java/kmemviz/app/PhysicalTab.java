package kmemviz.app;

import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import kmemviz.ui.view.frames.FrameMapView;
import kmemviz.ui.view.frames.LegendView;
import kmemviz.ui.view.frames.PageblockStripView;

/**
 * The "Physical memory" tab: the pageblock strip at the map's left edge, level with its rows, over the legend; the
 * map takes the width the strip and the height the legend leave.
 */
final class PhysicalTab {
    private PhysicalTab() {}

    static Tab of(FrameMapView map, PageblockStripView strip, LegendView legend) {
        HBox withStrip = new HBox(strip, map);
        HBox.setHgrow(map, Priority.ALWAYS);
        VBox mapArea = new VBox(withStrip, legend);
        VBox.setVgrow(withStrip, Priority.ALWAYS);
        Tab tab = new Tab("Physical memory", mapArea);
        tab.setClosable(false);
        tab.setId("physical-tab");
        return tab;
    }
}
