package kmemviz.ui.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import java.util.function.Supplier;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import kmemviz.core.cmd.Machine;
import kmemviz.core.mm.Profiles;

/**
 * File > New machine: a list of machines, each with a one-line description (the built-in profiles, then "Custom
 * machine…"), and for the custom one a form of sizes with units, checked as typed, whose error sits in one fixed
 * place and whose {@code machine custom ...} line shows under it. The answer is the {@link Machine} command to boot.
 * More entries (another source of machines) are one more {@link Entry} in the list the caller passes.
 */
public final class MachineDialog extends Dialog<Machine> {
    /**
     * A machine the list offers: its name, what it is, and the command that boots it; or, for a machine that takes
     * long to read (this host's /proc), what to start once the dialog has closed. Neither: the custom form.
     */
    public record Entry(String name, String description, Supplier<Machine> machine, Runnable startAfterwards) {
        /** A built-in profile, {@code machine NAME}. */
        public static Entry builtIn(String name) {
            return new Entry(name, Profiles.builtIn(name).description(), () -> new Machine(Profiles.builtIn(name), "machine " + name), null);
        }

        /** The custom machine: its command comes from the form. */
        public static Entry custom() { return new Entry("Custom machine…", "Your own sizes: memory, DMA, DMA32 or HighMem zones, reserved memory, CPUs", null, null); }

        /** This host, {@code machine from-proc live}: read in the background by {@code importLive}, not in the dialog. */
        public static Entry thisMachine(Runnable importLive) {
            return new Entry("This machine", "Imported from this host's /proc (machine from-proc live)", null, importLive);
        }

        @Override public String toString() { return name + " — " + description; }
    }

    private final ListView<Entry> list = new ListView<>();
    private final TextField size = field("64 MiB"), dma = field("16 MiB"), dma32 = field(""), highmem = field(""),
            reserved = field(""), cpus = field("4");
    private final Label error = new Label(), line = new Label();
    private final GridPane form = new GridPane();

    /** The built-in profiles and the custom machine, in that order. */
    public static List<Entry> standardEntries() {
        List<Entry> out = new ArrayList<>();
        for (String name : Profiles.BUILT_IN) out.add(Entry.builtIn(name));
        out.add(Entry.custom());
        return out;
    }

    public MachineDialog(Window owner, List<Entry> entries, String currentName) {
        initOwner(owner);
        setTitle("New machine");
        setHeaderText("Boot a new machine (the history so far stays undoable)");
        getDialogPane().setId("machine-dialog");
        // A dialog takes its content's width unless held at it: at some 400 px the descriptions were cut mid-word.
        getDialogPane().setPrefWidth(720);
        getDialogPane().setMinWidth(720);
        list.setId("machine-list");
        list.getItems().setAll(entries);
        list.setPrefHeight(Math.min(9, entries.size()) * 46.0);
        list.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(Entry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) { setGraphic(null); setText(null); return; }
                Label name = new Label(e.name()), what = new Label(e.description());
                name.getStyleClass().add("machine-name");
                what.getStyleClass().add("machine-description");
                what.setWrapText(true);
                what.setMaxWidth(660);
                setGraphic(new VBox(1, name, what));
            }
        });
        form.setHgap(8);
        form.setVgap(6);
        String[] labels = {"Memory", "ZONE_DMA", "ZONE_DMA32 (64-bit)", "ZONE_HIGHMEM (32-bit)", "Reserved", "CPUs"};
        TextField[] fields = {size, dma, dma32, highmem, reserved, cpus};
        String[] ids = {"custom-size", "custom-dma", "custom-dma32", "custom-highmem", "custom-reserved", "custom-cpus"};
        for (int i = 0; i < fields.length; i++) {
            fields[i].setId(ids[i]);
            form.addRow(i, new Label(labels[i]), fields[i]);
            fields[i].textProperty().addListener(o -> check());
        }
        error.setId("custom-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMinHeight(40);           // one fixed place: a message does not move the fields
        error.setMaxWidth(560);
        line.setId("custom-line");
        line.getStyleClass().add("text-monospace");
        form.add(line, 0, fields.length, 2, 1);
        form.add(error, 0, fields.length + 1, 2, 1);
        getDialogPane().setContent(new VBox(10, list, form));
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        list.getSelectionModel().selectedItemProperty().addListener(o -> check());
        entries.stream().filter(e -> e.name().equals(currentName)).findFirst()
                .ifPresentOrElse(list.getSelectionModel()::select, () -> list.getSelectionModel().select(0));
        setResultConverter(b -> {
            if (b != ButtonType.OK) return null;
            Entry e = list.getSelectionModel().getSelectedItem();
            if (e != null && e.startAfterwards() != null) {
                Platform.runLater(e.startAfterwards());       // once the dialog has closed; it boots nothing itself
                return null;
            }
            return chosen().orElse(null);
        });
        check();
    }

    private static TextField field(String text) {
        TextField f = new TextField(text);
        f.setPrefColumnCount(10);
        return f;
    }

    private boolean customChosen() {
        Entry e = list.getSelectionModel().getSelectedItem();
        return e != null && e.machine() == null && e.startAfterwards() == null;
    }

    /** The custom form as typed. */
    CustomMachine customMachine() {
        return new CustomMachine(size.getText(), dma.getText(), dma32.getText(), highmem.getText(), reserved.getText(), cpus.getText());
    }

    /** The machine the dialog would boot now, or empty when the custom form does not hold one. */
    private Optional<Machine> chosen() {
        Entry e = list.getSelectionModel().getSelectedItem();
        if (e == null) return Optional.empty();
        if (e.machine() != null) return Optional.of(e.machine().get());
        try {
            return Optional.of(customMachine().machine());
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /** Shows the custom form only for the custom entry, its line and its first error, and OK only for a valid choice. */
    private void check() {
        boolean custom = customChosen();
        form.setVisible(custom);
        form.setManaged(custom);
        String message = null;
        if (custom) {
            line.setText(customMachine().line());
            try {
                customMachine().machine();
            } catch (IllegalArgumentException ex) {
                message = ex.getMessage();
            }
        }
        error.setText(message == null ? "" : message);
        getDialogPane().lookupButton(ButtonType.OK).setDisable(list.getSelectionModel().getSelectedItem() == null || message != null);
        if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) getDialogPane().getScene().getWindow().sizeToScene();
    }
}
