package kmemviz.ui.control;

import javafx.scene.Node;
import kmemviz.core.mm.Allocation;
import kmemviz.ui.theme.Themes;
import kmemviz.ui.view.frames.FrameMapView;
import kmemviz.ui.view.Selection;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;

/** The View menu: zoom, colour mode, legend, theme and presentation mode. */
public final class ViewController {
    private final Action zoomIn, zoomOut, fit, zoomToAllocation, byAllocation, byMigrateType, legend, dark, presentation;

    public ViewController(FrameMapView map, Selection selection, Themes themes, Node legendNode) {
        zoomIn = Actions.of("Zoom in", Feather.ZOOM_IN, "Shortcut+EQUALS", "Larger cells (Ctrl+=, or the wheel on the map)", map::zoomIn);
        zoomOut = Actions.of("Zoom out", Feather.ZOOM_OUT, "Shortcut+MINUS", "Smaller cells, then several frames per pixel (Ctrl+-)", map::zoomOut);
        fit = Actions.of("Fit machine", Feather.MAXIMIZE, "Shortcut+0", "Show every frame of the machine (Ctrl+0)", () -> {
            map.fit();
            zoomed.accept(true);
        });
        zoomToAllocation = Actions.of("Zoom to allocation", Feather.CROSSHAIR, "Shortcut+G", "Zoom onto the selected allocation (Ctrl+G)", () -> {
            Allocation a = map.shown().memory().allocations().get(selection.selectedAllocId());
            if (a != null && a.isBlock()) map.zoomToRange(a.pfn(), a.pfn() + (int) a.nrPages());
            else if (selection.selectedPfn() >= 0) map.zoomToRange(selection.selectedPfn(), selection.selectedPfn() + 1);
            zoomed.accept(false);
        });
        zoomToAllocation.disabledProperty().bind(selection.selectedPfnProperty().lessThan(0));
        byAllocation = toggle("Colour by allocation", Feather.DROPLET, "Shortcut+Shift+C",
                "Each allocation its own colour instead of one colour per owner (Ctrl+Shift+C)");
        map.colourByAllocationProperty().bindBidirectional(byAllocation.selectedProperty());
        byMigrateType = toggle("Colour by migrate type", Feather.LAYERS, "Shortcut+Shift+M",
                "Each frame in the colour of its migrate type (Unmovable, Movable, Reclaimable...), free frames lighter, "
                        + "instead of one colour per owner (Ctrl+Shift+M)");
        map.colourByMigrateTypeProperty().bindBidirectional(byMigrateType.selectedProperty());
        legend = toggle("Legend", Feather.LIST, "Shortcut+Shift+L", "Show or hide the legend under the map (Ctrl+Shift+L)");
        legend.setSelected(true);
        legendNode.visibleProperty().bind(legend.selectedProperty());
        legendNode.managedProperty().bind(legend.selectedProperty());
        dark = toggle("Dark theme", Feather.MOON, "Shortcut+Shift+D", "Switch between the light and dark theme (Ctrl+Shift+D)");
        dark.selectedProperty().bindBidirectional(themes.darkProperty());
        themes.paintAhead(map);
        presentation = toggle("Presentation mode", Feather.MONITOR, "Shortcut+Shift+P",
                "Larger text and cells, stronger contrast, for projectors (Ctrl+Shift+P)");
        presentation.selectedProperty().bindBidirectional(themes.presentationProperty());
        themes.presentationProperty().addListener((o, a, p) -> map.labelSizeProperty().set(p ? 17 : 12));
    }

    private static Action toggle(String text, Feather icon, String keys, String help) {
        Action a = Actions.of(text, icon, keys, help, () -> {});
        return a;
    }

    public Action zoomInAction() { return zoomIn; }

    public Action zoomOutAction() { return zoomOut; }

    public Action fitAction() { return fit; }

    private java.util.function.Consumer<Boolean> zoomed = whole -> {};

    /** Told after Fit ({@code true}) and Zoom to allocation ({@code false}): the lesson player records them. */
    public void onZoomed(java.util.function.Consumer<Boolean> whole) { zoomed = whole; }

    public Action zoomToAllocationAction() { return zoomToAllocation; }

    public Action colourByAllocationAction() { return byAllocation; }

    public Action colourByMigrateTypeAction() { return byMigrateType; }

    public Action legendAction() { return legend; }

    public Action darkAction() { return dark; }

    public Action presentationAction() { return presentation; }
}
