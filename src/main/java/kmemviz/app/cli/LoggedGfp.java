package kmemviz.app.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GFP mask in a line pasted from a kernel log, in the forms the kernel prints:
 * <pre>
 * warn_alloc():     kworker/u8:2: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null)
 * dump_header():    bash invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0
 * trace events:     kmalloc: call_site=... bytes_req=100 bytes_alloc=128 gfp_flags=GFP_KERNEL|__GFP_ZERO node=-1
 * </pre>
 * The first two print {@code %#x(%pGg)}: the number, then its names ({@code %#x} of 0 is "0", and %pGg of 0 is
 * empty). Trace events print only the names, or "none" for 0 (show_gfp_flags() in include/trace/events/mmflags.h).
 *
 * @param key    {@code mode:}, {@code gfp_mask=} or {@code gfp_flags=}
 * @param number the number as printed, or null when the log gives only names
 * @param names  the names as printed, or null when the log gives only a number
 */
record LoggedGfp(String key, String number, String names) {
    private static final Pattern NUMBER_AND_NAMES =
            Pattern.compile("(?<![\\w])(mode:|gfp_mask=)(0x[0-9a-fA-F]+|0)(?:\\(([^()]*)\\))?");
    private static final Pattern NAMES_ONLY = Pattern.compile("(?<![\\w])(gfp_flags=)([^\\s,()]+)");

    /** The first GFP mask in {@code line}, or empty if the line holds none of the keys above. */
    static Optional<LoggedGfp> find(String line) {
        Matcher m = NUMBER_AND_NAMES.matcher(line);
        if (m.find()) return Optional.of(new LoggedGfp(m.group(1), m.group(2), m.group(3)));
        m = NAMES_ONLY.matcher(line);
        if (m.find()) return Optional.of(new LoggedGfp(m.group(1), null, m.group(2).equals("none") ? "" : m.group(2)));
        return Optional.empty();
    }

    /** The expression to decode: the number when there is one, since the names come from it. */
    String expression() { return number != null ? number : names.isEmpty() ? "0" : names; }

    /** As it stood in the log. */
    String text() {
        return key + (number != null ? number + (names != null ? "(" + names + ")" : "") : names.isEmpty() ? "none" : names);
    }
}
