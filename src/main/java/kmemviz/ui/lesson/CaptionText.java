package kmemviz.ui.lesson;

import java.util.ArrayList;
import java.util.List;

/**
 * The markup of a note: {@code `code`} spans (monospace) and {@code *emphasis*} (italics) in plain text, as the
 * lesson contract defines it. A marker with no closing partner is kept as text, so a note never loses characters.
 * Inside a code span a star is text ({@code `*p`}).
 */
public final class CaptionText {
    private CaptionText() {}

    public enum Style { PLAIN, CODE, EMPHASIS }

    /** A run of text in one style. */
    public record Span(String text, Style style) {
        public Span {
            if (text.isEmpty()) throw new IllegalArgumentException("a caption span has text");
        }
    }

    /** The spans of {@code note}, in order; adjacent plain text is one span. */
    public static List<Span> spans(String note) {
        List<Span> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < note.length()) {
            char c = note.charAt(i);
            int close = (c == '`' || c == '*') ? note.indexOf(c, i + 1) : -1;
            if (close > i + 1) {
                flush(plain, out);
                out.add(new Span(note.substring(i + 1, close), c == '`' ? Style.CODE : Style.EMPHASIS));
                i = close + 1;
            } else {
                plain.append(c);
                i++;
            }
        }
        flush(plain, out);
        return out;
    }

    private static void flush(StringBuilder plain, List<Span> out) {
        if (plain.length() == 0) return;
        out.add(new Span(plain.toString(), Style.PLAIN));
        plain.setLength(0);
    }
}
