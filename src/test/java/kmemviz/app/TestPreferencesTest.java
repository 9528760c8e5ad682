package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

/** The window saves its size in java.util.prefs on close; the tests must not write the user's real preferences. */
class TestPreferencesTest {

    @Test
    void preferencesTheAppWritesLandUnderTheBuildDirectory() throws Exception {
        String root = System.getProperty("java.util.prefs.userRoot");
        assertThat(root).as("surefire's argLine sets java.util.prefs.userRoot").isNotNull();
        assertThat(Path.of(root).toAbsolutePath().normalize()).startsWithRaw(Path.of("target").toAbsolutePath());

        Preferences node = Preferences.userNodeForPackage(KmemvizApp.class);
        node.putDouble("test-probe", 1);
        node.flush();
        try {
            // FileSystemPreferences keeps a node in <userRoot>/.java/.userPrefs/<node path>/prefs.xml.
            assertThat(Path.of(root, ".java", ".userPrefs", "kmemviz", "app", "prefs.xml")).content().contains("test-probe");
        } finally {
            node.remove("test-probe");
            node.flush();
        }
    }
}
