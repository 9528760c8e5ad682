package kmemviz.core.procfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * /proc/vmallocinfo (mm/vmalloc.c vmalloc_info_show()): per area its start and end (real, zero or hashed, so kept
 * as text: a hashed start can be above its end), size in bytes (guard page included), caller, pages, phys, the
 * flag words and the per-node page counts. The file is not sorted by address in 6.12; {@link #areas} keeps the
 * file's order.
 */
public record Vmallocinfo(List<Area> areas) {
    public record Area(String start, String end, long size, String caller, long pages, String phys, Set<String> flags,
                       Map<Integer, Long> pagesPerNode, int line) {}

    private static final Pattern LINE = Pattern.compile("^(0x[0-9a-fA-F]{1,16})-(0x[0-9a-fA-F]{1,16})\\s+(\\d{1,19})(.*)$");
    private static final Set<String> FLAGS = Set.of("ioremap", "sparse", "vmalloc", "vmap", "user", "dma-coherent",
            "vpages", "vm_map_ram");
    private static final Pattern NODE = Pattern.compile("N(\\d{1,4})=(\\d{1,19})");

    public static Vmallocinfo parse(String file, String text, List<ImportProblem> problems) {
        List<Area> areas = new ArrayList<>();
        for (ProcLines.Line line : ProcLines.of(text)) {
            String t = line.text().strip();
            if (t.isEmpty()) continue;
            Matcher m = LINE.matcher(t);
            if (!m.matches()) {
                problems.add(new ImportProblem(file, line.number(), "not a vmallocinfo line: \"" + Texts.clip(t)
                        + "\" (expected 0xSTART-0xEND SIZE ...)"));
                continue;
            }
            String rest = m.group(4).strip();
            Set<String> flags = new LinkedHashSet<>();
            if (rest.endsWith("unpurged vm_area")) {
                flags.add("unpurged");
                rest = rest.substring(0, rest.length() - "unpurged vm_area".length()).strip();
            }
            String caller = null;
            long pages = 0;
            String phys = null;
            Map<Integer, Long> nodes = new LinkedHashMap<>();
            for (String w : ProcLines.words(rest)) {
                Matcher n = NODE.matcher(w);
                if (FLAGS.contains(w)) flags.add(w);
                else if (w.startsWith("pages=") && ProcLines.count(w.substring(6)) >= 0) pages = ProcLines.count(w.substring(6));
                else if (w.startsWith("pages=")) problems.add(new ImportProblem(file, line.number(), "\"" + Texts.clip(w) + "\" is not a page count; read as 0"));
                else if (w.startsWith("phys=")) phys = w.substring(5);
                else if (n.matches()) nodes.put(Integer.parseInt(n.group(1)), Long.parseLong(n.group(2)));
                else if (caller == null) caller = w;
                else if (w.startsWith("[") && w.endsWith("]")) caller = caller + " " + w; // a module's symbol
                else problems.add(new ImportProblem(file, line.number(), "unknown word \"" + Texts.clip(w) + "\" read past"));
            }
            areas.add(new Area(m.group(1), m.group(2), Long.parseLong(m.group(3)), caller, pages, phys, Collections.unmodifiableSet(flags), Map.copyOf(nodes), line.number()));
        }
        return new Vmallocinfo(List.copyOf(areas));
    }
}
