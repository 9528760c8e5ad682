package kmemviz.app;

import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * A tab whose header is there from the start and whose content is built when the tab is first selected. The first
 * frame then neither builds nor styles nor lays out the tabs behind the first one: hidden tabs are in the scene
 * graph, so their skins, CSS and layout were about a third of the window's first CSS pass (JFR samples on the FX
 * thread inside Stage.show: 415 with them, 281 without), and building their bars cost another tenth of a second.
 * The views a content holds are made by the wiring beforehand, so they follow the kernel while their tab is unbuilt.
 */
final class LazyTab {
    private LazyTab() {}

    static Tab of(String text, String id, Supplier<Node> content) {
        Tab tab = new Tab(text);
        tab.setId(id);
        tab.setClosable(false);
        tab.selectedProperty().addListener(new ChangeListener<>() {
            @Override public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean selected) {
                if (!selected) return;
                tab.selectedProperty().removeListener(this);
                tab.setContent(content.get());
            }
        });
        return tab;
    }
}
