package kmemviz.core.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressLayoutTest {
    @Test
    void x86_64DirectMapStartsAtPageOffsetBaseAndRoundTrips() {
        AddressLayout l = AddressLayout.x86_64();
        assertThat(l.directMapAddress(0x100)).isEqualTo(0xffff888000100000L);
        assertThat(l.pfnOfDirectMap(0xffff888123456789L)).isEqualTo(0x123456);
        assertThat(l.pfnOfDirectMap(0xffffc90000000000L)).isEqualTo(-1);
        assertThat(l.regionOf(0xffffc90000012345L).name()).startsWith("vmalloc");
        assertThat(l.regionOf(0xffffffff81000000L).name()).startsWith("kernel text");
    }

    @Test
    void x86_64VmallocTotalIs32TerabytesMinusOneByte() {
        AddressLayout l = AddressLayout.x86_64();
        assertThat((l.vmallocEnd() - l.vmallocStart()) >> 10).isEqualTo(34359738367L);
    }

    @Test
    void i386With1GiBHasThe880MiBLowmemLayoutOfTheReference() {
        AddressLayout l = AddressLayout.i386(0x40000);
        assertThat(l.vmallocStart()).isEqualTo(0xf77fe000L);
        assertThat(l.vmallocEnd()).isEqualTo(0xfeffe000L);
        assertThat((l.vmallocEnd() - l.vmallocStart()) >> 10).isEqualTo(122880);
        assertThat(l.directMapEndPfn()).isEqualTo(0x36ffe);
        assertThat(l.directMapAddress(0x1000)).isEqualTo(0xc1000000L);
        assertThat(l.directMapAddress(0x36ffe)).as("first HighMem frame").isEqualTo(-1);
        assertThat(l.regionOf(0xff000000L).name()).startsWith("pkmap");
    }

    @Test
    void i386WithLittleRamPutsVmallocEightMiBAboveTheEndOfRam() {
        AddressLayout l = AddressLayout.i386(0x8000);     // 128 MiB
        assertThat(l.vmallocStart()).isEqualTo(0xc0000000L + (128L << 20) + (8L << 20));
    }

    @Test
    void hexPrintsLikePercentPxWithoutPrefix() {
        assertThat(AddressLayout.hex(0xffff888000100000L, true)).isEqualTo("ffff888000100000");
        assertThat(AddressLayout.hex(0x1000, true)).isEqualTo("0000000000001000");
        assertThat(AddressLayout.hex(0xc0001000L, false)).isEqualTo("c0001000");
    }

    @Test
    void regionsAreOrderedAndDoNotOverlap() {
        for (AddressLayout l : new AddressLayout[] {AddressLayout.x86_64(), AddressLayout.i386(0x40000)}) {
            Region prev = null;
            for (Region r : l.regions()) {
                if (prev != null) assertThat(r.start()).as(r.name()).isEqualTo(prev.end());
                prev = r;
            }
        }
    }
}
