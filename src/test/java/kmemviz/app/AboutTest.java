package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AboutTest {
    @Test
    void aboutNamesTheVersionTheKernelAndEveryBundledLibraryWithItsLicence() {
        assertThat(About.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(About.text()).startsWith("Kmemviz " + About.version() + "\n")
                .contains("follows Linux 6.12")
                .containsPattern("OpenJFX .*GPL v2 with the Classpath Exception")
                .containsPattern("ControlsFX .*BSD 3-Clause")
                .containsPattern("AtlantaFX .*MIT")
                .containsPattern("Ikonli .*Apache License 2.0")
                .containsPattern("picocli .*Apache License 2.0");
    }
}
