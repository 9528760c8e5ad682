package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.css.CssMetaData;
import javafx.css.PseudoClass;
import javafx.scene.control.Alert;
import javafx.scene.paint.Color;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.frames.FrameMapView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dark theme is the {@code :dark} pseudo-class on every window's root, not another stylesheet: a toggle leaves the
 * scene's stylesheets alone (changing them has JavaFX match every selector again), reaches a dialog that is open and
 * one opened later, and the views' CSS colours follow. On a machine whose map takes pulses to repaint, the map
 * changes in the same frame as the rest of the window: no frame shows one theme around the other's map.
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
            return a;
        });
        switched(true);
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

        AppFixture.fx(() -> { w.themes.darkProperty().set(false); return null; });
        switched(false);
        assertThat(AppFixture.fx(() -> later.getDialogPane().getScene().getRoot().getPseudoClassStates())).doesNotContain(DARK);
        assertThat(AppFixture.fx(this::background)).as("Primer Light's -color-bg-default").isEqualTo(Color.web("#ffffff"));
        AppFixture.fx(() -> { stage.getScene().getStylesheets().removeListener(watch); return null; });
        assertThat(changes).as("changes to the scene's stylesheets").isEmpty();
    }

    @Test
    void theMapSwitchesInTheFrameTheWindowDoesOnX86_64_16g() throws Exception {
        AppFixture.fx(() -> { w.files.boot("x86_64-16g"); return null; });
        AppFixture.idle(w);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !AppFixture.fx(w.map::repainting));
        int lightCell = AppFixture.fx(this::cornerPixel);
        List<String> frames = new CopyOnWriteArrayList<>();
        Runnable look = () -> frames.add(stage.getScene().getRoot().getPseudoClassStates().contains(DARK) + " " + Integer.toHexString(cornerPixel()));
        AppFixture.fx(() -> {
            stage.getScene().addPostLayoutPulseListener(look);   // what the pulse renders
            w.themes.darkProperty().set(true);
            return null;
        });
        switched(true);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !AppFixture.fx(w.map::repainting));
        int darkCell = AppFixture.fx(this::cornerPixel);
        AppFixture.fx(() -> { stage.getScene().removePostLayoutPulseListener(look); return null; });
        assertThat(darkCell).as("a free frame's cell, light and dark").isNotEqualTo(lightCell);
        assertThat(frames).as("the window's theme and the map's first cell, frame by frame")
                .contains("false " + Integer.toHexString(lightCell), "true " + Integer.toHexString(darkCell))
                .containsOnly("false " + Integer.toHexString(lightCell), "true " + Integer.toHexString(darkCell));
    }

    private int cornerPixel() {
        return w.map.imageView().getImage().getPixelReader().getArgb(2, 2);
    }

    /** Waits until the windows show the theme chosen (the map paints its new picture first). */
    private void switched(boolean dark) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> AppFixture.fx(() -> stage.getScene().getRoot().getPseudoClassStates().contains(DARK)) == dark);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The map's -kmv-background, which kmemviz.css sets to Primer's -color-bg-default. */
    @SuppressWarnings("unchecked")
    private Color background() {
        var meta = (CssMetaData<FrameMapView, Color>) w.map.getCssMetaData().stream()
                .filter(m -> m.getProperty().equals(ViewColour.BACKGROUND.cssProperty())).findFirst().orElseThrow();
        return meta.getStyleableProperty(w.map).getValue();
    }
}
