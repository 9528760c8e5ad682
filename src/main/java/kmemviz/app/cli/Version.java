package kmemviz.app.cli;

import kmemviz.app.About;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the pom's version, in picocli's usual one-line form. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"kmemviz " + About.version()};
    }
}
