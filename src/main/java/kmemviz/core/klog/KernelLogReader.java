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
    private static final Pattern ZONE = Pattern.compile("DMA|DMA32|Normal|HighMem|Movable|Device");
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
        for (String raw : log.replace("#012", "\n").split("\r?\n")) {
            Matcher p = PREFIX.matcher(raw);
            stream.append(p.lookingAt() ? raw.substring(p.end()) : raw).append(' ');
        }
        String text = stream.toString();

        Kind kind;
        String task;
        int order;
        long mask;
        String names;
        Matcher f = FAILURE.matcher(text);
        Matcher o = OOM.matcher(text);
        boolean failure = f.find();
        boolean oom = o.find();
        if (failure && (!oom || f.start() < o.start())) {
            kind = Kind.PAGE_ALLOCATION_FAILURE;
            task = wordBefore(text, f.start());
            order = Integer.parseInt(f.group(1));
            mask = Long.parseLong(f.group(2).substring(2), 16);
            names = f.group(3);
        } else if (oom) {
            kind = Kind.OOM_KILLER;
            task = wordBefore(text, o.start());
            order = Integer.parseInt(o.group(3));
            mask = Long.parseLong(o.group(1).substring(2), 16);
            names = o.group(2);
        } else {
            throw new IllegalArgumentException("no \"page allocation failure\" or \"invoked oom-killer\" line in the text");
        }
        if (names == null) skipped.add("the mask has no flag names (kernels before 4.x print only the number)");
        int from = kind == Kind.PAGE_ALLOCATION_FAILURE ? f.end() : o.end();
        int memInfo = text.indexOf("Mem-Info:", from);
        if (memInfo < 0) memInfo = text.indexOf("Mem-info:", from);
        List<ZoneState> zones = memInfo < 0 ? List.of() : zones(text.substring(memInfo), skipped);
        if (memInfo < 0) skipped.add("no Mem-Info block after the report: no zone state to rebuild");
        return new AllocationReport(kind, task, order, mask, names, zones, List.copyOf(skipped));
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

        ZoneBuilder(int node, String name) {
            this.node = node;
            this.name = name;
        }

        ZoneState build() { return new ZoneState(node, name, Map.copyOf(kB), reserve, blocks, letters, total); }
    }

    /** The zones of a Mem-Info block, read word by word. */
    private static List<ZoneState> zones(String memInfo, List<String> skipped) {
        String[] w = memInfo.trim().split("\\s+");
        Map<String, ZoneBuilder> zones = new LinkedHashMap<>();
        ZoneBuilder last = null;
        for (int i = 0; i < w.length; i++) {
            int node = 0;
            int at = i;
            if (w[i].equals("Node") && i + 2 < w.length && w[i + 1].matches("\\d{1,4}")) {
                node = Integer.parseInt(w[i + 1]);
                at = i + 2;
            }
            String word = w[at];
            if (ZONE.matcher(word).matches() && at + 1 < w.length && w[at + 1].startsWith("free:")) {
                last = zones.computeIfAbsent(node + " " + word, k -> new ZoneBuilder(Integer.parseInt(k.split(" ")[0]), word));
                int j = at + 1;
                for (; j < w.length; j++) {
                    Matcher m = FIELD.matcher(w[j]);
                    if (!m.matches()) break;
                    last.kB.put(m.group(1), Long.parseLong(m.group(2)));
                }
                i = j - 1;
            } else if (word.equals("lowmem_reserve[]:") && last != null) {
                List<Long> reserve = new ArrayList<>();
                int j = at + 1;
                while (j < w.length && w[j].matches("\\d{1,19}")) reserve.add(Long.parseLong(w[j++]));
                last.reserve = reserve.stream().mapToLong(Long::longValue).toArray();
                i = j - 1;
            } else if (word.endsWith(":") && ZONE.matcher(word.substring(0, word.length() - 1)).matches()
                    && at + 1 < w.length && BLOCKS.matcher(w[at + 1]).matches()) {
                ZoneBuilder z = zones.computeIfAbsent(node + " " + word.substring(0, word.length() - 1),
                        k -> new ZoneBuilder(Integer.parseInt(k.split(" ")[0]), k.split(" ")[1]));
                i = perOrder(w, at + 1, z, skipped) - 1;
            }
        }
        List<ZoneState> out = new ArrayList<>();
        for (ZoneBuilder z : zones.values()) {
            if (z.blocks.length == 0) skipped.add("zone " + z.name + ": no per-order line (\"" + z.name + ": N*4kB ... = TOTALkB\")");
            if (z.kB.isEmpty()) skipped.add("zone " + z.name + ": no \"" + z.name + " free:...kB min:...kB\" line");
            out.add(z.build());
        }
        return out;
    }

    /** "4172*4kB (UME) 8*8kB (UM) ... = 16832kB" from word i; returns the index after it. */
    private static int perOrder(String[] w, int i, ZoneBuilder z, List<String> skipped) {
        List<Long> blocks = new ArrayList<>();
        List<String> letters = new ArrayList<>();
        long sumKb = 0;
        while (i < w.length) {
            Matcher b = BLOCKS.matcher(w[i]);
            if (!b.matches()) break;
            long count = Long.parseLong(b.group(1));
            long sizeKb = Long.parseLong(b.group(2));
            if (sizeKb != 4L << blocks.size()) {
                skipped.add("zone " + z.name + ": \"" + w[i] + "\" where " + (4L << blocks.size()) + "kB blocks were expected; per-order line cut there");
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
            if (t.matches()) {
                z.total = Long.parseLong(t.group(1));
                if (z.total != sumKb) skipped.add("zone " + z.name + ": the blocks add up to " + sumKb + "kB, the line says " + z.total + "kB");
                i += 2;
            }
        }
        z.blocks = blocks.stream().mapToLong(Long::longValue).toArray();
        z.letters = List.copyOf(letters);
        return i;
    }
}
