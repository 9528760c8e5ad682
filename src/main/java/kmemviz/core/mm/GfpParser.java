package kmemviz.core.mm;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a GFP expression as C code writes one: terms joined by {@code |}, with any spacing.
 *
 * <pre>
 * expression = term { "|" term }
 * term       = name | number
 * name       = C identifier, case-sensitive: a bit or composite of {@link Gfp}, or an old or configured-out name
 * number     = "0x" hex digits | decimal without a leading 0, optionally ending in u or U; at most 32 bits
 * </pre>
 *
 * Old names from 2.6 to 6.2 kernels are read as what replaced them, and each adds a note. A number may set
 * bits that no flag defines: it parses, {@link Gfp#format(int)} shows them in hex and
 * {@link Gfp#invalidReason(int)} reports them. Columns in errors are 1-based.
 */
public final class GfpParser {

    /** What an old or configured-out name reads as, and the note that says so. */
    private record Alias(int mask, String note) {}

    private static final String READ_AS_ZERO = "; read as 0";

    private static final Map<String, Alias> ALIASES = Map.ofEntries(
            Map.entry("__GFP_WAIT", new Alias(Gfp.RECLAIM, "__GFP_WAIT was replaced in 4.4 by "
                    + "__GFP_DIRECT_RECLAIM|__GFP_KSWAPD_RECLAIM (commit d0164adc89f6); read as __GFP_RECLAIM")),
            Map.entry("__GFP_REPEAT", new Alias(Gfp.RETRY_MAYFAIL, "__GFP_REPEAT was replaced in 4.13 by "
                    + "__GFP_RETRY_MAYFAIL (commit dcda9b04); read as __GFP_RETRY_MAYFAIL")),
            Map.entry("__GFP_COLD", new Alias(0, "__GFP_COLD was removed in 4.15 with no replacement" + READ_AS_ZERO)),
            Map.entry("__GFP_NOTRACK", new Alias(0, "__GFP_NOTRACK was removed with kmemcheck (gone in 4.15 and "
                    + "in 4.14.y)" + READ_AS_ZERO)),
            Map.entry("__GFP_NOTRACK_FALSE_POSITIVE", new Alias(0, "__GFP_NOTRACK_FALSE_POSITIVE was removed with "
                    + "kmemcheck (gone in 4.15 and in 4.14.y)" + READ_AS_ZERO)),
            Map.entry("GFP_TEMPORARY", new Alias(Gfp.KERNEL, "GFP_TEMPORARY (GFP_KERNEL|__GFP_RECLAIMABLE) was "
                    + "removed in 4.14 in favour of GFP_KERNEL; read as GFP_KERNEL")),
            Map.entry("GFP_IOFS", new Alias(Gfp.IO | Gfp.FS, "GFP_IOFS was removed in 4.4; read as "
                    + "__GFP_IO|__GFP_FS")),
            Map.entry("__GFP_ATOMIC", new Alias(0, "__GFP_ATOMIC was removed in about 6.3 (present in 6.2, absent "
                    + "in 6.8): 'cannot block' is now 'no __GFP_DIRECT_RECLAIM'" + READ_AS_ZERO)),
            Map.entry("__GFP_NO_KSWAPD", new Alias(0, "__GFP_NO_KSWAPD was removed in 4.4: the new way is to clear "
                    + "__GFP_KSWAPD_RECLAIM, which '|' cannot express" + READ_AS_ZERO)),
            Map.entry("__GFP_NOACCOUNT", new Alias(0, "__GFP_NOACCOUNT was removed in about 4.5, when accounting "
                    + "became opt-in with __GFP_ACCOUNT" + READ_AS_ZERO)),
            Map.entry("__GFP_OTHER_NODE", new Alias(0, "__GFP_OTHER_NODE was removed in 4.10" + READ_AS_ZERO)),
            Map.entry("__GFP_SKIP_KASAN_POISON", new Alias(Gfp.SKIP_KASAN, "__GFP_SKIP_KASAN_POISON was merged into "
                    + "__GFP_SKIP_KASAN (6.3-6.8), which is 0 without CONFIG_KASAN_HW_TAGS" + READ_AS_ZERO)),
            Map.entry("__GFP_SKIP_KASAN_UNPOISON", new Alias(Gfp.SKIP_KASAN, "__GFP_SKIP_KASAN_UNPOISON was merged "
                    + "into __GFP_SKIP_KASAN (6.3-6.8), which is 0 without CONFIG_KASAN_HW_TAGS" + READ_AS_ZERO)),
            Map.entry("__GFP_SKIP_KASAN", new Alias(Gfp.SKIP_KASAN, "__GFP_SKIP_KASAN is 0 without "
                    + "CONFIG_KASAN_HW_TAGS (arm64 only)")),
            Map.entry("__GFP_SKIP_ZERO", new Alias(Gfp.SKIP_ZERO, "__GFP_SKIP_ZERO is 0 without "
                    + "CONFIG_KASAN_HW_TAGS (arm64 only)")),
            Map.entry("__GFP_NOLOCKDEP", new Alias(Gfp.NOLOCKDEP, "__GFP_NOLOCKDEP is 0 in this configuration "
                    + "(CONFIG_LOCKDEP=n)")));

    /**
     * The longest expression read, 64 KiB: far above any real mask (all the names at once are under 1 KiB), and
     * small enough that a rejected one costs nothing.
     */
    public static final int MAX_CHARS = 64 * 1024;

    /** A typo this far from a known name, or closer, gets a "did you mean". */
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private final String text;
    private final Set<String> notes = new LinkedHashSet<>();
    private int pos;

    private GfpParser(String text) { this.text = text; }

    /**
     * Parses {@code text}, such as {@code "GFP_KERNEL | __GFP_ZERO"} or {@code "0xcc0"}.
     *
     * @throws GfpParseException naming the offending token, its column and what was expected
     */
    public static ParsedGfp parse(String text) {
        if (text != null && text.length() > MAX_CHARS) {
            throw new GfpParseException("GFP expression of " + text.length() + " characters: at most " + MAX_CHARS
                    + " are read", MAX_CHARS + 1);
        }
        return new GfpParser(text == null ? "" : text).expression();
    }

    private ParsedGfp expression() {
        skipSpaces();
        if (atEnd()) {
            throw new GfpParseException("empty GFP expression: expected a flag name or number", column());
        }
        int mask = term("");
        for (skipSpaces(); !atEnd(); skipSpaces()) {
            if (text.charAt(pos) != '|') {
                throw new GfpParseException("expected '|' before '" + shown(tokenAt(pos)) + "' at column " + column(),
                        column());
            }
            int barColumn = column();
            pos++;
            skipSpaces();
            if (atEnd()) {
                throw new GfpParseException("expected a flag name or number after '|' at column " + barColumn,
                        barColumn);
            }
            mask |= term(" after '|'");
        }
        return new ParsedGfp(mask, notes.stream().toList());
    }

    /** One name or number at {@code pos}; {@code context} says where it stands, for the error text. */
    private int term(String context) {
        char first = text.charAt(pos);
        if (Character.isLetter(first) || first == '_') {
            return name();
        }
        if (Character.isDigit(first)) {
            return number();
        }
        throw new GfpParseException("expected a flag name or number" + context + " but found '" + first
                + "' at column " + column() + " (only names, numbers and '|' are allowed)", column());
    }

    private int name() {
        int start = pos;
        String name = word();
        var known = Gfp.byName(name);
        if (known.isPresent()) {
            return known.get().mask();
        }
        Alias alias = ALIASES.get(name);
        if (alias != null) {
            notes.add(alias.note());
            return alias.mask();
        }
        String message = "unknown GFP flag '" + shown(name) + "' at column " + (start + 1);
        String suggestion = suggest(name);
        throw new GfpParseException(suggestion == null ? message : message + " (did you mean " + suggestion + "?)",
                start + 1);
    }

    /** A C integer literal of at most 32 bits, like the unsigned int behind gfp_t. */
    private int number() {
        int column = column();
        String literal = word();
        String digits = literal.endsWith("u") || literal.endsWith("U")
                ? literal.substring(0, literal.length() - 1) : literal;
        boolean hex = digits.startsWith("0x") || digits.startsWith("0X");
        if (!hex && digits.length() > 1 && digits.charAt(0) == '0') {
            throw new GfpParseException("number '" + shown(literal) + "' at column " + column + " starts with 0, which C "
                    + "reads as octal: write it in hex (0x...) or without the leading 0", column);
        }
        long value;
        try {
            value = hex ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            boolean wellFormed = (hex ? digits.substring(2) : digits).matches(hex ? "[0-9a-fA-F]+" : "[0-9]+");
            throw wellFormed ? tooLarge(literal, column)
                    : new GfpParseException("malformed number '" + shown(literal) + "' at column " + column
                            + ": expected decimal digits or 0x and hex digits", column);
        }
        if (value > 0xffff_ffffL) {
            throw tooLarge(literal, column);
        }
        return (int) value;
    }

    private static GfpParseException tooLarge(String literal, int column) {
        return new GfpParseException("number '" + shown(literal) + "' at column " + column
                + " does not fit in the 32-bit gfp_t", column);
    }

    /** The closest known name, or null: same letters in another case, a missing prefix, or a small typo. */
    private static String suggest(String name) {
        var candidates = Stream.concat(Stream.concat(Gfp.bits().stream(), Gfp.composites().stream())
                .map(GfpBit::name), ALIASES.keySet().stream()).toList();
        String upper = name.toUpperCase(Locale.ROOT);
        for (String candidate : candidates) {
            if (candidate.equals(upper) || candidate.equals("__GFP_" + upper) || candidate.equals("GFP_" + upper)) {
                return candidate;
            }
        }
        String best = null;
        int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
        for (String candidate : candidates) {
            // The distance is at least the difference in length: skip the O(n*m) table for a name that cannot
            // be close (a 64 KiB token would otherwise cost a table per candidate).
            if (Math.abs(name.length() - candidate.length()) > MAX_SUGGESTION_DISTANCE) {
                continue;
            }
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance, with one row of the table kept at a time. */
    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                int substitute = diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(above, row[j - 1]) + 1);
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** A token as an error message quotes it: a long one is cut, so that a 64 KiB token gives a one-line error. */
    private static String shown(String token) {
        return token.length() <= MAX_SHOWN_CHARS ? token : token.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    private static final int MAX_SHOWN_CHARS = 60;

    /** The identifier or number starting at {@code pos}; advances past it. */
    private String word() {
        int start = pos;
        pos = wordEnd(pos);
        return text.substring(start, pos);
    }

    /** The token starting at {@code at}, for error text: a whole word, or the single character. */
    private String tokenAt(int at) {
        int end = wordEnd(at);
        return text.substring(at, end == at ? at + 1 : end);
    }

    private int wordEnd(int at) {
        int end = at;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() { return pos == text.length(); }

    private int column() { return pos + 1; }
}
