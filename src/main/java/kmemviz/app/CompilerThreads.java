package kmemviz.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gives the JIT's optimising compiler (C2) a lower scheduling priority than the window's threads until the first
 * frame, on Linux.
 *
 * <p>Why: on a machine with two cores the window's start had four busy threads (the FX thread, the warm-up, the C1
 * and the C2 compiler), and the kernel's fair scheduler gave the FX thread about half a core. C2 was the largest of
 * them (some 2 s of CPU before the first frame, mostly compiling CSS selector matching and the bytecode writer that
 * spins lambda classes), and its code came too late to speed that frame up: with C2 off
 * ({@code -XX:TieredStopAtLevel=1}) the FX thread used the same CPU time and the JIT a third of it. A
 * {@code java -jar} cannot set JVM options, but a thread's nice value can be raised from inside: C2 then compiles
 * with the cycles the window leaves. C1, whose quick code the FX thread does use, keeps its priority.
 *
 * <p>After the first frame {@link #restoreC2()} asks for the old priority back. Linux lets only a privileged process
 * lower a nice value (RLIMIT_NICE is 0 for most users): there C2 stays nicer for the window's life, which costs
 * nothing while a core is idle and slows its compiling only while other programs keep both cores busy.
 * Elsewhere than Linux, or without util-linux's {@code renice}, nothing changes.
 */
final class CompilerThreads {
    /** How many nice steps below this process C2 runs: weight 110 against 1024, about a tenth of a shared core. */
    static final int STEPS = 10;
    private static final String C2_NAME = "C2 CompilerThre";    // "C2 CompilerThread0", cut to 15 characters by Linux
    private static int restoreTo = Integer.MIN_VALUE;           // the nice value C2 had, once lowered

    private CompilerThreads() {}

    /** Makes the C2 compiler threads {@link #STEPS} nicer than the calling thread; quietly does nothing where it cannot. */
    static synchronized void lowerC2() {
        try {
            int nice = niceOf(Path.of("/proc/thread-self/stat"));
            if (renice(Math.min(19, nice + STEPS))) restoreTo = nice;
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc reads differently: the start is slower, nothing else
        }
    }

    /** Gives C2 back the priority {@link #lowerC2} took, where this process may, on a thread of its own (renice waits). */
    static void restoreC2() {
        Thread t = new Thread(CompilerThreads::restore, "kmemviz-c2-priority");
        t.setDaemon(true);
        t.start();
    }

    /** {@link #restoreC2}'s work, on the calling thread; false where C2 keeps the lower priority. */
    static synchronized boolean restore() {
        if (restoreTo == Integer.MIN_VALUE) return false;
        try {
            return renice(restoreTo);
        } catch (IOException | RuntimeException e) {
            return false;        // C2 stays nicer (see the class comment)
        } finally {
            restoreTo = Integer.MIN_VALUE;
        }
    }

    /** Sets every C2 thread's nice value; false if there was none to set or renice did not succeed. */
    private static boolean renice(int nice) throws IOException {
        List<String> c2 = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(t.resolve("comm")).startsWith(C2_NAME)) c2.add(t.getFileName().toString());
            }
        }
        if (c2.isEmpty()) return false;        // -XX:TieredStopAtLevel=1, or a JVM without C2
        // The value without -n: an absolute nice value in every renice (util-linux 2.39 made -n relative where
        // POSIXLY_CORRECT is set, as POSIX and the BSDs have it).
        List<String> command = new ArrayList<>(List.of("renice", Integer.toString(nice), "-p"));
        command.addAll(c2);
        Process renice = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return renice.waitFor() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The nice value in a Linux /proc/.../stat line: its 19th field, counted after the command's closing parenthesis. */
    static int niceOf(Path stat) throws IOException {
        return niceOf(Files.readString(stat));
    }

    static int niceOf(String statLine) {
        String[] fromState = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(fromState[19 - 3]);      // the array starts at the 3rd field (the state)
    }
}
