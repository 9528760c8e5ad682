package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import kmemviz.app.cli.KmemvizCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * {@code kmemviz export} as the command line runs it, in this JVM: the toolkit is up already (TestFX), so the
 * export builds its own headless window next to the test's and leaves the toolkit running.
 */
@ExtendWith(ApplicationExtension.class)
class ExportCommandFxTest {
    @TempDir Path dir;

    @Test
    void aGifHasOneFramePerStepOfItsRangeAndEveryFileIsNamedForWhatItShows() throws Exception {
        Path script = Files.writeString(dir.resolve("demo.kmv"), "machine classroom\np = alloc_pages(GFP_KERNEL, 2)\n"
                + "q = alloc_pages(GFP_KERNEL, 0)\nv = vmalloc(16KiB)\n__free_pages(p, 2)\n");
        Path out = dir.resolve("figures");
        StringWriter stdout = new StringWriter(), err = new StringWriter();
        var cl = KmemvizCli.commandLine();
        cl.setOut(new PrintWriter(stdout));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("export", script.toString(), "--out", out.toString(), "--view", "physical,slab",
                "--format", "gif,png,svg", "--from", "1", "--at", "4", "--scale", "2", "--theme", "print", "--delay", "500", "--size", "900x600");
        assertThat(code).as(err.toString()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "demo-step4-physical-print@2x.gif", "demo-step4-slab-print@2x.gif", "demo-step4-physical-print@2x.png",
                    "demo-step4-slab-print@2x.png", "demo-step4-physical-print.svg", "demo-step4-slab-print.svg");
        }
        assertThat(frames(out.resolve("demo-step4-physical-print@2x.gif"))).isEqualTo(4);    // steps 1, 2, 3, 4
        assertThat(frames(out.resolve("demo-step4-slab-print@2x.gif"))).isEqualTo(4);
        var png = ImageIO.read(out.resolve("demo-step4-physical-print@2x.png").toFile());
        var gifFrame = ImageIO.read(out.resolve("demo-step4-physical-print@2x.gif").toFile());
        assertThat(png.getWidth()).isEqualTo(gifFrame.getWidth());
        assertThat(png.getWidth() % 2).isZero();
        assertThat(stdout.toString()).contains("exported 6 files");
    }

    private static int frames(Path gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            return r.getNumImages(true);
        }
    }
}
