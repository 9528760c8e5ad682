package kmemviz.ui.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** File > Open recent's list, in a node under the test preferences root (surefire's java.util.prefs.userRoot). */
class RecentScriptsTest {
    private Preferences node;

    @BeforeEach
    void freshNode() throws Exception {
        assertThat(Path.of(System.getProperty("java.util.prefs.userRoot")).toAbsolutePath())
                .as("never the user's real preferences").startsWithRaw(Path.of("target").toAbsolutePath());
        node = Preferences.userRoot().node("kmemviz-test/recent-scripts");
        node.clear();
    }

    @AfterEach
    void dropNode() throws Exception { node.removeNode(); }

    @Test
    void theNewestComesFirstOnceAndTheOldestDropsOffPastTheLimit() {
        RecentScripts r = new RecentScripts(node);
        for (int i = 0; i < RecentScripts.MAX + 2; i++) r.add(Path.of("/tmp/s" + i + ".kmv"));
        r.add(Path.of("/tmp/s5.kmv"));
        assertThat(r.paths()).hasSize(RecentScripts.MAX);
        assertThat(r.paths().get(0)).isEqualTo(Path.of("/tmp/s5.kmv"));
        assertThat(r.paths()).doesNotHaveDuplicates().contains(Path.of("/tmp/s9.kmv")).doesNotContain(Path.of("/tmp/s0.kmv"), Path.of("/tmp/s1.kmv"));
    }

    @Test
    void theListSurvivesARestartAndAScriptThatIsGoneLeavesIt() {
        new RecentScripts(node).add(Path.of("/tmp/a.kmv"));
        new RecentScripts(node).add(Path.of("/tmp/b.kmv"));
        RecentScripts again = new RecentScripts(node);
        assertThat(again.paths()).containsExactly(Path.of("/tmp/b.kmv"), Path.of("/tmp/a.kmv"));
        again.remove(Path.of("/tmp/b.kmv"));
        assertThat(new RecentScripts(node).paths()).containsExactly(Path.of("/tmp/a.kmv"));
    }
}
