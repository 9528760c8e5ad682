package kmemviz.ui.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Names and writes export files. A name says what the file shows: the script, the step, the view, the theme when
 * it is not light and the scale of a picture, as in {@code tour-step17-physical@2x.png} or
 * {@code tour-mappings-print.svg}. A file is written next to its target under a temporary name and moved over it
 * when complete, so a failed or interrupted export leaves no partial file behind.
 */
public final class ExportFiles {
    private ExportFiles() {}

    /** What writes a file's bytes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param base the script's name without its extension ({@code tour})
     * @param step the step shown, or -1 for the end of the script
     */
    public static String fileName(String base, int step, ExportView view, ExportFormat format, int scale, ExportTheme theme) {
        StringBuilder b = new StringBuilder(base);
        if (step >= 0) b.append("-step").append(step);
        b.append('-').append(view.cliName());
        if (theme != ExportTheme.LIGHT) b.append('-').append(theme.cliName());
        if (format != ExportFormat.SVG) b.append('@').append(scale).append('x');
        return b.append('.').append(format.extension()).toString();
    }

    /** The script's file name without its extension. */
    public static String baseName(Path script) {
        String name = script.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public static void writeAtomically(Path target, Content content) throws IOException {
        Pending p = new Pending(target);
        try {
            content.writeTo(p.out());
            p.commit();
        } finally {
            p.abort();
        }
    }

    /**
     * A file being written under a temporary name in its target's folder: {@link #commit()} moves it into place,
     * {@link #abort()} (a no-op after a commit) deletes it.
     */
    public static final class Pending {
        private final Path target, tmp;
        private final OutputStream out;
        private boolean done;

        public Pending(Path target) throws IOException {
            this.target = target;
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
            // A temporary file is private (rw-------); the figure is not.
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix"))
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            out = Files.newOutputStream(tmp);
        }

        public OutputStream out() { return out; }

        public Path target() { return target; }

        public void commit() throws IOException {
            out.close();
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        }

        public void abort() throws IOException {
            if (done) return;
            done = true;
            out.close();
            Files.deleteIfExists(tmp);
        }
    }
}
