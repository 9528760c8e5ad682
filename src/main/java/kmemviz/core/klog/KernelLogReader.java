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
            "^(?:\\w{3}\\s+\\d{1,2}\\s+[\\d:]{8}\\s+\\S+\\s+kernel:\\s?)?"   // syslog, journalctl
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

    public AllocationReport read(String log) {
        if (log.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the text has " + log.length() + " characters; a pasted kernel log may have at most " + MAX_CHARS);
        }
        List<String> skipped = new ArrayList<>();
        StringBuilder stream = new StringBuilder();
        String[] lines = log.replace("#012", "\n").split("\r?\n");
        int[] lineStarts = new int[lines.length];
        for (int i = 0; i < lines.length; i++) {
            lineStarts[i] = stream.length();
            Matcher p = PREFIX.matcher(lines[i]);
            stream.append(p.lookingAt() ? lines[i].substring(p.end()) : lines[i]).append(' ');
        }
        Text text = new Text(stream.toString(), lineStarts);

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
        return new AllocationReport(kind, task, order, mask, names, line, zones, List.copyOf(skipped));
    }

    /** The text read as one stream, with where each pasted line begins in it. */
    private record Text(String s, int[] lineStarts) {
        /** The 1-based line that holds the character at {@code offset}. */
        int line(int offset) {
            int i = java.util.Arrays.binarySearch(lineStarts, offset);
            return (i >= 0 ? i : -i - 2) + 1;
        }
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
                int j = at + 1;
                for (; j < w.length; j++) {
                    Matcher m = FIELD.matcher(w[j]);
                    if (!m.matches()) break;
                    Long kb = number(m.group(2));
                    if (kb == null) skipped.add("line " + lineOf.applyAsInt(j) + ": zone " + word + ": " + w[j] + " is too large a number; left out");
                    else last.kB.put(m.group(1), kb);
                }
                i = j - 1;
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
