package kmemviz.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import kmemviz.app.StartupTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Launch to first frame: starts the window in a fresh JVM several times, from the same class path as this one,
 * and prints the median milliseconds from launch to each {@link StartupTrace} mark, and the CPU time the child had
 * used by then. The child is stopped as soon as its first frame is on screen, so it saves no window size.
 *
 * <p>By default the child draws headless through Monocle's software pipeline (the properties of the tests'
 * headless.argLine), so the figure needs no display; {@code --window} opens a real window on $DISPLAY instead.
 * {@code --launcher} times a packaged app's launcher (jpackage's {@code bin/kmemviz}) in place of this JVM's java and
 * class path; such a launcher takes no JVM options on its command line, so the child's options go through
 * JAVA_TOOL_OPTIONS, which every JVM reads. {@code --java-option} adds an option to the child's JVM: the package
 * build uses it to record the classes a first window loads, for its class-data-sharing archive.
 *
 * <p>At the first frame, before the child is stopped, the CPU time each of its threads has used is read from Linux's
 * /proc and printed by kind ({@link ThreadCpu}): on a loaded machine the wall-clock figure mostly measures the wait for
 * a core, these say what the start-up itself costs and on which thread.
 */
@Command(name = "startup", mixinStandardHelpOptions = true, description = "Milliseconds from launch to the window's first frame.")
public final class BenchStartupCommand implements Callable<Integer> {
    private static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dheadless.geometry=1920x1200-32");
    private static final long TIMEOUT_S = 120;

    @Option(names = "--runs", defaultValue = "5", description = "launches; the median is printed (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--window", description = "open a real window on $DISPLAY instead of drawing headless")
    boolean window;

    @Option(names = "--profile", defaultValue = "classroom", description = "the machine the window boots (default ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--launcher", paramLabel = "FILE", description = "time this launcher (an app image's bin/kmemviz) instead of java -cp")
    Path launcher;

    @Option(names = "--java-option", paramLabel = "OPTION", description = "an option for the child's JVM (repeatable)")
    List<String> javaOptions = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, long[]> byPhase = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            Map<String, Long> marks = launchOnce();
            if (marks == null) return 1;
            for (var m : marks.entrySet()) byPhase.computeIfAbsent(m.getKey(), k -> new long[runs])[run] = m.getValue();
        }
        System.out.printf("first_frame_ms %d ms%n", median(byPhase.get("first_frame")));
        for (var p : byPhase.entrySet())
            if (!p.getKey().equals("first_frame")) System.out.printf("startup_%s_ms %d ms%n", p.getKey(), median(p.getValue()));
        return 0;
    }

    /** One launch: the marks in the order they came, or null (after saying why) if no first frame came. */
    private Map<String, Long> launchOnce() throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(window ? List.of() : HEADLESS);
        jvm.addAll(javaOptions);
        jvm.add("-D" + StartupTrace.PROPERTY + "=" + System.currentTimeMillis());
        ProcessBuilder pb;
        if (launcher != null) {
            pb = new ProcessBuilder(launcher.toString(), "--profile=" + profile);
            pb.environment().put("JAVA_TOOL_OPTIONS", String.join(" ", jvm));
        } else {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(jvm);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KmemvizCli.class.getName(), "--profile=" + profile));
            pb = new ProcessBuilder(cmd);
        }
        Path stderr = Files.createTempFile("kmemviz-startup", ".log");
        Process child = pb.redirectError(stderr.toFile()).start();
        Map<String, Long> marks = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; !marks.containsKey("first_frame") && (line = out.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f.length != 4 || !f[0].equals("startup")) continue;
                marks.put(f[1], Long.parseLong(f[2]));
                marks.put(f[1] + "_cpu", Long.parseLong(f[3]));
            }
            if (marks.containsKey("first_frame")) marks.putAll(ThreadCpu.of(child.pid()));
        } finally {
            child.destroy();
            if (!child.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) child.destroyForcibly();
        }
        if (!marks.containsKey("first_frame")) {
            System.err.println("the window showed no first frame; its output:");
            System.err.println(Files.readString(stderr));
            marks = null;
        }
        Files.deleteIfExists(stderr);
        return marks;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
