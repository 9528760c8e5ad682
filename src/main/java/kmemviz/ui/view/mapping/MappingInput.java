package kmemviz.ui.view.mapping;

import kmemviz.ui.view.Selection;

import java.util.function.LongConsumer;
import javafx.scene.input.MouseButton;

/**
 * Mouse gestures on the mapping view, turned into intents: hover an allocation (on either strip), click to select
 * it (a click on a virtual page also asks for its page walk), wheel to zoom around the pointer, drag to pan,
 * double-click to fit. No drawing here.
 */
public final class MappingInput {
    private double dragX = Double.NaN;

    public MappingInput(MappingView view, Selection selection, LongConsumer pagePicked) {
        view.setOnMouseMoved(e -> {
            long va = view.addressAt(e.getX(), e.getY());
            int pfn = view.pfnAt(e.getX(), e.getY());
            MappingModel m = view.model();
            if (va != Long.MIN_VALUE) {
                int a = m.areaAt(va);
                view.hover(a < 0 ? 0 : m.areaAllocId(a), -1);
                view.tip(a < 0 ? null : view.describeArea(a));
            } else if (pfn >= 0) {
                view.hover(allocOf(view, pfn), pfn);
                view.tip(null);
            } else {
                view.hover(0, -1);
                view.tip(null);
            }
        });
        view.setOnMouseExited(e -> { view.hover(0, -1); view.tip(null); });
        view.setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) return;
            if (e.getClickCount() == 2) { view.fit(); return; }
            long va = view.addressAt(e.getX(), e.getY());
            int pfn = view.pfnAt(e.getX(), e.getY());
            MappingModel m = view.model();
            if (va != Long.MIN_VALUE) {
                int a = m.areaAt(va);
                int id = a < 0 ? 0 : m.areaAllocId(a);
                selectAlloc(selection, m, id);
                pagePicked.accept(va & ~0xfffL);
            } else if (pfn >= 0) selectAlloc(selection, m, allocOf(view, pfn));
        });
        view.setOnScroll(e -> {
            if (e.getDeltaY() != 0) view.zoomAt(e.getDeltaY() > 0 ? 1.5 : 1 / 1.5, e.getX());
            else if (e.getDeltaX() != 0) view.panBy(e.getDeltaX());
        });
        view.setOnMousePressed(e -> dragX = e.getX());
        view.setOnMouseDragged(e -> {
            if (!Double.isNaN(dragX)) view.panBy(e.getX() - dragX);
            dragX = e.getX();
        });
    }

    private static int allocOf(MappingView view, int pfn) {
        return pfn < 0 ? 0 : view.shownAllocId(pfn);
    }

    private static void selectAlloc(Selection selection, MappingModel m, int id) {
        int[] pfns = m.pfnsOf(id);
        if (id == 0) selection.clear();
        else selection.select(pfns.length > 0 ? pfns[0] : -1, id);
    }
}
