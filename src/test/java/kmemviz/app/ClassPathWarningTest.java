package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ClassPathWarningTest {
    /** Through System.Logger, as JavaFX's PlatformLogger logs, to the java.util.logging logger the filter sits on. */
    @Test
    void onlyTheClassPathWarningIsDroppedOtherJavaFxWarningsStillShow() {
        Logger javafx = Logger.getLogger("javafx");
        List<String> shown = new ArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) { shown.add(r.getMessage()); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Level level = javafx.getLevel();
        boolean parents = javafx.getUseParentHandlers();
        javafx.setLevel(Level.ALL);
        javafx.setUseParentHandlers(false);
        javafx.addHandler(capture);
        try {
            ClassPathWarning.drop();
            System.Logger platform = System.getLogger("javafx");
            platform.log(System.Logger.Level.WARNING, "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @69eee410'");
            platform.log(System.Logger.Level.WARNING, "Could not resolve '-color-fg' while resolving lookups for '-fx-text-fill'");
            assertThat(shown).containsExactly("Could not resolve '-color-fg' while resolving lookups for '-fx-text-fill'");
        } finally {
            javafx.removeHandler(capture);
            javafx.setUseParentHandlers(parents);
            javafx.setLevel(level);
        }
    }
}
