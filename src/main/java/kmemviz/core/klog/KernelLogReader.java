package kmemviz.core.klog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kmemviz.core.klog.AllocationReport.Kind;
import kmemviz.core.klog.AllocationReport.ZoneState;

/**
 * Reads a pasted kernel log for the first allocation failure or OOM report in it, as dmesg, dmesg -T, journalctl,
 * syslog and rsyslog (with "#012" for a newline) print it, and as mail clients and web pages wrap or mangle it (a
 * per-order line broken in two, lowmem_reserve[] one number a line, GitHub's Markdown turning "12*4kB" into
 * "12_4kB"). Each physical line loses its log prefix; the rest is read as one stream of words, so that a field
 * wrapped onto the next line still belongs to its zone. The forms:
 * <ul>
 * <li>{@code comm: page allocation failure: order:4, mode:0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), ...}
 *     (4.x on; 2.6 and 3.x print "failure. order:2, mode:0x20" with no names);</li>
 * <li>{@code comm invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, ...};</li>
 * <li>{@code Node 0 Normal free:24148kB boost:0kB min:65640kB ...} ("Node N " only with CONFIG_NUMA);</li>
 * <li>{@code lowmem_reserve[]: 0 2660 15392 15392 15392};</li>
 * <li>{@code Node 0 Normal: 4172*4kB (UME) 8*8kB (UM) 5*16kB (U) 0*32kB ... = 16832kB}.</li>
 * </ul>
 */
public final class KernelLogReader {
    /** The longest paste read; a kernel report is a few kB. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;

    private static final Pattern PREFIX = Pattern.compile(
            "^(?:\\s*>)*\\s*"                                                 // "> > " of a quoting mail reply
            + "(?:\\w{3}\\s+\\d{1,2}\\s+[\\d:]{8}\\s+\\S+\\s+kernel:\\s?)?"   // syslog, journalctl
            + "(?:<\\d>)?"                                                       // a printk level
            + "(?:\\[\\s*\\d+\\.\\d+\\]\\s?|\\[[A-Z][a-z]{2} [^\\]]{10,30}\\]\\s?)?");  // dmesg, dmesg -T
    private static final Pattern FAILURE = Pattern.compile("page allocation failure[:.]\\s*order:(\\d+),\\s*mode:(0x[0-9a-fA-F]+)(?:\\(([^)]*)\\))?");
    private static final Pattern OOM = Pattern.compile("invoked oom-killer:\\s*gfp_mask=(0x[0-9a-fA-F]+)(?:\\(([^)]*)\\))?,\\s*order=(-?\\d+)");
    /** zone_names[] of mm/page_alloc.c; a set, since every word of a Mem-Info block is looked up. */
    private static final java.util.Set<String> ZONE = java.util.Set.of("DMA", "DMA32", "Normal", "HighMem", "Movable", "Device");
    private static final Pattern FIELD = Pattern.compile("([a-z_()]+):(\\d+)[kK]B");
    private static final Pattern BLOCKS = Pattern.compile("(\\d+)[*_](\\d+)kB");
    private static final Pattern TYPES = Pattern.compile("\\(([UMEHCI]*)\\)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+)kB");
    /** dump_stack()'s header, "CPU: 0 PID: 41 Comm: kswapd0 Not tainted 6.9.0-gentoo-PMacG4 #1" (6.12 adds "UID: 0"). */
    private static final Pattern RELEASE = Pattern.compile("Comm: \\S+ (?:Not tainted|Tainted: [A-Z ]*?)\\s+(\\d+\\.\\d+\\S*)");
    /** __show_mem()'s totals (mm/show_mem.c): "327680 pages HighMem/MovableOnly", "131072 pages cma reserved". */
    private static final Pattern HIGHMEM_PAGES = Pattern.compile("(\\d{1,15}) pages HighMem/MovableOnly"),
            CMA_PAGES = Pattern.compile("(\\d{1,15}) pages cma reserved");
    /** A row of dump_tasks(): "[    147]     0   147   328109   322172  2613248        0             0 oom" (5.x has fewer columns). */
    private static final Pattern TASK_ROW = Pattern.compile("\\[\\s*\\d+\\]\\s+(?:-?\\d+\\s+){5,9}(\\S.*)");
    /** oom_kill_process()'s "Out of memory: Killed process", older "Kill process", panic_on_oom, or no victim. */
    private static final Pattern OUTCOME = Pattern.compile(
            "Out of memory: Kill(?:ed)? process|Kernel panic - not syncing: .*[Oo]ut of memory|Out of memory and no killable processes|Memory cgroup out of memory");
    /** Words that end a zone's "free:...kB" fields: what show_free_areas() prints next. */
    private static final java.util.Set<String> ZONE_LINE_END = java.util.Set.of("lowmem_reserve[]:", "Node", "Mem-Info:");
    /** A zone line is read past at most this many words it cannot read (a field broken by a mail client). */
    private static final int MAX_JUNK_WORDS = 6;

