package kmemviz.app;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.FlowPane;
import kmemviz.ui.control.CompactController;
import kmemviz.ui.view.frag.FragView;
import org.controlsfx.control.action.ActionUtils;

/**
 * The "Fragmentation" tab: the zone chooser and Compact zone over the panel. A tab of its own rather than a section
 * of the side bar or of the Physical tab: the two charts need eleven order columns each, readable from the back of
 * a room, and the zone strip needs the width of the window to show the scanners apart; the side bar is 300-400 px
 * and the Physical tab's height belongs to the map (and the pageblock strip under it).
 */
final class FragTab {
    private FragTab() {}

    static Tab of(FragView view, CompactController compact) {
        Label zone = new Label("Zone:");
        zone.getStyleClass().add("group-label");
        var button = ActionUtils.createButton(compact.compactAction());
        button.setId("compact-zone");
        FlowPane bar = new FlowPane(8, 4, zone, view.zoneChooser(), button);
        bar.getStyleClass().add("frag-bar");
        bar.setPadding(new Insets(4, 8, 4, 8));
        return PanelTab.of("Fragmentation", "frag-tab", bar, view, false);
    }
}
