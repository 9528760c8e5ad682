package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.css.CssMetaData;
import javafx.css.PseudoClass;
import javafx.scene.control.Alert;
import javafx.scene.paint.Color;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.frames.FrameMapView;
import org.junit.jupiter.api.Test;

/**
 * The dark theme is the {@code :dark} pseudo-class on every window's root, not another stylesheet: a toggle leaves the
 * scene's stylesheets alone (changing them has JavaFX match every selector again), reaches a dialog that is open and
 * one opened later, and the views' CSS colours follow in the next CSS pass.
 */
class ThemeToggleFxTest extends AppFxTest {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    @Test
    void aToggleSwitchesThePseudoClassOfEveryWindowAndNoStylesheet() throws Exception {
        List<String> changes = new ArrayList<>();
        ListChangeListener<String> watch = c -> changes.add(c.toString());
        Alert open = AppFixture.fx(() -> {
            stage.getScene().getStylesheets().addListener(watch);
            Alert a = new Alert(Alert.AlertType.INFORMATION, "open before the toggle");
            a.initOwner(stage);
            a.show();
            w.themes.darkProperty().set(true);
            w.root.applyCss();
            return a;
        });
        assertThat(AppFixture.fx(() -> stage.getScene().getRoot().getPseudoClassStates())).contains(DARK);
        assertThat(AppFixture.fx(() -> open.getDialogPane().getScene().getRoot().getPseudoClassStates())).as("a dialog already open").contains(DARK);
        assertThat(AppFixture.fx(this::background))
                .as("the map's background, Primer Dark's -color-bg-default").isEqualTo(Color.web("#0d1117"));

        Alert later = AppFixture.fx(() -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION, "opened in the dark");
            a.initOwner(stage);
            a.show();
            return a;
        });
        assertThat(AppFixture.fx(() -> later.getDialogPane().getScene().getRoot().getPseudoClassStates())).as("a dialog opened later").contains(DARK);

        AppFixture.fx(() -> { w.themes.darkProperty().set(false); w.root.applyCss(); return null; });
        assertThat(AppFixture.fx(() -> later.getDialogPane().getScene().getRoot().getPseudoClassStates())).doesNotContain(DARK);
        assertThat(AppFixture.fx(this::background)).as("Primer Light's -color-bg-default").isEqualTo(Color.web("#ffffff"));
        AppFixture.fx(() -> { stage.getScene().getStylesheets().removeListener(watch); return null; });
        assertThat(changes).as("changes to the scene's stylesheets").isEmpty();
    }

    /** The map's -kmv-background, which kmemviz.css sets to Primer's -color-bg-default. */
    @SuppressWarnings("unchecked")
    private Color background() {
        var meta = (CssMetaData<FrameMapView, Color>) w.map.getCssMetaData().stream()
                .filter(m -> m.getProperty().equals(ViewColour.BACKGROUND.cssProperty())).findFirst().orElseThrow();
        return meta.getStyleableProperty(w.map).getValue();
    }
}
