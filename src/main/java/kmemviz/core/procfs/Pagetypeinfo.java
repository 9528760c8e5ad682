package kmemviz.core.procfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * /proc/pagetypeinfo as pagetypeinfo_show() (mm/vmstat.c) prints it, once per node with memory: the pageblock
 * order, the free blocks per zone, migrate type and order (a count the kernel capped at 100000 is printed with a
 * leading '>', kept here as 100000 with {@link FreeRow#capped}), and the pageblocks of each type per zone. The
 * type names are what the file says: 6.x's Unmovable, Movable, Reclaimable, HighAtomic, [CMA], [Isolate], or the
 * old Unmovable, Reclaimable, Movable, Reserve, [CMA], Isolate. The "Number of mixed blocks" table (page_owner
 * kernels) is read past.
 */
public record Pagetypeinfo(int pageblockOrder, List<String> blockTypes, List<FreeRow> free, List<BlockRow> blocks) {
    /** One row of free blocks per order; {@code line} is its line in the file. */
    public record FreeRow(int node, String zone, String type, long[] freeBlocks, boolean capped, int line) {}

    public record BlockRow(int node, String zone, long[] pageblocks) {}

    private enum Table { NONE, FREE, BLOCKS, MIXED }

    public static Pagetypeinfo parse(String file, String text, List<ImportProblem> problems) {
        int order = -1;
        List<String> types = List.of();
        List<FreeRow> free = new ArrayList<>();
        List<BlockRow> blocks = new ArrayList<>();
        Table table = Table.NONE;
        for (ProcLines.Line line : ProcLines.joinWrapped(ProcLines.of(text), "Node ")) {
            String t = line.text().strip();
            if (t.isEmpty()) continue;
            if (t.startsWith("Page block order:")) {
                long v = ProcLines.count(t.substring("Page block order:".length()).strip());
                if (v < 0 || v > 20) problems.add(new ImportProblem(file, line.number(), "not a pageblock order: \"" + Texts.clip(t) + "\""));
                else order = (int) v;
            } else if (t.startsWith("Pages per block:")) {
                continue; // 2^order, printed for the reader
            } else if (t.startsWith("Free pages count per migrate type")) {
                table = Table.FREE;
            } else if (t.startsWith("Number of blocks type")) {
                table = Table.BLOCKS;
                types = List.of(ProcLines.words(t.substring("Number of blocks type".length())));
            } else if (t.startsWith("Number of mixed blocks")) {
                table = Table.MIXED;
            } else if (table == Table.FREE) {
                FreeRow row = freeRow(t, line.number());
                if (row == null) problems.add(new ImportProblem(file, line.number(), "not a free-pages row: \"" + Texts.clip(t) + "\""));
                else free.add(row);
            } else if (table == Table.BLOCKS) {
                BlockRow row = blockRow(t, types.size());
                if (row == null) problems.add(new ImportProblem(file, line.number(), "not a row of " + types.size()
                        + " pageblock counts: \"" + Texts.clip(t) + "\""));
                else blocks.add(row);
            } else if (table == Table.NONE) {
                problems.add(new ImportProblem(file, line.number(), "line before any pagetypeinfo table: \"" + Texts.clip(t) + "\""));
            }
        }
        return new Pagetypeinfo(order, types, List.copyOf(free), List.copyOf(blocks));
    }

    private static FreeRow freeRow(String t, int lineNumber) {
        ZoneHeader h = ZoneHeader.read(t);
        if (h == null) return null;
        String rest = t.substring(h.end()).strip();
        if (!rest.startsWith(",")) return null;
        String[] w = ProcLines.words(rest.substring(1));
        if (w.length < 3 || !w[0].equals("type")) return null;
        long[] counts = new long[w.length - 2];
        boolean capped = false;
        for (int i = 2; i < w.length; i++) {
            String word = w[i];
            if (word.startsWith(">")) {
                capped = true;
                word = word.substring(1);
            }
            if ((counts[i - 2] = ProcLines.count(word)) < 0) return null;
        }
        return new FreeRow(h.node(), h.zone(), w[1], counts, capped, lineNumber);
    }

    private static BlockRow blockRow(String t, int nTypes) {
        ZoneHeader h = ZoneHeader.read(t);
        if (h == null) return null;
        String[] w = ProcLines.words(t.substring(h.end()));
        if (w.length != nTypes || nTypes == 0) return null;
        long[] counts = Arrays.stream(w).mapToLong(ProcLines::count).toArray();
        return Arrays.stream(counts).allMatch(c -> c >= 0) ? new BlockRow(h.node(), h.zone(), counts) : null;
    }
}
