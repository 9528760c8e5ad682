package kmemviz.core.trace;

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

    private static final String[] KMEM_EVENTS = {"kmalloc", "kfree", "kmem_cache_alloc", "kmem_cache_free",
            "mm_page_alloc", "mm_page_free", "mm_page_pcpu_drain", "mm_page_free_batched", "mm_page_alloc_zone_locked",
            "mm_page_alloc_extfrag", "kmalloc_node", "kmem_cache_alloc_node", "mm_page_free_direct", "mm_pagevec_free"};

    // One line's fields at a time: a replay reads millions of lines, and this parser is not shared between threads.
    private final Fields fields = new Fields();

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
        String event = kmemEvent(s, nameStart, nameEnd);
        if (event == null) return new Skipped(lineNo, SkipReason.OTHER_EVENT);
        try {
            fields.read(s, nameEnd + 1);
            return new TraceLine.Event(lineNo, cpu, read(event, fields));
        } catch (BadField e) {
            return new Malformed(lineNo, e.column, event, e.getMessage());
        }
    }

    /** The kmem event named by {@code s[from, to)} as one of the constant names, or null: no text is copied. */
    private static String kmemEvent(String s, int from, int to) {
        for (String name : KMEM_EVENTS)
            if (name.length() == to - from && s.startsWith(name, from)) return name;
        return null;
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
        while (i < s.length() && isNameChar(s.charAt(i))) i++;
        boolean named = i > start && i < s.length() && s.charAt(i) == ':';
        // "name: body" or "name:" alone; a comm such as "test:.sh-1299" also begins with a word and a colon
        return named && (i + 1 == s.length() || s.charAt(i + 1) == ' ') ? start : -1;
    }

    /** Character.isLowerCase() or isDigit() or '_', with ASCII, nearly every character of a trace, tested first. */
    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80 && (Character.isLowerCase(c) || Character.isDigit(c));
    }

    /** Character.isDigit(), ASCII first. */
    private static boolean isDigit(char c) { return c >= '0' && c <= '9' || c >= 0x80 && Character.isDigit(c); }

    /** The ':' after the timestamp (digits, with one optional '.'), which ends the context prefix; or -1. */
    private static int timestampColon(String s, int start) {
        for (int colon = s.indexOf(':', start); colon > start; colon = s.indexOf(':', colon + 1)) {
            int i = colon - 1;
            boolean dot = false;
            while (i >= start && (isDigit(s.charAt(i)) || (s.charAt(i) == '.' && !dot))) {
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
        int nrDigits = close - open - 1;
        if (nrDigits == 0 || nrDigits > 6) return -1;
        for (int i = open + 1; i < close; i++) if (!isDigit(s.charAt(i))) return -1;
        return Integer.parseInt(s, open + 1, close, 10);
    }

    private static KmemEvent read(String event, Fields f) {
        return switch (event) {
            case "kmalloc", "kmalloc_node", "kmem_cache_alloc", "kmem_cache_alloc_node" -> new SlabAlloc(event,
                    f.text("call_site"), f.pointer("ptr"), f.number("bytes_req"), f.number("bytes_alloc"), f.gfp(),
                    f.has("node") ? (int) f.number("node") : -1);
            case "kfree", "kmem_cache_free" -> new SlabFree(event, f.text("call_site"), f.pointer("ptr"),
                    f.has("name") ? f.text("name") : null);
            // mm_page_free_batched and mm_pagevec_free print "order=0" in every version that has them.
            case "mm_page_free", "mm_page_free_batched", "mm_page_free_direct", "mm_pagevec_free" -> new PageFree(event,
                    f.pfn(), f.has("order") || event.equals("mm_page_free") ? f.order("order") : 0);
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
     * " [module]" and the fields option appends " (decimal)". The fields are offsets into the line, four ints each
     * (key start and end, value start and end), so reading a line copies no text but the values an event keeps;
     * numbers are parsed where they stand.
     */
    private static final class Fields {
        private static final int KEY_START = 0, KEY_END = 1, VALUE_START = 2, VALUE_END = 3, STRIDE = 4;
        private static final int TEXT_CACHE_SLOTS = 256, MAX_CACHED_TEXT = 64;

        private String line;
        private int bodyStart;
        private int nrFields;
        private int[] spans = new int[16 * STRIDE];
        // Call sites, gfp_flags and cache names repeat from line to line: the last text seen in each hash slot is
        // handed out again instead of a new copy.
        private final String[] texts = new String[TEXT_CACHE_SLOTS];

        void read(String line, int from) {
            this.line = line;
            nrFields = 0;
            int i = from;
            while (i < line.length() && line.charAt(i) == ' ') i++;
            bodyStart = i;
            for (int p = i; p < line.length(); p++) {
                boolean atToken = p == i || line.charAt(p - 1) == ' ';
                if (!atToken) continue;
                int q = p;
                while (q < line.length() && isKeyChar(line.charAt(q))) q++;
                if (q > p && q < line.length() && line.charAt(q) == '=') {
                    if (nrFields > 0) spans[(nrFields - 1) * STRIDE + VALUE_END] = trimEnd(p);
                    add(p, q);
                    p = q;
                }
            }
        }

        private static boolean isKeyChar(char c) {
            return (c >= 'a' && c <= 'z') || c == '_' || (c >= 0x80 && Character.isLowerCase(c));
        }

        private void add(int keyStart, int keyEnd) {
            if ((nrFields + 1) * STRIDE > spans.length) spans = java.util.Arrays.copyOf(spans, spans.length * 2);
            int at = nrFields++ * STRIDE;
            spans[at + KEY_START] = keyStart;
            spans[at + KEY_END] = keyEnd;
            spans[at + VALUE_START] = keyEnd + 1;
            spans[at + VALUE_END] = line.length();
        }

        private int trimEnd(int p) {
            while (p > 0 && line.charAt(p - 1) == ' ') p--;
            return p;
        }

        /** The first field named {@code key}, or -1. */
        private int find(String key) {
            for (int f = 0; f < nrFields; f++) {
                int at = f * STRIDE;
                if (spans[at + KEY_END] - spans[at + KEY_START] == key.length() && line.startsWith(key, spans[at + KEY_START]))
                    return at;
            }
            return -1;
        }

        boolean has(String key) { return find(key) >= 0; }

        private int index(String key) {
            int at = find(key);
            if (at < 0) throw new BadField(bodyStart + 1, "no " + key + "= field");
            return at;
        }

        private int column(int at) { return spans[at + VALUE_START] + 1; }

        /** The value's start, as String.trim() would leave it; throws when nothing is left. */
        private int valueStart(int at, String key) {
            int a = spans[at + VALUE_START];
            if (a == valueEnd(at)) throw new BadField(a + 1, key + "= has no value");
            while (line.charAt(a) <= ' ') a++;
            return a;
        }

        /** The value's end, as String.trim() would leave it. */
        private int valueEnd(int at) {
            int a = spans[at + VALUE_START], b = spans[at + VALUE_END];
            while (b > a && line.charAt(b - 1) <= ' ') b--;
            return b;
        }

        String text(String key) {
            int at = index(key);
            return cached(valueStart(at, key), valueEnd(at));
        }

        /** The fields option prints "0xcc0 (3264)": the number is what comes first. */
        private int firstWordEnd(int at, int a) {
            int b = valueEnd(at);
            int space = line.indexOf(' ', a);
            return space < 0 || space > b ? b : space;
        }

        long number(String key) { return number(index(key), key); }

        private long number(int at, String key) {
            int a = valueStart(at, key), b = valueEnd(at);
            if (line.charAt(b - 1) == ')') {                                             // fields: the decimal
                int open = line.indexOf('(', a);
                if (open >= 0 && open < b) { a = open + 1; b--; }
            }
            try {
                if (b - a >= 2 && line.charAt(a) == '0' && line.charAt(a + 1) == 'x') return hex(a + 2, b);
                return decimal(a, b);
            } catch (NumberFormatException e) {
                throw new BadField(column(at), key + "=" + line.substring(a, b) + " is not a number");
            }
        }

        /**
         * Long.parseUnsignedLong(line, a, b, 16), by hand for up to 15 ASCII hex digits (every pfn and address a trace
         * prints): the library's general path is a measurable part of a replay. Anything else goes to the library.
         */
        private long hex(int a, int b) {
            if (b - a < 1 || b - a > 15) return Long.parseUnsignedLong(line, a, b, 16);
            long v = 0;
            for (int i = a; i < b; i++) {
                char c = line.charAt(i);
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) return Long.parseUnsignedLong(line, a, b, 16);
                v = v << 4 | d;
            }
            return v;
        }

        /** Long.parseLong(line, a, b, 10), by hand for an optional '-' and up to 18 ASCII digits; else the library. */
        private long decimal(int a, int b) {
            int i = a < b && line.charAt(a) == '-' ? a + 1 : a;
            if (b - i < 1 || b - i > 18) return Long.parseLong(line, a, b, 10);
            long v = 0;
            for (; i < b; i++) {
                char c = line.charAt(i);
                if (c < '0' || c > '9') return Long.parseLong(line, a, b, 10);
                v = v * 10 + (c - '0');
            }
            return line.charAt(a) == '-' ? -v : v;
        }

        int order(String key) {
            int at = index(key);
            long v = number(at, key);
            if (v < 0 || v > 30) throw new BadField(column(at), key + "=" + v + " is not a page order");
            return (int) v;
        }

        int migratetype(String key) {
            int at = index(key);
            long v = number(at, key);
            if (v < 0 || v > 15) throw new BadField(column(at), key + "=" + v + " is not a migrate type");
            return (int) v;
        }

        long pfn() {
            int at = index("pfn");
            long v = number(at, "pfn");
            if (v < 0) throw new BadField(column(at), "pfn=" + v + " is negative");
            return v;
        }

        String gfp() {
            int at = index("gfp_flags"), a = valueStart(at, "gfp_flags");
            return cached(a, firstWordEnd(at, a));
        }

        /** NULL in every spelling a trace uses, so that a kfree(NULL) is recognised. */
        String pointer(String key) {
            int at = index(key), a = valueStart(at, key), b = firstWordEnd(at, a);
            return isNull(a, b) ? "NULL" : line.substring(a, b);
        }

        private boolean isNull(int a, int b) {
            if (line.startsWith("(null)", a) && b - a == 6 || line.startsWith("(nil)", a) && b - a == 5
                    || line.startsWith("0x0", a) && b - a == 3) return true;
            for (int i = a; i < b; i++) if (line.charAt(i) != '0') return false;
            return true;
        }

        /** mm_page_alloc of a failed allocation: a NULL page, pfn 0. */
        boolean failed() {
            int at = find("page");
            if (at < 0) return false;
            int a = valueStart(at, "page");
            return isNull(a, firstWordEnd(at, a));
        }

        /** {@code line[a, b)}, the same String as the last time this text was seen in its slot. */
        private String cached(int a, int b) {
            if (b - a > MAX_CACHED_TEXT) return line.substring(a, b);
            int h = 0;
            for (int i = a; i < b; i++) h = 31 * h + line.charAt(i);
            int slot = (h ^ (h >>> 16)) & (TEXT_CACHE_SLOTS - 1);
            String t = texts[slot];
            if (t == null || t.length() != b - a || !line.startsWith(t, a)) texts[slot] = t = line.substring(a, b);
            return t;
        }
    }
}
