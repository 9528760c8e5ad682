package kmemviz.ui.theme;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Light or dark (AtlantaFX Primer) and the presentation variant (larger text and cells, stronger contrast),
 * all through stylesheets: primer.css is Primer Light and Primer Dark in one user-agent stylesheet
 * ({@link PrimerMerge}), kmemviz.css adds our classes and the map palette, presentation.css overrides sizes.
 *
 * <p>Dark is the {@code :dark} pseudo-class on the root of every window (the main one, its dialogs and popups):
 * switching it makes JavaFX recompute the values that depend on it, in the next pulse, all windows at once. Swapping
 * the user-agent stylesheet instead had JavaFX match all of Primer's selectors against every node again, about
 * 140 ms of FX-thread CPU per toggle. A view that needs pulses to repaint ({@link PaintAhead}, the frame map) paints
 * its new picture first, and the windows switch when it is ready: no frame shows a half-switched window.
 */
public final class Themes {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final String PRIMER = built("primer.css");
    private static final String CSS = Themes.class.getResource("kmemviz.css").toExternalForm();
    private static final String PRESENTATION_CSS = Themes.class.getResource("presentation.css").toExternalForm();
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation");
    /** A window shown later (a dialog, a menu, a tooltip) takes the theme as it opens. Held here: the list holds it weakly. */
    private final ListChangeListener<Window> opened = c -> {
        while (c.next()) c.getAddedSubList().forEach(this::mark);
    };
    private Scene scene;
    /** The theme the windows show; {@link #dark} runs ahead of it while views paint ahead ({@link PaintAhead}). */
    private boolean shownDark;
    private final List<PaintAhead> paintAhead = new ArrayList<>();
    /** The switch waiting for views to paint ahead, or null; a newer switch replaces it. */
    private Object pending;
    /** If a view cannot finish (taken off the screen meanwhile), the switch happens anyway after this. */
    private PauseTransition giveUp;
    /** Where a view's probe is styled as the coming theme will style the view: a scene never shown. */
    private Scene aheadScene;

    /** The theme chosen; the windows switch once the views that paint ahead are ready (a few pulses at most). */
    public BooleanProperty darkProperty() { return dark; }

    public BooleanProperty presentationProperty() { return presentation; }

    /** Styles a scene now and whenever the theme changes. */
    public void install(Scene scene) {
        this.scene = scene;
        dark.addListener((o, a, b) -> switchTo(b));
        presentation.addListener((o, a, b) -> applyStylesheets());
        Window.getWindows().addListener(new WeakListChangeListener<>(opened));
        applyStylesheets();
        shownDark = dark.get();
        scene.getRoot().pseudoClassStateChanged(DARK, shownDark);
    }

    /** A view to ask to paint ahead of each theme switch. */
    public void paintAhead(PaintAhead view) { paintAhead.add(view); }

    /** Switches the windows to the theme chosen now, without waiting for views that paint ahead (an export). */
    public void applyNow() {
        if (pending != null) show(dark.get());
    }

    private void switchTo(boolean toDark) {
        Object switching = new Object();
        pending = switching;
        if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing() || paintAhead.isEmpty()) {
            show(toDark);
            return;
        }
        int[] waiting = {paintAhead.size()};
        for (PaintAhead view : paintAhead) {
            boolean[] done = {false};
            view.paintAhead(node -> styleAhead(node, toDark), () -> {
                if (done[0] || pending != switching) return;
                done[0] = true;
                if (--waiting[0] == 0) show(toDark);
            });
        }
        if (pending != switching) return;
        if (giveUp == null) {
            giveUp = new PauseTransition(Duration.seconds(1));
            giveUp.setOnFinished(e -> applyNow());
        }
        giveUp.playFromStart();
    }

    private void show(boolean toDark) {
        pending = null;
        if (giveUp != null) giveUp.stop();
        shownDark = toDark;
        scene.getRoot().pseudoClassStateChanged(DARK, toDark);
        Window.getWindows().forEach(this::mark);
        Platform.requestNextPulse();
    }

    private void styleAhead(Region node, boolean toDark) {
        if (aheadScene == null) aheadScene = new Scene(new Group());
        if (!aheadScene.getStylesheets().equals(scene.getStylesheets())) aheadScene.getStylesheets().setAll(scene.getStylesheets());
        Group root = (Group) aheadScene.getRoot();
        root.getChildren().setAll(node);
        root.pseudoClassStateChanged(DARK, toDark);
        root.applyCss();
    }

    /**
     * Makes Primer (light and dark in one, {@link PrimerMerge}) the user-agent stylesheet. Called before the first
     * Control is built, it also spares the start-up the parsing of Modena, which Control's static initialiser loads
     * when no user-agent stylesheet is set yet.
     */
    public static void setUserAgentStylesheet() {
        Application.setUserAgentStylesheet(PRIMER);
    }

    /** A stylesheet the build writes into the classes folder (pom.xml, process-classes) rather than the sources. */
    private static String built(String name) {
        var url = Themes.class.getResource(name);
        if (url == null)
            throw new IllegalStateException(name + " is not beside Themes.class: the build writes it (PrimerMerge, in Maven's process-classes phase); run mvn -o process-classes");
        return url.toExternalForm();
    }

    /** Changing a scene's stylesheets has JavaFX match every selector again: only when presentation mode changes. */
    private void applyStylesheets() {
        scene.getStylesheets().setAll(CSS);
        if (presentation.get()) scene.getStylesheets().add(PRESENTATION_CSS);
    }

    private void mark(Window window) {
        if (window != null && window.getScene() != null) window.getScene().getRoot().pseudoClassStateChanged(DARK, shownDark);
    }
}
