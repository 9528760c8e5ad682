package kmemviz.core.procfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /proc/zoneinfo as zoneinfo_show_print() (mm/vmstat.c) prints it: a block per zone of every node, populated or
 * not, with named values ({@code pages free}, {@code min}, {@code spanned}, {@code present}, {@code managed},
 * {@code start_pfn}, the zone's stat items), {@code protection: (a, b, ...)} and the per-CPU {@code pagesets}. The
 * node's own stats (printed in its first populated zone) are kept apart. Lines are read by name, never by
 * position, because every version adds or drops some: an unknown name is kept, a line that is not "name value"
 * is a problem, never fatal.
 */
public record Zoneinfo(List<Zone> zones, Map<Integer, Map<String, Long>> nodeStats) {
    public record Pageset(int cpu, long count, long high, long batch) {}

    public record Zone(int node, String name, Map<String, Long> values, long[] protection, List<Pageset> pagesets) {
        /** A value by name ("free" for "pages free"), or -1 when the block has no such line. */
        public long get(String key) { return values.getOrDefault(key, -1L); }

        public boolean populated() { return get("present") > 0; }
    }

    public static Zoneinfo parse(String file, String text, List<ImportProblem> problems) {
        List<Zone> zones = new ArrayList<>();
        Map<Integer, Map<String, Long>> nodeStats = new LinkedHashMap<>();
        Builder zone = null;
        boolean inNodeStats = false;
        for (ProcLines.Line line : ProcLines.of(text)) {
            String t = line.text().strip();
            if (t.isEmpty()) continue;
            ZoneHeader h = ZoneHeader.read(t);
            if (h != null) {
                if (zone != null) zones.add(zone.build());
                zone = new Builder(h.node(), h.zone());
                inNodeStats = false;
                // `grep | paste` captures put a zone's first line after its header
                t = t.substring(h.end()).strip();
                if (t.isEmpty()) continue;
            }
            if (zone == null) {
                problems.add(new ImportProblem(file, line.number(), "line before the first \"Node N, zone NAME\": \"" + Texts.clip(t) + "\""));
                continue;
            }
            if (t.equals("per-node stats")) {
                inNodeStats = true;
            } else if (t.equals("pagesets")) {
                inNodeStats = false;
            } else if (t.startsWith("pages free")) {
                inNodeStats = false;
                zone.put(file, line, "free", t.substring("pages free".length()), problems);
            } else if (t.startsWith("protection:")) {
                zone.protection = protection(t.substring("protection:".length()));
                if (zone.protection == null) problems.add(new ImportProblem(file, line.number(), "not a protection tuple: \"" + Texts.clip(t) + "\""));
            } else if (t.startsWith("cpu:")) {
                zone.cpu = (int) Math.min(ProcLines.count(t.substring(4).strip()), Integer.MAX_VALUE);
                zone.pageset = new long[] {-1, -1, -1};
            } else if (zone.pageset != null && (t.startsWith("count:") || t.startsWith("high:") || t.startsWith("batch:"))) {
                int colon = t.indexOf(':');
                int slot = t.startsWith("count") ? 0 : t.startsWith("high") ? 1 : 2;
                zone.pageset[slot] = ProcLines.count(t.substring(colon + 1).strip());
                if (slot == 2) zone.endPageset();
            } else if (t.startsWith("high_min:") || t.startsWith("high_max:")) {
                continue; // after 6.12: pcp high_min/high_max, which the model derives itself
            } else {
                // "name value" for stat items, "name: value" for the lines that end a block
                int colon = t.indexOf(':');
                String[] w = colon > 0 ? new String[] {t.substring(0, colon).strip(), t.substring(colon + 1)}
                        : t.split("\\s+", 2);
                if (w.length != 2) {
                    problems.add(new ImportProblem(file, line.number(), "not a \"name value\" line: \"" + Texts.clip(t) + "\""));
                } else if (inNodeStats) {
                    long v = ProcLines.count(w[1].strip());
                    if (v < 0) problems.add(new ImportProblem(file, line.number(), w[0] + " is not a count: \"" + Texts.clip(w[1]) + "\""));
                    else nodeStats.computeIfAbsent(zone.node, n -> new LinkedHashMap<>()).put(w[0], v);
                } else {
                    zone.put(file, line, w[0], w[1], problems);
                }
            }
        }
        if (zone != null) zones.add(zone.build());
        return new Zoneinfo(List.copyOf(zones), Collections.unmodifiableMap(nodeStats));
    }

    private static long[] protection(String s) {
        String t = s.strip();
        if (!t.startsWith("(") || !t.endsWith(")")) return null;
        String[] parts = t.substring(1, t.length() - 1).split(",");
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) if ((v[i] = ProcLines.count(parts[i].strip())) < 0) return null;
        return v;
    }

    private static final class Builder {
        final int node;
        final String name;
        final Map<String, Long> values = new LinkedHashMap<>();
        final List<Pageset> pagesets = new ArrayList<>();
        long[] protection = new long[0];
        int cpu;
        long[] pageset;

        Builder(int node, String name) {
            this.node = node;
            this.name = name;
        }

        void put(String file, ProcLines.Line line, String key, String value, List<ImportProblem> problems) {
            long v = ProcLines.count(value.strip());
            if (v < 0) problems.add(new ImportProblem(file, line.number(), key + " is not a count: \"" + Texts.clip(value) + "\""));
            else values.put(key, v);
        }

        void endPageset() {
            if (pageset[0] >= 0 && pageset[1] >= 0 && pageset[2] >= 0) pagesets.add(new Pageset(cpu, pageset[0], pageset[1], pageset[2]));
            pageset = null;
        }

        Zone build() { return new Zone(node, name, Collections.unmodifiableMap(values), protection, List.copyOf(pagesets)); }
    }
}
