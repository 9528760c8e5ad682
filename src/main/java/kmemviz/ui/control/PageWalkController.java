package kmemviz.ui.control;

import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import kmemviz.core.cmd.Target;
import kmemviz.core.cmd.Translate;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.vm.Walk;
import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.mapping.MappingView;
import kmemviz.ui.view.mapping.PageWalkView;

/**
 * The page-walk field: parses a hex address (bad text gets a message in place and runs nothing), runs
 * {@code translate(addr)} so the walk is logged, and shows the walk its outcome carries in the panel and on the
 * mapping view. After other commands the tables may have changed, and {@link #refresh()} walks the shown address again.
 */
public final class PageWalkController {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private final CommandRunner runner;
    private final PageWalkView view;
    private final MappingView mapping;
    private final TextField address = new TextField();
    private final Button walk = new Button("Walk");
    private final Label error = new Label();
    private long shownVaddr;
    private boolean shown;

    public PageWalkController(CommandRunner runner, PageWalkView view, MappingView mapping) {
        this.runner = runner;
        this.view = view;
        this.mapping = mapping;
        address.setId("walk-address");
        address.setPromptText("e.g. 0xffff888100000000");
        address.setPrefColumnCount(17);
        LazyTooltip.install(address, "A kernel virtual address in hex (0x optional). Enter walks the page tables.");
        address.setOnAction(e -> walk());
        address.disableProperty().bind(runner.busyProperty());
        address.textProperty().addListener((o, a, b) -> clearError());
        walk.setId("walk");
        walk.setOnAction(e -> walk());
        walk.disableProperty().bind(runner.busyProperty());
        error.setId("walk-error");
        error.getStyleClass().add("size-hint");
    }

    public TextField address() { return address; }

    public Button walkButton() { return walk; }

    public Label error() { return error; }

    /** A page picked on the mapping view: put it in the field and walk it. */
    public void pick(long vaddr) {
        if (runner.busyProperty().get()) return;                  // a script owns the kernel meanwhile
        address.setText(runner.kernel().vm().format(vaddr));
        walk();
    }

    /** After a command the tables may have changed: walk the shown address again. */
    public void refresh() {
        if (shown && !runner.busyProperty().get()) show(shownVaddr);
    }

    public void walk() {
        if (runner.busyProperty().get()) return;
        long va;
        try {
            va = parse(address.getText(), runner.kernel().vm().layout().arch().is64());
        } catch (IllegalArgumentException ex) {
            error.setText(ex.getMessage());
            error.pseudoClassStateChanged(DANGER, true);
            address.pseudoClassStateChanged(DANGER, true);
            return;
        }
        Outcome out = runner.execute(new Translate(Target.address(va)));
        if (out.walk() != null) show(va, out.walk());
    }

    private void show(long va) { show(va, runner.kernel().vm().translate(va)); }

    private void show(long va, Walk w) {
        shownVaddr = va;
        shown = true;
        view.show(runner.kernel().vm().format(va), w, pfn -> {
            var a = runner.kernel().memory().allocations().get(runner.kernel().memory().frames().allocId(pfn));
            return a == null ? "no allocation" : a.call();
        });
        mapping.showWalk(va, w);
    }

    private void clearError() {
        error.setText("");
        error.pseudoClassStateChanged(DANGER, false);
        address.pseudoClassStateChanged(DANGER, false);
    }

    /** A hex address, "0x" optional, at most 16 digits (8 on i386). */
    static long parse(String text, boolean is64) {
        String t = text == null ? "" : text.trim().replace("_", "");
        if (t.startsWith("0x") || t.startsWith("0X")) t = t.substring(2);
        if (t.isEmpty()) throw new IllegalArgumentException("Enter an address in hex, e.g. " + (is64 ? "0xffff888100000000" : "0xc1000000"));
        if (!t.matches("[0-9a-fA-F]+"))
            throw new IllegalArgumentException("'" + text.trim() + "' is not a hex address (digits 0-9, a-f)");
        if (t.length() > (is64 ? 16 : 8))
            throw new IllegalArgumentException("'" + text.trim() + "' has more than " + (is64 ? 64 : 32) + " bits");
        return Long.parseUnsignedLong(t, 16);
    }
}
