package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The C2 compiler's lower priority on the way to the first frame: where Linux shows it, and that it comes back. */
class CompilerThreadsTest {
    @Test
    void readsTheNiceValueAfterTheCommandNameWhateverItHoldsInParentheses() {
        // A thread named "odd) (name" at nice 10 (the 19th field; the state is the third).
        String stat = "4845 (odd) (name) R 4798 4798 19967 0 -1 4194368 135 138 0 0 0 0 0 0 30 10 20 0 2352752 9188904960";
        assertThat(CompilerThreads.niceOf(stat)).isEqualTo(10);
        assertThat(CompilerThreads.niceOf("1 (java) S 0 1 1 0 -1 4194560 1 0 0 0 0 0 0 0 10 -10 1 0 5 6 7")).isEqualTo(-10);
    }

    @Test
    void c2RunsTenStepsNicerThanTheWindowUntilItsPriorityIsGivenBack() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")) && onPath("renice"), "Linux with util-linux's renice");
        List<Path> c2 = c2Threads();
        assumeTrue(!c2.isEmpty(), "a JVM with the C2 compiler");
        int own = CompilerThreads.niceOf(Path.of("/proc/thread-self/stat"));
        int before = CompilerThreads.niceOf(c2.get(0).resolve("stat"));

        CompilerThreads.lowerC2();
        for (Path t : c2) assertThat(CompilerThreads.niceOf(t.resolve("stat"))).as(t.toString()).isEqualTo(Math.min(19, own + CompilerThreads.STEPS));

        boolean restored = CompilerThreads.restore();
        int after = CompilerThreads.niceOf(c2.get(0).resolve("stat"));
        assertThat(after).as("back where Linux lets this user lower it (restored: %s)", restored)
                .isEqualTo(restored ? before : Math.min(19, own + CompilerThreads.STEPS));
        assertThat(CompilerThreads.restore()).as("a second restore has nothing to give back").isFalse();
    }

    private static List<Path> c2Threads() throws IOException {
        List<Path> c2 = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) if (Files.readString(t.resolve("comm")).startsWith("C2 CompilerThre")) c2.add(t);
        }
        return c2;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(dir, command))) return true;
        return false;
    }
}
