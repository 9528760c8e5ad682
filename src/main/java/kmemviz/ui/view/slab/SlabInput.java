package kmemviz.ui.view.slab;

import kmemviz.ui.view.HoverTip;

import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Turns gestures on the slab view into intents: hover (tooltip with the object's cache, slab, index, sizes and
 * call), click (select the object's allocation everywhere), wheel and page keys (scroll). No drawing in here.
 */
public final class SlabInput {
    private final SlabView view;
    private final HoverTip tooltip;

    public SlabInput(SlabView view) {
        this.view = view;
        tooltip = HoverTip.monospace(view);
        view.setOnMouseMoved(this::hover);
        view.setOnMouseClicked(this::click);
        view.setOnScroll(this::wheel);
        view.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    private void hover(MouseEvent e) {
        String text = view.describeAt(e.getX(), e.getY());
        tooltip.setText(text);
        int[] hit = view.objectAt(e.getX(), e.getY());
        view.selection().hoveredPfnProperty().set(hit == null ? -1 : hit[0]);
    }

    private void click(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) return;
        view.requestFocus();
        selectAt(e.getX(), e.getY());
    }

    /** Selects the object under a point (its page and its allocation), or nothing on a free slot. */
    public void selectAt(double x, double y) {
        int[] hit = view.objectAt(x, y);
        if (hit == null) return;
        view.selection().select(hit[0], Math.max(0, hit[1]));
    }

    private void wheel(ScrollEvent e) {
        view.scrollBy(-e.getDeltaY());
        e.consume();
    }

    private void key(KeyEvent e) {
        double page = Math.max(20, view.getHeight() - 20);
        switch (e.getCode()) {
            case UP -> view.scrollBy(-20);
            case DOWN -> view.scrollBy(20);
            case PAGE_UP -> view.scrollBy(-page);
            case PAGE_DOWN -> view.scrollBy(page);
            case HOME -> view.scrollBy(-1e9);
            case END -> view.scrollBy(1e9);
            default -> { return; }
        }
        e.consume();
    }
}
