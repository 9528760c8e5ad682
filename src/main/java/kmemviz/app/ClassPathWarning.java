package kmemviz.app;

import java.util.logging.Logger;

/**
 * JavaFX logs "WARNING: Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" every time its
 * toolkit starts from the class path, which is how the runnable jar and the app image carry it (no module-info: see
 * stack.md). The configuration works and the user can do nothing about it, so the line only alarms: it is dropped,
 * and nothing else is, since every other JavaFX warning (a CSS error, say) still reaches stderr.
 */
public final class ClassPathWarning {
    static final String PREFIX = "Unsupported JavaFX configuration";
    // java.util.logging holds its loggers weakly: without this reference the filter could go with a collected logger.
    private static final Logger JAVAFX = Logger.getLogger("javafx");

    private ClassPathWarning() {}

    /** Before the toolkit starts; the JDK routes JavaFX's PlatformLogger "javafx" to this java.util.logging logger. */
    public static void drop() {
        JAVAFX.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith(PREFIX));
    }
}
