package kmemviz.core.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesDisplayTest {
    @Test
    void displayGroupsDigitsAndSpacesTheUnitWhileFormatStaysTheScriptsSpelling() {
        assertThat(Sizes.display(884_728L << 10)).isEqualTo("884,728 KiB");
        assertThat(Sizes.format(884_728L << 10)).isEqualTo("884728KiB");
        assertThat(Sizes.display(1004L << 10)).isEqualTo("1,004 KiB");
        assertThat(Sizes.display(3L << 20)).isEqualTo("3 MiB");
        assertThat(Sizes.display(16L << 30)).isEqualTo("16 GiB");
        assertThat(Sizes.display(100)).isEqualTo("100 bytes");
        assertThat(Sizes.display(1)).isEqualTo("1 byte");
    }
}
