package kmemviz.core.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of the /proc memory files of one machine, read from a folder of copies or from this host's /proc, and
 * what could not be read and why. Reading is the only I/O of an import; it happens once, when a script line or
 * the File menu names the capture.
 */
public record ProcCapture(String source, Map<String, String> files, List<ImportProblem> skipped) {
    /** The files an import reads, in the order it uses them. */
    public static final List<String> NAMES = List.of("zoneinfo", "buddyinfo", "pagetypeinfo", "meminfo", "slabinfo", "vmallocinfo");
    /** Larger files are not /proc copies (a 6.12 zoneinfo of 4096 CPUs is about 1 MB). */
    static final long MAX_BYTES = 16L << 20;

    public ProcCapture {
        files = Map.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    /** This host's /proc, or notes saying why there is none. */
    public static ProcCapture live() { return read(Path.of("/proc"), "/proc (this host)", true); }

    /** A folder holding any of {@link #NAMES}, as copied from a machine's /proc. */
    public static ProcCapture folder(Path dir) { return read(dir, dir.toString(), false); }

    private static ProcCapture read(Path dir, String source, boolean live) {
        Map<String, String> files = new LinkedHashMap<>();
        List<ImportProblem> skipped = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            skipped.add(new ImportProblem(source, 0, live ? "this system has no /proc (not Linux, or procfs not mounted)" : "not a folder"));
            return new ProcCapture(source, files, skipped);
        }
        for (String name : NAMES) {
            Path p = dir.resolve(name);
            if (!Files.exists(p)) {
                skipped.add(new ImportProblem(name, 0, live ? "not in /proc: this kernel does not have it" : "not in the folder"));
                continue;
            }
            try {
                if (!live && Files.size(p) > MAX_BYTES) {
                    skipped.add(new ImportProblem(name, 0, "larger than " + (MAX_BYTES >> 20) + " MiB: not a /proc copy; skipped"));
                    continue;
                }
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                if (text.isBlank()) skipped.add(new ImportProblem(name, 0, live ? "empty" : "empty (a root-only file copied without root?)"));
                else files.put(name, text);
            } catch (AccessDeniedException e) {
                skipped.add(new ImportProblem(name, 0, "root-only (mode 0400 on current kernels): run as root to read it; skipped"));
            } catch (IOException e) {
                skipped.add(new ImportProblem(name, 0, "unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); skipped"));
            }
        }
        return new ProcCapture(source, files, skipped);
    }
}
