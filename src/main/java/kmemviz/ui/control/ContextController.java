package kmemviz.ui.control;

import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;
import kmemviz.core.cmd.SetContext;
import kmemviz.core.mm.ExecContext;
import kmemviz.ui.view.LazyTooltip;

/** The context chooser: picking one issues {@code context process|atomic|softirq|hardirq}. */
public final class ContextController {
    private final CommandRunner runner;
    private final ComboBox<ExecContext> chooser = new ComboBox<>();
    private boolean syncing;

    public ContextController(CommandRunner runner) {
        this.runner = runner;
        chooser.getItems().setAll(ExecContext.values());
        chooser.setId("context");
        chooser.setConverter(new StringConverter<>() {
            @Override public String toString(ExecContext c) { return c == null ? "" : c.keyword(); }

            @Override public ExecContext fromString(String s) { return ExecContext.byKeyword(s); }
        });
        LazyTooltip.install(chooser, "Where the calling code runs. Outside process context a call that may sleep\n"
                + "(__GFP_DIRECT_RECLAIM, as in GFP_KERNEL) is a BUG: use GFP_ATOMIC or GFP_NOWAIT there.");
        chooser.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null && b != runner.kernel().context()) runner.execute(new SetContext(b));
        });
        chooser.disableProperty().bind(runner.busyProperty());
        refresh();
    }

    public ComboBox<ExecContext> chooser() { return chooser; }

    /** Shows the kernel's context (after undo, a new machine or a script). */
    public void refresh() {
        syncing = true;
        chooser.setValue(runner.kernel().context());
        syncing = false;
    }
}
