package kmemviz.ui.control;

import javafx.scene.control.Spinner;
import javafx.util.converter.IntegerStringConverter;
import kmemviz.core.mm.BuddyAllocator;

/**
 * The toolbar's order field: an editable spinner over 0..MAX_PAGE_ORDER. Text that is not such an order keeps the
 * current value instead of throwing when the spinner commits it; the controller shows what is wrong with it.
 */
final class OrderSpinner {
    private OrderSpinner() {}

    static Spinner<Integer> create() {
        Spinner<Integer> s = new Spinner<>(0, BuddyAllocator.MAX_PAGE_ORDER, 0);
        s.setEditable(true);
        s.getValueFactory().setConverter(new IntegerStringConverter() {
            @Override public Integer fromString(String text) {
                try {
                    int o = Integer.parseInt(text.trim());
                    return o >= 0 && o <= BuddyAllocator.MAX_PAGE_ORDER ? o : s.getValue();
                } catch (NumberFormatException e) {
                    return s.getValue();
                }
            }
        });
        return s;
    }
}
