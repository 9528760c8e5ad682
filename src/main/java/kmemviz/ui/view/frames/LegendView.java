package kmemviz.ui.view.frames;

import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import kmemviz.core.mm.Owner;

/** The map's legend: one swatch per owner, coloured from the map's own CSS properties, so it matches in screenshots. */
public final class LegendView extends FlowPane {
    private Label imported;

    public LegendView(FrameMapView map) {
        super(12, 4);
        getStyleClass().add("legend");
        setId("legend");
        for (Owner o : Owner.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().add("legend-swatch");
            var colour = map.ownerColourProperty(o);
            swatch.setBackground(new Background(new BackgroundFill(colour.get(), null, null)));
            colour.addListener((obs, a, c) -> swatch.setBackground(new Background(new BackgroundFill(c, null, null))));
            Label l = new Label(o.label(), swatch);
            l.getStyleClass().add("legend-item");
            getChildren().add(l);
            if (o == Owner.IMPORTED) imported = l;
        }
        showImported(false);
    }

    /** "in use (imported)" is listed only for a machine imported from /proc: elsewhere no frame has that colour. */
    public void showImported(boolean shown) {
        imported.setVisible(shown);
        imported.setManaged(shown);
    }
}
