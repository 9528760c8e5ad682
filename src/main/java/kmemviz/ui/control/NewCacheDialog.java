package kmemviz.ui.control;

import java.util.function.Function;
import java.util.regex.Pattern;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import kmemviz.core.slab.KmemCache;

/**
 * Asks for kmem_cache_create()'s name and object size. OK stays disabled, with the reason shown, until both are
 * valid; a name already in use is allowed (the kernel WARNs and makes the cache anyway) but said.
 */
final class NewCacheDialog extends Dialog<NewCacheDialog.Result> {
    record Result(String name, int sizeBytes) {}

    /** What slabinfo can print as one word: the kernel's own cache names use these characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,40}");
    private final TextField name = new TextField("my_struct");
    private final TextField size = new TextField("200");
    private final Label why = new Label();

    NewCacheDialog(Function<String, KmemCache> existing) {
        setTitle("New cache");
        setHeaderText("c = kmem_cache_create(name, size)");
        name.setId("new-cache-name");
        size.setId("new-cache-size");
        why.setId("new-cache-why");
        why.getStyleClass().add("size-hint");
        why.setWrapText(true);
        why.setMaxWidth(320);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("name"), name);
        grid.addRow(1, new Label("object size"), size);
        grid.add(why, 0, 2, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("new-cache-ok");
        Runnable check = () -> {
            String err = error(name.getText(), size.getText());
            getDialogPane().lookupButton(ButtonType.OK).setDisable(err != null);
            KmemCache same = err == null ? existing.apply(name.getText().trim()) : null;
            why.setText(err != null ? err : same != null ? "A cache named '" + same.name()
                    + "' exists: kmem_cache_create() will WARN and still make a second one" : "");
        };
        name.textProperty().addListener((o, a, b) -> check.run());
        size.textProperty().addListener((o, a, b) -> check.run());
        check.run();
        setResultConverter(b -> b == ButtonType.OK ? new Result(name.getText().trim(), SlabCallInputs.cacheSize(size.getText())) : null);
    }

    /** Why the fields cannot make a cache, or null. */
    static String error(String nameText, String sizeText) {
        if (!NAME.matcher(nameText.trim()).matches())
            return "Name: 1 to 40 letters, digits, '_', '-', '.' or ':' (it is printed in /proc/slabinfo)";
        try {
            SlabCallInputs.cacheSize(sizeText);
            return null;
        } catch (IllegalArgumentException e) {
            return "Size: " + e.getMessage();
        }
    }
}
