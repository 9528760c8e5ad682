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
            grid.add(cell(s.present() ? bits(s.entry(), !"PTE".equals(s.level())) : "NOT present",
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

    /**
     * A present entry's flag bits, as arch/x86/include/asm/pgtable_types.h names them (_PAGE_BIT_RW 1, USER 2,
     * ACCESSED 5, DIRTY 6, PSE 7, GLOBAL 8, NX 63). Bit 7 of a PTE is PAT, not PSE, so it is read only above.
     */
    static String bits(long entry, boolean aboveLeafLevel) {
        StringBuilder b = new StringBuilder("P");
        b.append((entry & PageTables.RW) != 0 ? " RW" : " RO");
        b.append((entry & USER) != 0 ? " US" : " kernel-only");
        if ((entry & PageTables.ACCESSED) != 0) b.append(" A");
        if ((entry & PageTables.DIRTY) != 0) b.append(" D");
        if (aboveLeafLevel && (entry & PageTables.PSE) != 0) b.append(" PS (huge page: the walk ends here)");
        if ((entry & PageTables.GLOBAL) != 0) b.append(" G");
        if ((entry & PageTables.NX) != 0) b.append(" NX");
        return b.toString();
    }

    /** _PAGE_USER: no kernel mapping of the model sets it, so PageTables has no constant for it. */
    private static final long USER = 1L << 2;

    private static final javafx.css.PseudoClass FAULT = javafx.css.PseudoClass.getPseudoClass("fault");

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        GridPane.setMargin(l, new Insets(0, 14, 0, 0));
        return l;
    }
}
