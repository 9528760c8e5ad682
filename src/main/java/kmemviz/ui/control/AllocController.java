package kmemviz.ui.control;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Sizes;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Profile;
import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.Selection;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The allocation group: API chooser, order spinner or size field, and the Allocate and Free actions. It reads
 * the inputs, builds the command, and runs it; the core decides the rest. Bad input shows on the field, disables
 * Allocate with the reason as its tooltip, and never reaches the core.
 */
public final class AllocController {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private static final KeyCombination ALLOCATE_KEYS = KeyCombination.keyCombination("Shortcut+Enter");
    private static final String ALLOCATE_HELP = "Run the chosen call with this order and GFP mask (Ctrl+Enter)";
    private final CommandRunner runner;
    private final KernelJobs jobs;
    private final GfpFlagPicker gfp;
    private final Selection selection;
    private final ComboBox<ApiChoice> api = new ComboBox<>();
    private final Spinner<Integer> order = OrderSpinner.create();
    private final TextField size = new TextField();
    private final Label hint = new Label();
    private final ObjectProperty<String> inputError = new SimpleObjectProperty<>(this, "inputError");
    private final Action allocate;
    private final Action free;
    private final SlabCallInputs slab;
    private boolean syncing;

    public AllocController(KernelJobs jobs, GfpFlagPicker gfp, Selection selection) {
        this.jobs = jobs;
        this.runner = jobs.runner();
        this.gfp = gfp;
        this.selection = selection;
        api.getItems().setAll(ApiChoice.PAGE_CALLS);
        api.setValue(ApiChoice.PAGE_CALLS.get(0));
        api.setId("api");
        LazyTooltip.install(api, () -> api.getValue().help());
        api.valueProperty().addListener((o, a, b) -> validate());
        order.setId("order");
        order.setPrefWidth(80);
        LazyTooltip.install(order, "Order 0..10: 2^order contiguous pages. Order 11 and above exceed MAX_PAGE_ORDER:\n"
                + "alloc_pages() would WARN and return NULL; the toolbar stays in range, a script can try it.");
        order.getEditor().textProperty().addListener((o, a, b) -> validate());
        order.valueProperty().addListener((o, a, b) -> { if (!syncing) size.clear(); validate(); });
        size.setId("size");
        size.setPromptText("or size, e.g. 24KiB");
        size.setPrefColumnCount(9);
        LazyTooltip.install(size, "A size in bytes (4096, 0x1000, 24KiB, 2MiB): rounded up to a power-of-two number of pages, as get_order() does");
        size.textProperty().addListener((o, a, b) -> validate());
        hint.setId("size-hint");
        hint.getStyleClass().add("size-hint");
        allocate = new Action("Allocate", e -> allocate());
        allocate.setGraphic(new FontIcon(Feather.PLUS_SQUARE));
        allocate.setAccelerator(ALLOCATE_KEYS);
        order.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            // The spinner's skin forwards a copy of each key to its editor: act on the one the editor gets, swallow both.
            if (ALLOCATE_KEYS.match(e)) {
                e.consume();
                if (e.getTarget() == order.getEditor() && !allocate.isDisabled()) allocate();
            }
        });
        allocate.setLongText(ALLOCATE_HELP);
        allocate.getStyleClass().add("accent");     // before any button is made from it: the primary action
        free = new Action("Free", e -> freeSelected());
        free.setGraphic(new FontIcon(Feather.MINUS_SQUARE));
        free.setAccelerator(KeyCombination.keyCombination("Delete"));
        free.setLongText("Free the selected allocation with its matching call (Delete)");
        gfp.errorProperty().addListener((o, a, b) -> validate());
        selection.selectedAllocIdProperty().addListener((o, a, b) -> refresh());
        runner.busyProperty().addListener((o, a, b) -> { validate(); refresh(); });
        slab = new SlabCallInputs(runner, api.valueProperty(), this::validate);
        validate();
        refresh();
    }

    public ComboBox<ApiChoice> api() { return api; }

    public Spinner<Integer> order() { return order; }

    public TextField size() { return size; }

    public Label hint() { return hint; }

    public Action allocateAction() { return allocate; }

    public Action freeAction() { return free; }

    /** The count, cache and task-name inputs of the slab calls. */
    public SlabCallInputs slabInputs() { return slab; }

    private void validate() {
        String err = null;
        ApiChoice choice = api.getValue();
        boolean orderInput = choice.input() == ApiChoice.Input.ORDER, bytesInput = choice.input().takesBytes();
        order.setDisable(!orderInput);
        size.setDisable(!orderInput && !bytesInput);
        hint.setText("");
        String text = order.getEditor().getText().trim();
        boolean orderBad = false, sizeBad = false;
        if (orderInput && !size.getText().isBlank()) {
            try {
                long bytes = Sizes.parse(size.getText());
                if (bytes == 0) throw new IllegalArgumentException("a size of 0 has no order (get_order(0) is undefined)");
                int o = BuddyAllocator.getOrder(bytes);
                if (o > BuddyAllocator.MAX_PAGE_ORDER) throw new IllegalArgumentException(Sizes.format(bytes)
                        + " needs order " + o + ", above MAX_PAGE_ORDER (10, 4 MiB): alloc_pages() would WARN and fail");
                hint.setText("→ order " + o + " (" + Sizes.display((long) Profile.PAGE_SIZE << o) + ")");
                if (order.getValue() != o) {
                    boolean outer = syncing;          // validate() re-enters through the spinner's listeners
                    syncing = true;
                    order.getValueFactory().setValue(o);
                    syncing = outer;
                }
            } catch (IllegalArgumentException ex) {
                err = "Size: " + ex.getMessage();
                sizeBad = true;
            }
        } else if (orderInput) {
            try {
                int o = Integer.parseInt(text);
                if (o < 0 || o > BuddyAllocator.MAX_PAGE_ORDER) {
                    err = "Order " + o + " is outside 0..10" + (o > 10 ? ": above MAX_PAGE_ORDER, alloc_pages() would WARN and return NULL"
                            + " (the toolbar stays in range; a script can make that call)" : "");
                    orderBad = true;
                } else hint.setText(Sizes.display((long) Profile.PAGE_SIZE << o));
            } catch (NumberFormatException ex) {
                err = "Order: '" + text + "' is not a whole number 0..10";
                orderBad = true;
            }
        } else if (bytesInput) {
            try {
                if (size.getText().isBlank()) throw new IllegalArgumentException("type a size in bytes, e.g. 100 or 2KiB");
                hint.setText("→ " + Sizes.parse(size.getText()) + " bytes");
            } catch (IllegalArgumentException ex) {
                err = "Size: " + ex.getMessage();
                sizeBad = true;
            }
        }
        if (err == null && slab != null) err = slab.error(choice.input());
        if (err == null && choice.input() == ApiChoice.Input.RESIZE && selectedVariable() == null)
            err = "krealloc: select an object that a variable holds (click it in the Slab caches tab)";
        // Nothing typed yet (kmalloc just chosen) is no mistake: Allocate waits, with no error shown.
        boolean untyped = bytesInput && size.getText().isBlank();
        order.pseudoClassStateChanged(DANGER, orderBad);
        size.pseudoClassStateChanged(DANGER, sizeBad && !untyped);
        hint.pseudoClassStateChanged(DANGER, err != null && !untyped);
        if (err != null && !untyped) hint.setText(err);
        // One tooltip, its text changed: a new Tooltip builds a popup window and its scene on every keystroke.
        if (hint.getTooltip() == null) hint.setTooltip(new Tooltip());
        hint.getTooltip().setText(hint.getText().isEmpty() ? "The block size of this order" : hint.getText());
        if (err == null && gfp.errorProperty().get() != null) err = "GFP mask: " + gfp.errorProperty().get();
        if (err == null && runner.busyProperty().get()) err = "A script is running";
        inputError.set(err);
        allocate.setDisabled(err != null);
        allocate.setLongText(err == null ? ALLOCATE_HELP : "Allocate is disabled: " + err);
    }

    /** Why Allocate is disabled, or null. */
    public ObjectProperty<String> inputErrorProperty() { return inputError; }

    private void allocate() {
        order.commitValue();                                       // the typed order, not the last committed one
        validate();
        if (inputError.get() != null) return;
        ApiChoice choice = api.getValue();
        String variable = runner.kernel().freshVariable(choice.input() == ApiChoice.Input.NAME ? "t" : "p");
        long bytes = size.getText().isBlank() ? 0 : Sizes.parse(size.getText());
        long n = choice.input() == ApiChoice.Input.COUNT_AND_BYTES ? slab.countValue() : 1;
        Command c = choice.builder().create(new ApiChoice.Request(variable, gfp.mask(), order.getValue(), bytes, n,
                selectedVariable(), slab.cacheVariable(), slab.taskNameValue()));
        jobs.execute(c, out -> { if (out.allocation() != null) selection.select(out.allocation()); });
    }

    private String selectedVariable() { return runner.kernel().variableFor(selection.selectedAllocId()); }

    private void freeSelected() {
        Command c = runner.kernel().freeCommandFor(selection.selectedAllocId());
        if (c != null) runner.execute(c);
    }

    /** Re-reads what Free would do (after each command and selection change). */
    public void refresh() {
        Command c = runner.busyProperty().get() ? null : runner.kernel().freeCommandFor(selection.selectedAllocId());
        free.setDisabled(c == null);
        slab.refresh();
        validate();
        free.setLongText(c == null ? "Free: select an allocation in the map first (Delete)" : "Free: " + c.text() + " (Delete)");
    }
}
