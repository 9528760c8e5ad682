package kmemviz.ui.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileErrorTextTest {
    @TempDir Path dir;

    @Test
    void aBinaryFileIsNotATextFileNotInputLengthOne() throws IOException {
        Path bin = dir.resolve("a.out");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        IOException e = null;
        try { Files.readString(bin); } catch (IOException ex) { e = ex; }
        assertThat(e).isInstanceOf(MalformedInputException.class);
        assertThat(FileController.describe(e)).startsWith("not a text file");
    }

    @Test
    void aFileErrorInsideAJobIsWordedAsTheFileErrorItWraps() throws IOException {
        Path bin = dir.resolve("a.out");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Throwable t = null;
        try { Files.readAllLines(bin); } catch (IOException ex) { t = new java.io.UncheckedIOException(ex); }
        assertThat(FileController.describe(t)).startsWith("not a text file").doesNotContain("Input length");
        assertThat(FileController.describe((Throwable) new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void aMissingFileSaysSo() {
        assertThat(FileController.describe(new NoSuchFileException("/nowhere.kmv"))).isEqualTo("no such file");
    }
}
