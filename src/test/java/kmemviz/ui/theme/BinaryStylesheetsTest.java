package kmemviz.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.css.CssParser;
import javafx.css.Declaration;
import javafx.css.ParsedValue;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import javafx.css.converter.URLConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build writes a binary twin (.bss) beside each of our stylesheets, and JavaFX reads the twin in its place: the
 * twin must say exactly what its .css says, or the window would look different from the stylesheet its author
 * edited. A twin keeps the path it was made from for relative {@code url()}s, which would then point into the build
 * folder: our sheets have none (primer.css has AtlantaFX's {@code data:} images and class-path paths, which need no base).
 */
class BinaryStylesheetsTest {
    /** A url() as {@link #text(Object)} writes it, without the stylesheet it is relative to. */
    private static final Pattern URL_VALUE = Pattern.compile("url\\((\\S+)\\)");

    @ParameterizedTest
    @ValueSource(strings = {"/kmemviz/ui/theme/primer.css", "/kmemviz/ui/theme/kmemviz.css", "/kmemviz/ui/theme/presentation.css", "/kmemviz/ui/view/lesson/lesson.css"})
    void theBinaryTwinHasTheRulesOfItsStylesheet(String css) throws IOException {
        URL source = BinaryStylesheetsTest.class.getResource(css);
        URL binary = BinaryStylesheetsTest.class.getResource(css.replaceFirst("\\.css$", ".bss"));
        assertThat(binary).as("the build's binary-css step wrote a twin of " + css).isNotNull();
        Stylesheet parsed = new CssParser().parse(source);
        Stylesheet loaded = Stylesheet.loadBinary(binary);
        assertThat(parsed.getRules()).extracting(BinaryStylesheetsTest::text).as("no relative url() in " + css)
                .allMatch(rule -> URL_VALUE.matcher(rule).results().allMatch(m -> m.group(1).startsWith("data:") || m.group(1).startsWith("/")));
        assertThat(loaded.getRules()).hasSize(parsed.getRules().size()).hasSizeGreaterThan(0);
        for (int i = 0; i < parsed.getRules().size(); i++)
            assertThat(text(loaded.getRules().get(i))).as("rule %d of %s", i, css).isEqualTo(text(parsed.getRules().get(i)));
    }

    /**
     * A rule's selectors and declarations, values written out to the leaves ({@code Rule.toString} leaves out a binary
     * rule's declarations, decoded on first use, and {@code ParsedValue.toString} prints some arrays by identity).
     */
    private static String text(Rule r) {
        StringBuilder b = new StringBuilder(r.getSelectors().toString()).append(" {");
        for (Declaration d : r.getDeclarations())
            b.append(' ').append(d.getProperty()).append(": ").append(text(d.getParsedValue())).append(d.isImportant() ? " !important;" : ";");
        return b.append(" }").toString();
    }

    /** A url() without the stylesheet it is read against: the .css's path here, the .bss's in its twin. */
    private static String text(Object v) {
        if (v instanceof ParsedValue<?, ?> p && p.getConverter() instanceof URLConverter && p.getValue() instanceof ParsedValue<?, ?>[] urlAndBase)
            return "url(" + urlAndBase[0].getValue() + ")";
        if (v instanceof ParsedValue<?, ?> p)
            return (p.isContainsLookups() ? "lookup " : "") + text(p.getValue())
                    + (p.getConverter() == null ? "" : " as " + p.getConverter().getClass().getSimpleName());
        if (v instanceof Object[] a) return Arrays.stream(a).map(BinaryStylesheetsTest::text).collect(Collectors.joining(", ", "[", "]"));
        return String.valueOf(v);
    }
}
