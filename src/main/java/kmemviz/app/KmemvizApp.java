package kmemviz.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import kmemviz.core.mm.Profile;
import kmemviz.ui.theme.Themes;

/**
 * The JavaFX application: builds the window through {@link Wiring}. Its parameters are the command line's
 * {@link LaunchOptions} (so screenshots can be scripted); with none, the classroom machine in the light theme.
 */
public final class KmemvizApp extends Application {
    private static final Preferences PREFS = Preferences.userNodeForPackage(KmemvizApp.class);
    private Wiring wiring;

    public Wiring wiring() { return wiring; }

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("toolkit_started");
        LaunchOptions options = LaunchOptions.parse(getParameters() == null ? List.of() : getParameters().getRaw());
        boolean fill = options.fillScreen;
        Profile profile = options.profile;
        Themes.setUserAgentStylesheet();   // before the first Control is built
        wiring = new Wiring(StartupWarmup.kernel(profile), new kmemviz.ui.control.FxBackgroundRunner());
        StartupTrace.mark("wiring_built");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(screen.getWidth(), fill ? screen.getWidth() : PREFS.getDouble("width", 1600));
        double h = Math.min(screen.getHeight(), fill ? screen.getHeight() : PREFS.getDouble("height", 1000));
        Scene scene = new Scene(wiring.root(), w, h);
        wiring.themes.darkProperty().set(options.theme == LaunchOptions.Theme.dark);
        wiring.themes.presentationProperty().set(options.presentation);
        wiring.themes.install(scene);
        StartupTrace.mark("theme_installed");
        StartupTrace.afterFirstFrame(scene, () -> {
            StartupTrace.mark("first_frame");
            CompilerThreads.restoreC2();       // lowered for the way to this frame only
        });
        stage.setTitle("Kmemviz — " + profile.description());
        wiring.bridge.subscribe(kmemviz.core.kernel.KernelListener.afterEveryChange(
                () -> stage.setTitle("Kmemviz — " + wiring.kernel.profile().description())));
        stage.setScene(scene);
        stage.setMinWidth(1024);       // the smallest window the layout is made for (toolbar in two rows, a log of four lines)
        stage.setMinHeight(700);
        if (fill) { stage.setX(screen.getMinX()); stage.setY(screen.getMinY()); }
        stage.setOnCloseRequest(wiring.files::closeRequested);    // the title bar's close asks as Ctrl+Q does
        stage.setOnHidden(e -> {
            if (!fill) { PREFS.putDouble("width", scene.getWidth()); PREFS.putDouble("height", scene.getHeight()); }
        });
        stage.show();
        StartupTrace.mark("shown");
        if (options.tab != null) selectTab(scene, options.tab);
        if (options.compare) selectTab(scene, LaunchOptions.Tab.tlb);
        if (options.lesson != null) wiring.lesson.open(options.lesson, options.step == null ? 0 : options.step);
        if (options.replay != null) wiring.files.replay(options.replay, options.step == null ? null : () -> wiring.lesson.controller.jumpTo(options.step));
        Runnable after = () -> afterScript(options.select, options.compare, options.explain);
        if (options.script() != null) {
            Path script = options.script();
            try {
                wiring.files.runScript(script.toString(), Files.readString(script), after);   // replay lines resolve against its folder
            } catch (IOException e) {
                wiring.log.append(kmemviz.ui.view.EventLogView.Kind.ERROR, "cannot read " + script + ": " + kmemviz.ui.control.FileController.describe(e));
            }
        } else after.run();
    }

    private void afterScript(String variable, boolean compare, String explain) {
        if (variable != null) {
            var p = wiring.kernel.variables().get(variable);
            int id = p == null ? 0 : p.allocId();
            int[] pfns = wiring.vm.mapping.model().pfnsOf(id);
            if (id != 0) wiring.selection.select(pfns.length > 0 ? pfns[0] : -1, id);
        }
        if (compare) wiring.vm.tlb.compare(wiring.animator::finish);   // the result at once, not at the animation's pace
        if (explain != null) {
            try {
                var story = kmemviz.app.cli.ExplainTarget.story(wiring.kernel, wiring.kernel.explainAllocations(), explain, "the script");
                var a = wiring.kernel.memory().allocations().get(story.allocId());
                wiring.showStory(story, a == null ? null : a.call());
            } catch (IllegalArgumentException e) {
                wiring.log.append(kmemviz.ui.view.EventLogView.Kind.ERROR, e.getMessage());
            }
        }
    }

    private static void selectTab(Scene scene, LaunchOptions.Tab tab) {
        var views = (javafx.scene.control.TabPane) scene.lookup("#views");
        for (var t : views.getTabs()) if (t.getText().toLowerCase().startsWith(tab.name()) || t.getId().equals(tab.name() + "-tab")) views.getSelectionModel().select(t);
    }
}
