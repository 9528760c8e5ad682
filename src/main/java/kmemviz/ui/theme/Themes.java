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

    /**
     * Styles a scene now and whenever the theme changes. Each switch redoes only its own part: setting the user-agent
     * stylesheet parses AtlantaFX's 170 KB of CSS again (the largest cost of a theme switch, and one JavaFX lets
     * no other thread do), so the presentation switch leaves it alone.
     */
    public void install(Scene scene) {
        this.scene = scene;
        dark.addListener((o, a, b) -> applyDark());
        presentation.addListener((o, a, b) -> applyPresentation());
        applyDark();
        applyPresentation();
    }

    private void applyDark() {
        Application.setUserAgentStylesheet(dark.get() ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (scene != null) scene.getRoot().pseudoClassStateChanged(DARK, dark.get());
    }

    private void applyPresentation() {
        if (scene == null) return;
        if (presentation.get()) scene.getStylesheets().setAll(CSS, PRESENTATION_CSS);
        else scene.getStylesheets().setAll(CSS);
    }
}
