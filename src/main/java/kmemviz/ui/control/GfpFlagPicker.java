package kmemviz.ui.control;

import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.util.StringConverter;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.GfpBit;
import kmemviz.ui.view.LazyTooltip;
import org.controlsfx.control.CheckComboBox;

/**
 * The GFP group of the toolbar: a preset chooser (GFP_KERNEL, GFP_ATOMIC, ...), a CheckComboBox of the single
 * __GFP bits (each with its one-line meaning), and the resulting mask shown live as the kernel prints it
 * ({@code %pGg}) and in hex. A combination the kernel objects to ({@link Gfp#invalidReason}) is the error.
 */
public final class GfpFlagPicker {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private final IntegerProperty mask = new SimpleIntegerProperty(this, "mask", Gfp.KERNEL);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ComboBox<GfpBit> presets = new ComboBox<>();
    private final CheckComboBox<GfpBit> bits = new CheckComboBox<>(FXCollections.observableArrayList(Gfp.bits()));
    private final Label shown = new Label();
    private boolean syncing;

    public GfpFlagPicker() {
        List<GfpBit> named = Gfp.composites().stream().filter(b -> b.name().startsWith("GFP_")).toList();
        presets.getItems().setAll(named);
        presets.setId("gfp-preset");
        presets.setPromptText("custom");
        presets.setConverter(new StringConverter<>() {
            @Override public String toString(GfpBit b) { return b == null ? "custom" : b.name(); }

            @Override public GfpBit fromString(String s) { return Gfp.byName(s).orElse(null); }
        });
        LazyTooltip.install(presets, "A named GFP combination from include/linux/gfp_types.h");
        presets.valueProperty().addListener((o, a, b) -> { if (b != null && !syncing) mask.set(b.mask()); });
        bits.setId("gfp-bits");
        bits.setTitle("__GFP bits");
        bits.setConverter(new StringConverter<>() {
            @Override public String toString(GfpBit b) { return b == null ? "" : b.name() + "  —  " + b.meaning(); }

            @Override public GfpBit fromString(String s) { return null; }
        });
        LazyTooltip.install(bits, "Toggle single __GFP bits; the mask and its %pGg form update live");
        bits.getCheckModel().getCheckedItems().addListener((ListChangeListener<GfpBit>) c -> {
            if (syncing) return;
            int m = 0;
            for (GfpBit b : bits.getCheckModel().getCheckedItems()) m |= b.mask();
            mask.set(m);
        });
        shown.setId("gfp-mask");
        shown.getStyleClass().add("gfp-mask");
        mask.addListener((o, a, b) -> sync());
        // Built on the first hover, its text read at each: a new Tooltip per mask change built a popup window each time.
        LazyTooltip.install(shown, this::tip);
        sync();
    }

    public int mask() { return mask.get(); }

    /** Why the kernel would object to the mask, or null. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ComboBox<GfpBit> presets() { return presets; }

    public CheckComboBox<GfpBit> bits() { return bits; }

    public Label maskLabel() { return shown; }

    private void sync() {
        syncing = true;
        try {
            int m = mask.get();
            GfpBit preset = presets.getItems().stream().filter(b -> b.mask() == m).findFirst().orElse(null);
            presets.setValue(preset);
            for (int i = 0; i < bits.getItems().size(); i++) {
                boolean on = (m & bits.getItems().get(i).mask()) != 0;
                if (on != bits.getCheckModel().isChecked(i)) {
                    if (on) bits.getCheckModel().check(i);
                    else bits.getCheckModel().clearCheck(i);
                }
            }
            String text = Gfp.format(m);
            shown.setText((text.isEmpty() ? "0" : text) + String.format("  (0x%x)", m));
            String why = Gfp.invalidReason(m).orElse(null);
            error.set(why);
            shown.pseudoClassStateChanged(DANGER, why != null);
        } finally {
            syncing = false;
        }
    }

    /** The mask's bits one a line, and why it is invalid: read when the pointer enters the mask. */
    private String tip() {
        int m = mask.get();
        String text = Gfp.format(m);
        StringBuilder tip = new StringBuilder("%pGg: ").append(text.isEmpty() ? "0" : text);
        for (GfpBit b : Gfp.bits()) if ((m & b.mask()) != 0) tip.append('\n').append(b.name()).append(": ").append(b.meaning());
        if (error.get() != null) tip.append("\n\nInvalid: ").append(error.get());
        return tip.toString();
    }
}
