package kmemviz.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/**
 * Light or dark (AtlantaFX Primer) and the presentation variant (larger text and cells, stronger contrast),
 * all through stylesheets: kmemviz.css adds our classes and the map palette, presentation.css overrides sizes.
 */
public final class Themes {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final String CSS = Themes.class.getResource("kmemviz.css").toExternalForm();
    private static final String PRESENTATION_CSS = Themes.class.getResource("presentation.css").toExternalForm();
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation");
    private Scene scene;

    public BooleanProperty darkProperty() { return dark; }

    public BooleanProperty presentationProperty() { return presentation; }

    /** Styles a scene now and whenever the theme changes. */
    public void install(Scene scene) {
        this.scene = scene;
        dark.addListener((o, a, b) -> apply());
        presentation.addListener((o, a, b) -> apply());
        apply();
    }

    private void apply() {
        Application.setUserAgentStylesheet(dark.get() ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (scene == null) return;
        scene.getStylesheets().setAll(CSS);
        if (presentation.get()) scene.getStylesheets().add(PRESENTATION_CSS);
        scene.getRoot().pseudoClassStateChanged(DARK, dark.get());
    }
}
