package kmemviz.core.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kmemviz.core.trace.KmemEvent.PageAlloc;
import kmemviz.core.trace.KmemEvent.PageAllocExtfrag;
import kmemviz.core.trace.KmemEvent.PageAllocZoneLocked;
import kmemviz.core.trace.KmemEvent.PageFree;
import kmemviz.core.trace.KmemEvent.PagePcpuDrain;
import kmemviz.core.trace.KmemEvent.SlabAlloc;
import kmemviz.core.trace.KmemEvent.SlabFree;
import kmemviz.core.trace.TraceLine.Malformed;
import kmemviz.core.trace.TraceLine.SkipReason;
import kmemviz.core.trace.TraceLine.Skipped;

/**
 * Reads one line of ftrace text with kmem events, from any kernel from 2.6 to 6.x and from any of the three places
 * it is read: {@code /sys/kernel/tracing/trace} (a header, then one event a line), {@code trace_pipe} (no header)
 * and {@code trace-cmd report}. The forms, each from the reference file proc-and-ftrace-formats.md (section 7):
 * <ul>
 * <li>the context prefix (kernel/trace/trace_output.c trace_print_context()): {@code comm-pid}, with a pid 5 wide
 *     before 5.9 and 7 wide after, comms holding spaces, ':' and '-', an optional {@code (tgid)}, {@code [CPU]}, a
 *     latency flags field of 4 characters (up to 5.12) or 5 (after), absent with irq-info off, and a timestamp
 *     {@code sec.usec} or a raw counter; trace-cmd's own layout (pid 5 wide, the event name padded to 20
 *     characters, flags only from trace-cmd 3.3); no prefix at all with context-info off;</li>
 * <li>the event bodies of include/trace/events/kmem.h: {@code call_site=} as bare hex (before 5.5) or
 *     {@code %pS} ({@code getname_flags+0x47/0x1f0 [module]}, without {@code /size} from trace-cmd);
 *     {@code pfn=} in decimal (before 5.14) or hex; {@code ptr=} hashed, raw {@code 0x...} (trace-cmd) or NULL as
 *     {@code 0000000000000000}, {@code (null)} or {@code (nil)}; {@code gfp_flags=} as names or a bare number;
 *     {@code node=} and {@code accounted=} present (6.1+) or not; the {@code fields} option's
 *     {@code gfp_flags=0xcc0 (3264)}; the {@code _node} events up to 6.0; 2.6.3x's {@code mm_page_free_direct}
 *     and {@code mm_pagevec_free}.</li>
 * </ul>
 * A line is never fatal: it is an event, a line to skip, or a {@link Malformed} naming the column.
 */
public final class KmemTraceParser {
    /** The longest line read; a longer one is malformed without being scanned. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private static final Set<String> SLAB_ALLOCS = Set.of("kmalloc", "kmalloc_node", "kmem_cache_alloc",
            "kmem_cache_alloc_node");
    private static final Set<String> PAGE_FREES = Set.of("mm_page_free", "mm_page_free_batched",
            "mm_page_free_direct", "mm_pagevec_free");

    /** What the parser knows of one line. */
    public TraceLine parse(String line, int lineNo) {
        if (line.length() > MAX_LINE_CHARS) {
            return new Malformed(lineNo, MAX_LINE_CHARS + 1, "line", "the line has " + line.length()
                    + " characters; a trace line may have at most " + MAX_LINE_CHARS);
        }
        int end = line.length();
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) end--;
        int start = 0;
        while (start < end && Character.isWhitespace(line.charAt(start))) start++;
        if (start == end) return new Skipped(lineNo, SkipReason.BLANK);
        String s = line.substring(0, end);
        if (isHeader(s, start)) return new Skipped(lineNo, SkipReason.HEADER);

