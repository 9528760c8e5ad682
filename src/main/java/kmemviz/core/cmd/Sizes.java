package kmemviz.core.cmd;

import java.util.Locale;

/** Sizes as the command language writes them: {@code 4096}, {@code 0x1000}, {@code 4KiB}, {@code 2MiB}, {@code 1GiB}. */
public final class Sizes {
    private Sizes() {}

    /**
     * Parses a size in bytes. Negative numbers, unknown units and values that overflow are refused with a message
     * that names the text; callers add where it was.
     */
    public static long parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("expected a size such as 4096, 0x1000, 4KiB or 2MiB");
        if (t.startsWith("-")) throw new IllegalArgumentException("a size cannot be negative: '" + t + "'");
        int unitAt = t.startsWith("0x") || t.startsWith("0X") ? t.length() : firstNonDigit(t);
        String number = t.substring(0, unitAt), unit = t.substring(unitAt).trim();
        long multiplier = switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "kib", "k", "kb" -> 1L << 10;
            case "mib", "m", "mb" -> 1L << 20;
            case "gib", "g", "gb" -> 1L << 30;
            case "tib", "t", "tb" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown size unit '" + unit + "' in '" + t
                    + "' (use B, KiB, MiB or GiB)");
        };
        long value;
        try {
            value = number.startsWith("0x") || number.startsWith("0X")
                    ? Long.parseUnsignedLong(number.substring(2), 16) : Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a size (expected a number, then an optional unit)");
        }
        if (value < 0 || value > Long.MAX_VALUE / multiplier)
            throw new IllegalArgumentException("the size '" + t + "' is too large");
        return value * multiplier;
    }

    private static int firstNonDigit(String t) {
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) i++;
        return i;
    }

    /** The shortest exact form: 4KiB, 2MiB, or plain bytes. */
    /**
     * For reading rather than typing: the largest unit that divides the size, digits grouped and a space before the
     * unit ("1,004 KiB", "884,728 KiB", "3 MiB", "100 bytes"), where {@link #format} gives the script's "884728KiB".
     */
    public static String display(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++)
            if (bytes != 0 && bytes % (1L << shifts[i]) == 0) return String.format("%,d %s", bytes >> shifts[i], units[i]);
        return String.format("%,d byte%s", bytes, bytes == 1 ? "" : "s");
    }

    public static String format(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++)
            if (bytes != 0 && bytes % (1L << shifts[i]) == 0) return (bytes >> shifts[i]) + units[i];
        return Long.toString(bytes);
    }
}
