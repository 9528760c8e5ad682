package kmemviz.core.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code replay} did: the lines read, a counter per {@link ReplayCount}, and the first few problems with
 * their {@code file:line:column}, so that a trace that began mid-run or was cut short says so without stopping.
 */
public record ReplaySummary(String file, long lines, long[] counts, List<String> firstProblems, boolean complete) {
    /** How many problems are quoted with their line; the rest are only counted. */
    public static final int QUOTED_PROBLEMS = 5;

    public ReplaySummary {
        if (counts.length != ReplayCount.values().length)
            throw new IllegalArgumentException("counts has " + counts.length + " entries, one per ReplayCount expected");
        counts = counts.clone();
        firstProblems = List.copyOf(firstProblems);
    }

    public long count(ReplayCount c) { return counts[c.ordinal()]; }

    /** Events the replay changed the model for. */
    public long applied() { return total(ReplayCount.Group.APPLIED); }

    public long problems() { return total(ReplayCount.Group.PROBLEM); }

    /** Kmem events read, applied or not (problems included): what the events/s figure counts. */
    public long events() { return lines - total(ReplayCount.Group.SKIPPED) - count(ReplayCount.MALFORMED); }

    private long total(ReplayCount.Group g) {
        long n = 0;
        for (ReplayCount c : ReplayCount.values()) if (c.group() == g) n += counts[c.ordinal()];
        return n;
    }

    /** {@code --print replay}: a headline, then one line per counter that is not zero, by group. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("replay %s: %,d lines, %,d kmem events, %,d applied, %,d problems%s%n", file, lines, events(),
                applied(), problems(), complete ? "" : " (the file could not be read to its end)"));
        String[] titles = {"applied", "read but not modelled", "per-CPU lists left out, because", "skipped", "problems"};
        for (ReplayCount.Group g : ReplayCount.Group.values()) {
            List<String> rows = new ArrayList<>();
            for (ReplayCount c : ReplayCount.values())
                if (c.group() == g && counts[c.ordinal()] != 0) rows.add(String.format("  %,12d  %s", counts[c.ordinal()], c.label()));
            if (rows.isEmpty()) continue;
            sb.append(titles[g.ordinal()]).append(':').append(System.lineSeparator());
            for (String r : rows) sb.append(r).append(System.lineSeparator());
        }
        for (String p : firstProblems) sb.append("  ").append(p).append(System.lineSeparator());
        if (problems() > firstProblems.size() && !firstProblems.isEmpty())
            sb.append(String.format("  ... and %,d more%n", problems() - firstProblems.size()));
        return sb.toString();
    }

    /**
     * One line for the log and the status bar. The events read but not modelled (per-CPU list moves) are named when
     * there are any, so that applied and problems need not add up to the events with nothing said about the rest.
     */
    public String headline() {
        long notModelled = total(ReplayCount.Group.NOT_MODELLED);
        return String.format("replay %s: %,d kmem events, %,d applied, %s%,d problems", file, events(), applied(),
                notModelled == 0 ? "" : String.format("%,d read but not modelled, ", notModelled), problems());
    }
}
