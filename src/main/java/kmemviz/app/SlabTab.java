package kmemviz.app;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.slab.SlabView;

/** The "Slab caches" tab: a bar with the show-all toggle and a one-line key, over the {@link SlabView}. */
final class SlabTab {
    private SlabTab() {}

    static Tab of(SlabView view) {
        CheckBox all = new CheckBox("Caches without slabs too");
        all.setId("slab-all-caches");
        LazyTooltip.install(all, "List every cache (the kmalloc-N caches exist from boot), not only those that hold slabs");
        all.selectedProperty().bindBidirectional(view.allCachesProperty());
        all.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label key = new Label("one square = one object slot · coloured = in use (dot: zeroed) · pale = free · "
                + "bar left of a slab: full / partial / empty");
        key.getStyleClass().add("slab-caption");
        key.setMinWidth(0);
        HBox bar = new HBox(all, key);
        bar.getStyleClass().add("slab-bar");
        VBox box = new VBox(bar, view);
        VBox.setVgrow(view, Priority.ALWAYS);
        view.setId("slab-view");
        Tab tab = new Tab("Slab caches", box);
        tab.setId("slab-tab");
        tab.setClosable(false);
        return tab;
    }
}
