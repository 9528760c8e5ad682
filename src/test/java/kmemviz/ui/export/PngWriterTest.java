package kmemviz.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** What PngWriter writes, read back by the JDK's own PNG reader: the same pixels, RGB or RGBA as the picture needs. */
class PngWriterTest {
    private static BufferedImage readBack(Raster r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngWriter.write(r, out);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(img).as("a PNG the JDK can read").isNotNull();
        return img;
    }

    @Property(tries = 200)
    void everyPixelComesBack(@ForAll @IntRange(min = 1, max = 40) int w, @ForAll @IntRange(min = 1, max = 40) int h,
                             @ForAll long seed, @ForAll boolean opaque) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int p = random.nextInt(4) == 0 ? random.nextInt() : argb[Math.max(0, i - w)];   // runs and rows alike, as views have
            argb[i] = opaque ? p | 0xff000000 : p;
        }
        BufferedImage img = readBack(new Raster(w, h, argb));
        assertThat(img.getWidth()).isEqualTo(w);
        assertThat(img.getHeight()).isEqualTo(h);
        assertThat(img.getColorModel().hasAlpha()).as("alpha only where a pixel is not opaque")
                .isEqualTo(java.util.Arrays.stream(argb).anyMatch(p -> p >>> 24 != 0xff));
        assertThat(img.getRGB(0, 0, w, h, null, 0, w)).isEqualTo(argb);
    }

    @Test
    void aFigureOfFlatRowsCompressesWell() throws IOException {
        int w = 800, h = 600;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) argb[i] = (i % w) / 20 % 2 == 0 ? 0xffdde3ea : 0xff1a7f37;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngWriter.write(new Raster(w, h, argb), out);
        assertThat(out.size()).as("bytes for 480,000 pixels of cells").isLessThan(20_000);
    }
}
