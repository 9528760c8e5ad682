package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's class list names classes that exist: a renamed or removed one means bench/startup-classes.sh is due. */
class StartupClassesTest {
    @Test
    void everyListedClassLoads() throws IOException {
        List<String> names;
        try (InputStream in = StartupWarmup.class.getResourceAsStream(StartupWarmup.CLASSES)) {
            assertThat(in).as(StartupWarmup.CLASSES).isNotNull();
            names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(names).as("the first window's classes").contains("kmemviz.app.Wiring", "javafx.scene.control.TabPane");
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, StartupWarmup.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }
        assertThat(missing).as("listed but gone: run bench/startup-classes.sh after mvn -o package").isEmpty();
    }
}
