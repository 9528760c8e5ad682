package kmemviz.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What Help > About and {@code --version} say: the version the build wrote into
 * {@code kmemviz/app/version.properties}, the kernel the model follows, and the licences of what the jar and the
 * packaged image bundle (each checked against the library's own pom or licence file, so update it with a version).
 */
public final class About {
    /** The kernel release whose behaviour the model follows (the reference notes cite 6.12.y sources). */
    public static final String LINUX_VERSION = "6.12";

    // One library a line, short enough for the About box's 760 px without wrapping (a proportional font: no columns).
    static final String LICENCES = """
            Bundled libraries and their licences:
            • OpenJFX 21.0.5: GPL v2 with the Classpath Exception
            • Monocle 17.0.10 (headless drawing): GPL v2 with the Classpath Exception
            • ControlsFX 11.2.1: BSD 3-Clause
                its dialog images, from the Oxygen icons: CC BY-SA 3.0
            • AtlantaFX 2.0.1: MIT
            • Ikonli 12.3.1: Apache License 2.0 (the Feather icon font: MIT)
            • picocli 4.7.6: Apache License 2.0
            • OpenJDK 17 runtime (installers): GPL v2 with the Classpath Exception""";

    private About() {}

    /** The pom's version, e.g. {@code 0.1.0}. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = About.class.getResourceAsStream("version.properties")) {
            if (in == null) throw new IOException("kmemviz/app/version.properties is missing from the class path");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    /** The About box's text. */
    static String text() {
        return "Kmemviz " + version() + "\n"
                + "How the Linux kernel hands out physical and virtual memory.\n"
                + "The model follows Linux " + LINUX_VERSION + "; Help > Where the model simplifies the kernel.\n"
                + "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.runtime.version", "?") + "\n\n"
                + LICENCES;
    }
}
