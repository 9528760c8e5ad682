package kmemviz.ui.view.mapping;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import kmemviz.core.vm.PageTables;
import kmemviz.core.vm.Walk;
import kmemviz.core.vm.WalkStep;

/**
 * A page walk as a table: one row per level (the table's pfn, the index into it, the entry and its present and
 * huge bits), then where it ended: the frame and offset with the page size, or the page fault. It shows what the
 * core's {@code translate} returned and nothing else.
 */
public final class PageWalkView extends VBox {
    private final GridPane grid = new GridPane();
    private final Label result = new Label("Type a kernel virtual address (hex) or click a page in the virtual strip.");

    public PageWalkView() {
        getStyleClass().add("page-walk");
        grid.getStyleClass().add("walk-grid");
        result.setId("walk-result");
        result.getStyleClass().add("walk-result");
        result.setWrapText(true);
        setPadding(new Insets(4, 8, 4, 8));
        setSpacing(4);
        getChildren().addAll(grid, result);
    }

    public Label result() { return result; }

    /** Rows of the grid after the header, one per level read, for tests. */
    public int rows() { return Math.max(0, grid.getRowCount() - 1); }

    public void show(String addressText, Walk w, java.util.function.IntFunction<String> ownerOfPfn) {
        grid.getChildren().clear();
        String[] head = {"level", "table pfn", "index", "entry", "bits"};
        for (int c = 0; c < head.length; c++) grid.add(cell(head[c], "walk-head"), c, 0);
        int row = 1;
        for (WalkStep s : w.steps()) {
            boolean huge = (s.entry() & PageTables.PSE) != 0 && !"PTE".equals(s.level());
            grid.add(cell(s.level(), "walk-level"), 0, row);
            grid.add(cell("0x" + Integer.toHexString(s.tablePfn()), "walk-cell"), 1, row);
            grid.add(cell(String.valueOf(s.index()), "walk-cell"), 2, row);
            grid.add(cell(String.format("0x%016x", s.entry()), "walk-cell"), 3, row);
            grid.add(cell((s.present() ? "present" : "NOT present") + (huge ? ", huge (PSE): leaf" : ""),
                    s.present() ? "walk-cell" : "walk-fault"), 4, row);
            row++;
        }
        if (w.mapped()) {
            result.setText(addressText + " → " + w.pageSize().label() + " page at pfn 0x" + Integer.toHexString(w.pfn())
                    + ", offset 0x" + Long.toHexString(w.offset()) + ": frame pfn 0x" + Integer.toHexString(w.framePfn())
                    + ", physical 0x" + Long.toHexString(w.physAddr()) + "  (" + ownerOfPfn.apply(w.framePfn()) + ")");
            result.pseudoClassStateChanged(FAULT, false);
        } else {
            result.setText(addressText + " → page fault: " + w.faultReason());
            result.pseudoClassStateChanged(FAULT, true);
        }
    }

    private static final javafx.css.PseudoClass FAULT = javafx.css.PseudoClass.getPseudoClass("fault");

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        GridPane.setMargin(l, new Insets(0, 14, 0, 0));
        return l;
    }
}
