package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.Profiles;
import kmemviz.ui.control.CallingThreadRunner;
import kmemviz.ui.control.ExportDialog;
import kmemviz.ui.export.ExportFormat;
import kmemviz.ui.export.ExportView;
import kmemviz.ui.theme.Themes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File > Export… as an animated GIF: the dialog's range of steps, one frame each, written by the background runner. */
@ExtendWith(ApplicationExtension.class)
class ExportGifFxTest {
    private Wiring w;
    private CallingThreadRunner runner;
    private Stage stage;
    @TempDir Path dir;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Themes.setUserAgentStylesheet();
        runner = new CallingThreadRunner();
        w = new Wiring(Profiles.builtIn("classroom"), runner);
        Scene scene = new Scene(w.root(), 1280, 800);
        w.themes.install(scene);
        w.animator.speedProperty().set(1.0);
        w.bridge.setReportPanel(null);
        stage.setScene(scene);
        stage.show();
        for (ScriptLine l : new ScriptParser("buddy-split.kmv").parse(Files.readString(Path.of("assets/figures/buddy-split.kmv"))))
            w.runner.execute(l.command());
    }

    private static <T> T fx(Callable<T> c) throws Exception { return AppFixture.fx(c); }

    /** The dialog's answer with the GIF format and steps {@code from..to} chosen, as a user would set them. */
    private ExportDialog.Choice gifChoice(FxRobot robot, int from, int to) throws Exception {
        ExportDialog d = fx(() -> {
            ExportDialog dialog = new ExportDialog(stage, ExportView.PHYSICAL, w.kernel.position());
            dialog.show();
            return dialog;
        });
        fx(() -> {
            robot.lookup("#export-format").<ChoiceBox<ExportFormat>>query().setValue(ExportFormat.GIF);
            robot.lookup("#export-from").<Spinner<Integer>>query().getValueFactory().setValue(from);
            robot.lookup("#export-to").<Spinner<Integer>>query().getValueFactory().setValue(to);
            // No title: it names the step, so frames would differ even if they all showed the same state.
            robot.lookup("#export-title").<javafx.scene.control.CheckBox>query().setSelected(false);
            ((Button) d.getDialogPane().lookupButton(ButtonType.OK)).fire();
            return null;
        });
        return d.getResult();
    }

    /** The GIF's frames, decoded. */
    private static java.util.List<BufferedImage> frames(File gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif)) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            java.util.List<BufferedImage> out = new java.util.ArrayList<>();
            for (int i = 0; i < r.getNumImages(true); i++) out.add(r.read(i));
            return out;
        }
    }

    private static int[] pixels(BufferedImage img) { return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()); }

    private long filesIn(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) { return s.count(); }
    }

    @Test
    void theDialogsGifHasOneFramePerStepOfTheRangeAndTheKernelStaysWhereItWas(FxRobot robot) throws Exception {
        int last = fx(() -> w.kernel.position());
        ExportDialog.Choice c = gifChoice(robot, 1, last);
        assertThat(c.format()).isEqualTo(ExportFormat.GIF);
        File gif = dir.resolve("split.gif").toFile();
        fx(() -> { w.files.export(c, gif); return null; });

        var frames = frames(gif);
        assertThat(frames).hasSize(last);
        // Each frame shows its own step: every step of the script allocates or frees, so no frame repeats the one before.
        for (int i = 1; i < last; i++) assertThat(pixels(frames.get(i))).as("frame %d", i).isNotEqualTo(pixels(frames.get(i - 1)));
        assertThat(filesIn(dir)).as("no temporary file left").isEqualTo(1);
        assertThat(fx(() -> w.kernel.position())).isEqualTo(last);
        assertThat(fx(() -> w.kernel.canRedo())).isFalse();
    }

    @Test
    void aCancelledGifLeavesNoFile(FxRobot robot) throws Exception {
        ExportDialog.Choice c = gifChoice(robot, 0, fx(() -> w.kernel.position()));
        File gif = dir.resolve("split.gif").toFile();
        runner.cancelAfter(2);                       // the user clicks cancel after two frames are written
        fx(() -> { w.files.export(c, gif); return null; });

        assertThat(filesIn(dir)).isZero();
    }
}
