package kmemviz.ui.view.frames;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.ShownMemory;

/**
 * The map's legend: one swatch per owner, coloured from the map's own CSS properties, so it matches in screenshots;
 * coloured by migrate type, one swatch per type that some pageblock or frame has instead. Its first item switches
 * between the two, so the switch stays on screen in presentation mode, where the toolbar's view toggles are hidden.
 */
public final class LegendView extends FlowPane {
    private Label imported;
    private boolean importedShown;
    private final List<Label> owners = new ArrayList<>();
    private final Map<MigrateType, Label> types = new EnumMap<>(MigrateType.class);
    private final Label freeNote = new Label("free: lighter shade of its pageblock's type");
    private Label pcp;
    private final FrameMapView map;

    public LegendView(FrameMapView map) {
        super(12, 4);
        this.map = map;
        getStyleClass().add("legend");
        setId("legend");
        ToggleButton byType = new ToggleButton("Migrate types");
        byType.setId("legend-migratetype-toggle");
        // As low as a legend item, so the legend keeps its height (a lesson's caption band is measured against it).
        byType.getStyleClass().add("small");
        byType.setPadding(new javafx.geometry.Insets(0, 6, 0, 6));
        LazyTooltip.install(byType, "Colour the frames by migrate type instead of by owner (Ctrl+Shift+M)");
        byType.selectedProperty().bindBidirectional(map.colourByMigrateTypeProperty());
        getChildren().add(byType);
        for (Owner o : Owner.values()) {
            Label l = item(o.label(), map.ownerColourProperty(o));
            owners.add(l);
            if (o == Owner.IMPORTED) imported = l;
        }
        // Free, but held by a CPU: not on the buddy lists, so neither free's colour nor an owner's.
        pcp = item("on a per-CPU list", map.pcpColourProperty());
        LazyTooltip.install(pcp, "Free pages on a CPU's per-CPU list (pcp=on): handed out to that CPU first, "
                + "not on the buddy free lists, so they neither merge nor count in /proc/buddyinfo. Coloured by migrate type: "
                + "the type of their list (each list holds one type), mixed with this colour, with a dot of it in large cells");
        for (MigrateType t : MigrateType.values()) types.put(t, item(t.kernelName(), map.migrateTypeColourProperty(t)));
        freeNote.getStyleClass().add("legend-item");
        getChildren().add(freeNote);
        map.colourByMigrateTypeProperty().addListener((o, a, b) -> refresh());
        map.shown().addListener(new ShownMemory.Listener() {
            @Override public void framesChanged(int lo, int hi) {}

            @Override public void countsChanged() { if (map.colourByMigrateTypeProperty().get() || stripShown()) refresh(); }

            @Override public void reset() { refresh(); }
        });
        refresh();
    }

    private Label item(String text, ObjectProperty<Color> colour) {
        Region swatch = new Region();
        swatch.getStyleClass().add("legend-swatch");
        swatch.setBackground(new Background(new BackgroundFill(colour.get(), null, null)));
        colour.addListener((obs, a, c) -> swatch.setBackground(new Background(new BackgroundFill(c, null, null))));
        Label l = new Label(text, swatch);
        l.getStyleClass().add("legend-item");
        getChildren().add(l);
        return l;
    }

    /** "in use (imported)" is listed only for a machine imported from /proc: elsewhere no frame has that colour. */
    public void showImported(boolean shown) {
        importedShown = shown;
        refresh();
    }

    /** Whether the pageblock strip shows beside the map: with migrate types on, whose colours it uses. */
    private boolean stripShown() { return map.shown().nrFrames() > 0 && map.shown().memory().buddy().migratetypes(); }

    /**
     * The owners, or the migrate types present (and holes and reserved frames, which keep their owner colour). With
     * the owners, the pageblock strip's types are listed too, as pageblocks: its colours would otherwise read as
     * owners' (Movable's green as a user process).
     */
    private void refresh() {
        boolean byType = map.colourByMigrateTypeProperty().get(), strip = stripShown();
        for (int i = 0; i < owners.size(); i++) {
            Owner o = Owner.values()[i];
            boolean keep = o == Owner.HOLE || o == Owner.RESERVED;
            show(owners.get(i), (!byType || keep) && (o != Owner.IMPORTED || importedShown));
        }
        for (var e : types.entrySet()) {
            e.getValue().setText(byType ? e.getKey().kernelName() : e.getKey().kernelName() + " pageblock");
            show(e.getValue(), (byType || strip) && map.shown().nrFrames() > 0 && map.shown().typeShown(e.getKey()));
        }
        show(freeNote, byType);
        // By type, a per-CPU page shows its list's type mixed with the per-CPU colour (FrameMapPainter.pcpShade).
        pcp.setText(byType ? "on a per-CPU list: its type, mixed with this" : "on a per-CPU list");
        show(pcp, map.shown().nrFrames() > 0 && map.shown().pcp().enabled());
    }

    private static void show(Label l, boolean shown) {
        l.setVisible(shown);
        l.setManaged(shown);
    }
}
