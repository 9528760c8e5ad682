package kmemviz.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time a process's threads have used, summed by kind of thread (the FX thread, the JIT compilers, the garbage
 * collector, the start-up warm-up, the rest), from Linux's /proc/PID/task: read from outside, so the process measured
 * does no extra work for it. Elsewhere, or when the process has gone, no figures.
 */
final class ThreadCpu {
    /** Linux's USER_HZ, the unit of utime and stime in /proc; 100 on every architecture the JDK runs on. */
    private static final long TICKS_PER_S = 100;

    private ThreadCpu() {}

    /** {@code thread_cpu_KIND} to milliseconds, for each kind with a thread; empty if /proc cannot be read. */
    static Map<String, Long> of(long pid) {
        Map<String, Long> ms = new LinkedHashMap<>();
        for (String kind : new String[] {"fx", "warmup", "main", "jit", "gc", "render", "other"}) ms.put("thread_cpu_" + kind, 0L);
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.nio.file.NoSuchFileException e) {
                    continue;       // a thread that ended since the listing (the window starts short ones at its first frame)
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");    // f[0] is field 3, the state
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);          // utime and stime, fields 14 and 15
                ms.merge("thread_cpu_" + kind(name), ticks * 1000 / TICKS_PER_S, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ms;
    }

    /** Thread names as Linux keeps them, cut to 15 characters. Under Monocle the FX thread is its "Event Thread". */
    private static String kind(String name) {
        if (name.startsWith("JavaFX Applicat") || name.equals("Event Thread")) return "fx";
        if (name.startsWith("kmemviz-warmup")) return "warmup";
        if (name.equals("main") || name.equals("java")) return "main";
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) return "jit";
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) return "gc";
        if (name.startsWith("QuantumRenderer")) return "render";
        return "other";
    }
}
