package kmemviz.app;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A view tab of one panel: a bar of its choosers and buttons over the panel, which scrolls below its minimum size. */
final class PanelTab {
    private PanelTab() {}

    /** @param fillHeight whether the panel grows into the tab's height (else it keeps its own and scrolls) */
    static Tab of(String title, String id, Node bar, Node panel, boolean fillHeight) {
        ScrollPane scroll = new ScrollPane(panel);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(fillHeight);
        VBox box = new VBox(bar, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Tab tab = new Tab(title, box);
        tab.setId(id);
        tab.setClosable(false);
        return tab;
    }
}
