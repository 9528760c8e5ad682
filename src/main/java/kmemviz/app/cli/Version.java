package kmemviz.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the pom's version, which the build writes into {@code kmemviz/app/version.properties}. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/kmemviz/app/version.properties")) {
            if (in == null) throw new IOException("kmemviz/app/version.properties is missing from the class path");
            p.load(in);
        }
        return new String[]{"kmemviz " + p.getProperty("version")};
    }
}
