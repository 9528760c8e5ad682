package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import kmemviz.ui.view.frames.MapGeometry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The status bar's scale says the size of the cells as drawn: measured in the map's pixels (the period of the one-pixel
 * gaps between cells), on lesson 16 at 1280x720 in presentation mode, where it was reported to disagree.
 */
@ExtendWith(ApplicationExtension.class)
class ScaleStatusFxTest {
    private Wiring w;
    private Stage stage;

    @Start
    void start(Stage stage) {
        w = AppFixture.start(stage);
        this.stage = stage;
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    @AfterEach
    void restore() throws Exception {
        fx(() -> { w.themes.presentationProperty().set(false); stage.sizeToScene(); return null; });
        AppFixture.hidePopups(stage);
    }

    @Test
    void theScaleInTheStatusBarIsTheCellSizeDrawn() throws Exception {
        fx(() -> { w.themes.presentationProperty().set(true); return null; });
        var lesson = kmemviz.core.lesson.LessonCatalogue.builtIn().byId("compaction").orElseThrow();
        fx(() -> { w.lesson.open(lesson, 40); return null; });
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> !w.runner.busyProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        MapGeometry g = fx(() -> { w.root.applyCss(); w.root.layout(); w.map.finishRepaint(); return w.map.geometry(); });
        WaitForAsyncUtils.waitForFxEvents();
        String scale = fx(() -> w.status.getRightItems().stream().filter(n -> n instanceof Label l && l.getText().contains(" px"))
                .map(n -> ((Label) n).getText()).findFirst().orElse(""));
        int drawn = fx(() -> cellPeriod(w.map.imageView().getImage(), g));
        assertThat(g.framesPerCell()).isEqualTo(1);
        assertThat(drawn).as("period of the cells drawn, px").isEqualTo(g.cellPx());
        assertThat(scale).isEqualTo(drawn + " px per frame").isEqualTo(g.describeScale());
    }

    /**
     * The smallest horizontal shift at which the cells' picture matches itself almost everywhere: the cell pitch,
     * since each cell ends in a one-pixel gap and neighbouring cells mostly share a colour.
     */
    private static int cellPeriod(Image img, MapGeometry g) {
        PixelReader r = img.getPixelReader();
        int w = Math.min((int) img.getWidth(), g.mapWidthPx());
        int h = (int) Math.min(img.getHeight(), (long) (g.totalRows() - g.firstRow()) * g.cellPx());
        for (int p = 2; p < w / 4; p++) {
            long same = 0, all = 0;
            for (int y = 0; y < h; y++)
                for (int x = 0; x + p < w; x++, all++) if (r.getArgb(x, y) == r.getArgb(x + p, y)) same++;
            if (same >= 0.95 * all) return p;
        }
        return -1;
    }
}
