package kmemviz.app;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import kmemviz.core.mm.Zone;
import kmemviz.ui.view.PcpShown;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.pcp.PcpView;

/**
 * The "Per-CPU lists" tab: a zone chooser (and a CPU chooser on machines with more CPUs than the view shows at once)
 * over the lists. A tab of its own rather than a part of the Physical tab: four CPUs of fourteen lists each need the
 * stage's width, and the buddy free areas beside the stage stay in sight, so a refill is seen leaving the buddy
 * lists and landing on a CPU's list.
 */
final class PcpTab {
    private PcpTab() {}

    static Tab of(PcpView view, ShownMemory shown) {
        ComboBox<String> zone = new ComboBox<>();
        zone.setId("pcp-zone");
        ComboBox<Integer> cpu = new ComboBox<>();
        cpu.setId("pcp-cpu");
        Label cpuLabel = new Label("CPU:");
        HBox bar = new HBox(8, new Label("Zone:"), zone, cpuLabel, cpu);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        Runnable refill = () -> {
            // The chooser lists the zones with lists, each by name; the view keeps zone indices of the machine.
            List<Zone> zones = shown.memory().zones();
            PcpShown p = shown.pcp();
            zone.getItems().clear();
            for (int i = 0; i < p.nrZones(); i++) if (p.zone(i) != null) zone.getItems().add(zones.get(i).name());
            zone.setDisable(zone.getItems().isEmpty());
            cpu.getItems().clear();
            for (int c = 0; c < p.nrCpus(); c++) cpu.getItems().add(c);
            boolean few = p.nrCpus() <= PcpView.ALL_CPUS_UP_TO;
            cpu.setVisible(!few);
            cpuLabel.setVisible(!few);
            showZone(zone, view, shown);
            cpu.getSelectionModel().select(view.cpuProperty().getValue());
        };
        shown.addListener(new ShownMemory.Listener() {
            @Override public void framesChanged(int lo, int hi) {}

            @Override public void reset() { refill.run(); }
        });
        refill.run();
        view.zoneIndexProperty().addListener(o -> showZone(zone, view, shown));
        view.cpuProperty().addListener((o, a, c) -> cpu.getSelectionModel().select(c.intValue()));
        zone.setOnAction(e -> {
            String name = zone.getValue();
            List<Zone> zones = shown.memory().zones();
            for (int i = 0; i < zones.size(); i++) if (zones.get(i).name().equals(name)) view.zoneIndexProperty().set(i);
        });
        cpu.setOnAction(e -> { if (cpu.getValue() != null) view.cpuProperty().set(cpu.getValue()); });
        return PanelTab.of("Per-CPU lists", "pcp-tab", bar, view, true);   // the lists grow into the height
    }

    private static void showZone(ComboBox<String> zone, PcpView view, ShownMemory shown) {
        int i = view.zoneIndexProperty().get();
        String name = i < 0 ? null : shown.memory().zones().get(i).name();
        if (name != null && !name.equals(zone.getValue())) zone.getSelectionModel().select(name);
    }
}
