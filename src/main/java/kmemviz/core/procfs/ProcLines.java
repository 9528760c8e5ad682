package kmemviz.core.procfs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines of a captured /proc file, numbered from 1, without CR line ends or trailing blanks (procfs prints a
 * trailing space on every buddyinfo and pagetypeinfo row; mail and web copies lose it). Rows that a mail client
 * wrapped are joined back: a table row continues on each following line that does not begin a new row.
 */
final class ProcLines {
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern LINE_END = Pattern.compile("\r?\n|\r");

    record Line(int number, String text) {}

    private ProcLines() {}

    static List<Line> of(String text) {
        String[] raw = LINE_END.split(text, -1);
        List<Line> lines = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) lines.add(new Line(i + 1, stripEnd(raw[i])));
        return lines;
    }

    /**
     * Table rows start with rowStart (e.g. "Node "); a non-blank line that does not, and follows a row, is the rest
     * of that row wrapped by a mail client.
     */
    static List<Line> joinWrapped(List<Line> lines, String rowStart) {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            boolean continuation = !out.isEmpty() && !l.text().isBlank() && !l.text().stripLeading().startsWith(rowStart)
                    && out.get(out.size() - 1).text().stripLeading().startsWith(rowStart)
                    && Character.isDigit(l.text().strip().charAt(0));
            if (continuation) {
                Line prev = out.remove(out.size() - 1);
                out.add(new Line(prev.number(), prev.text() + " " + l.text().strip()));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    private static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) end--;
        return s.substring(0, end);
    }

    /** Whitespace-separated words; tabs from `paste` and runs of spaces alike. */
    static String[] words(String s) {
        String t = s.strip();
        return t.isEmpty() ? new String[0] : BLANKS.split(t);
    }

    /** A non-negative decimal count, or -1 when the word is not one. */
    static long count(String word) {
        if (word.isEmpty() || word.length() > 19) return -1;
        for (int i = 0; i < word.length(); i++) if (!Character.isDigit(word.charAt(i))) return -1;
        return Long.parseLong(word);
    }
}
