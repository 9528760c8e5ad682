package kmemviz.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;

/**
 * The JavaFX application: builds the window through {@link Wiring}. Named parameters (from the command line,
 * so screenshots can be scripted): {@code --profile=NAME} (default classroom), {@code --theme=light|dark},
 * {@code --presentation}, {@code --script=FILE} (run at start), {@code --fill-screen} (ignore the remembered
 * window size and take the whole screen), {@code --tab=physical|slab|mappings|tlb} (the view tab shown at start),
 * {@code --select=VAR} (select the allocation a script variable holds, after the script) and {@code --compare}
 * (show the TLB tab and run Compare kmalloc vs vmalloc, after the script).
 */
public final class KmemvizApp extends Application {
    private static final Preferences PREFS = Preferences.userNodeForPackage(KmemvizApp.class);
    private Wiring wiring;

    public Wiring wiring() { return wiring; }

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters() == null ? Map.of() : getParameters().getNamed();
        boolean fill = getParameters() != null && getParameters().getUnnamed().contains("--fill-screen");
        boolean presentation = getParameters() != null && getParameters().getUnnamed().contains("--presentation");
        Profile profile = Profiles.builtIn(named.getOrDefault("profile", "classroom"));
        if (profile == null) throw new IllegalArgumentException("unknown profile '" + named.get("profile") + "', expected one of " + Profiles.BUILT_IN);
        wiring = new Wiring(profile);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(screen.getWidth(), fill ? screen.getWidth() : PREFS.getDouble("width", 1600));
        double h = Math.min(screen.getHeight(), fill ? screen.getHeight() : PREFS.getDouble("height", 1000));
        Scene scene = new Scene(wiring.root(), w, h);
        wiring.themes.darkProperty().set("dark".equals(named.get("theme")));
        wiring.themes.presentationProperty().set(presentation);
        wiring.themes.install(scene);
        stage.setTitle("Kmemviz — " + profile.description());
        wiring.bridge.onChange(() -> stage.setTitle("Kmemviz — " + wiring.kernel.profile().description()));
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        if (fill) { stage.setX(screen.getMinX()); stage.setY(screen.getMinY()); }
        stage.setOnHidden(e -> {
            if (!fill) { PREFS.putDouble("width", scene.getWidth()); PREFS.putDouble("height", scene.getHeight()); }
        });
        stage.show();
        String tab = named.get("tab");
        if (tab != null) selectTab(scene, tab);
        boolean compare = getParameters() != null && getParameters().getUnnamed().contains("--compare");
        if (compare) selectTab(scene, "tlb");
        Runnable after = () -> afterScript(named.get("select"), compare);
        String script = named.get("script");
        if (script != null) {
            try {
                wiring.files.runScript(Path.of(script).getFileName().toString(), Files.readString(Path.of(script)), after);
            } catch (IOException e) {
                wiring.log.append(kmemviz.ui.view.EventLogView.Kind.ERROR, "cannot read " + script + ": " + e.getMessage());
            }
        } else after.run();
    }

    private void afterScript(String variable, boolean compare) {
        if (variable != null) {
            var p = wiring.kernel.variables().get(variable);
            int id = p == null ? 0 : p.allocId();
            int[] pfns = wiring.vm.mapping.model().pfnsOf(id);
            if (id != 0) wiring.selection.select(pfns.length > 0 ? pfns[0] : -1, id);
        }
        if (compare) wiring.vm.tlb.compare(wiring.vm.tlbPlayer::sync);   // the result at once, not at the animation's pace
    }

    private static void selectTab(Scene scene, String name) {
        var views = (javafx.scene.control.TabPane) scene.lookup("#views");
        for (var t : views.getTabs()) if (t.getText().toLowerCase().startsWith(name.toLowerCase())) views.getSelectionModel().select(t);
    }
}
