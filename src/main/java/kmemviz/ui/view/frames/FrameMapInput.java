package kmemviz.ui.view.frames;

import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import kmemviz.core.mm.FrameTable;
import kmemviz.ui.view.HoverTip;
import kmemviz.ui.view.ShownMemory;

/**
 * Turns gestures on the frame map into intents: hover (tooltip), click (select the frame and its allocation),
 * drag (pan), wheel (zoom around the pointer), keys (arrows and page keys pan, + and - zoom, Home and End jump).
 * No drawing in here.
 */
public final class FrameMapInput {
    private final FrameMapView view;
    private final HoverTip tooltip;
    private double dragY;
    private boolean dragged;

    public FrameMapInput(FrameMapView view) {
        this.view = view;
        tooltip = HoverTip.monospace(view);
        view.setOnMouseMoved(this::hover);
        view.setOnMouseExited(e -> view.selection().hoveredPfnProperty().set(FrameTable.NO_PFN));
        view.setOnMousePressed(e -> { dragY = e.getY(); dragged = false; view.requestFocus(); });
        view.setOnMouseDragged(this::drag);
        view.setOnMouseReleased(this::click);
        view.setOnScroll(this::wheel);
        view.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    private void hover(MouseEvent e) {
        int pfn = view.pfnAt(e.getX(), e.getY());
        view.selection().hoveredPfnProperty().set(pfn);
        ShownMemory shown = view.shown();
        if (pfn == FrameTable.NO_PFN || shown.memory() == null) { tooltip.setText(""); return; }
        // While a background job owns the kernel, its state is half-way through a command: the copy only.
        tooltip.setText((shown.detached() ? FrameFacts.shownTooltip(shown, pfn) : FrameFacts.tooltip(shown.memory(), pfn))
                + (view.geometry().framesPerCell() > 1 ? "\n(this cell covers " + view.geometry().framesPerCell() + " frames)" : ""));
    }

    /** What the hover tooltip says now (for tests). */
    public String tooltipText() { return tooltip.text(); }

    private void drag(MouseEvent e) {
        int cell = view.geometry().cellPx();
        int rows = (int) ((dragY - e.getY()) / cell);
        if (rows != 0) {
            dragged = true;
            view.scrollRows(rows);
            dragY -= rows * cell;
        }
    }

    private void click(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY) return;
        selectAt(e.getX(), e.getY());
    }

    /** Selects the frame under a point of the view, and the allocation that holds it. */
    public void selectAt(double x, double y) {
        int pfn = view.pfnAt(x, y);
        if (pfn == FrameTable.NO_PFN) view.selection().clear();
        else view.selection().select(pfn, view.shown().allocIds()[pfn]);
    }

    private void wheel(ScrollEvent e) {
        if (e.getDeltaY() == 0) return;
        if (e.isShiftDown()) view.scrollRows(e.getDeltaY() > 0 ? -3 : 3);
        else view.zoomBy(e.getDeltaY() > 0 ? 1 : -1, e.getX(), e.getY());
        e.consume();
    }

    private void key(KeyEvent e) {
        MapGeometry g = view.geometry();
        if (g == null) return;
        switch (e.getCode()) {
            case UP -> view.scrollRows(-1);
            case DOWN -> view.scrollRows(1);
            case PAGE_UP -> view.scrollRows(-Math.max(1, g.visibleRows() - 1));
            case PAGE_DOWN -> view.scrollRows(Math.max(1, g.visibleRows() - 1));
            case HOME -> view.scrollRows(-g.totalRows());
            case END -> view.scrollRows(g.totalRows());
            case PLUS, ADD, EQUALS -> view.zoomIn();
            case MINUS, SUBTRACT -> view.zoomOut();
            default -> { return; }
        }
        e.consume();
    }
}
