package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GfpParserTest {

    @ParameterizedTest(name = "\"{0}\" = {1}")
    @CsvSource(delimiter = ';', value = {
            "GFP_KERNEL | __GFP_ZERO; 0xdc0",
            "GFP_KERNEL|__GFP_ZERO; 0xdc0",
            "0xcc0; 0xcc0",
            "0XCC0; 0xcc0",
            "3264; 0xcc0",
            "0; 0x0",
            "0x200u; 0x200",
            "GFP_KERNEL|__GFP_DMA; 0xcc1",
            "GFP_KERNEL|GFP_DMA; 0xcc1",
            "GFP_DMA32; 0x4",
            "__GFP_RECLAIM | __GFP_IO | __GFP_FS; 0xcc0",
            "GFP_KERNEL | GFP_KERNEL; 0xcc0",
            "GFP_HIGHUSER_MOVABLE|__GFP_COMP; 0x140cca",
            "0xffffffff; 0xffffffff",
            "4294967295; 0xffffffff",
            "GFP_KERNEL | 0x2000000; 0x2000cc0"})
    void parsesOrOfNamesAndNumbers(String text, String hex) {
        ParsedGfp parsed = GfpParser.parse(text);
        assertThat(parsed.mask()).isEqualTo(Integer.parseUnsignedInt(hex.substring(2), 16));
        assertThat(parsed.notes()).isEmpty();
    }

    @Test
    void whitespaceOfAnyKindIsIgnored() {
        assertThat(GfpParser.parse("  GFP_KERNEL\t|\n__GFP_ZERO  ").mask()).isEqualTo(0xdc0);
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = ';', value = {
            "__GFP_WAIT; 0xc00; replaced in 4.4 by __GFP_DIRECT_RECLAIM|__GFP_KSWAPD_RECLAIM (commit d0164adc89f6)",
            "__GFP_REPEAT; 0x4000; replaced in 4.13 by __GFP_RETRY_MAYFAIL",
            "__GFP_COLD; 0x0; removed in 4.15",
            "__GFP_NOTRACK; 0x0; removed with kmemcheck",
            "GFP_TEMPORARY; 0xcc0; removed in 4.14 in favour of GFP_KERNEL",
            "GFP_IOFS; 0xc0; read as __GFP_IO|__GFP_FS",
            "__GFP_ATOMIC; 0x0; 'cannot block' is now 'no __GFP_DIRECT_RECLAIM'",
            "__GFP_NO_KSWAPD; 0x0; clear __GFP_KSWAPD_RECLAIM",
            "__GFP_NOLOCKDEP; 0x0; CONFIG_LOCKDEP=n",
            "__GFP_SKIP_KASAN; 0x0; CONFIG_KASAN_HW_TAGS"})
    void oldAndConfiguredOutNamesParseWithANote(String name, String hex, String noteFragment) {
        ParsedGfp parsed = GfpParser.parse(name);
        assertThat(parsed.mask()).isEqualTo(Integer.decode(hex));
        assertThat(parsed.notes()).singleElement().asString().startsWith(name).contains(noteFragment);
    }

    @Test
    void oldNamesCombineWithNewOnesAndEachNoteAppearsOnce() {
        ParsedGfp parsed = GfpParser.parse("__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_COLD | __GFP_WAIT");
        assertThat(parsed.mask()).isEqualTo(Gfp.KERNEL);
        assertThat(parsed.notes()).hasSize(2);
        assertThat(parsed.notes().get(0)).startsWith("__GFP_WAIT");
        assertThat(parsed.notes().get(1)).startsWith("__GFP_COLD");
    }

    @Test
    void unknownNameNamesTokenAndColumnAndSuggestsTheClosestName() {
        assertThatThrownBy(() -> GfpParser.parse("GFP_KERNEL | __GFP_ZEROO"))
                .isInstanceOf(GfpParseException.class)
                .hasMessage("unknown GFP flag '__GFP_ZEROO' at column 14 (did you mean __GFP_ZERO?)")
                .extracting(e -> ((GfpParseException) e).column()).isEqualTo(14);
    }

    @Test
    void namesAreCaseSensitiveButTheWrongCaseIsSuggested() {
        assertThatThrownBy(() -> GfpParser.parse("gfp_kernel"))
                .hasMessage("unknown GFP flag 'gfp_kernel' at column 1 (did you mean GFP_KERNEL?)");
    }

    @Test
    void aMissingPrefixIsSuggested() {
        assertThatThrownBy(() -> GfpParser.parse("GFP_KERNEL|NOWARN"))
                .hasMessage("unknown GFP flag 'NOWARN' at column 12 (did you mean __GFP_NOWARN?)");
    }

    @Test
    void aNameFarFromEveryFlagGetsNoSuggestion() {
        assertThatThrownBy(() -> GfpParser.parse("GFP_KERNEL | kmalloc"))
                .hasMessage("unknown GFP flag 'kmalloc' at column 14");
    }

    @Test
    void aTrailingBarNamesItsColumn() {
        assertThatThrownBy(() -> GfpParser.parse("GFP_KERNEL |"))
                .hasMessage("expected a flag name or number after '|' at column 12")
                .extracting(e -> ((GfpParseException) e).column()).isEqualTo(12);
    }

    @Test
    void aDoubledBarNamesTheSecondBar() {
        assertThatThrownBy(() -> GfpParser.parse("GFP_KERNEL || __GFP_ZERO"))
                .hasMessageStartingWith("expected a flag name or number after '|' but found '|' at column 13")
                .extracting(e -> ((GfpParseException) e).column()).isEqualTo(13);
    }

    @Test
    void aLeadingBarIsNotATerm() {
        assertThatThrownBy(() -> GfpParser.parse(" | GFP_KERNEL"))
                .hasMessageStartingWith("expected a flag name or number but found '|' at column 2")
                .extracting(e -> ((GfpParseException) e).column()).isEqualTo(2);
    }

    @Test
    void twoTermsWithoutABarAskForOne() {
        assertThatThrownBy(() -> GfpParser.parse("GFP_KERNEL __GFP_ZERO"))
                .hasMessage("expected '|' before '__GFP_ZERO' at column 12")
                .extracting(e -> ((GfpParseException) e).column()).isEqualTo(12);
    }

    @Test
    void otherOperatorsAreRejectedAtTheirColumn() {
        assertThatThrownBy(() -> GfpParser.parse("GFP_KERNEL & ~__GFP_IO"))
                .hasMessage("expected '|' before '&' at column 12");
        assertThatThrownBy(() -> GfpParser.parse("(GFP_KERNEL)"))
                .hasMessageContaining("found '(' at column 1")
                .extracting(e -> ((GfpParseException) e).column()).isEqualTo(1);
    }

    @Test
    void emptyAndBlankInputAreErrors() {
        assertThatThrownBy(() -> GfpParser.parse(""))
                .isInstanceOf(GfpParseException.class)
                .hasMessage("empty GFP expression: expected a flag name or number");
        assertThatThrownBy(() -> GfpParser.parse("   "))
                .extracting(e -> ((GfpParseException) e).column()).isEqualTo(4);
    }

    @Test
    void numbersThatDoNotFitInGfpTAreErrors() {
        assertThatThrownBy(() -> GfpParser.parse("GFP_KERNEL | 0x100000000"))
                .hasMessage("number '0x100000000' at column 14 does not fit in the 32-bit gfp_t");
        assertThatThrownBy(() -> GfpParser.parse("99999999999999999999999"))
                .hasMessageContaining("does not fit in the 32-bit gfp_t");
    }

    @Test
    void malformedAndOctalLookingNumbersAreErrors() {
        assertThatThrownBy(() -> GfpParser.parse("0xzz"))
                .hasMessageStartingWith("malformed number '0xzz' at column 1");
        assertThatThrownBy(() -> GfpParser.parse("12ab"))
                .hasMessageStartingWith("malformed number '12ab' at column 1");
        assertThatThrownBy(() -> GfpParser.parse("GFP_KERNEL|010"))
                .hasMessageStartingWith("number '010' at column 12 starts with 0, which C reads as octal");
    }

    @Test
    void parseExceptionIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> GfpParser.parse("|")).isInstanceOf(IllegalArgumentException.class);
    }
}