        int cpu = -1;
        int nameStart = bareEventName(s, start);
        if (nameStart < 0) {
            int colon = timestampColon(s, start);
            if (colon < 0) return new Skipped(lineNo, SkipReason.OTHER_EVENT);
            cpu = cpuOf(s, start, colon);
            nameStart = colon + 1;
            while (nameStart < s.length() && s.charAt(nameStart) == ' ') nameStart++;
        }
        int nameEnd = s.indexOf(':', nameStart);
        if (nameEnd < 0) return new Skipped(lineNo, SkipReason.OTHER_EVENT);
        String event = s.substring(nameStart, nameEnd);
        if (!isKmemEvent(event)) return new Skipped(lineNo, SkipReason.OTHER_EVENT);
        try {
            return new TraceLine.Event(lineNo, cpu, read(event, new Fields(s, nameEnd + 1)));
        } catch (BadField e) {
            return new Malformed(lineNo, e.column, event, e.getMessage());
        }
    }

    private static boolean isKmemEvent(String event) {
        return SLAB_ALLOCS.contains(event) || PAGE_FREES.contains(event) || event.equals("kfree")
                || event.equals("kmem_cache_free") || event.equals("mm_page_alloc")
                || event.equals("mm_page_alloc_zone_locked") || event.equals("mm_page_pcpu_drain")
                || event.equals("mm_page_alloc_extfrag");
    }

    /** The trace file's header and marks, and trace-cmd's: none of them is an event. */
    private static boolean isHeader(String s, int start) {
        return s.startsWith("#", start) || s.startsWith("CPU:", start)
                || (s.startsWith("CPU ", start) && s.endsWith(" is empty"))
                || s.startsWith("cpus=", start) || s.startsWith("version = ", start);
    }

    /** With context-info off the line begins with the event's name: where it starts, or -1. */
    private static int bareEventName(String s, int start) {
        int i = start;
        while (i < s.length() && (Character.isLowerCase(s.charAt(i)) || Character.isDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        boolean named = i > start && i < s.length() && s.charAt(i) == ':';
        // "name: body" or "name:" alone; a comm such as "test:.sh-1299" also begins with a word and a colon
        return named && (i + 1 == s.length() || s.charAt(i + 1) == ' ') ? start : -1;
    }

    /** The ':' after the timestamp (digits, with one optional '.'), which ends the context prefix; or -1. */
    private static int timestampColon(String s, int start) {
        for (int colon = s.indexOf(':', start); colon > start; colon = s.indexOf(':', colon + 1)) {
            int i = colon - 1;
            boolean dot = false;
            while (i >= start && (Character.isDigit(s.charAt(i)) || (s.charAt(i) == '.' && !dot))) {
                if (s.charAt(i) == '.') dot = true;
                i--;
            }
            boolean token = i < colon - 1 && (i < start || s.charAt(i) == ' ');
            if (token && colon + 1 < s.length() && s.charAt(colon + 1) == ' ') return colon;
        }
        return -1;
    }

    /** The CPU in "[002]", the last bracketed number before the timestamp; -1 when the prefix has none. */
    private static int cpuOf(String s, int start, int colon) {
        int close = s.lastIndexOf(']', colon);
        int open = close < 0 ? -1 : s.lastIndexOf('[', close);
        if (open < start) return -1;
        String digits = s.substring(open + 1, close);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) return -1;
        return Integer.parseInt(digits);
    }

    private static KmemEvent read(String event, Fields f) {
        if (SLAB_ALLOCS.contains(event)) {
            return new SlabAlloc(event, f.text("call_site"), f.pointer("ptr"), f.number("bytes_req"),
                    f.number("bytes_alloc"), f.gfp(), f.has("node") ? (int) f.number("node") : -1);
        }
        if (event.equals("kfree") || event.equals("kmem_cache_free")) {
            return new SlabFree(event, f.text("call_site"), f.pointer("ptr"), f.has("name") ? f.text("name") : null);
        }
        if (PAGE_FREES.contains(event)) {
            // mm_page_free_batched and mm_pagevec_free print "order=0" in every version that has them.
            return new PageFree(event, f.pfn(), f.has("order") || event.equals("mm_page_free") ? f.order("order") : 0);
        }
        return switch (event) {
            case "mm_page_alloc" -> new PageAlloc(f.failed() ? -1 : f.pfn(), f.order("order"),
                    f.migratetype("migratetype"), f.gfp());
            case "mm_page_alloc_zone_locked" -> new PageAllocZoneLocked(f.pfn(), f.order("order"),
                    f.migratetype("migratetype"), f.has("percpu_refill") && f.number("percpu_refill") != 0);
            case "mm_page_pcpu_drain" -> new PagePcpuDrain(f.pfn(), f.order("order"), f.migratetype("migratetype"));
            case "mm_page_alloc_extfrag" -> new PageAllocExtfrag(f.pfn(), f.order("alloc_order"),
                    f.order("fallback_order"), f.order("pageblock_order"), f.migratetype("alloc_migratetype"),
                    f.migratetype("fallback_migratetype"), f.number("change_ownership") != 0);
            default -> throw new IllegalStateException("not a kmem event: " + event);
        };
    }

    /** A field that does not read, with the column where it starts. */
    private static final class BadField extends RuntimeException {
        final int column;

        BadField(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }

    /**
     * The {@code key=value} fields of an event's body. A value runs to the next " key=", because call sites hold
     * " [module]" and the fields option appends " (decimal)".
     */
    private static final class Fields {
        private final String line;
        private final List<String> keys = new ArrayList<>();
        private final List<int[]> spans = new ArrayList<>(); // value start and end in line
        private final int bodyStart;

        Fields(String line, int from) {
            this.line = line;
            int i = from;
            while (i < line.length() && line.charAt(i) == ' ') i++;
            bodyStart = i;
            for (int p = i; p < line.length(); p++) {
                boolean atToken = p == i || line.charAt(p - 1) == ' ';
                if (!atToken) continue;
                int q = p;
                while (q < line.length() && (Character.isLowerCase(line.charAt(q)) || line.charAt(q) == '_')) q++;
                if (q > p && q < line.length() && line.charAt(q) == '=') {
                    if (!spans.isEmpty()) spans.get(spans.size() - 1)[1] = trimEnd(p);
                    keys.add(line.substring(p, q));
                    spans.add(new int[] {q + 1, line.length()});
                    p = q;
                }
            }
        }

        private int trimEnd(int p) {
            while (p > 0 && line.charAt(p - 1) == ' ') p--;
            return p;
        }

        boolean has(String key) { return keys.contains(key); }

        private int index(String key) {
            int i = keys.indexOf(key);
            if (i < 0) throw new BadField(bodyStart + 1, "no " + key + "= field");
            return i;
        }

        String text(String key) {
            int[] span = spans.get(index(key));
            String v = line.substring(span[0], span[1]).trim();
            if (v.isEmpty()) throw new BadField(span[0] + 1, key + "= has no value");
            return v;
        }

        /** The fields option prints "0xcc0 (3264)": the number is what comes first. */
        private String firstWord(String key) {
            String v = text(key);
            int space = v.indexOf(' ');
            return space < 0 ? v : v.substring(0, space);
        }

        long number(String key) {
            String v = text(key);
            int column = spans.get(index(key))[0] + 1;
            int open = v.indexOf('(');
            if (open >= 0 && v.endsWith(")")) v = v.substring(open + 1, v.length() - 1); // fields: the decimal
            try {
                if (v.startsWith("0x")) return Long.parseUnsignedLong(v.substring(2), 16);
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new BadField(column, key + "=" + v + " is not a number");
            }
        }

        int order(String key) {
            long v = number(key);
            if (v < 0 || v > 30) throw new BadField(spans.get(index(key))[0] + 1, key + "=" + v + " is not a page order");
            return (int) v;
        }

        int migratetype(String key) {
            long v = number(key);
            if (v < 0 || v > 15) throw new BadField(spans.get(index(key))[0] + 1, key + "=" + v + " is not a migrate type");
            return (int) v;
        }

        long pfn() {
            long v = number("pfn");
            if (v < 0) throw new BadField(spans.get(index("pfn"))[0] + 1, "pfn=" + v + " is negative");
            return v;
        }

        String gfp() { return firstWord("gfp_flags"); }

        /** NULL in every spelling a trace uses, so that a kfree(NULL) is recognised. */
        String pointer(String key) {
            String v = firstWord(key);
            boolean isNull = v.equals("(null)") || v.equals("(nil)") || v.chars().allMatch(c -> c == '0')
                    || v.equals("0x0");
            return isNull ? "NULL" : v;
        }

        /** mm_page_alloc of a failed allocation: a NULL page, pfn 0. */
        boolean failed() { return has("page") && pointer("page").equals("NULL"); }
    }
}
