package kmemviz.core.procfs;

import java.util.ArrayList;
import java.util.List;

/**
 * /proc/slabinfo version 2.1 (mm/slab_common.c cache_show()): per cache its name, active and total objects, object
 * size, objects per slab, pages per slab, and active and total slabs. SLAB kernels' extra statistics columns are
 * read past.
 */
public record Slabinfo(List<Cache> caches) {
    public record Cache(String name, long activeObjs, long numObjs, long objSize, long objPerSlab, long pagesPerSlab,
                        long activeSlabs, long numSlabs) {}

    public static Slabinfo parse(String file, String text, List<ImportProblem> problems) {
        List<Cache> caches = new ArrayList<>();
        for (ProcLines.Line line : ProcLines.of(text)) {
            String t = line.text().strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (t.startsWith("slabinfo - version:")) {
                if (!t.startsWith("slabinfo - version: 2.1")) {
                    problems.add(new ImportProblem(file, line.number(), "slabinfo \"" + Texts.clip(t)
                            + "\": only version 2.1 is read; reading on as if it were"));
                }
                continue;
            }
            Cache c = cache(t);
            if (c == null) problems.add(new ImportProblem(file, line.number(), "not a slabinfo row: \"" + Texts.clip(t)
                    + "\" (expected NAME and 5 counts, \": tunables\" 3, \": slabdata\" 3)"));
            else caches.add(c);
        }
        return new Slabinfo(List.copyOf(caches));
    }

    private static Cache cache(String t) {
        String[] parts = t.split(":");
        if (parts.length < 3) return null;
        String[] head = ProcLines.words(parts[0]);
        String[] slabdata = ProcLines.words(parts[2]);
        if (head.length != 6 || slabdata.length < 3 || !slabdata[0].equals("slabdata")) return null;
        long[] n = new long[7];
        for (int i = 0; i < 5; i++) n[i] = ProcLines.count(head[i + 1]);
        n[5] = ProcLines.count(slabdata[1]);
        n[6] = ProcLines.count(slabdata[2]);
        for (long v : n) if (v < 0) return null;
        return new Cache(head[0], n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
    }
}
