package kmemviz.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

class ViewColourTest {
    private static final Pattern PROPERTY = Pattern.compile("(-kmv-[a-z0-9-]+)\\s*:");

    private static Set<String> propertiesSetIn(String stylesheet) throws IOException {
        try (InputStream in = ViewColourTest.class.getResourceAsStream("/kmemviz/ui/theme/" + stylesheet)) {
            assertThat(in).as(stylesheet).isNotNull();
            Matcher m = PROPERTY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> out = new TreeSet<>();
            while (m.find()) out.add(m.group(1));
            return out;
        }
    }

    @Test
    void theCssPropertyIsTheNameInLowerCaseWithHyphens() {
        assertThat(ViewColour.PAGE_CACHE.cssProperty()).isEqualTo("-kmv-page-cache");
        assertThat(ViewColour.PAGE_4K.cssProperty()).isEqualTo("-kmv-page-4k");
        assertThat(ViewColour.FREE.cssProperty()).isEqualTo("-kmv-free");
    }

    @Test
    void eachOwnerAndZoneHasTheColourOfItsName() {
        for (Owner o : Owner.values()) assertThat(ViewColour.of(o).name()).isEqualTo(o.name());
        for (ZoneType z : ZoneType.values()) assertThat(ViewColour.of(z).name()).isEqualTo("ZONE_" + z.name());
    }

    @Test
    void theStylesheetsSetEveryColourAndNoOtherKmvProperty() throws IOException {
        Set<String> known = Arrays.stream(ViewColour.values()).map(ViewColour::cssProperty).collect(Collectors.toSet());
        Set<String> set = propertiesSetIn("kmemviz.css");
        assertThat(set).as("a property no view reads (a typo, or a view's old name)").isSubsetOf(known);
        assertThat(propertiesSetIn("presentation.css")).isSubsetOf(known);
        assertThat(known).as("a colour no stylesheet sets paints grey").isSubsetOf(set);
    }
}
