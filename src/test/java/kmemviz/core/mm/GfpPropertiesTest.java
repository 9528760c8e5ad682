package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class GfpPropertiesTest {

    @Property(tries = 2000)
    void parsingTheFormattedMaskGivesTheMaskBack(@ForAll @IntRange(min = 0, max = Gfp.BITS_MASK) int gfp) {
        String printed = Gfp.format(gfp);
        // %pGg prints nothing for 0, which is not an expression; "0" is how C writes it.
        ParsedGfp parsed = GfpParser.parse(printed.isEmpty() ? "0" : printed);
        assertThat(parsed.mask()).isEqualTo(gfp);
        assertThat(parsed.notes()).isEmpty();
    }

    @Property(tries = 2000)
    void formatNamesEveryBitExactlyOnce(@ForAll int gfp) {
        String printed = Gfp.format(gfp);
        int reassembled = 0;
        for (String term : printed.isEmpty() ? new String[0] : printed.split("\\|")) {
            int mask = term.startsWith("0x") ? Integer.parseUnsignedInt(term.substring(2), 16)
                    : Gfp.byName(term).orElseThrow().mask();
            assertThat(reassembled & mask).as("bits of %s already printed", term).isZero();
            reassembled |= mask;
        }
        assertThat(reassembled).isEqualTo(gfp);
    }

    @Property
    void zoneIsAlwaysOneTheProfileHas(@ForAll int gfp) {
        assertThat(Gfp.zone(gfp, true, false)).isNotEqualTo(ZoneType.HIGHMEM);
        assertThat(Gfp.zone(gfp, false, true)).isNotEqualTo(ZoneType.DMA32);
    }
}
