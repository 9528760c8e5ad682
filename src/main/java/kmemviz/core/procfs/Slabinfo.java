package kmemviz.core.procfs;

import java.util.ArrayList;
import java.util.List;

/**
 * /proc/slabinfo version 2.1 (mm/slab_common.c cache_show()): per cache its name, active and total objects, object
 * size, objects per slab, pages per slab, and active and total slabs. Version 2.0 (2.6.0 to 2.6.9) has the same
 * columns; SLAB kernels' extra statistics columns (": globalstat", ": cpustat") are read past.
 */
public record Slabinfo(List<Cache> caches) {
    public record Cache(String name, long activeObjs, long numObjs, long objSize, long objPerSlab, long pagesPerSlab,
                        long activeSlabs, long numSlabs, int line) {}

    public static Slabinfo parse(String file, String text, List<ImportProblem> problems) {
        List<Cache> caches = new ArrayList<>();
        for (ProcLines.Line line : ProcLines.of(text)) {
            String t = line.text().strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (t.startsWith("slabinfo - version:")) {
                if (!t.startsWith("slabinfo - version: 2.")) {
                    problems.add(new ImportProblem(file, line.number(), "slabinfo \"" + Texts.clip(t)
                            + "\": only versions 2.0 and 2.1 (2.6 onwards) are read; reading on as if it were 2.1"));
                }
                continue;
            }
            Cache c = cache(t, line.number());
            if (c == null) problems.add(new ImportProblem(file, line.number(), "not a slabinfo row: \"" + Texts.clip(t)
                    + "\" (expected NAME and 5 counts, \": tunables\" 3, \": slabdata\" 3)"));
            else caches.add(c);
        }
        return new Slabinfo(List.copyOf(caches));
    }

    /**
     * A row cut at " : tunables" and " : slabdata", not at every colon: a cache name may hold colons
     * ("iwl_cmd_pool:0000:04:00.0", a driver's cache named after its PCI device).
     */
    private static Cache cache(String t, int line) {
        int tunables = t.indexOf(" : tunables"), slabdataAt = t.indexOf(" : slabdata");
        if (tunables < 0 || slabdataAt < tunables) return null;
        String[] head = ProcLines.words(t.substring(0, tunables));
        String[] slabdata = ProcLines.words(t.substring(slabdataAt + 3).split(" : ", 2)[0]);
        if (head.length != 6 || slabdata.length < 3 || !slabdata[0].equals("slabdata")) return null;
        long[] n = new long[7];
        for (int i = 0; i < 5; i++) n[i] = ProcLines.count(head[i + 1]);
        n[5] = ProcLines.count(slabdata[1]);
        n[6] = ProcLines.count(slabdata[2]);
        for (long v : n) if (v < 0) return null;
        return new Cache(head[0], n[0], n[1], n[2], n[3], n[4], n[5], n[6], line);
    }
}
