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
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.StoryText;

/**
 * The inspector: every field of the selected frame and of the allocation that holds it, the allocation's
 * GFP mask decoded bit by bit (name and meaning), and its story: what the page allocator decided for it, numbered
 * step by step ({@link StoryText}). When the last request failed, its story comes first, ending with the conditions
 * that failed. It reads the core when the selection or the state changes.
 */
public final class InspectorView extends VBox {
    private final Selection selection;
    private final java.util.function.IntFunction<String> variableFor;
    private final ShownMemory shown;
    private final GridPane grid = new GridPane();
    private java.util.function.Supplier<kmemviz.core.kernel.SlabState> slabs;
    private AllocStories stories;
    private java.util.function.BiConsumer<AllocStory, String> showLarge = (story, call) -> { };
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
        widthProperty().addListener((o, a, b) -> { if (stacked() != stacked) refresh(); });
        selection.selectedPfnProperty().addListener((o, a, b) -> refresh());
        selection.selectedAllocIdProperty().addListener((o, a, b) -> refresh());
    }

    /** Where slab objects and slab pages are looked up (the kernel's current slab layer). */
    public void showSlabsOf(java.util.function.Supplier<kmemviz.core.kernel.SlabState> slabs) {
        this.slabs = slabs;
        refresh();
    }

    /** Where the allocations' stories are kept (the kernel's explanation sink); without it no story is shown. */
    public void showStoriesOf(AllocStories stories) {
        this.stories = stories;
        refresh();
    }

    /** What the "Show large" button of a story does with it and its call (the story panel over the views). */
    public void onShowLarge(java.util.function.BiConsumer<AllocStory, String> showLarge) { this.showLarge = showLarge; }

    private final javafx.beans.property.BooleanProperty hold = new javafx.beans.property.SimpleBooleanProperty(this, "hold");

    /** While true (an animation plays) the inspector keeps what it shows; on release it reads the selection again. */
    public javafx.beans.property.BooleanProperty holdProperty() { return hold; }

    /** Re-reads the selection from the core (after each command: the allocation may be gone). */
    public void refresh() {
        if (hold.get()) return;
        grid.getChildren().clear();
        stacked = stacked();
        PhysicalMemory mem = shown.memory();
        int pfn = selection.selectedPfn();
        // While a background job owns the kernel it may be half-way through a command: nothing is read until it ends.
        boolean detached = mem == null || shown.detached();
        AllocStory failure = detached || stories == null ? null : stories.lastFailureIfLatest();
        boolean none = detached || pfn == FrameTable.NO_PFN || pfn >= mem.frames().nrFrames();
        empty.setVisible(none && failure == null);
        empty.setManaged(none && failure == null);
        int row = 0;
        if (failure != null) row = story(section(row, "Why the last allocation failed", failure, null, "failure"), failure, "failure");
        if (none) return;
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
            AllocStory story = stories == null ? null : stories.story(a.id());
            if (story != null && story != failure) story(section(row, "How the page allocator served it", story, a.call(), "story"), story, "story");
        }
    }

    /** The numbered steps of a story, one label each across both columns; the steps inside a zonelist pass indented. */
    private int story(int row, AllocStory story, String prefix) {
        for (StoryText.Line line : StoryText.lines(story)) {
            Label l = storyLabel(line, prefix);
            GridPane.setHalignment(l, HPos.LEFT);                // across both columns, not right-aligned with the names
            grid.add(l, 0, row++, 2, 1);
        }
        return row;
    }

    /** A story's section title with the button that shows it large, over the views. */
    private int section(int row, String title, AllocStory story, String call, String prefix) {
        Label l = new Label(title);
        l.getStyleClass().add("inspector-section");
        javafx.scene.control.Button large = new javafx.scene.control.Button("Show large");
        large.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
        large.setId(prefix + "-show-large");
        large.setOnAction(e -> showLarge.accept(story, call));
        javafx.scene.layout.HBox head = new javafx.scene.layout.HBox(8, l, large);
        head.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        GridPane.setHalignment(head, HPos.LEFT);
        grid.add(head, 0, row, 2, 1);
        return row + 1;
    }

    /** One numbered line of a story: nested steps indented, the failed conditions in red; its id is PREFIX-N or PREFIX-why. */
    static Label storyLabel(StoryText.Line line, String prefix) {
        Label l = new Label(line.number() > 0 ? line.number() + ". " + line.text() : line.text());
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(line.number() == 0 ? "story-failure" : line.nested() ? "story-step-nested" : "story-step");
        l.setId(prefix + "-" + (line.number() > 0 ? line.number() : "why"));
        return l;
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
            if (stacked) {
                GridPane.setHalignment(name, HPos.LEFT);
                grid.add(name, 0, row++, 2, 1);
                grid.add(value, 0, row++, 2, 1);
            } else grid.addRow(row++, name, value);
        }
        return row;
    }

    /** Each name above its value: set at the last refresh, from {@link #stacked()}. */
    private boolean stacked;

    /**
     * Whether the panel is too narrow for names and values side by side: about 22 characters of its text, which the
     * side panel at 1280x720 in presentation mode is not ("0x120000" broke across two lines beside "physical address").
     */
    private boolean stacked() { return getWidth() > 0 && getWidth() < 22 * empty.getFont().getSize(); }

    /** The shown value of a field, or null (for tests). */
    public String value(String id) {
        return grid.getChildren().stream().filter(n -> id.equals(n.getId())).map(n -> ((Label) n).getText()).findFirst().orElse(null);
    }
}
