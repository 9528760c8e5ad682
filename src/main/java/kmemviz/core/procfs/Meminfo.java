package kmemviz.core.procfs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * /proc/meminfo (fs/proc/meminfo.c): "Label:   value kB", or a bare count for the HugePages_* lines. Labels the
 * model does not know (ION_heap on Android, Balloon after 6.12) are kept as they are.
 */
public record Meminfo(Map<String, Long> values, Map<String, Integer> lines) {
    private static final Pattern LINE = Pattern.compile("^([^:]+):\\s*(\\d{1,19})(\\s*kB)?$");

    public static Meminfo parse(String file, String text, List<ImportProblem> problems) {
        Map<String, Long> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (ProcLines.Line line : ProcLines.of(text)) {
            String t = line.text().strip();
            if (t.isEmpty()) continue;
            Matcher m = LINE.matcher(t);
            if (!m.matches()) {
                problems.add(new ImportProblem(file, line.number(), "not a meminfo line: \"" + Texts.clip(t)
                        + "\" (expected \"Label: value kB\")"));
                continue;
            }
            values.put(m.group(1).strip(), Long.parseLong(m.group(2)));
            lines.put(m.group(1).strip(), line.number());
        }
        return new Meminfo(Collections.unmodifiableMap(values), Collections.unmodifiableMap(lines));
    }

    /** A value in kB (or a count for HugePages_*), or -1 when the capture has no such line. */
    public long get(String label) { return values.getOrDefault(label, -1L); }

    /** The line a label is on, or 0 when the capture has no such line. */
    public int line(String label) { return lines.getOrDefault(label, 0); }
}
