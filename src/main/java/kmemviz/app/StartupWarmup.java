package kmemviz.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.text.Bidi;
import java.text.BreakIterator;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profile;

/**
 * Work for the window done on a second core while the command line is read and the JavaFX toolkit starts (about a
 * third of the time to the first frame, on the main and launcher threads): it loads and links, in the order the
 * window needs them, the classes listed in {@value #CLASSES} (written by bench/startup-classes.sh), and a thread of
 * its own boots the model of the profile the window will show.
 * Until then the FX thread would read each class from the jar and verify it itself, some 3,000 classes between the
 * toolkit's start and the first frame. Nothing here initialises a class: a JavaFX class's static initialiser may need
 * the toolkit or the FX thread (Control's loads the user-agent stylesheet), and the order of initialisation stays
 * the one the FX thread makes. The loading thread first gives the JIT's C2 compiler a lower priority until the first
 * frame ({@link CompilerThreads}).
 */
public final class StartupWarmup {
    static final String CLASSES = "startup-classes.txt";
    private static CompletableFuture<Kernel> booting;
    private static Profile bootingProfile;
    private static boolean loading;

    private StartupWarmup() {}

    /**
     * Starts loading the window's classes, and lowers C2's priority, on a second thread. Called first thing in
     * {@code main} when the arguments open the window, so that it runs beside the command line's parsing (picocli
     * reflecting on the options, some 400 ms of CPU on a cold JVM) rather than after it. Needs no options.
     */
    public static synchronized void preload() {
        if (loading) return;
        loading = true;
        Thread t = new Thread(() -> {
            CompilerThreads.lowerC2();      // first: C2 competes with the FX thread from the JVM's start
            // The JDK's thread bean, which KernelBridge's ModelTime reads the FX thread's CPU time from: its first
            // look-up finds the platform's MBean providers through a ServiceLoader and registers them (some 30 ms on
            // a cold JVM), here rather than on the FX thread; after it, the look-up returns the same bean at once.
            ManagementFactory.getThreadMXBean();
            // The window's size, which KmemvizApp reads from this package's user preferences before it builds its
            // scene: the first read parses the preferences' XML file (some 180 classes of the JDK's XML parser).
            Preferences.userNodeForPackage(StartupWarmup.class).get("width", null);
            // The JDK's text services JavaFX's text layout takes on the first frame, for wrapped labels and mixed
            // scripts: their first use reads the JDK's line-break rules and bidi data (some 15 ms on a cold JVM);
            // both are shared, so the FX thread then finds them read.
            BreakIterator.getLineInstance().setText("warm up");
            new Bidi("warm up", Bidi.DIRECTION_LEFT_TO_RIGHT).getRunCount();
            loadListedClasses();
        }, "kmemviz-warmup");
        t.setDaemon(true);       // never keeps the JVM alive, whatever it is still loading
        t.start();
    }

    /**
     * Boots the model of the profile the window will show, on a thread of its own beside the toolkit's start, and
     * preloads if {@link #preload} was not called. Called once, once the options are known, before the launch.
     */
    public static synchronized void start(LaunchOptions options) {
        preload();
        Profile profile = options.profile;
        CompletableFuture<Kernel> kernel = new CompletableFuture<>();
        booting = kernel;
        bootingProfile = profile;
        Thread t = new Thread(() -> {
            try {
                kernel.complete(new Kernel(profile));
            } catch (Throwable e) {
                kernel.completeExceptionally(e);
            }
        }, "kmemviz-warmup-boot");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The model booted on {@code profile}: the warm-up's, once, if it booted the same profile; otherwise (tests,
     * a second window, a failed warm-up) booted here, so that a boot error surfaces where it always did.
     */
    static synchronized Kernel kernel(Profile profile) {
        CompletableFuture<Kernel> kernel = booting;
        booting = null;
        if (kernel != null && profile.equals(bootingProfile)) {
            Kernel k = kernel.exceptionally(e -> null).join();
            if (k != null) return k;
        }
        return new Kernel(profile);
    }

    /**
     * Loads each listed class without initialising it, and links it (getDeclaredConstructors links the class: its
     * bytecode is verified here rather than on the FX thread). A name that no longer exists is passed over: the list
     * only makes the start faster, and StartupClassesTest reports a stale one.
     */
    private static void loadListedClasses() {
        ClassLoader loader = StartupWarmup.class.getClassLoader();
        try (InputStream in = StartupWarmup.class.getResourceAsStream(CLASSES)) {
            if (in == null) return;
            BufferedReader names = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name; (name = names.readLine()) != null; ) {
                try {
                    Class.forName(name, false, loader).getDeclaredConstructors();
                } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                    // passed over, see above
                }
            }
        } catch (IOException e) {
            // the jar cannot be read: the window will say so when it loads its own classes
        }
    }
}
