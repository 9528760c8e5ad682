package kmemviz.ui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.ui.lesson.CaptionText.Span;
import kmemviz.ui.lesson.CaptionText.Style;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

/** A note's markup: `code` and *emphasis* spans, and text that is never lost. */
class CaptionTextTest {

    @Test
    void codeAndEmphasisSpansAreCutOutOfThePlainText() {
        assertThat(CaptionText.spans("kmalloc(100) takes *128* bytes from `kmalloc-128`.")).containsExactly(
                new Span("kmalloc(100) takes ", Style.PLAIN), new Span("128", Style.EMPHASIS),
                new Span(" bytes from ", Style.PLAIN), new Span("kmalloc-128", Style.CODE), new Span(".", Style.PLAIN));
    }

    @Test
    void aStarInsideCodeIsText() {
        assertThat(CaptionText.spans("`*p` is the object")).containsExactly(
                new Span("*p", Style.CODE), new Span(" is the object", Style.PLAIN));
    }

    @Test
    void aMarkerWithoutItsPartnerOrAroundNothingStaysText() {
        assertThat(CaptionText.spans("2 * 3 = 6, and `` is empty")).containsExactly(new Span("2 * 3 = 6, and `` is empty", Style.PLAIN));
        assertThat(CaptionText.spans("")).isEmpty();
    }

    /** Only the markers of the spans go: every other character stays, in order, and plain runs are merged. */
    @Property(tries = 2000)
    void noCharacterIsLostAndPlainRunsAreMerged(@ForAll @StringLength(max = 40) @Chars({'a', ' ', '`', '*', 'b'}) String note) {
        List<Span> spans = CaptionText.spans(note);
        int marked = (int) spans.stream().filter(s -> s.style() != Style.PLAIN).count();
        assertThat(spans.stream().mapToInt(s -> s.text().length()).sum() + 2 * marked).isEqualTo(note.length());
        StringBuilder rebuilt = new StringBuilder();
        for (Span s : spans) {
            String marker = s.style() == Style.CODE ? "`" : s.style() == Style.EMPHASIS ? "*" : "";
            rebuilt.append(marker).append(s.text()).append(marker);
        }
        assertThat(rebuilt.toString()).isEqualTo(note);
        for (int i = 1; i < spans.size(); i++)
            assertThat(spans.get(i - 1).style() == Style.PLAIN && spans.get(i).style() == Style.PLAIN).isFalse();
    }
}
