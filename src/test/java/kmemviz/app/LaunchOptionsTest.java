package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void noArgumentsMeanTheClassroomMachineInTheLightThemeOnTheFirstTab() {
        LaunchOptions o = LaunchOptions.parse(List.of());
        assertThat(o.profile.name()).isEqualTo("classroom");
        assertThat(o.theme).isEqualTo(LaunchOptions.Theme.light);
        assertThat(o.tab).isNull();
        assertThat(o.script).isNull();
        assertThat(o.presentation || o.compare || o.fillScreen).isFalse();
    }

    @Test
    void theWindowReadsTheArgumentsTheCommandLineChecked() {
        LaunchOptions o = LaunchOptions.parse(List.of("--profile=i386-1g", "--theme=dark", "--tab=tlb", "--presentation",
                "--script=assets/scripts/tour.kmv", "--select=p0", "--compare", "--fill-screen"));
        assertThat(o.profile.name()).isEqualTo("i386-1g");
        assertThat(o.theme).isEqualTo(LaunchOptions.Theme.dark);
        assertThat(o.tab).isEqualTo(LaunchOptions.Tab.tlb);
        assertThat(o.script).isEqualTo(Path.of("assets/scripts/tour.kmv"));
        assertThat(o.select).isEqualTo("p0");
        assertThat(o.presentation && o.compare && o.fillScreen).isTrue();
    }

    @Test
    void aFileGivenAsTheArgumentIsTheScriptAsAFileManagerOpensIt() {
        assertThat(LaunchOptions.parse(List.of("assets/scripts/tour.kmv")).script()).isEqualTo(Path.of("assets/scripts/tour.kmv"));
        assertThat(LaunchOptions.parse(List.of("--script=assets/scripts/slab-demo.kmv")).script())
                .isEqualTo(Path.of("assets/scripts/slab-demo.kmv"));
    }
}
