package kmemviz.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the pom's version, which the build writes into {@code kmemviz/app/version.properties}. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/kmemviz/app/version.properties")) {
            if (in == null) throw new IOException("kmemviz/app/version.properties is missing from the class path");
            p.load(in);
        }
        return new String[]{"kmemviz " + p.getProperty("version")};
    }

    /** The version alone ("0.1.0"), for Help > About; "unknown" when the build did not write it. */
    public static String current() {
        try {
            return new Version().getVersion()[0].substring("kmemviz ".length());
        } catch (IOException e) {
            return "unknown";
        }
    }
}
