package kmemviz.ui.theme;

import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Light or dark (AtlantaFX Primer) and the presentation variant (larger text and cells, stronger contrast),
 * all through stylesheets: primer.css is Primer Light and Primer Dark in one user-agent stylesheet
 * ({@link PrimerMerge}), kmemviz.css adds our classes and the map palette, presentation.css overrides sizes.
 *
 * <p>Dark is the {@code :dark} pseudo-class on the root of every window (the main one, its dialogs and popups):
 * switching it makes JavaFX recompute the values that depend on it, in the next pulse, all windows at once. Swapping
 * the user-agent stylesheet instead had JavaFX match all of Primer's selectors against every node again, about
 * 140 ms of FX-thread CPU per toggle.
 */
public final class Themes {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final String PRIMER = Themes.class.getResource("primer.css").toExternalForm();
    private static final String CSS = Themes.class.getResource("kmemviz.css").toExternalForm();
    private static final String PRESENTATION_CSS = Themes.class.getResource("presentation.css").toExternalForm();
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation");
    /** A window shown later (a dialog, a menu, a tooltip) takes the theme as it opens. Held here: the list holds it weakly. */
    private final ListChangeListener<Window> opened = c -> {
        while (c.next()) c.getAddedSubList().forEach(this::mark);
    };
    private Scene scene;

    public BooleanProperty darkProperty() { return dark; }

    public BooleanProperty presentationProperty() { return presentation; }

    /** Styles a scene now and whenever the theme changes. */
    public void install(Scene scene) {
        this.scene = scene;
        dark.addListener((o, a, b) -> {
            scene.getRoot().pseudoClassStateChanged(DARK, b);
            Window.getWindows().forEach(this::mark);
        });
        presentation.addListener((o, a, b) -> applyStylesheets());
        Window.getWindows().addListener(new WeakListChangeListener<>(opened));
        applyStylesheets();
        scene.getRoot().pseudoClassStateChanged(DARK, dark.get());
    }

    /**
     * Makes Primer (light and dark in one, {@link PrimerMerge}) the user-agent stylesheet. Called before the first
     * Control is built, it also spares the start-up the parsing of Modena, which Control's static initialiser loads
     * when no user-agent stylesheet is set yet.
     */
    public static void setUserAgentStylesheet() {
        Application.setUserAgentStylesheet(PRIMER);
    }

    /** Changing a scene's stylesheets has JavaFX match every selector again: only when presentation mode changes. */
    private void applyStylesheets() {
        scene.getStylesheets().setAll(CSS);
        if (presentation.get()) scene.getStylesheets().add(PRESENTATION_CSS);
    }

    private void mark(Window window) {
        if (window != null && window.getScene() != null) window.getScene().getRoot().pseudoClassStateChanged(DARK, dark.get());
    }
}
