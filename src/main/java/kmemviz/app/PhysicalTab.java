package kmemviz.app;

import javafx.scene.control.Tab;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import kmemviz.ui.view.frames.FrameMapView;
import kmemviz.ui.view.frames.LegendView;

/** The "Physical memory" tab: the frame map over its legend; the map takes the height the legend leaves. */
final class PhysicalTab {
    private PhysicalTab() {}

    static Tab of(FrameMapView map, LegendView legend) {
        VBox mapArea = new VBox(map, legend);
        VBox.setVgrow(map, Priority.ALWAYS);
        Tab tab = new Tab("Physical memory", mapArea);
        tab.setClosable(false);
        tab.setId("physical-tab");
        return tab;
    }
}
