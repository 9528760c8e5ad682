package kmemviz.core.procfs;

import java.util.ArrayList;
import java.util.List;

/**
 * /proc/buddyinfo as frag_show_print() (mm/vmstat.c) prints it: {@code Node %d, zone %8s} then the free blocks of
 * each order. The number of orders is what the rows have (11 on x86 in every version; 13 on some ARM boards).
 */
public record Buddyinfo(List<Row> rows) {
    public record Row(int node, String zone, long[] freeBlocks) {}

    public static Buddyinfo parse(String file, String text, List<ImportProblem> problems) {
        List<Row> rows = new ArrayList<>();
        for (ProcLines.Line line : ProcLines.joinWrapped(ProcLines.of(text), "Node ")) {
            if (line.text().isBlank()) continue;
            Row row = row(line.text());
            if (row == null) problems.add(new ImportProblem(file, line.number(), "not a buddyinfo row: \""
                    + Texts.clip(line.text()) + "\" (expected \"Node N, zone NAME\" and a count per order)"));
            else if (!rows.isEmpty() && rows.get(0).freeBlocks().length != row.freeBlocks().length)
                problems.add(new ImportProblem(file, line.number(), "this row has " + row.freeBlocks().length
                        + " orders, the first had " + rows.get(0).freeBlocks().length + "; row skipped"));
            else rows.add(row);
        }
        return new Buddyinfo(List.copyOf(rows));
    }

    private static Row row(String text) {
        ZoneHeader h = ZoneHeader.read(text);
        if (h == null) return null;
        String[] w = ProcLines.words(text.substring(h.end()));
        if (w.length == 0) return null;
        long[] counts = new long[w.length];
        for (int i = 0; i < w.length; i++) if ((counts[i] = ProcLines.count(w[i])) < 0) return null;
        return new Row(h.node(), h.zone(), counts);
    }
}
