package kmemviz.ui.view;

import kmemviz.ui.view.frames.FrameFacts;
import kmemviz.ui.view.slab.SlabFacts;

import java.util.List;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.PhysicalMemory;

/**
 * The inspector: every field of the selected frame and of the allocation that holds it, and the allocation's
 * GFP mask decoded bit by bit (name and meaning). It reads the core when the selection or the state changes.
 */
public final class InspectorView extends VBox {
    private final Selection selection;
    private final java.util.function.IntFunction<String> variableFor;
    private final ShownMemory shown;
    private final GridPane grid = new GridPane();
    private java.util.function.Supplier<kmemviz.core.kernel.SlabState> slabs;
    private final Label empty = new Label("Click a frame in the map to inspect it and its allocation.");

    /** @param variableFor the script variable that holds an allocation id, or null */
    public InspectorView(Selection selection, ShownMemory shown, java.util.function.IntFunction<String> variableFor) {
        this.selection = selection;
        this.variableFor = variableFor;
        this.shown = shown;
        getStyleClass().add("inspector");
        setId("inspector");
        grid.getStyleClass().add("inspector-grid");
        ColumnConstraints names = new ColumnConstraints();
        names.setHalignment(HPos.RIGHT);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, values);
        empty.setWrapText(true);
        empty.getStyleClass().add("inspector-empty");
        getChildren().addAll(empty, grid);
        hold.addListener((o, a, held) -> { if (!held) refresh(); });
        selection.selectedPfnProperty().addListener((o, a, b) -> refresh());
        selection.selectedAllocIdProperty().addListener((o, a, b) -> refresh());
    }

    /** Where slab objects and slab pages are looked up (the kernel's current slab layer). */
    public void showSlabsOf(java.util.function.Supplier<kmemviz.core.kernel.SlabState> slabs) {
        this.slabs = slabs;
        refresh();
    }

    private final javafx.beans.property.BooleanProperty hold = new javafx.beans.property.SimpleBooleanProperty(this, "hold");

    /** While true (an animation plays) the inspector keeps what it shows; on release it reads the selection again. */
    public javafx.beans.property.BooleanProperty holdProperty() { return hold; }

    /** Re-reads the selection from the core (after each command: the allocation may be gone). */
    public void refresh() {
        if (hold.get()) return;
        grid.getChildren().clear();
        PhysicalMemory mem = shown.memory();
        int pfn = selection.selectedPfn();
        // While a background job owns the kernel it may be half-way through a command: nothing is read until it ends.
        boolean none = mem == null || shown.detached() || pfn == FrameTable.NO_PFN || pfn >= mem.frames().nrFrames();
        empty.setVisible(none);
        empty.setManaged(none);
        if (none) return;
        int row = 0;
        Allocation object = mem.allocations().get(selection.selectedAllocId());
        if (object != null && object.isObject() && slabs != null) {
            row = section(row, "Slab object");
            row = rows(row, SlabFacts.object(slabs.get(), object, variableFor.apply(object.id())), "object");
            row = section(row, "GFP bits");
            row = rows(row, FrameFacts.gfpBits(object.gfp()), "gfp");
        }
        row = section(row, "Frame");
        row = rows(row, FrameFacts.frame(mem, pfn), "frame");
        Allocation a = mem.allocations().get(mem.frames().allocId(pfn));
        if (a != null && slabs != null && a.api() == kmemviz.core.mm.Api.SLAB) {
            row = section(row, "Slab page");
            row = rows(row, SlabFacts.slabPage(slabs.get(), a), "slabpage");
        }
        if (a != null && !(object != null && object.isObject())) {
            row = section(row, "Allocation");
            String variable = variableFor.apply(a.id());
            row = rows(row, FrameFacts.allocation(a, variable), "alloc");
            row = section(row, "GFP bits");
            List<FrameFacts.Fact> bits = FrameFacts.gfpBits(a.gfp());
            if (bits.isEmpty()) row = rows(row, List.of(new FrameFacts.Fact("(none)", "no flag set")), "gfp");
            else row = rows(row, bits, "gfp");
        }
    }

    private int section(int row, String title) {
        Label l = new Label(title);
        l.getStyleClass().add("inspector-section");
        grid.add(l, 0, row, 2, 1);
        return row + 1;
    }

    private int rows(int row, List<FrameFacts.Fact> facts, String prefix) {
        for (FrameFacts.Fact f : facts) {
            Label name = new Label(f.label());
            name.getStyleClass().add("inspector-name");
            name.setMinWidth(Region.USE_PREF_SIZE);          // the field names never shrink to "..."
            Label value = new Label(f.value());
            value.getStyleClass().add("inspector-value");
            value.setWrapText(true);
            value.setId(prefix + "-" + f.label().replace(' ', '-'));
            value.setTooltip(new Tooltip(f.value()));
            grid.addRow(row++, name, value);
        }
        return row;
    }

    /** The shown value of a field, or null (for tests). */
    public String value(String id) {
        return grid.getChildren().stream().filter(n -> id.equals(n.getId())).map(n -> ((Label) n).getText()).findFirst().orElse(null);
    }
}