    public AllocationReport read(String log) {
        if (log.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the text has " + log.length() + " characters; a pasted kernel log may have at most " + MAX_CHARS);
        }
        List<String> skipped = new ArrayList<>();
        StringBuilder stream = new StringBuilder();
        // rsyslog writes a newline inside a message as "#012", Android's logd and some journals as "\x0a": each starts
        // a line of the report, while line numbers stay those of the pasted text.
        List<String> split = new ArrayList<>();
        List<Integer> physicalLines = new ArrayList<>();
        String[] pasted = log.split("\r?\n");
        for (int n = 0; n < pasted.length; n++)
            for (String part : pasted[n].replace("#012", "\n").replace("\\x0a", "\n").split("\n", -1)) {
                split.add(part);
                physicalLines.add(n + 1);
            }
        String[] lines = split.toArray(String[]::new);
        int[] lineStarts = new int[lines.length], physical = physicalLines.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < lines.length; i++) {
            lineStarts[i] = stream.length();
            Matcher p = PREFIX.matcher(lines[i]);
            stream.append(p.lookingAt() ? lines[i].substring(p.end()) : lines[i]).append(' ');
        }
        Text text = new Text(stream.toString(), lineStarts, physical);

        Kind kind;
        String task;
        int order;
        long mask;
        String names;
        Matcher f = FAILURE.matcher(text.s);
        Matcher o = OOM.matcher(text.s);
        boolean failure = f.find();
        boolean oom = o.find();
        Matcher found;
        try {
            if (failure && (!oom || f.start() < o.start())) {
                found = f;
                kind = Kind.PAGE_ALLOCATION_FAILURE;
                order = Integer.parseInt(f.group(1));
                mask = Long.parseLong(f.group(2).substring(2), 16);
                names = f.group(3);
            } else if (oom) {
                found = o;
                kind = Kind.OOM_KILLER;
                order = Integer.parseInt(o.group(3));
                mask = Long.parseLong(o.group(1).substring(2), 16);
                names = o.group(2);
            } else {
                throw new IllegalArgumentException("no \"page allocation failure\" or \"invoked oom-killer\" line in the text");
            }
        } catch (NumberFormatException e) {
            int at = failure ? f.start() : o.start();
            throw new IllegalArgumentException("line " + text.line(at) + ": the order or the mask is too large a number");
        }
        task = wordBefore(text.s, found.start());
        int line = text.line(found.start());
        if (names == null) skipped.add("line " + line + ": the mask has no flag names (kernels before 4.x print only the number)");
        int from = found.end();
        int memInfo = text.s.indexOf("Mem-Info:", from);
        if (memInfo < 0) memInfo = text.s.indexOf("Mem-info:", from);
        List<ZoneState> zones = memInfo < 0 ? List.of() : zones(text, memInfo, skipped);
        if (memInfo < 0) skipped.add("no Mem-Info block after the report (line " + line + "): no zone state to rebuild");
        Matcher release = RELEASE.matcher(text.s);
        String kernel = release.find(found.end()) && release.start() - found.end() < 4096 ? release.group(1) : null;
        int totalsFrom = Math.max(from, memInfo);
        Matcher highMem = total(HIGHMEM_PAGES, text.s, totalsFrom);
        Matcher cma = total(CMA_PAGES, text.s, totalsFrom);
        // What follows, up to the next report: dump_tasks()'s table and what the kernel did (mm/oom_kill.c, panic.c).
        int end = nextReport(text.s, found.end());
        List<String> tasks = new ArrayList<>();
        int tasksLine = 0, outcomeLine = 0;
        String outcome = null;
        for (int i = text.index(found.start()) + 1; i < lines.length && (end < 0 || lineStarts[i] < end) && outcome == null; i++) {
            String l = text.s.substring(lineStarts[i], i + 1 < lines.length ? lineStarts[i + 1] : text.s.length()).strip();
            if (l.startsWith("Tasks state")) {
                tasksLine = physical[i];
            } else if (tasksLine > 0 && TASK_ROW.matcher(l).matches()) {
                Matcher t = TASK_ROW.matcher(l);
                if (t.matches()) tasks.add(t.group(1));
            } else if (OUTCOME.matcher(l).lookingAt()) {
                outcome = l;
                outcomeLine = physical[i];
            }
        }
        return new AllocationReport(kind, task, order, mask, names, line, zones, List.copyOf(skipped), kernel,
                highMem == null ? -1 : Long.parseLong(highMem.group(1)), cma == null ? -1 : Long.parseLong(cma.group(1)),
                highMem == null ? 0 : text.line(highMem.start()), List.copyOf(tasks), tasksLine, outcome, outcomeLine);
    }

    /** A "N pages ..." total after Mem-Info and before the next report, or null. */
    private static Matcher total(Pattern p, String s, int from) {
        Matcher m = p.matcher(s);
        if (!m.find(from)) return null;
        int next = nextReport(s, from);
        return next >= 0 && m.start() > next ? null : m;
    }

    /** Where the next failure or OOM line after {@code from} begins, or -1. */
    private static int nextReport(String s, int from) {
        Matcher f = FAILURE.matcher(s), o = OOM.matcher(s);
        int a = f.find(from) ? f.start() : -1, b = o.find(from) ? o.start() : -1;
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** The text read as one stream, with where each pasted line begins in it. */
    private record Text(String s, int[] lineStarts, int[] physical) {
        /** The index of the report line that holds the character at {@code offset}. */
        int index(int offset) {
            int i = java.util.Arrays.binarySearch(lineStarts, offset);
            return i >= 0 ? i : -i - 2;
        }

        /** The 1-based pasted line that holds the character at {@code offset}. */
        int line(int offset) { return physical[index(offset)]; }
    }

    /** "kworker/u16:3: page allocation failure" and "hog invoked oom-killer": the task is the word before. */
    private static String wordBefore(String text, int at) {
        String before = text.substring(0, at).stripTrailing();
        int space = before.lastIndexOf(' ');
        String word = before.substring(space + 1);
        return word.endsWith(":") ? word.substring(0, word.length() - 1) : word;
    }

    private static final class ZoneBuilder {
        final int node;
        final String name;
        final Map<String, Long> kB = new LinkedHashMap<>();
        long[] reserve = new long[0];
        long[] blocks = new long[0];
        List<String> letters = List.of();
        long total = -1;
        int line, reserveLine, ordersLine;

        ZoneBuilder(int node, String name) {
            this.node = node;
            this.name = name;
        }

        ZoneState build() {
            return new ZoneState(node, name, Map.copyOf(kB), reserve, blocks, letters, total, line, reserveLine, ordersLine);
        }
    }

    private static final Pattern NODE_ID = Pattern.compile("\\d{1,4}"), RESERVE = Pattern.compile("\\d{1,19}");

    /** The zones of a Mem-Info block, read word by word; {@code from} is where the block begins in the text. */
    private static List<ZoneState> zones(Text text, int from, List<String> skipped) {
        List<String> words = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        String s = text.s;
        for (int i = from; i < s.length(); ) {                 // words split at whitespace, with where each begins
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) i++;
            if (i > start) {
                words.add(s.substring(start, i));
                offsets.add(start);
            }
        }
        String[] w = words.toArray(String[]::new);
        java.util.function.IntUnaryOperator lineOf = i -> text.line(offsets.get(Math.min(i, offsets.size() - 1)));
        Map<String, ZoneBuilder> zones = new LinkedHashMap<>();
        ZoneBuilder last = null;
        for (int i = 0; i < w.length; i++) {
            int node = 0;
            int at = i;
            if (w[i].equals("Node") && i + 2 < w.length && NODE_ID.matcher(w[i + 1]).matches()) {
                node = Integer.parseInt(w[i + 1]);
                at = i + 2;
            }
            String word = w[at];
            if (ZONE.contains(word) && at + 1 < w.length && w[at + 1].startsWith("free:")) {
                last = zones.computeIfAbsent(node + " " + word, k -> new ZoneBuilder(Integer.parseInt(k.split(" ")[0]), word));
                last.line = lineOf.applyAsInt(at);
                int j = at + 1, lastField = at;
                for (; j < w.length && j - lastField <= MAX_JUNK_WORDS; j++) {
                    Matcher m = FIELD.matcher(w[j]);
                    if (!m.matches()) {
                        // "all_unreclaimable? no" (older kernels), a field a mail client broke ("333768k  B"), a
                        // timestamp printed mid-line: read past them, up to what show_free_areas() prints next.
                        if (ZONE_LINE_END.contains(w[j]) || ZONE.contains(w[j]) || ZONE.contains(w[j].replace(":", ""))) break;
                        continue;
                    }
                    lastField = j;
                    Long kb = number(m.group(2));
                    if (kb == null) skipped.add("line " + lineOf.applyAsInt(j) + ": zone " + word + ": " + w[j] + " is too large a number; left out");
                    else last.kB.put(m.group(1), kb);
                }
                for (int k = at + 1; k < lastField; k++) {
                    if (!FIELD.matcher(w[k]).matches() && !w[k].matches("\\[?\\s*\\d+\\.\\d+\\]|all_unreclaimable\\?|yes|no|\\[|[a-z_]+:\\d+")) {
                        skipped.add("line " + lineOf.applyAsInt(k) + ": zone " + word + ": '" + w[k] + "' is no \"name:NkB\" field; read past it");
                    }
                }
                i = lastField;
            } else if (word.equals("lowmem_reserve[]:") && last != null) {
                List<Long> reserve = new ArrayList<>();
                last.reserveLine = lineOf.applyAsInt(at);
                int j = at + 1;
                for (; j < w.length && RESERVE.matcher(w[j]).matches(); j++) {
                    Long r = number(w[j]);
                    reserve.add(r == null ? Long.MAX_VALUE : r);
                }
                last.reserve = reserve.stream().mapToLong(Long::longValue).toArray();
                i = j - 1;
            } else if (word.endsWith(":") && ZONE.contains(word.substring(0, word.length() - 1))
                    && at + 1 < w.length && BLOCKS.matcher(w[at + 1]).matches()) {
                ZoneBuilder z = zones.computeIfAbsent(node + " " + word.substring(0, word.length() - 1),
                        k -> new ZoneBuilder(Integer.parseInt(k.split(" ")[0]), k.split(" ")[1]));
                z.ordersLine = lineOf.applyAsInt(at);
                i = perOrder(w, at + 1, z, skipped, lineOf) - 1;
            }
        }
        List<ZoneState> out = new ArrayList<>();
        for (ZoneBuilder z : zones.values()) {
            int line = z.line > 0 ? z.line : z.ordersLine;
            if (z.blocks.length == 0) skipped.add("line " + line + ": zone " + z.name + ": no per-order line (\"" + z.name + ": N*4kB ... = TOTALkB\")");
            if (z.kB.isEmpty()) skipped.add("line " + line + ": zone " + z.name + ": no \"" + z.name + " free:...kB min:...kB\" line");
            out.add(z.build());
        }
        return out;
    }

    /** A decimal number of up to 19 digits, or null when it does not fit a long. */
    private static Long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "4172*4kB (UME) 8*8kB (UM) ... = 16832kB" from word i; returns the index after it. */
    private static int perOrder(String[] w, int i, ZoneBuilder z, List<String> skipped, java.util.function.IntUnaryOperator lineOf) {
        List<Long> blocks = new ArrayList<>();
        List<String> letters = new ArrayList<>();
        long sumKb = 0;
        while (i < w.length) {
            Matcher b = BLOCKS.matcher(w[i]);
            if (!b.matches()) break;
            Long count = number(b.group(1)), sizeKb = number(b.group(2));
            if (count == null || sizeKb == null || sizeKb != 4L << blocks.size() || count > Long.MAX_VALUE / 4096 / sizeKb) {
                skipped.add("line " + lineOf.applyAsInt(i) + ": zone " + z.name + ": \"" + w[i] + "\" where " + (4L << Math.min(blocks.size(), 40))
                        + "kB blocks were expected; per-order line cut there");
                break;
            }
            blocks.add(count);
            sumKb += count * sizeKb;
            i++;
            Matcher t = i < w.length ? TYPES.matcher(w[i]) : null;
            if (t != null && t.matches()) {
                letters.add(t.group(1));
                i++;
            } else {
                letters.add("");
            }
        }
        if (i + 1 < w.length && w[i].equals("=")) {
            Matcher t = TOTAL.matcher(w[i + 1]);
            Long total = t.matches() ? number(t.group(1)) : null;
            if (total != null) {
                z.total = total;
                if (z.total != sumKb) skipped.add("line " + lineOf.applyAsInt(i) + ": zone " + z.name + ": the blocks add up to " + sumKb + "kB, the line says " + z.total + "kB");
                i += 2;
            }
        }
        z.blocks = blocks.stream().mapToLong(Long::longValue).toArray();
        z.letters = List.copyOf(letters);
        return i;
    }
}
